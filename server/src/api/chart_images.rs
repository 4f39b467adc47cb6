//! `/charts/{metric}.svg` and `.png`: the series drawn by the `charts` crate, with title,
//! unit, legend, value labels, sources and date, so an image pasted into a slide stands alone.

use std::sync::OnceLock;

use axum::{
    extract::{Path, RawQuery, State},
    http::StatusCode,
    response::Response,
};
use charts::{ChartKind, ChartSpec, CjkFont, Lang};
use serde::Deserialize;
use store::{
    display::{bound_prefix, format_number},
    model::Series,
    period::sort_labels,
};

use super::{
    cache::Cached,
    cache_key,
    error::{ApiError, ApiResult},
    params::{self, FilterParams},
    respond, ApiState,
};

/// Chart options on top of the fact filters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChartParams {
    /// City key or name; repeatable. Default: all followed cities.
    #[serde(default)]
    pub city: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// `city` or `all`, as for facts.
    pub scope: Option<String>,
    /// Draw plans and goals too (drawn hatched, labelled 目标). Default false.
    pub include_targets: Option<bool>,
    /// `zh` (default) or `en`.
    pub lang: Option<String>,
    /// Pixels, 200–4000; default 1200.
    pub width: Option<u32>,
    /// Pixels, 200–4000; default 675.
    pub height: Option<u32>,
    /// `bar` (default) or `line`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[utoipa::path(get, path = "/charts/{file}", tag = "charts",
    params(("file" = String, Path, description = "`{metric}.svg` or `{metric}.png`, e.g. gdp_growth_pct.png"), ChartParams),
    responses((status = 200, description = "The chart", content_type = "image/svg+xml"),
              (status = 400, body = super::error::ErrorBody), (status = 503, description = "No CJK font for PNG", body = super::error::ErrorBody)))]
pub async fn chart(
    State(state): State<ApiState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let (metric, format) = match file.rsplit_once('.') {
        Some((m, "svg")) => (m.to_owned(), Format::Svg),
        Some((m, "png")) => (m.to_owned(), Format::Png),
        _ => {
            return Err(ApiError::not_found(format!(
                "no chart {file:?}; ask for {{metric}}.svg or {{metric}}.png"
            )))
        }
    };
    let key = cache_key(&format!("charts/{file}"), &query);
    if let Some(hit) = state.cache.get(&key) {
        return Ok(respond(hit));
    }
    let generation = state.cache.generation();
    let p: ChartParams = params::parse(query.as_deref())?;
    let lang = match p.lang.as_deref() {
        None | Some("") | Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        Some(other) => {
            return Err(ApiError::bad_request(
                "bad_lang",
                format!("unknown lang {other:?}; use zh or en"),
            ))
        }
    };
    let kind = match p.kind.as_deref() {
        None | Some("") | Some("bar") => ChartKind::Bar,
        Some("line") => ChartKind::Line,
        Some(other) => {
            return Err(ApiError::bad_request(
                "bad_type",
                format!("unknown type {other:?}; use bar or line"),
            ))
        }
    };
    let filter_params = FilterParams {
        city: p.city.clone(),
        metric: vec![metric.clone()],
        from: p.from.clone(),
        to: p.to.clone(),
        scope: p.scope.clone(),
        include_targets: p.include_targets,
        ..FilterParams::default()
    };
    let filter = filter_params.to_filter(&state.cities, false)?;
    let series = state.db.series(&filter, &metric).await?;
    let articles = state.db.articles().await?;
    let spec = spec(
        &state,
        &filter.cities,
        &series,
        &articles,
        lang,
        kind,
        p.width.unwrap_or(1200),
        p.height.unwrap_or(675),
    );

    let cached = match format {
        Format::Svg => Cached {
            content_type: "image/svg+xml; charset=utf-8",
            body: charts::render_svg(&spec).map_err(chart_error)?.into(),
        },
        Format::Png => {
            let font = font().map_err(|message| ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "font_missing",
                message,
            })?;
            // Rasterising takes milliseconds of CPU: keep it off the async workers.
            let png = tokio::task::spawn_blocking(move || charts::render_png(&spec, font))
                .await
                .map_err(ApiError::internal)?;
            Cached {
                content_type: "image/png",
                body: png.map_err(chart_error)?.into(),
            }
        }
    };
    state.cache.put(key, generation, cached.clone());
    Ok(respond(cached))
}

enum Format {
    Svg,
    Png,
}

