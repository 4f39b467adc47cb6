//! Plain data shared by the database layer, the API and the pages.

use serde::{Deserialize, Serialize};

/// A city the dashboard follows, with the places inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub name: String,
    /// `alias`, `county_city`, `county`, `district` or `zone`.
    pub kind: String,
}

/// One stored figure with its provenance, as the API, CSV export and pages show it.
/// The first ten fields are the export columns of the metric catalogue, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Publication date of the article (YYYY-MM-DD), when known.
    pub published: Option<String>,
    /// `extracted`, `confirmed`, `corrected` or `rejected`: see [`STATUSES`].
    pub status: String,
    /// How many reviews the figure has had (0: as extracted).
    pub revision: i64,
}

/// Review states of a figure. Values, charts and exports always show the latest revision;
/// `rejected` figures are left out of charts and default listings.
pub const STATUSES: [&str; 4] = ["extracted", "confirmed", "corrected", "rejected"];

impl FactRow {
    /// Whether a person has looked at the figure and kept it (as read or corrected).
    pub fn is_reviewed(&self) -> bool {
        self.status == "confirmed" || self.status == "corrected"
    }

    /// Column names in export order (CSV header).
    pub const COLUMNS: [&'static str; 19] = [
        "article",
        "city",
        "scope",
        "period",
        "metric",
        "value",
        "unit",
        "bound",
        "label",
        "quote",
        "id",
        "article_id",
        "city_key",
        "span_start",
        "span_end",
        "rule",
        "confidence",
        "published",
        "status",
    ];
}

/// An article as listed: metadata and how many figures it gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    pub id: i64,
    pub file_name: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// YYYY-MM-DD when known.
    pub published: Option<String>,
    /// Key of the city the article is mostly about.
    pub main_city: Option<String>,
    pub main_city_name: Option<String>,
    pub encoding: String,
    pub ingested_at: String,
    pub fact_count: i64,
}

/// One article with its text and every figure extracted from it (spans index `text` in characters).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleDetail {
    #[serde(flatten)]
    pub article: ArticleSummary,
    pub text: String,
    pub facts: Vec<FactRow>,
}

/// One point of a chart: the figure chosen for a city and period, and every fact behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesPoint {
    pub city_key: String,
    pub city: String,
    pub period: String,
    pub value: f64,
    pub bound: String,
    pub label: String,
    pub scope: Option<String>,
    pub quote: String,
    pub article: String,
    pub article_id: i64,
    pub published: Option<String>,
    /// The fact shown.
    pub fact_id: i64,
    /// All facts for this city and period, the chosen one first.
    pub fact_ids: Vec<i64>,
    /// Review status of the fact shown (see [`STATUSES`]).
    pub status: String,
    /// For counts, what was counted ("项目集中开工", "项目签约"): points of one city and
    /// period that count different things are separate figures. `None` for other metrics.
    pub counted: Option<String>,
}

/// Chart-ready data for one metric: points ordered by city, then period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Series {
    pub metric: String,
    /// Unit of every value (the metric's stored unit).
    pub unit: String,
    pub points: Vec<SeriesPoint>,
}

/// The fields of a figure a review can change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    /// City key (`siping`), `None` for no followed city.
    pub city: Option<String>,
    pub scope: Option<String>,
    pub period: String,
    pub metric: String,
    pub value: f64,
    pub unit: String,
    pub bound: String,
}

impl Figure {
    /// The figure as a fact row stands.
    pub fn of(row: &FactRow) -> Self {
        Self {
            city: row.city_key.clone(),
            scope: row.scope.clone(),
            period: row.period.clone(),
            metric: row.metric.clone(),
            value: row.value,
            unit: row.unit.clone(),
            bound: row.bound.clone(),
        }
    }
}

/// One revision of a figure: its whole state after a review (or, for revision 0, as the
/// extractor read it), who made it, when and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revision {
    pub revision: i64,
    pub status: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "db", sqlx(flatten))]
    pub figure: Figure,
    /// `extractor` for revision 0.
    pub reviewer: String,
    pub reason: String,
    /// RFC 3339, UTC.
    pub at: String,
}

impl Revision {
    /// Revision 0: what the extractor read, at the time the article was stored.
    pub fn extracted(figure: Figure, at: String) -> Self {
        Self {
            revision: 0,
            status: "extracted".into(),
            figure,
            reviewer: "extractor".into(),
            reason: String::new(),
            at,
        }
    }
}

/// The latest value of each core metric for one city (KPI cards).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CitySummary {
    pub city_key: String,
    pub city: String,
    pub metrics: Vec<MetricLatest>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetricLatest {
    pub metric: String,
    pub unit: String,
    pub point: SeriesPoint,
}
