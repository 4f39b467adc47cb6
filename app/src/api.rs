//! Server functions: the pages' typed calls into the database.
//! On the server they run directly; in the browser they become HTTP calls.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use store::model::{ArticleDetail, ArticleSummary, City, Series};

use crate::query::DataFilter;

/// A server function's result carried as JSON text inside JSON.
///
/// Leptos decodes server-function responses from bytes and hydration data from strings,
/// which compiles every result type's deserializer twice into the browser bundle. Wrapping
/// the result makes both paths decode a plain string and then parse it one way; the bundle
/// carries one deserializer per type.
#[derive(Clone, Debug, PartialEq)]
pub struct Packed<T>(pub T);

impl<T: Serialize> Serialize for Packed<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Packed<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text)
            .map(Packed)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "ssr")]
fn db() -> Result<store::Db, ServerFnError> {
    use_context::<store::Db>()
        .ok_or_else(|| ServerFnError::new("the database is not available to this request"))
}

#[cfg(feature = "ssr")]
fn failed(what: &str, e: impl std::fmt::Display) -> ServerFnError {
    ServerFnError::new(format!("cannot read {what}: {e}"))
}

/// Every article with its fact count.
#[server(prefix = "/_fn", endpoint = "articles")]
pub async fn list_articles() -> Result<Packed<Vec<ArticleSummary>>, ServerFnError> {
    db()?
        .articles()
        .await
        .map(Packed)
        .map_err(|e| failed("articles", e))
}

/// One article with its text and facts; `None` when there is no such article.
#[server(prefix = "/_fn", endpoint = "article")]
pub async fn get_article(id: i64) -> Result<Packed<Option<ArticleDetail>>, ServerFnError> {
    let found = db()?
        .article(id)
        .await
        .map_err(|e| failed("the article", e))?;
    if found.is_none() {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    Ok(Packed(found))
}

/// Everything the overview and the presentation draw from: one series per core metric over
/// the chosen cities, targets and scope, for every period (the period range, the panel
/// choices and the comparison period are applied in the page, without another request).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    /// The followed cities, in display order (places left out: the page does not need them).
    pub cities: Vec<City>,
    /// The cities of the filter (all when it names none), in display order.
    pub selected: Vec<String>,
    /// One series per core metric, in catalogue order.
    pub series: Vec<Series>,
    /// The articles behind the points, for source lines.
    pub articles: Vec<ArticleSummary>,
    /// YYYY-MM-DD on the server, for "generated on" lines.
    pub today: String,
}

impl DashboardData {
    pub fn series(&self, metric: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.metric == metric)
    }

    pub fn selected_cities(&self) -> Vec<City> {
        self.cities
            .iter()
            .filter(|c| self.selected.contains(&c.key))
            .cloned()
            .collect()
    }
}

// JSON arguments: the default URL encoding cannot carry an empty city list.
#[server(prefix = "/_fn", endpoint = "dashboard", input = leptos::server_fn::codec::Json)]
pub async fn dashboard(filter: DataFilter) -> Result<Packed<DashboardData>, ServerFnError> {
    use store::{
        facts::{FactFilter, ScopeMode},
        series::pick_points,
    };

    use crate::query::Scope;

    let db = db()?;
    let mut cities = db.cities().await.map_err(|e| failed("cities", e))?;
    for city in &mut cities {
        city.places.clear();
    }
    // Unknown keys in a hand-edited link are ignored rather than failing the page.
    let selected: Vec<String> = cities
        .iter()
        .filter(|c| filter.cities.is_empty() || filter.cities.contains(&c.key))
        .map(|c| c.key.clone())
        .collect();
    let metrics: Vec<&extractor::catalog::MetricInfo> = extractor::catalog::METRICS
        .iter()
        .filter(|m| m.core)
        .collect();
    let fact_filter = FactFilter {
        cities: selected.clone(),
        metrics: metrics.iter().map(|m| m.key.to_owned()).collect(),
        scope: match filter.scope {
            Scope::Default => ScopeMode::Default,
            Scope::City => ScopeMode::City,
            Scope::All => ScopeMode::All,
        },
        include_targets: filter.include_targets,
        ..FactFilter::default()
    };
    let rows = db
        .facts(&fact_filter)
        .await
        .map_err(|e| failed("figures", e))?;
    let series: Vec<Series> = metrics
        .iter()
        .map(|m| Series {
            metric: m.key.to_owned(),
            unit: m.unit.to_owned(),
            points: pick_points(rows.iter().filter(|r| r.metric == m.key).cloned().collect()),
        })
        .collect();
    let used: std::collections::BTreeSet<i64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.article_id))
        .collect();
    let articles = db
        .articles()
        .await
        .map_err(|e| failed("articles", e))?
        .into_iter()
        .filter(|a| used.contains(&a.id))
        .collect();
    Ok(Packed(DashboardData {
        cities,
        selected,
        series,
        articles,
        today: chrono::Utc::now().date_naive().to_string(),
    }))
}