/// The CJK font, looked up once per process.
fn font() -> Result<&'static CjkFont, String> {
    static FONT: OnceLock<Result<CjkFont, String>> = OnceLock::new();
    FONT.get_or_init(|| CjkFont::locate().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(Clone::clone)
}

fn chart_error(e: charts::ChartError) -> ApiError {
    match e {
        charts::ChartError::InvalidSize { .. } => ApiError::bad_request("bad_size", e.to_string()),
        charts::ChartError::FontMissing { .. } => ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "font_missing",
            message: e.to_string(),
        },
        other => ApiError::internal(other),
    }
}

#[allow(clippy::too_many_arguments)]
fn spec(
    state: &ApiState,
    city_keys: &[String],
    series: &Series,
    articles: &[store::model::ArticleSummary],
    lang: Lang,
    kind: ChartKind,
    width: u32,
    height: u32,
) -> ChartSpec {
    let en = lang == Lang::En;
    let info = extractor::catalog::metric(&series.metric);
    let metric_name = info
        .map(|m| if en { m.name_en } else { m.name_zh })
        .unwrap_or(series.metric.as_str());
    let cities: Vec<&store::model::City> = state
        .cities
        .iter()
        .filter(|c| city_keys.is_empty() || city_keys.contains(&c.key))
        .collect();
    let city_name = |c: &store::model::City| {
        if en {
            c.name_en.clone()
        } else {
            c.name_zh.clone()
        }
    };
    let title = format!(
        "{metric_name}{}{}",
        if en { ": " } else { "：" },
        cities
            .iter()
            .map(|c| city_name(c))
            .collect::<Vec<_>>()
            .join(if en { ", " } else { "、" })
    );
    let unit = unit_caption(&series.unit, en);

    let mut periods: Vec<String> = series.points.iter().map(|p| p.period.clone()).collect();
    periods.sort();
    periods.dedup();
    sort_labels(&mut periods);

    let chart_series = cities
        .iter()
        .map(|city| charts::Series {
            name: city_name(city),
            points: series
                .points
                .iter()
                .filter(|p| p.city_key == city.key)
                .map(|p| {
                    let number = format_value(p.value, &series.unit);
                    let bound = bound_prefix(&p.bound, en);
                    charts::Point {
                        period: p.period.clone(),
                        value: p.value,
                        label: format!("{bound}{number}"),
                        tooltip: format!(
                            "{} {} {}{}{}{} — “{}”",
                            city_name(city),
                            p.period,
                            bound,
                            number,
                            if p.label.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", p.label)
                            },
                            p.scope
                                .as_ref()
                                .map(|s| format!(" [{s}]"))
                                .unwrap_or_default(),
                            p.quote.replace('\n', "")
                        ),
                        href: Some(format!("/articles/{}#fact-{}", p.article_id, p.fact_id)),
                        is_target: p.bound == "target",
                    }
                })
                .collect(),
        })
        .collect();

    let mut used: Vec<i64> = series.points.iter().map(|p| p.article_id).collect();
    used.sort();
    used.dedup();
    let sources = used
        .iter()
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
        .collect::<Vec<_>>();
    let today = chrono::Utc::now().date_naive();
    ChartSpec {
        title,
        unit,
        kind,
        width,
        height,
        periods,
        series: chart_series,
        source_line: if en {
            format!(
                "Source: {}",
                if sources.is_empty() {
                    "none".into()
                } else {
                    sources.join("; ")
                }
            )
        } else {
            format!(
                "来源：{}",
                if sources.is_empty() {
                    "无".into()
                } else {
                    sources.join("；")
                }
            )
        },
        generated_line: if en {
            format!("Generated {today} · 区域经济指标看板")
        } else {
            format!("生成于 {today} · 区域经济指标看板")
        },
        lang,
    }
}

fn unit_caption(unit: &str, en: bool) -> String {
    match (unit, en) {
        ("%", false) => "同比增长（%）".into(),
        ("%", true) => "Year-on-year growth (%)".into(),
        ("亿元", false) => "亿元".into(),
        ("亿元", true) => "100 million yuan".into(),
        ("个", false) => "个".into(),
        ("个", true) => "Projects".into(),
        ("万美元", false) => "万美元".into(),
        ("万美元", true) => "10,000 US dollars".into(),
        (other, _) => other.into(),
    }
}

fn format_value(value: f64, unit: &str) -> String {
    let number = format_number(value);
    if unit == "%" {
        format!("{number}%")
    } else {
        number
    }
}
