//! Rule tests on sentences written in the style of real reports (government work
//! reports, statistical bulletins, city newspapers), including the traps.

mod common;

use common::{meta, of, one, run};
use extractor::Bound;

fn sp(published: &str) -> extractor::ArticleMeta {
    meta(Some(published), Some("siping"), None)
}

// ---------- metrics ----------

#[test]
fn gdp_total_and_growth_in_one_sentence() {
    let ex = run(
        "2022年，全市实现地区生产总值1234.5亿元，同比增长3.1%。",
        &sp("2023-02-10"),
    );
    let t = one(&ex, "gdp_total_yi");
    assert_eq!((t.value, t.period.as_str()), (1234.5, "2022"));
    assert_eq!(t.city.as_deref(), Some("siping"));
    assert_eq!(t.unit, "亿元");
    let g = one(&ex, "gdp_growth_pct");
    assert_eq!(
        (g.value, g.period.as_str(), g.bound),
        (3.1, "2022", Bound::Exact)
    );
}

#[test]
fn gdp_phrasings() {
    for (text, v) in [
        ("上半年，全市GDP增速为5.2%。", 5.2),
        ("上半年，全市经济总量同比增长4.6%。", 4.6),
        ("上半年，全市地区生产总值增长了3.9%。", 3.9),
        ("上半年，四平地区生产总值比上年同期增长2.8%。", 2.8),
    ] {
        let ex = run(text, &sp("2023-07-30"));
        let g = one(&ex, "gdp_growth_pct");
        assert_eq!((g.value, g.period.as_str()), (v, "2023-H1"), "{text}");
    }
}

#[test]
fn negative_growth() {
    let ex = run("1-5月，全市固定资产投资同比下降2.5%。", &sp("2023-06-20"));
    let f = one(&ex, "fixed_asset_investment_growth_pct");
    assert_eq!((f.value, f.period.as_str()), (-2.5, "2023-05"));
}

#[test]
fn fixed_asset_investment_level_and_growth() {
    let ex = run(
        "1-5月，全市固定资产投资同比增长12.3%。全年完成固定资产投资456.7亿元。",
        &sp("2023-06-20"),
    );
    let g = one(&ex, "fixed_asset_investment_growth_pct");
    assert_eq!((g.value, g.period.as_str()), (12.3, "2023-05"));
    assert!(
        g.label.contains("累计"),
        "cumulative period says so: {}",
        g.label
    );
    let l = one(&ex, "fixed_asset_investment_yi");
    assert_eq!((l.value, l.period.as_str()), (456.7, "2023"));
}

#[test]
fn project_counts_many_ways() {
    let ex = run(
        "今年以来，全市新开工亿元以上项目56个。一季度，全市签约项目23个，总投资88.6亿元。\
         其中，15个项目集中开工。",
        &sp("2023-04-20"),
    );
    let counts: Vec<(f64, String)> = of(&ex, "project_count")
        .iter()
        .map(|f| (f.value, f.period.clone()))
        .collect();
    assert_eq!(
        counts,
        vec![
            (56.0, "2023".to_string()),
            (23.0, "2023-Q1".to_string()),
            (15.0, "2023-Q1".to_string())
        ]
    );
    let inv = one(&ex, "project_investment_yi");
    assert_eq!((inv.value, inv.period.as_str()), (88.6, "2023-Q1"));
    assert!(of(&ex, "project_count")[2].label.contains("集中开工"));
}

#[test]
fn funds_and_foreign_capital_and_trade() {
    let ex = run(
        "上半年，全市实际到位资金86.5亿元，同比增长21.3%；进出口总额同比增长8.8%；实际利用外资3.2亿美元。",
        &sp("2023-07-25"),
    );
    assert_eq!(one(&ex, "funds_in_place_yi").value, 86.5);
    assert_eq!(one(&ex, "funds_in_place_growth_pct").value, 21.3);
    assert_eq!(one(&ex, "trade_growth_pct").value, 8.8);
    let fdi = one(&ex, "foreign_capital_10k_usd");
    assert!((fdi.value - 32000.0).abs() < 1e-6);
    assert_eq!(fdi.unit, "亿美元");
}

