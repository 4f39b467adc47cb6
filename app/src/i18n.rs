//! The two interface languages. Chinese is the default; `?lang=en` switches, so a copied
//! link keeps its language and the switch works without JavaScript. Metric and city
//! names are not here: they come from the catalogue and the `cities` table.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `en` selects English; anything else (or nothing) is Chinese.
    pub fn from_param(value: Option<&str>) -> Self {
        match value {
            Some("en") => Self::En,
            _ => Self::Zh,
        }
    }

    /// The query value, `None` for the default.
    pub fn param(self) -> Option<&'static str> {
        match self {
            Self::Zh => None,
            Self::En => Some("en"),
        }
    }

    pub fn html_lang(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    pub fn is_en(self) -> bool {
        self == Self::En
    }

    pub fn charts(self) -> charts::Lang {
        match self {
            Self::Zh => charts::Lang::Zh,
            Self::En => charts::Lang::En,
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Self::Zh => &ZH,
            Self::En => &EN,
        }
    }
}

/// Every fixed string of the interface, one field per use.
pub struct Texts {
    pub site_title: &'static str,
    pub nav_label: &'static str,
    pub nav_overview: &'static str,
    pub nav_articles: &'static str,
    pub nav_present: &'static str,
    pub other_lang: &'static str,
    pub other_lang_name: &'static str,
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    pub overview_title: &'static str,
    pub overview_lead: &'static str,
    pub filters: &'static str,
    pub cities: &'static str,
    pub all_cities: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub any_period: &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub include_targets: &'static str,
    pub scope: &'static str,
    pub scope_default: &'static str,
    pub scope_city: &'static str,
    pub scope_all: &'static str,
    pub kpi_title: &'static str,
    pub no_figure: &'static str,
    pub target: &'static str,
    pub gdp_panel: &'static str,
    pub investment_panel: &'static str,
    pub investment_choice: &'static str,
    pub investment_note: &'static str,
    pub projects_panel: &'static str,
    pub projects_note: &'static str,
    pub show_chart: &'static str,
    pub show_table: &'static str,
    pub view_as: &'static str,
    pub download: &'static str,
    pub source: &'static str,
    pub no_data: &'static str,
    pub col_city: &'static str,
    pub col_period: &'static str,
    pub col_value: &'static str,
    pub col_counted: &'static str,
    pub col_scope: &'static str,
    pub col_quote: &'static str,
    pub col_metric: &'static str,
    pub col_source: &'static str,
    pub compare_title: &'static str,
    pub compare_period: &'static str,
    pub show: &'static str,
    pub city_wide: &'static str,
    pub tooltip_hint: &'static str,
    pub articles_title: &'static str,
    pub col_title: &'static str,
    pub col_date: &'static str,
    pub col_facts: &'static str,
    pub date_unknown: &'static str,
    pub present_title: &'static str,
    pub present_sources: &'static str,
    pub present_date: &'static str,
    pub present_prev: &'static str,
    pub present_next: &'static str,
    pub present_exit: &'static str,
    pub present_hint: &'static str,
    pub present_print: &'static str,
    pub slide: &'static str,
}

