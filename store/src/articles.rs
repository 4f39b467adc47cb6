//! Writing articles and their facts: each article all in or all out.

use chrono::NaiveDate;
use extractor::Fact;
use sqlx::{QueryBuilder, Sqlite};

use crate::{
    csv_export::{push_line, LineCells},
    facts::FactFilter,
    model::{ArticleDetail, ArticleSummary},
    period::Period,
    Db, StoreError,
};

/// An article ready to be stored, with the text exactly as the facts' spans index it.
#[derive(Clone, Debug)]
pub struct NewArticle<'a> {
    pub file_name: &'a str,
    pub title: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub published: Option<NaiveDate>,
    pub main_city: Option<&'a str>,
    pub text: &'a str,
    pub encoding: &'a str,
    pub content_hash: &'a str,
}

/// What storing an article did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// A new article, with this many facts.
    Inserted { id: i64, facts: usize },
    /// The file name was known with other content; the old article and its facts are gone.
    Replaced { id: i64, facts: usize },
}

/// An article whose content is already stored (possibly under another file name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Existing {
    pub id: i64,
    pub file_name: String,
}

/// SQLite allows 32766 bound parameters per statement; 19 columns × 1000 rows stays well below.
const FACT_ROWS_PER_INSERT: usize = 1000;

