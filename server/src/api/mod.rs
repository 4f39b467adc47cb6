//! The JSON and CSV API under `/api/v1`, documented at `/api/v1/openapi.json`.

mod cache;
mod chart_images;
mod csv_download;
pub(crate) mod error;
mod openapi;
mod params;
pub mod reviews;
pub mod write;

use std::sync::Arc;

use axum::{
    extract::{Path, RawQuery, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use serde::Serialize;
use store::{
    model::{ArticleDetail, ArticleSummary, City, CitySummary, FactRow, Series},
    Db,
};

use cache::Cached;
pub use cache::ResponseCache;
use error::{ApiError, ApiResult};
use params::FilterParams;

/// What every API handler can reach.
#[derive(Clone)]
pub struct ApiState {
    pub db: Db,
    /// Loaded once: cities change only with migrations, and every request resolves names.
    pub cities: Arc<Vec<City>>,
    pub cache: Arc<ResponseCache>,
    /// Who may write.
    pub auth: Arc<crate::auth::Auth>,
    /// What uploads are extracted with (the gazetteer), built once like `cities`.
    pub extraction: crate::ingest::Context,
}

impl ApiState {
    pub async fn new(db: Db, auth: Arc<crate::auth::Auth>) -> Result<Self, store::StoreError> {
        let cities = Arc::new(db.cities().await?);
        let extraction = crate::ingest::Context::load(&db).await?;
        let cache = Arc::new(ResponseCache::default());
        Arc::clone(&cache).watch_external_writes(&db).await?;
        Ok(Self {
            db,
            cities,
            cache,
            auth,
            extraction,
        })
    }
}

/// The routes below `/api/v1` (nest them there).
pub fn router<S>(state: ApiState) -> Router<S> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/cities", get(cities))
        .route("/metrics", get(metrics))
        .route("/facts", get(facts))
        .route("/facts.csv", get(csv_download::facts_csv))
        .route("/series", get(series_json))
        .route("/series.csv", get(csv_download::series_csv))
        .route("/summary", get(summary))
        .route("/articles", get(articles).post(write::add_articles))
        .route("/articles/{id}", get(article).delete(write::delete_article))
        .route(
            "/facts/{id}/revisions",
            get(reviews::revisions).post(reviews::add_revision),
        )
        .route("/audit", get(write::audit_log))
        .layer(axum::extract::DefaultBodyLimit::max(write::MAX_BODY_BYTES))
        // Bounds every API request, uploads included (streamed CSV bodies are not cut:
        // the limit applies until the response starts).
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            std::time::Duration::from_secs(60),
        ))
        .fallback(|| async {
            ApiError::not_found("no such API endpoint; see /api/v1/openapi.json")
        })
        .with_state(state)
}

/// `/charts/{metric}.svg|png` (merge at the root).
pub fn charts_router<S>(state: ApiState) -> Router<S> {
    Router::new()
        .route("/charts/{file}", get(chart_images::chart))
        .with_state(state)
}

/// Serves a JSON response from the cache, building it on a miss. The lookup comes before
/// any parsing: a hit costs a hash lookup and a reference-count increment. Errors are
/// never cached, so a cached key was valid input.
async fn cached_json<T, F, Fut>(state: &ApiState, key: String, build: F) -> ApiResult<Response>
where
    T: Serialize,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ApiResult<T>>,
{
    if let Some(hit) = state.cache.get(&key) {
        return Ok(respond(hit));
    }
    let generation = state.cache.generation();
    let value = build().await?;
    let body = serde_json::to_vec(&value).map_err(ApiError::internal)?;
    let cached = Cached {
        content_type: "application/json",
        body: body.into(),
    };
    state.cache.put(key, generation, cached.clone());
    Ok(respond(cached))
}

fn respond(c: Cached) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(c.content_type),
        )],
        c.body,
    )
        .into_response()
}

fn cache_key(path: &str, query: &Option<String>) -> String {
    format!("{path}?{}", query.as_deref().unwrap_or(""))
}

#[utoipa::path(get, path = "/api/v1/cities", tag = "catalogue",
    responses((status = 200, description = "Followed cities with their places", body = [City])))]
async fn cities(State(state): State<ApiState>) -> Json<Vec<City>> {
    Json(state.cities.as_ref().clone())
}