#[test]
fn not_core_metrics_are_not_forced() {
    let text = "上半年，全市规模以上工业增加值增长8.2%，第三产业增加值增长5.1%，\
                民营经济增加值占GDP比重达52.3%，GDP增速居全省第2位。\
                社会消费品零售总额增长6.6%，一般公共预算收入12.3亿元，增长9%。\
                纳入统计的1000万元以上项目86个，年产20万吨的化工项目正在建设，\
                投资占比达22%，人均地区生产总值增长5.5%。";
    let ex = run(text, &sp("2023-07-25"));
    let metrics: Vec<_> = ex
        .facts
        .iter()
        .map(|f| (f.metric.as_str(), f.value))
        .collect();
    assert_eq!(metrics, vec![("project_count", 86.0)], "{:#?}", ex.facts);
}

#[test]
fn sub_sector_investment_is_not_fixed_asset_investment() {
    let ex = run(
        "1-8月，全市工业固定资产投资增长15.2%，民间投资增长3%，房地产开发投资下降10%。",
        &sp("2023-09-20"),
    );
    assert!(ex.facts.is_empty(), "{:#?}", ex.facts);
}

// ---------- numbers ----------

#[test]
fn numerals_and_units() {
    let ex = run(
        "全年新开工项目一百二十个，总投资十二亿元的物流园开工，到位资金3010万元，\
         全市固定资产投资完成1,234.5亿元。",
        &sp("2023-12-30"),
    );
    assert_eq!(one(&ex, "project_count").value, 120.0);
    assert_eq!(one(&ex, "project_investment_yi").value, 12.0);
    assert!((one(&ex, "funds_in_place_yi").value - 0.301).abs() < 1e-9);
    assert_eq!(one(&ex, "fixed_asset_investment_yi").value, 1234.5);
}

#[test]
fn placeholders_are_never_figures() {
    let text = "xx市地区生产总值增长xx%，GDP达到XX 亿元，20xx年固定资产投资增长x.x%，\
                新开工项目xxx个，到位资金xx亿元。";
    let ex = run(text, &meta(None, None, None));
    assert!(ex.facts.is_empty(), "{:#?}", ex.facts);
}

// ---------- text ----------

#[test]
fn pdf_line_breaks_full_width_and_traditional() {
    let text = "本报讯 上半年，全市地区生产总\n值增长 5.\n3%，固定資產投資增長１２．５％，\n\n到位资金 8.36 亿\n\n元。";
    let ex = run(text, &sp("2023-07-20"));
    assert_eq!(one(&ex, "gdp_growth_pct").value, 5.3);
    assert_eq!(one(&ex, "fixed_asset_investment_growth_pct").value, 12.5);
    let f = one(&ex, "funds_in_place_yi");
    assert_eq!(f.value, 8.36);
    assert!(f.quote.contains("8.36 亿\n\n元"), "{}", f.quote);
}

#[test]
fn repeated_passage_reports_each_figure_once() {
    let p = "上半年，全市地区生产总值增长5.3%，新开工项目66个。\n";
    let ex = run(&format!("{p}{p}其他内容。\n{p}"), &sp("2023-07-20"));
    assert_eq!(ex.facts.len(), 2, "{:#?}", ex.facts);
}

// ---------- places ----------

#[test]
fn province_other_city_and_county_land_where_they_belong() {
    let text = "上半年，全省地区生产总值增长6.3%，四平增长5.3%。\
                上半年，梨树县地区生产总值增长7.1%。\
                上半年，长春市地区生产总值增长6.8%。";
    let ex = run(text, &sp("2023-07-20"));
    let g: Vec<_> = of(&ex, "gdp_growth_pct")
        .iter()
        .map(|f| (f.value, f.city.clone(), f.scope.clone()))
        .collect();
    assert_eq!(
        g,
        vec![
            (6.3, None, Some("全省".to_string())),
            (5.3, Some("siping".to_string()), None),
            (7.1, Some("siping".to_string()), Some("梨树县".to_string())),
            (6.8, None, Some("长春市".to_string())),
        ]
    );
}

#[test]
fn anonymised_place_has_no_city() {
    let ex = run(
        "2021年，xx市地区生产总值增长8%，新开工项目35个。",
        &sp("2022-03-01"),
    );
    assert!(ex.facts.iter().all(|f| f.city.is_none()), "{:#?}", ex.facts);
    assert_eq!(ex.facts.len(), 2);
}

#[test]
fn destinations_do_not_steal_the_figure() {
    let ex = run(
        "3月，市领导赴长春、沈阳等地招商，全市签约项目12个，总投资56亿元。",
        &sp("2023-04-02"),
    );
    let c = one(&ex, "project_count");
    assert_eq!(c.city.as_deref(), Some("siping"));
}

