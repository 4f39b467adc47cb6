//! One series → one chart description. The page (server-rendered and again in the browser)
//! and the `/charts/*.svg|png` downloads both build their charts here, so a downloaded image
//! shows exactly what the page shows.

use charts::{ChartKind, ChartSpec};
use store::{
    display::{bound_prefix, format_number},
    model::{ArticleSummary, City, Series, SeriesPoint, STATUSES},
    period::sort_labels,
};

use crate::i18n::Lang;

/// What a chart is drawn from.
pub struct ChartInput<'a> {
    pub series: &'a Series,
    /// The cities to draw, in legend order.
    pub cities: &'a [City],
    /// Articles behind the points, for the source line.
    pub articles: &'a [ArticleSummary],
    pub lang: Lang,
    pub kind: ChartKind,
    pub width: u32,
    pub height: u32,
    /// YYYY-MM-DD, for the "generated on" line.
    pub today: &'a str,
}

pub fn metric_name(metric: &str, lang: Lang) -> String {
    extractor::catalog::metric(metric)
        .map(|m| if lang.is_en() { m.name_en } else { m.name_zh })
        .unwrap_or(metric)
        .to_owned()
}

pub fn city_name(city: &City, lang: Lang) -> &str {
    if lang.is_en() {
        &city.name_en
    } else {
        &city.name_zh
    }
}

/// The x-axis category of a point: its period, and for counts what was counted.
pub fn category(point: &SeriesPoint) -> String {
    match &point.counted {
        Some(what) => format!("{} {what}", point.period),
        None => point.period.clone(),
    }
}

/// `5.3%`, `258 亿元`, `138 个` (`258 100M yuan` in English).
pub fn value_text(value: f64, unit: &str, lang: Lang) -> String {
    let number = format_number(value);
    match unit {
        "%" => format!("{number}%"),
        "" => number,
        _ => format!("{number} {}", unit_name(unit, lang)),
    }
}

pub fn unit_name(unit: &str, lang: Lang) -> &str {
    match (unit, lang) {
        ("亿元", Lang::En) => "100M yuan",
        ("个", Lang::En) => "projects",
        ("万美元", Lang::En) => "10k USD",
        (u, _) => u,
    }
}

/// Caption above the y axis.
pub fn unit_caption(unit: &str, lang: Lang) -> String {
    match (unit, lang) {
        ("%", Lang::Zh) => "同比增长（%）".into(),
        ("%", Lang::En) => "Year-on-year growth (%)".into(),
        ("亿元", Lang::En) => "100 million yuan".into(),
        ("个", Lang::En) => "Projects".into(),
        ("万美元", Lang::En) => "10,000 US dollars".into(),
        (other, _) => other.into(),
    }
}

/// The page language's name of a review status.
pub fn status_name(status: &str, lang: Lang) -> &'static str {
    let i = STATUSES.iter().position(|s| *s == status).unwrap_or(0);
    lang.t().statuses[i]
}

/// The tooltip of a point: who, when, how much (with bound and unit), and the quote. A
/// reviewed figure says so: a corrected value may differ from the quote it came from.
pub fn tooltip(point: &SeriesPoint, city: &str, unit: &str, lang: Lang) -> String {
    let bound = bound_prefix(&point.bound, lang.is_en());
    let mut head = format!(
        "{city} {} {bound}{}",
        point.period,
        value_text(point.value, unit, lang)
    );
    if let Some(what) = &point.counted {
        head.push_str(&format!(" ({what})"));
    } else if !point.label.is_empty() {
        head.push_str(&format!(" ({})", point.label));
    }
    if let Some(scope) = &point.scope {
        head.push_str(&format!(" [{scope}]"));
    }
    if point.status != "extracted" {
        head.push_str(&format!(" · {}", status_name(&point.status, lang)));
    }
    format!("{head}\n“{}”", point.quote.replace('\n', ""))
}

