//! Server functions: the pages' typed calls into the database.
//! On the server they run directly; in the browser they become HTTP calls.

use leptos::prelude::*;
use store::model::{ArticleDetail, ArticleSummary, City};

#[cfg(feature = "ssr")]
fn db() -> Result<store::Db, ServerFnError> {
    use_context::<store::Db>()
        .ok_or_else(|| ServerFnError::new("the database is not available to this request"))
}

#[cfg(feature = "ssr")]
fn failed(what: &str, e: impl std::fmt::Display) -> ServerFnError {
    ServerFnError::new(format!("cannot read {what}: {e}"))
}

/// The followed cities with their places, in display order.
#[server(prefix = "/_fn", endpoint = "cities")]
pub async fn list_cities() -> Result<Vec<City>, ServerFnError> {
    db()?.cities().await.map_err(|e| failed("cities", e))
}

/// Every article with its fact count.
#[server(prefix = "/_fn", endpoint = "articles")]
pub async fn list_articles() -> Result<Vec<ArticleSummary>, ServerFnError> {
    db()?.articles().await.map_err(|e| failed("articles", e))
}

/// One article with its text and facts; `None` when there is no such article.
#[server(prefix = "/_fn", endpoint = "article")]
pub async fn get_article(id: i64) -> Result<Option<ArticleDetail>, ServerFnError> {
    let found = db()?
        .article(id)
        .await
        .map_err(|e| failed("the article", e))?;
    if found.is_none() {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    Ok(found)
}