#[test]
fn no_main_city_means_no_city() {
    // A speech from some district nobody names: no target city anywhere.
    let text = "过去的一年，我们积极进取。全区地区生产总值增长8.5%，固定资产投资增长12%。";
    let ex = run(text, &meta(Some("2022-01-20"), None, None));
    assert_eq!(ex.main_city, None);
    assert!(ex.facts.iter().all(|f| f.city.is_none()));
    assert_eq!(one(&ex, "gdp_growth_pct").period, "2021");
}

#[test]
fn main_city_from_frequency_and_title() {
    let ex = run(
        "营口市召开会议。营口港吞吐量创新高。营口市上半年地区生产总值增长4%。",
        &meta(Some("2023-07-20"), None, None),
    );
    assert_eq!(ex.main_city.as_deref(), Some("yingkou"));
    let ex = run(
        "上半年，全市地区生产总值增长4%。",
        &meta(Some("2023-07-20"), None, Some("临汾市经济运行稳中向好")),
    );
    assert_eq!(ex.main_city.as_deref(), Some("linfen"));
    assert_eq!(one(&ex, "gdp_growth_pct").city.as_deref(), Some("linfen"));
}

#[test]
fn project_located_in_a_district_gets_scope() {
    let ex = run(
        "总投资15亿元的鲅鱼圈区风电装备项目正式开工。",
        &meta(Some("2023-04-02"), Some("yingkou"), None),
    );
    let f = one(&ex, "project_investment_yi");
    assert_eq!(f.city.as_deref(), Some("yingkou"));
    assert_eq!(f.period, "", "a project's total investment is not dated");
}

// ---------- periods ----------

#[test]
fn relative_periods() {
    let cases = [
        ("今年以来，全市新开工项目30个。", "2023"),
        ("去年，全市地区生产总值增长4.1%。", "2022"),
        ("一季度，全市固定资产投资增长9%。", "2023-Q1"),
        ("前三季度，全市地区生产总值增长4.8%。", "2023-Q3"),
        ("截至10月底，全市签约项目128个。", "2023-10"),
        ("2023年上半年，全市地区生产总值增长5%。", "2023-H1"),
        ("2月1日，全市集中开工项目20个。", "2023-02-01"),
    ];
    for (text, period) in cases {
        let ex = run(text, &sp("2023-11-15"));
        assert_eq!(ex.facts.len(), 1, "{text}: {:#?}", ex.facts);
        assert_eq!(ex.facts[0].period, period, "{text}");
    }
    let ex = run("前三季度，全市地区生产总值增长4.8%。", &sp("2023-11-15"));
    assert!(ex.facts[0].label.contains("前三季度累计"));
}

#[test]
fn comparison_base_is_not_the_period() {
    let ex = run(
        "一季度，全市地区生产总值比上年增长4.2%。",
        &sp("2023-04-20"),
    );
    assert_eq!(one(&ex, "gdp_growth_pct").period, "2023-Q1");
}

#[test]
fn never_invent_a_period() {
    let ex = run(
        "全市地区生产总值增长5%。",
        &meta(None, Some("siping"), None),
    );
    let f = one(&ex, "gdp_growth_pct");
    assert_eq!(f.period, "");
    assert!(f.confidence < 0.9);
}

#[test]
fn government_work_report_describes_the_previous_year() {
    let text = "政府工作报告\n各位代表：\n一、过去一年工作回顾\n\
                过去一年，全市地区生产总值增长6.1%，固定资产投资增长8%。\
                新开工亿元以上项目112个。\n\
                二、2024年工作安排\n\
                今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，固定资产投资增长10%。";
    let ex = run(
        text,
        &meta(
            Some("2024-01-20"),
            Some("siping"),
            Some("2024年四平市政府工作报告"),
        ),
    );
    let g = of(&ex, "gdp_growth_pct");
    assert_eq!(g.len(), 2, "{:#?}", ex.facts);
    assert_eq!(
        (g[0].value, g[0].period.as_str(), g[0].bound),
        (6.1, "2023", Bound::Exact)
    );
    assert_eq!(
        (g[1].value, g[1].period.as_str(), g[1].bound),
        (6.0, "2024", Bound::Target)
    );
    assert_eq!(one(&ex, "project_count").period, "2023");
    let fai = of(&ex, "fixed_asset_investment_growth_pct");
    assert_eq!(fai[1].bound, Bound::Target);
    assert_eq!(fai[1].period, "2024");
}