pub static ZH: Texts = Texts {
    site_title: "区域经济指标看板",
    nav_label: "主导航",
    nav_overview: "概览",
    nav_articles: "文章",
    nav_present: "演示模式",
    other_lang: "English",
    other_lang_name: "en",
    skip_to_content: "跳到正文",
    loading: "加载中…",
    overview_title: "区域经济指标概览",
    overview_lead: "数据摘自城市报纸和政府报告；每个数字都可追溯到原文句子。",
    filters: "筛选",
    cities: "城市",
    all_cities: "全部城市",
    period_from: "起始时期",
    period_to: "截止时期",
    any_period: "不限",
    apply: "应用",
    reset: "重置",
    include_targets: "包含目标值和预计值",
    scope: "范围",
    scope_default: "默认（GDP、固定资产投资取全市数）",
    scope_city: "仅全市数据",
    scope_all: "含区县和项目",
    kpi_title: "各城市最新数据",
    no_figure: "暂无",
    target: "目标",
    gdp_panel: "地区生产总值增长",
    investment_panel: "投资总额",
    investment_choice: "投资指标",
    investment_note: "三项投资指标口径不同，不相加。",
    projects_panel: "项目个数",
    projects_note: "按统计对象分列：集中开工、签约等项目数各自计数。",
    show_chart: "图表",
    show_table: "表格",
    view_as: "显示方式",
    download: "下载",
    source: "来源",
    no_data: "所选条件下没有数据。",
    col_city: "城市",
    col_period: "时期",
    col_value: "数值",
    col_counted: "统计对象",
    col_scope: "范围",
    col_quote: "原文",
    col_metric: "指标",
    col_source: "出处",
    compare_title: "城市对比",
    compare_period: "对比时期",
    show: "显示",
    city_wide: "全市",
    tooltip_hint: "悬停或聚焦图中的柱或点可查看原文，点击打开文章。",
    articles_title: "文章",
    col_title: "标题",
    col_date: "日期",
    col_facts: "数据条数",
    date_unknown: "日期不详",
    present_title: "区域经济指标",
    present_sources: "资料来源",
    present_date: "生成日期",
    present_prev: "上一页",
    present_next: "下一页",
    present_exit: "退出演示",
    present_hint: "← → 键或点击翻页",
    present_print: "打印 / 存为 PDF",
    slide: "幻灯片",
};

pub static EN: Texts = Texts {
    site_title: "Regional economic indicators",
    nav_label: "Main",
    nav_overview: "Overview",
    nav_articles: "Articles",
    nav_present: "Present",
    other_lang: "中文",
    other_lang_name: "zh",
    skip_to_content: "Skip to content",
    loading: "Loading…",
    overview_title: "Regional economic indicators",
    overview_lead: "Figures collected from city newspapers and government reports; every number links to its source sentence.",
    filters: "Filters",
    cities: "Cities",
    all_cities: "All cities",
    period_from: "From",
    period_to: "To",
    any_period: "Any",
    apply: "Apply",
    reset: "Reset",
    include_targets: "Include targets and estimates",
    scope: "Scope",
    scope_default: "Default (city-wide GDP and fixed-asset investment)",
    scope_city: "City-wide only",
    scope_all: "Include districts and projects",
    kpi_title: "Latest figures by city",
    no_figure: "none",
    target: "Target",
    gdp_panel: "GDP growth",
    investment_panel: "Investment totals",
    investment_choice: "Investment measure",
    investment_note: "The three investment measures differ in scope and are never added up.",
    projects_panel: "Number of projects",
    projects_note: "One bar per thing counted: projects started, signed and so on are separate counts.",
    show_chart: "Chart",
    show_table: "Table",
    view_as: "View as",
    download: "Download",
    source: "Source",
    no_data: "No figures for this selection.",
    col_city: "City",
    col_period: "Period",
    col_value: "Value",
    col_counted: "Counted",
    col_scope: "Scope",
    col_quote: "Quote",
    col_metric: "Measure",
    col_source: "Article",
    compare_title: "City comparison",
    compare_period: "Period",
    show: "Show",
    city_wide: "city-wide",
    tooltip_hint: "Hover or focus a bar or point to see its source sentence; click to open the article.",
    articles_title: "Articles",
    col_title: "Title",
    col_date: "Date",
    col_facts: "Figures",
    date_unknown: "date unknown",
    present_title: "Regional economic indicators",
    present_sources: "Sources",
    present_date: "Generated",
    present_prev: "Previous",
    present_next: "Next",
    present_exit: "Leave presentation",
    present_hint: "← → keys or click to move",
    present_print: "Print / save as PDF",
    slide: "Slide",
};
