//! `/charts/{metric}.svg` and `.png`: the series drawn by the `charts` crate, with title,
//! unit, legend, value labels, sources and date, so an image pasted into a slide stands alone.

use std::sync::OnceLock;

use app::i18n::Lang;
use axum::{
    extract::{Path, RawQuery, State},
    http::StatusCode,
    response::Response,
};
use charts::{ChartKind, CjkFont};
use serde::Deserialize;

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
    let cities: Vec<store::model::City> = state
        .cities
        .iter()
        .filter(|c| filter.cities.is_empty() || filter.cities.contains(&c.key))
        .cloned()
        .collect();
    let today = chrono::Utc::now().date_naive().to_string();
    let spec = app::charting::chart_spec(&app::charting::ChartInput {
        series: &series,
        cities: &cities,
        articles: &articles,
        lang,
        kind,
        width: p.width.unwrap_or(1200),
        height: p.height.unwrap_or(675),
        today: &today,
    });

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
