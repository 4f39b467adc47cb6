//! Reading facts with filters, sorting and pagination.

use futures_core::Stream;
use futures_util::TryStreamExt;
use sqlx::{QueryBuilder, Sqlite};

use crate::{model::FactRow, period::Period, Db, StoreError};

/// Metrics whose district or project figures would be misread as the city's own, so by
/// default only city-wide figures are returned for them.
pub const CITY_WIDE_BY_DEFAULT: [&str; 4] = [
    "gdp_growth_pct",
    "gdp_total_yi",
    "fixed_asset_investment_yi",
    "fixed_asset_investment_growth_pct",
];

/// Which places a figure may be about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ScopeMode {
    /// City-wide only for the metrics in [`CITY_WIDE_BY_DEFAULT`], any scope for the others.
    #[default]
    Default,
    /// City-wide figures only.
    City,
    /// Also figures about districts, counties, zones and projects.
    All,
}

/// Sort orders the API offers; every order ends with the fact id so pages are stable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Id,
    PeriodAsc,
    PeriodDesc,
    ValueAsc,
    ValueDesc,
}

/// Which facts to read. Empty lists and `None` mean "no restriction".
#[derive(Clone, Debug, Default)]
pub struct FactFilter {
    /// City keys (resolved from names by the caller).
    pub cities: Vec<String>,
    pub metrics: Vec<String>,
    /// Facts whose period starts on or after this period's start.
    pub from: Option<Period>,
    /// Facts whose period ends on or before this period's end.
    pub to: Option<Period>,
    pub scope: ScopeMode,
    /// Only this bound (`""` for exact figures).
    pub bound: Option<String>,
    pub article_id: Option<i64>,
    /// Include plans and goals (bound `target`).
    pub include_targets: bool,
    pub sort: Sort,
    pub limit: Option<i64>,
    pub offset: i64,
}

impl FactFilter {
    /// Everything, in article order: what `export` writes.
    pub fn all() -> Self {
        Self {
            include_targets: true,
            scope: ScopeMode::All,
            ..Self::default()
        }
    }
}

const SELECT: &str = "SELECT a.file_name AS article, c.name_zh AS city, f.scope, f.period, f.metric, f.value, \
     f.unit, f.bound, f.label, f.quote, f.id, f.article_id, f.city AS city_key, f.span_start, f.span_end, \
     f.rule, f.confidence, a.published \
     FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN cities c ON c.key = f.city";

impl FactFilter {
    fn push_where<'a>(&'a self, q: &mut QueryBuilder<'a, Sqlite>) {
        q.push(" WHERE 1 = 1");
        push_in(q, "f.city", &self.cities);
        push_in(q, "f.metric", &self.metrics);
        if let Some(from) = self.from {
            q.push(" AND f.period_start >= ")
                .push_bind(from.start.to_string());
        }
        if let Some(to) = self.to {
            q.push(" AND f.period_end <= ")
                .push_bind(to.end.to_string());
        }
        match self.scope {
            ScopeMode::All => {}
            ScopeMode::City => {
                q.push(" AND f.scope IS NULL");
            }
            ScopeMode::Default => {
                q.push(" AND (f.scope IS NULL OR f.metric NOT IN (");
                let mut list = q.separated(", ");
                for m in CITY_WIDE_BY_DEFAULT {
                    list.push_bind(m);
                }
                q.push("))");
            }
        }
        if let Some(bound) = &self.bound {
            q.push(" AND f.bound = ").push_bind(bound.as_str());
        }
        if !self.include_targets {
            q.push(" AND f.bound <> 'target'");
        }
        if let Some(id) = self.article_id {
            q.push(" AND f.article_id = ").push_bind(id);
        }
    }

    fn select(&self) -> QueryBuilder<'_, Sqlite> {
        let mut q = QueryBuilder::new(SELECT);
        self.push_where(&mut q);
        q.push(match self.sort {
            Sort::Id => " ORDER BY f.id",
            Sort::PeriodAsc => {
                " ORDER BY f.period_start IS NULL, f.period_start, f.period_end, f.id"
            }
            Sort::PeriodDesc => {
                " ORDER BY f.period_start IS NULL, f.period_start DESC, f.period_end DESC, f.id"
            }
            Sort::ValueAsc => " ORDER BY f.value, f.id",
            Sort::ValueDesc => " ORDER BY f.value DESC, f.id",
        });
        if let Some(limit) = self.limit {
            q.push(" LIMIT ")
                .push_bind(limit)
                .push(" OFFSET ")
                .push_bind(self.offset);
        }
        q
    }
}

fn push_in<'a>(q: &mut QueryBuilder<'a, Sqlite>, column: &str, values: &'a [String]) {
    if values.is_empty() {
        return;
    }
    q.push(format!(" AND {column} IN ("));
    let mut list = q.separated(", ");
    for v in values {
        list.push_bind(v.as_str());
    }
    q.push(")");
}

impl Db {
    /// The facts matching the filter, sorted and paginated as it says.
    pub async fn facts(&self, filter: &FactFilter) -> Result<Vec<FactRow>, StoreError> {
        Ok(filter
            .select()
            .build_query_as()
            .fetch_all(self.pool())
            .await?)
    }

    /// How many facts match the filter, ignoring its pagination.
    pub async fn count_facts(&self, filter: &FactFilter) -> Result<i64, StoreError> {
        let mut q = QueryBuilder::new("SELECT COUNT(*) FROM facts f");
        filter.push_where(&mut q);
        let (n,): (i64,) = q.build_query_as().fetch_one(self.pool()).await?;
        Ok(n)
    }

    /// The same rows as a stream that owns its query, so exports of any size use constant
    /// memory and can outlive the request handler that started them.
    pub fn facts_stream(
        &self,
        filter: FactFilter,
    ) -> impl Stream<Item = Result<FactRow, StoreError>> + Send + 'static {
        let pool = self.pool().clone();
        async_stream::try_stream! {
            let mut query = filter.select();
            let mut rows = query.build_query_as::<FactRow>().fetch(&pool);
            while let Some(row) = rows.try_next().await? {
                yield row;
            }
        }
    }
}
