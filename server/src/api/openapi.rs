//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "区域经济指标看板 API", description = "Economic figures extracted from Chinese city news and government reports, each with its source quote."),
    paths(
        super::cities, super::metrics, super::facts, super::csv_download::facts_csv, super::series_json,
        super::csv_download::series_csv, super::summary, super::articles, super::article,
        super::chart_images::chart,
    ),
    components(schemas(super::error::ErrorBody, super::error::ErrorDetail)),
    tags((name = "catalogue"), (name = "facts"), (name = "articles"), (name = "charts"))
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