/// One metric of the catalogue.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MetricDto {
    pub key: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// Unit values are stored in.
    pub unit: &'static str,
    /// gdp, investment, projects, trade or foreign_capital.
    pub family: &'static str,
    pub core: bool,
}

#[utoipa::path(get, path = "/api/v1/metrics", tag = "catalogue",
    responses((status = 200, description = "The metric catalogue", body = [MetricDto])))]
async fn metrics() -> Json<Vec<MetricDto>> {
    Json(
        extractor::catalog::METRICS
            .iter()
            .map(|m| MetricDto {
                key: m.key,
                name_zh: m.name_zh,
                name_en: m.name_en,
                unit: m.unit,
                family: m.family,
                core: m.core,
            })
            .collect(),
    )
}

/// A page of facts.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FactsPage {
    /// Facts matching the filters, over all pages.
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    pub items: Vec<FactRow>,
}

#[utoipa::path(get, path = "/api/v1/facts", tag = "facts", params(FilterParams),
    responses((status = 200, body = FactsPage), (status = 400, description = "Bad filter", body = error::ErrorBody)))]
async fn facts(State(state): State<ApiState>, RawQuery(query): RawQuery) -> ApiResult<Response> {
    let key = cache_key("facts", &query);
    cached_json(&state, key, || async {
        let params: FilterParams = params::parse(query.as_deref())?;
        let filter = params.to_filter(&state.cities, true)?;
        let (items, total) =
            tokio::try_join!(state.db.facts(&filter), state.db.count_facts(&filter))?;
        Ok(FactsPage {
            total,
            limit: filter.limit.unwrap_or_default(),
            offset: filter.offset,
            items,
        })
    })
    .await
}

/// Series for exactly one metric: the filter of facts, chart defaults, no pagination.
pub(crate) async fn load_series(state: &ApiState, params: &FilterParams) -> ApiResult<Series> {
    let filter = params.to_filter(&state.cities, false)?;
    let [metric] = filter.metrics.as_slice() else {
        return Err(ApiError::bad_request(
            "bad_metric",
            "series needs exactly one metric=…; see /api/v1/metrics",
        ));
    };
    Ok(state.db.series(&filter, metric).await?)
}

#[utoipa::path(get, path = "/api/v1/series", tag = "facts", params(FilterParams),
    responses((status = 200, description = "One point per city and period, chosen among competing facts: achieved over target, reviewed over unreviewed, exact over bounded, city-wide over district, latest article; rejected figures are left out", body = Series),
              (status = 400, body = error::ErrorBody)))]
async fn series_json(
    State(state): State<ApiState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let key = cache_key("series", &query);
    cached_json(&state, key, || async {
        let params: FilterParams = params::parse(query.as_deref())?;
        load_series(&state, &params).await
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/summary", tag = "facts", params(FilterParams),
    responses((status = 200, description = "Per city, the latest point of each core metric (for KPI cards)", body = [CitySummary]),
              (status = 400, body = error::ErrorBody)))]
async fn summary(State(state): State<ApiState>, RawQuery(query): RawQuery) -> ApiResult<Response> {
    let key = cache_key("summary", &query);
    cached_json(&state, key, || async {
        let params: FilterParams = params::parse(query.as_deref())?;
        let filter = params.to_filter(&state.cities, false)?;
        Ok(state.db.summary(&filter, &state.cities).await?)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/articles", tag = "articles",
    responses((status = 200, description = "Articles with their fact counts, newest first", body = [ArticleSummary])))]
async fn articles(State(state): State<ApiState>) -> ApiResult<Response> {
    cached_json(&state, "articles".into(), || async {
        Ok(state.db.articles().await?)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/articles/{id}", tag = "articles",
    params(("id" = i64, Path, description = "Article id")),
    responses((status = 200, description = "Text, metadata and facts with character spans", body = ArticleDetail),
              (status = 404, body = error::ErrorBody)))]
async fn article(State(state): State<ApiState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id: i64 = id.parse().map_err(|_| {
        ApiError::bad_request("bad_id", format!("article id {id:?} is not a number"))
    })?;
    cached_json(&state, format!("article/{id}"), || async {
        state.db.article(id).await?.ok_or_else(|| {
            ApiError::not_found(format!(
                "no article with id {id}; list them at /api/v1/articles"
            ))
        })
    })
    .await
}
