//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "区域经济指标看板 API", description = "Economic figures extracted from Chinese city news and government reports, each with its source quote."),
    paths(
        super::cities, super::metrics, super::facts, super::csv_download::facts_csv, super::series_json,
        super::csv_download::series_csv, super::summary, super::articles, super::article,
        super::chart_images::chart, super::write::add_articles, super::write::delete_article,
        super::write::audit_log, super::reviews::add_revision, super::reviews::revisions,
    ),
    modifiers(&AdminToken),
    components(schemas(super::error::ErrorBody, super::error::ErrorDetail)),
    tags((name = "catalogue"), (name = "facts"), (name = "articles"), (name = "charts"),
         (name = "write", description = "Needs the admin token (`Authorization: Bearer …`)"))
)]
pub struct ApiDoc;

/// Declares the bearer scheme the write endpoints refer to.
struct AdminToken;

impl utoipa::Modify for AdminToken {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