/// Where a figure's quote is: its article page, scrolled to and highlighting the fact.
pub fn fact_href(point: &SeriesPoint) -> String {
    format!("/articles/{}#fact-{}", point.article_id, point.fact_id)
}

/// "来源：A 2023-08-04；B …" / "Source: A 2023-08-04; B …" for the articles behind `points`.
pub fn source_line(points: &[SeriesPoint], articles: &[ArticleSummary], lang: Lang) -> String {
    let sources = sources(points, articles);
    let (label, none, sep) = if lang.is_en() {
        ("Source: ", "none", "; ")
    } else {
        ("来源：", "无", "；")
    };
    if sources.is_empty() {
        format!("{label}{none}")
    } else {
        format!("{label}{}", sources.join(sep))
    }
}

/// Source names with dates of the articles behind `points`, in article order.
pub fn sources(points: &[SeriesPoint], articles: &[ArticleSummary]) -> Vec<String> {
    let mut used: Vec<i64> = points.iter().map(|p| p.article_id).collect();
    used.sort_unstable();
    used.dedup();
    used.iter()
        .filter_map(|id| articles.iter().find(|a| a.id == *id))
        .map(|a| {
            let name = a
                .source
                .clone()
                .or_else(|| a.title.clone())
                .unwrap_or_else(|| a.file_name.clone());
            match &a.published {
                Some(d) => format!("{name} {d}"),
                None => name,
            }
        })
        .collect()
}

pub fn chart_spec(input: &ChartInput) -> ChartSpec {
    let lang = input.lang;
    let series = input.series;
    let title = format!(
        "{}{}{}",
        metric_name(&series.metric, lang),
        if lang.is_en() { ": " } else { "：" },
        input
            .cities
            .iter()
            .map(|c| city_name(c, lang))
            .collect::<Vec<_>>()
            .join(if lang.is_en() { ", " } else { "、" })
    );

    // Periods in reporting order; within a period, counts by what was counted.
    let mut periods: Vec<String> = series.points.iter().map(|p| p.period.clone()).collect();
    periods.sort();
    periods.dedup();
    sort_labels(&mut periods);
    let mut categories: Vec<String> = Vec::new();
    for period in &periods {
        let mut here: Vec<String> = series
            .points
            .iter()
            .filter(|p| &p.period == period)
            .map(category)
            .collect();
        here.sort();
        here.dedup();
        categories.extend(here);
    }

    let chart_series = input
        .cities
        .iter()
        .map(|city| charts::Series {
            name: city_name(city, lang).to_owned(),
            points: series
                .points
                .iter()
                .filter(|p| p.city_key == city.key)
                .map(|p| charts::Point {
                    period: category(p),
                    value: p.value,
                    label: format!(
                        "{}{}",
                        bound_prefix(&p.bound, lang.is_en()),
                        if series.unit == "%" {
                            format!("{}%", format_number(p.value))
                        } else {
                            format_number(p.value)
                        }
                    ),
                    tooltip: tooltip(p, city_name(city, lang), &series.unit, lang),
                    href: Some(fact_href(p)),
                    is_target: p.bound == "target",
                })
                .collect(),
        })
        .collect();

    let source_line = source_line(&series.points, input.articles, lang);
    let generated_line = if lang.is_en() {
        format!("Generated {} · 区域经济指标看板", input.today)
    } else {
        format!("生成于 {} · 区域经济指标看板", input.today)
    };
    ChartSpec {
        title,
        unit: unit_caption(&series.unit, lang),
        kind: input.kind,
        width: input.width,
        height: input.height,
        periods: categories,
        series: chart_series,
        source_line,
        generated_line,
        lang: lang.charts(),
    }
}

/// The chart as SVG markup, or a short message when it cannot be drawn.
pub fn svg(input: &ChartInput) -> Result<String, String> {
    charts::render_svg(&chart_spec(input)).map_err(|e| e.to_string())
}
