//! Reading facts with filters.

use futures_core::Stream;
use futures_util::TryStreamExt;
use sqlx::{QueryBuilder, Sqlite};

use crate::{model::FactRow, Db, StoreError};

/// Which facts to read. Empty lists mean "all".
#[derive(Clone, Debug, Default)]
pub struct FactFilter {
    /// City keys (already resolved from names by the caller).
    pub cities: Vec<String>,
    pub metrics: Vec<String>,
    /// Only facts of this article.
    pub article_id: Option<i64>,
}

const SELECT: &str = "SELECT a.file_name AS article, c.name_zh AS city, f.scope, f.period, f.metric, f.value, \
     f.unit, f.bound, f.label, f.quote, f.id, f.article_id, f.city AS city_key, f.span_start, f.span_end, \
     f.rule, f.confidence \
     FROM facts f JOIN articles a ON a.id = f.article_id LEFT JOIN cities c ON c.key = f.city";

impl FactFilter {
    fn query(&self) -> QueryBuilder<'_, Sqlite> {
        let mut q = QueryBuilder::new(SELECT);
        q.push(" WHERE 1 = 1");
        if !self.cities.is_empty() {
            q.push(" AND f.city IN (");
            let mut list = q.separated(", ");
            for c in &self.cities {
                list.push_bind(c.as_str());
            }
            q.push(")");
        }
        if !self.metrics.is_empty() {
            q.push(" AND f.metric IN (");
            let mut list = q.separated(", ");
            for m in &self.metrics {
                list.push_bind(m.as_str());
            }
            q.push(")");
        }
        if let Some(id) = self.article_id {
            q.push(" AND f.article_id = ").push_bind(id);
        }
        q.push(" ORDER BY f.article_id, f.seq");
        q
    }
}

impl Db {
    /// All facts matching the filter, in article order.
    pub async fn facts(&self, filter: &FactFilter) -> Result<Vec<FactRow>, StoreError> {
        Ok(filter.query().build_query_as().fetch_all(self.pool()).await?)
    }

    /// The same rows as a stream that owns its query, so exports of any size use constant
    /// memory and can outlive the request handler that started them.
    pub fn facts_stream(
        &self,
        filter: FactFilter,
    ) -> impl Stream<Item = Result<FactRow, StoreError>> + Send + 'static {
        let pool = self.pool().clone();
        async_stream::try_stream! {
            let mut query = filter.query();
            let mut rows = query.build_query_as::<FactRow>().fetch(&pool);
            while let Some(row) = rows.try_next().await? {
                yield row;
            }
        }
    }
}
