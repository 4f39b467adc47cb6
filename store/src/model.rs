//! Plain data shared by the database layer, the API and the pages.

use serde::{Deserialize, Serialize};

/// A city the dashboard follows, with the places inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct City {
    /// Stable ASCII id used in URLs and the API (`siping`).
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub province: String,
    pub places: Vec<Place>,
}

/// A name that refers to a city (`alias`) or to a place inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// `alias`, `county_city`, `county`, `district` or `zone`.
    pub kind: String,
}

/// One stored figure with its provenance, as the API, CSV export and pages show it.
/// The first ten fields are the export columns of the metric catalogue, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
pub struct FactRow {
    /// Source file name of the article.
    pub article: String,
    /// Chinese name of the city, `None` when the figure belongs to no followed city.
    pub city: Option<String>,
    pub scope: Option<String>,
    pub period: String,
    pub metric: String,
    pub value: f64,
    pub unit: String,
    /// `""` (exact), `at_least`, `at_most`, `about` or `target`.
    pub bound: String,
    pub label: String,
    pub quote: String,
    pub id: i64,
    pub article_id: i64,
    pub city_key: Option<String>,
    pub span_start: i64,
    pub span_end: i64,
    pub rule: String,
    pub confidence: f64,
}

impl FactRow {
    /// Column names in export order (CSV header).
    pub const COLUMNS: [&'static str; 17] = [
        "article", "city", "scope", "period", "metric", "value", "unit", "bound", "label", "quote",
        "id", "article_id", "city_key", "span_start", "span_end", "rule", "confidence",
    ];
}
