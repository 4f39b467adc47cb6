//! Reading facts with filters, sorting and pagination.

use futures_core::Stream;
use futures_util::TryStreamExt;
use sqlx::Sqlite;

use crate::{
    model::{FactRow, STATUSES},
    period::Period,
    Db, StoreError,
};

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
    /// Only these review statuses; empty means every status but `rejected`.
    pub statuses: Vec<String>,
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
            statuses: STATUSES.iter().map(|s| (*s).to_owned()).collect(),
            ..Self::default()
        }
    }
}

pub(crate) const SELECT: &str = "SELECT a.file_name AS article, c.name_zh AS city, f.scope, f.period, f.metric, f.value, \
     f.unit, f.bound, f.label, f.quote, f.id, f.article_id, f.city AS city_key, f.span_start, f.span_end, \
     f.rule, f.confidence, a.published, f.status, f.revision \
     FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN cities c ON c.key = f.city";

/// A bound SQL parameter; the filter's SQL is shared by the sqlx reads and the CSV export.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SqlValue {
    Text(String),
    Int(i64),
}

impl FactFilter {
    /// ` WHERE …` over `facts f` with `?` placeholders, and the values to bind in order.
    pub(crate) fn where_clause(&self) -> (String, Vec<SqlValue>) {
        let mut sql = String::from(" WHERE 1 = 1");
        let mut args = Vec::new();
        let mut any_of = |sql: &mut String, column: &str, values: &[String]| {
            if values.is_empty() {
                return;
            }
            sql.push_str(&format!(
                " AND {column} IN ({})",
                vec!["?"; values.len()].join(", ")
            ));
            args.extend(values.iter().cloned().map(SqlValue::Text));
        };
        any_of(&mut sql, "f.city", &self.cities);
        any_of(&mut sql, "f.metric", &self.metrics);
        if self.statuses.is_empty() {
            sql.push_str(" AND f.status <> 'rejected'");
        } else {
            any_of(&mut sql, "f.status", &self.statuses);
        }
        if let Some(from) = self.from {
            sql.push_str(" AND f.period_start >= ?");
            args.push(SqlValue::Text(from.start.to_string()));
        }
        if let Some(to) = self.to {
            sql.push_str(" AND f.period_end <= ?");
            args.push(SqlValue::Text(to.end.to_string()));
        }
        match self.scope {
            ScopeMode::All => {}
            ScopeMode::City => sql.push_str(" AND f.scope IS NULL"),
            ScopeMode::Default => {
                sql.push_str(&format!(
                    " AND (f.scope IS NULL OR f.metric NOT IN ({}))",
                    vec!["?"; CITY_WIDE_BY_DEFAULT.len()].join(", ")
                ));
                args.extend(
                    CITY_WIDE_BY_DEFAULT
                        .iter()
                        .map(|m| SqlValue::Text((*m).to_owned())),
                );
            }
        }
        if let Some(bound) = &self.bound {
            sql.push_str(" AND f.bound = ?");
            args.push(SqlValue::Text(bound.clone()));
        }
        if !self.include_targets {
            sql.push_str(" AND f.bound <> 'target'");
        }
        if let Some(id) = self.article_id {
            sql.push_str(" AND f.article_id = ?");
            args.push(SqlValue::Int(id));
        }
        (sql, args)
    }

    /// The full `SELECT` of [`FactRow`] columns: filter, order and page.
    pub(crate) fn select_sql(&self) -> (String, Vec<SqlValue>) {
        self.select_sql_from(SELECT)
    }

    /// Filter, order and page applied to `select` (which must read `facts f`).
    pub(crate) fn select_sql_from(&self, select: &str) -> (String, Vec<SqlValue>) {
        let (mut sql, mut args) = self.where_clause();
        sql.insert_str(0, select);
        sql.push_str(match self.sort {
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
            sql.push_str(" LIMIT ? OFFSET ?");
            args.extend([SqlValue::Int(limit), SqlValue::Int(self.offset)]);
        } else if self.offset > 0 {
            sql.push_str(" LIMIT -1 OFFSET ?");
            args.push(SqlValue::Int(self.offset));
        }
        (sql, args)
    }
}

fn bind_all<'q, O>(
    mut q: sqlx::query::QueryAs<'q, Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>,
    args: Vec<SqlValue>,
) -> sqlx::query::QueryAs<'q, Sqlite, O, sqlx::sqlite::SqliteArguments<'q>> {
    for arg in args {
        q = match arg {
            SqlValue::Text(s) => q.bind(s),
            SqlValue::Int(i) => q.bind(i),
        };
    }
    q
}

impl Db {
    /// The facts matching the filter, sorted and paginated as it says.
    pub async fn facts(&self, filter: &FactFilter) -> Result<Vec<FactRow>, StoreError> {
        let (sql, args) = filter.select_sql();
        Ok(bind_all(sqlx::query_as(&sql), args)
            .fetch_all(self.pool())
            .await?)
    }

    /// How many facts match the filter, ignoring its pagination.
    pub async fn count_facts(&self, filter: &FactFilter) -> Result<i64, StoreError> {
        let (where_sql, args) = filter.where_clause();
        let sql = format!("SELECT COUNT(*) FROM facts f{where_sql}");
        let (n,): (i64,) = bind_all(sqlx::query_as(&sql), args)
            .fetch_one(self.pool())
            .await?;
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
            let (sql, args) = filter.select_sql();
            let mut rows = bind_all(sqlx::query_as::<_, FactRow>(&sql), args).fetch(&pool);
            while let Some(row) = rows.try_next().await? {
                yield row;
            }
        }
    }
}