impl Db {
    /// The article already stored with this content, if any. Checked before extracting, so
    /// re-ingesting an unchanged corpus costs one lookup per file.
    pub async fn article_with_hash(
        &self,
        content_hash: &str,
    ) -> Result<Option<Existing>, StoreError> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT id, file_name FROM articles WHERE content_hash = ?")
                .bind(content_hash)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(id, file_name)| Existing { id, file_name }))
    }

    /// Stores an article and its facts in one transaction, replacing an article of the same
    /// file name. If anything fails, nothing of it is written and what was stored before stays.
    pub async fn store_article(
        &self,
        article: &NewArticle<'_>,
        facts: &[Fact],
    ) -> Result<Stored, StoreError> {
        let mut tx = self.pool().begin().await?;
        // Writing first takes SQLite's write lock at once, so two ingests never deadlock
        // upgrading a read lock.
        let replaced = sqlx::query("DELETE FROM articles WHERE file_name = ?")
            .bind(article.file_name)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
            "INSERT INTO articles (file_name, title, source, url, published, main_city, content_hash, text, encoding, ingested_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(article.file_name)
        .bind(article.title)
        .bind(article.source)
        .bind(article.url)
        .bind(article.published.map(|d| d.to_string()))
        .bind(article.main_city)
        .bind(article.content_hash)
        .bind(article.text)
        .bind(article.encoding)
        .bind(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted {
            Ok((id,)) => id,
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                drop(tx);
                let existing = self.article_with_hash(article.content_hash).await?;
                return Err(StoreError::DuplicateContent {
                    file_name: article.file_name.to_owned(),
                    existing: existing.map(|e| e.file_name).unwrap_or_default(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        // Ids are assigned here (we hold the write lock) so each fact's export line, which
        // names its id, can be written with it.
        let (last_id,): (i64,) = sqlx::query_as("SELECT ifnull(max(id), 0) FROM facts")
            .fetch_one(&mut *tx)
            .await?;
        let city_names: Vec<(String, String)> = sqlx::query_as("SELECT key, name_zh FROM cities")
            .fetch_all(&mut *tx)
            .await?;
        let published = article.published.map(|d| d.to_string()).unwrap_or_default();
        for (chunk_no, chunk) in facts.chunks(FACT_ROWS_PER_INSERT).enumerate() {
            let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO facts (id, article_id, seq, city, scope, period, period_start, period_end, metric, value, unit, bound, label, quote, span_start, span_end, rule, confidence, csv_line) ",
            );
            insert.push_values(chunk.iter().enumerate(), |mut row, (i, f)| {
                let seq = (chunk_no * FACT_ROWS_PER_INSERT + i) as i64;
                let fact_id = last_id + 1 + seq;
                let period = Period::parse(&f.period);
                // f32 → f64 would store 0.899999976 for 0.9: keep the digits that were meant.
                let confidence = (f64::from(f.confidence) * 1e6).round() / 1e6;
                let city_key = f.city.as_deref().unwrap_or("");
                let mut line = Vec::new();
                push_line(
                    &mut line,
                    &LineCells {
                        article: article.file_name,
                        city: city_names
                            .iter()
                            .find(|(k, _)| k == city_key)
                            .map(|(_, n)| n.as_str())
                            .unwrap_or(""),
                        scope: f.scope.as_deref().unwrap_or(""),
                        period: &f.period,
                        metric: &f.metric,
                        value: f.value,
                        unit: &f.unit,
                        bound: f.bound.as_str(),
                        label: &f.label,
                        quote: &f.quote,
                        id: fact_id,
                        article_id: id,
                        city_key,
                        span_start: f.span.0 as i64,
                        span_end: f.span.1 as i64,
                        rule: &f.rule,
                        confidence,
                        published: &published,
                    },
                );
                row.push_bind(fact_id)
                    .push_bind(id)
                    .push_bind(seq)
                    .push_bind(f.city.as_deref())
                    .push_bind(f.scope.as_deref())
                    .push_bind(f.period.as_str())
                    .push_bind(period.map(|p| p.start.to_string()))
                    .push_bind(period.map(|p| p.end.to_string()))
                    .push_bind(f.metric.as_str())
                    .push_bind(f.value)
                    .push_bind(f.unit.as_str())
                    .push_bind(f.bound.as_str())
                    .push_bind(f.label.as_str())
                    .push_bind(f.quote.as_str())
                    .push_bind(f.span.0 as i64)
                    .push_bind(f.span.1 as i64)
                    .push_bind(f.rule.as_str())
                    .push_bind(confidence)
                    .push_bind(String::from_utf8(line).unwrap_or_default());
            });
            insert.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(if replaced {
            Stored::Replaced {
                id,
                facts: facts.len(),
            }
        } else {
            Stored::Inserted {
                id,
                facts: facts.len(),
            }
        })
    }

    /// Number of stored articles (the server ingests the seeds when this is zero).
    pub async fn article_count(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
            .fetch_one(self.pool())
            .await?;
        Ok(n)
    }
}

const ARTICLE_SUMMARY: &str =
    "SELECT a.id, a.file_name, a.title, a.source, a.url, a.published, a.main_city, \
     c.name_zh AS main_city_name, a.encoding, a.ingested_at, \
     (SELECT COUNT(*) FROM facts f WHERE f.article_id = a.id) AS fact_count \
     FROM articles a LEFT JOIN cities c ON c.key = a.main_city";

impl Db {
    /// Every article, newest publication first (unknown dates last).
    pub async fn articles(&self) -> Result<Vec<ArticleSummary>, StoreError> {
        Ok(sqlx::query_as(&format!(
            "{ARTICLE_SUMMARY} ORDER BY a.published IS NULL, a.published DESC, a.id"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    /// One article with its text and facts; `None` if there is no such id.
    pub async fn article(&self, id: i64) -> Result<Option<ArticleDetail>, StoreError> {
        let Some(article) =
            sqlx::query_as::<_, ArticleSummary>(&format!("{ARTICLE_SUMMARY} WHERE a.id = ?"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?
        else {
            return Ok(None);
        };
        let (text,): (String,) = sqlx::query_as("SELECT text FROM articles WHERE id = ?")
            .bind(id)
            .fetch_one(self.pool())
            .await?;
        let facts = self
            .facts(&FactFilter {
                article_id: Some(id),
                ..FactFilter::all()
            })
            .await?;
        Ok(Some(ArticleDetail {
            article,
            text,
            facts,
        }))
    }
}
