//! Query strings → typed filters, with 400s that name the bad value.

use serde::Deserialize;
use store::{
    facts::{FactFilter, ScopeMode, Sort},
    model::{City, STATUSES},
    period::{Period, PERIOD_FORMS},
};

use super::error::{ApiError, ApiResult};
use crate::lookup;

/// Largest page the facts endpoint returns.
pub const MAX_LIMIT: i64 = 1000;
pub const DEFAULT_LIMIT: i64 = 100;
const BOUNDS: [&str; 5] = ["exact", "at_least", "at_most", "about", "target"];

/// Filters shared by facts, series, summary and charts. Lists may repeat the key
/// (`city=四平&city=营口`) or separate values with commas (`city=四平,营口`).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FilterParams {
    /// City key (`siping`) or name (`四平`); repeatable. Default: all cities.
    #[serde(default)]
    pub city: Vec<String>,
    /// Metric key (see `/api/v1/metrics`); repeatable. Default: all metrics.
    #[serde(default)]
    pub metric: Vec<String>,
    /// First period to include (YYYY, YYYY-H1, YYYY-Q1, YYYY-MM or YYYY-MM-DD).
    pub from: Option<String>,
    /// Last period to include, same forms as `from`.
    pub to: Option<String>,
    /// `city` (city-wide figures only) or `all` (also districts, counties, zones, projects).
    /// Default: city-wide only for GDP and fixed-asset investment, all for other metrics.
    pub scope: Option<String>,
    /// Only this bound: exact, at_least, at_most, about or target.
    pub bound: Option<String>,
    /// Only facts of this article id.
    pub article: Option<i64>,
    /// Include plans and goals (bound `target`). Default: true for facts, false for series,
    /// summary and charts.
    pub include_targets: Option<bool>,
    /// Review status: extracted, confirmed, corrected, rejected, or `all`; repeatable.
    /// Default: every status but rejected.
    #[serde(default)]
    pub status: Vec<String>,
    /// facts only: `id` (default), `period`, `-period`, `value`, `-value`.
    pub sort: Option<String>,
    /// facts only: page size, 1–1000 (default 100).
    pub limit: Option<i64>,
    /// facts only: rows to skip.
    pub offset: Option<i64>,
}

/// Parses a raw query string; unknown parameters are an error (a typo would silently widen
/// the result otherwise).
pub fn parse<T: for<'de> Deserialize<'de>>(query: Option<&str>) -> ApiResult<T> {
    serde_html_form::from_str(query.unwrap_or(""))
        .map_err(|e| ApiError::bad_request("bad_query", format!("invalid query string: {e}")))
}

fn split(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

fn period(name: &str, value: &Option<String>) -> ApiResult<Option<Period>> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Period::parse(v).map(Some).ok_or_else(|| {
            ApiError::bad_request(
                "bad_period",
                format!("malformed period {name}={v:?}; use {PERIOD_FORMS}"),
            )
        }),
    }
}

impl FilterParams {
    /// Builds the store filter. `targets_by_default` differs between raw listings and charts.
    pub fn to_filter(&self, cities: &[City], targets_by_default: bool) -> ApiResult<FactFilter> {
        let from = period("from", &self.from)?;
        let to = period("to", &self.to)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f.start > t.end {
                return Err(ApiError::bad_request(
                    "bad_period",
                    format!(
                        "from={} is after to={}",
                        self.from.as_deref().unwrap_or_default(),
                        self.to.as_deref().unwrap_or_default()
                    ),
                ));
            }
        }
        let scope = match self.scope.as_deref() {
            None | Some("") => ScopeMode::Default,
            Some("city") => ScopeMode::City,
            Some("all") => ScopeMode::All,
            Some(other) => {
                return Err(ApiError::bad_request(
                    "bad_scope",
                    format!("unknown scope {other:?}; use city or all"),
                ))
            }
        };
        let bound = match self.bound.as_deref() {
            None | Some("") => None,
            Some("exact") => Some(String::new()),
            Some(b) if BOUNDS.contains(&b) => Some(b.to_owned()),
            Some(other) => {
                return Err(ApiError::bad_request(
                    "bad_bound",
                    format!("unknown bound {other:?}; use one of: {}", BOUNDS.join(", ")),
                ));
            }
        };
        let sort = match self.sort.as_deref() {
            None | Some("") | Some("id") => Sort::Id,
            Some("period") => Sort::PeriodAsc,
            Some("-period") => Sort::PeriodDesc,
            Some("value") => Sort::ValueAsc,
            Some("-value") => Sort::ValueDesc,
            Some(other) => {
                return Err(ApiError::bad_request(
                    "bad_sort",
                    format!("unknown sort {other:?}; use id, period, -period, value or -value"),
                ));
            }
        };
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::bad_request(
                "bad_limit",
                format!("limit={limit} is out of range; use 1 to {MAX_LIMIT}"),
            ));
        }
        let offset = self.offset.unwrap_or(0);
        if offset < 0 {
            return Err(ApiError::bad_request(
                "bad_offset",
                format!("offset={offset} must not be negative"),
            ));
        }
        let mut statuses = split(&self.status);
        if statuses.iter().any(|s| s == "all") {
            statuses = STATUSES.iter().map(|s| (*s).to_owned()).collect();
        }
        if let Some(bad) = statuses.iter().find(|s| !STATUSES.contains(&s.as_str())) {
            return Err(ApiError::bad_request(
                "bad_status",
                format!(
                    "unknown status {bad:?}; use {}, or all",
                    STATUSES.join(", ")
                ),
            ));
        }
        Ok(FactFilter {
            statuses,
            cities: lookup::city_keys(cities, &split(&self.city))?,
            metrics: lookup::metric_keys(&split(&self.metric))?,
            from,
            to,
            scope,
            bound,
            article_id: self.article,
            include_targets: self
                .include_targets
                .unwrap_or(targets_by_default || self.bound.as_deref() == Some("target")),
            sort,
            limit: Some(limit),
            offset,
        })
    }
}