// ---------- bounds ----------

#[test]
fn bounds() {
    let cases = [
        ("今年以来，全市到位资金超过100亿元。", Bound::AtLeast),
        ("今年以来，全市到位资金逾100亿元。", Bound::AtLeast),
        ("今年以来，全市到位资金突破100亿元。", Bound::AtLeast),
        ("今年以来，全市新开工项目300余个。", Bound::AtLeast),
        ("今年以来，全市固定资产投资增长10%以上。", Bound::AtLeast),
        ("今年以来，全市到位资金约50亿元。", Bound::About),
        ("今年以来，全市地区生产总值增长5%左右。", Bound::About),
        ("今年以来，全市新开工项目近200个。", Bound::About),
        ("今年以来，全市到位资金不超过50亿元。", Bound::AtMost),
        ("今年以来，全市新开工项目100个以下。", Bound::AtMost),
        ("力争全年地区生产总值增长6%左右。", Bound::Target),
        ("全年计划新开工项目200个。", Bound::Target),
        ("项目达产后，总投资20亿元。", Bound::Target),
        ("预计全年固定资产投资增长8%。", Bound::Target),
        ("确定全年开复工项目750个。", Bound::Target),
    ];
    for (text, b) in cases {
        let ex = run(text, &sp("2023-06-01"));
        assert_eq!(ex.facts.len(), 1, "{text}: {:#?}", ex.facts);
        assert_eq!(ex.facts[0].bound, b, "{text}");
    }
}

#[test]
fn targets_keep_their_period() {
    let ex = run(
        "确定全年开复工项目750个，完成固定资产投资477.2亿元，增长10%以上。其中，一季度开复工项目485个。",
        &sp("2023-02-10"),
    );
    for f in &ex.facts {
        assert_eq!(f.bound, Bound::Target, "{f:#?}");
    }
    let p: Vec<_> = ex.facts.iter().map(|f| f.period.as_str()).collect();
    assert_eq!(p, vec!["2023", "2023", "2023", "2023-Q1"]);
}

#[test]
fn achieved_targets_are_not_targets() {
    let ex = run(
        "2022年，圆满完成全年目标任务，全市地区生产总值增长5.1%。",
        &sp("2023-01-15"),
    );
    assert_eq!(one(&ex, "gdp_growth_pct").bound, Bound::Exact);
}

#[test]
fn growth_inherits_over_a_subjectless_clause() {
    let ex = run(
        "一季度，全市地区生产总值完成326.5亿元，按不变价格计算，同比增长4.1%，增速高于全省0.5个百分点。",
        &meta(Some("2023-04-20"), Some("yingkou"), None),
    );
    let g = one(&ex, "gdp_growth_pct");
    assert_eq!((g.value, g.period.as_str()), (4.1, "2023-Q1"));
    assert_eq!(g.city.as_deref(), Some("yingkou"));
}

#[test]
fn project_then_verb_then_count_and_dated_batches() {
    let ex = run(
        "今年以来，全市重点项目开复工256个。一季度，侯马经济开发区新签约项目42个，总投资210亿元。",
        &meta(Some("2023-04-20"), Some("linfen"), None),
    );
    let c: Vec<_> = of(&ex, "project_count").iter().map(|f| f.value).collect();
    assert_eq!(c, vec![256.0, 42.0]);
    let inv = one(&ex, "project_investment_yi");
    assert_eq!(
        inv.period, "2023-Q1",
        "a batch's total is dated like its count"
    );
    assert_eq!(inv.city.as_deref(), Some("linfen"));
}

#[test]
fn neighbouring_cities_in_a_target_city_article() {
    let ex = run(
        "一季度，全市地区生产总值增长4.1%。与此同时，沈阳市一季度GDP增长5.0%，大连市增长4.8%。",
        &meta(Some("2023-04-20"), Some("yingkou"), None),
    );
    let g: Vec<_> = of(&ex, "gdp_growth_pct")
        .iter()
        .map(|f| (f.value, f.city.clone()))
        .collect();
    assert_eq!(
        g,
        vec![(4.1, Some("yingkou".into())), (5.0, None), (4.8, None)]
    );
}
