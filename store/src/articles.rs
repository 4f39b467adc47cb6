//! Writing articles and their facts: each article all in or all out.

use std::collections::HashMap;

use chrono::NaiveDate;
use extractor::Fact;
use sqlx::{QueryBuilder, Sqlite};

use crate::{
    csv_export::LineCells,
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
    /// Who added it through the server: then its `article.add` audit entry is written in
    /// the same transaction, so no stored article lacks one. `None` for the command line.
    pub added_by: Option<&'a str>,
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

/// SQLite allows 32766 bound parameters per statement; 23 columns × 1000 rows stays below.
const FACT_ROWS_PER_INSERT: usize = 1000;

/// The article a batch of facts belongs to, as their rows and export lines name it.
struct ArticleRef<'a> {
    id: i64,
    file_name: &'a str,
    published: String,
    content_hash: &'a str,
}

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
    /// file name. Reviews made earlier of the same text apply to the new facts. If anything
    /// fails, nothing of it is written and what was stored before stays.
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
        .bind(now())
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
        let target = ArticleRef {
            id,
            file_name: article.file_name,
            published: article.published.map(|d| d.to_string()).unwrap_or_default(),
            content_hash: article.content_hash,
        };
        insert_facts(&mut tx, &target, facts).await?;
        if let Some(actor) = article.added_by {
            let detail = serde_json::json!({
                "file_name": article.file_name,
                "title": article.title,
                "facts": facts.len(),
            });
            crate::admin::insert_audit(&mut tx, actor, "article.add", Some(id), &detail).await?;
        }
        tx.commit().await?;
        let facts = facts.len();
        Ok(if replaced {
            Stored::Replaced { id, facts }
        } else {
            Stored::Inserted { id, facts }
        })
    }

    /// Replaces the facts of a stored article with a new extraction of its text (after the
    /// extractor improved), keeping the article, its id and the reviews of its figures.
    /// `false` when there is no such article.
    pub async fn replace_facts(
        &self,
        article_id: i64,
        main_city: Option<&str>,
        facts: &[Fact],
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        let found = sqlx::query("UPDATE articles SET main_city = ? WHERE id = ?")
            .bind(main_city)
            .bind(article_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        if !found {
            return Ok(false);
        }
        sqlx::query("DELETE FROM facts WHERE article_id = ?")
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        let (file_name, published, content_hash): (String, String, String) = sqlx::query_as(
            "SELECT file_name, ifnull(published, ''), content_hash FROM articles WHERE id = ?",
        )
        .bind(article_id)
        .fetch_one(&mut *tx)
        .await?;
        let target = ArticleRef {
            id: article_id,
            file_name: &file_name,
            published,
            content_hash: &content_hash,
        };
        insert_facts(&mut tx, &target, facts).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Number of stored articles (the server ingests the seeds when this is zero).
    pub async fn article_count(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM articles")
            .fetch_one(self.pool())
            .await?;
        Ok(n)
    }
}

/// The revision a figure stands at, as re-applied to a fresh extraction.
#[derive(sqlx::FromRow)]
struct Latest {
    fact_key: String,
    revision: i64,
    status: String,
    city: Option<String>,
    scope: Option<String>,
    period: String,
    metric: String,
    value: f64,
    unit: String,
    bound: String,
}

/// Inserts an article's facts inside the caller's transaction (which holds the write lock),
/// each at the latest revision any review gave the same figure of the same text.
async fn insert_facts(
    tx: &mut sqlx::SqliteConnection,
    article: &ArticleRef<'_>,
    facts: &[Fact],
) -> Result<(), StoreError> {
    let reviews: HashMap<String, Latest> = sqlx::query_as::<_, Latest>(
        "SELECT fact_key, revision, status, city, scope, period, metric, value, unit, bound
         FROM fact_revisions r WHERE content_hash = ? AND revision =
           (SELECT max(revision) FROM fact_revisions l
            WHERE l.content_hash = r.content_hash AND l.fact_key = r.fact_key)",
    )
    .bind(article.content_hash)
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|l| (l.fact_key.clone(), l))
    .collect();
    // Ids are assigned here (we hold the write lock) so each fact's export line, which
    // names its id, can be written with it.
    let (last_id,): (i64,) = sqlx::query_as("SELECT ifnull(max(id), 0) FROM facts")
        .fetch_one(&mut *tx)
        .await?;
    let city_names: Vec<(String, String)> = sqlx::query_as("SELECT key, name_zh FROM cities")
        .fetch_all(&mut *tx)
        .await?;
    for (chunk_no, chunk) in facts.chunks(FACT_ROWS_PER_INSERT).enumerate() {
        let mut insert: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO facts (id, article_id, seq, city, scope, period, period_start, period_end, metric, value, unit, bound, label, quote, span_start, span_end, rule, confidence, csv_line, status, revision, fact_key) ",
        );
        insert.push_values(chunk.iter().enumerate(), |mut row, (i, f)| {
            let seq = (chunk_no * FACT_ROWS_PER_INSERT + i) as i64;
            let fact_id = last_id + 1 + seq;
            let key = fact_key(f.span, &f.metric, f.value);
            let reviewed = reviews.get(&key);
            let city = reviewed.map_or(f.city.as_deref(), |r| r.city.as_deref());
            let scope = reviewed.map_or(f.scope.as_deref(), |r| r.scope.as_deref());
            let period = reviewed.map_or(f.period.as_str(), |r| r.period.as_str());
            let metric = reviewed.map_or(f.metric.as_str(), |r| r.metric.as_str());
            let value = reviewed.map_or(f.value, |r| r.value);
            let unit = reviewed.map_or(f.unit.as_str(), |r| r.unit.as_str());
            let bound = reviewed.map_or(f.bound.as_str(), |r| r.bound.as_str());
            let status = reviewed.map_or("extracted", |r| r.status.as_str());
            let revision = reviewed.map_or(0, |r| r.revision);
            let days = Period::parse(period);
            // f32 → f64 would store 0.899999976 for 0.9: keep the digits that were meant.
            let confidence = (f64::from(f.confidence) * 1e6).round() / 1e6;
            let city_key = city.unwrap_or("");
            let line = LineCells {
                article: article.file_name,
                city: city_names
                    .iter()
                    .find(|(k, _)| k == city_key)
                    .map(|(_, n)| n.as_str())
                    .unwrap_or(""),
                scope: scope.unwrap_or(""),
                period,
                metric,
                value,
                unit,
                bound,
                label: &f.label,
                quote: &f.quote,
                id: fact_id,
                article_id: article.id,
                city_key,
                span_start: f.span.0 as i64,
                span_end: f.span.1 as i64,
                rule: &f.rule,
                confidence,
                published: &article.published,
                status,
            }
            .line();
            row.push_bind(fact_id)
                .push_bind(article.id)
                .push_bind(seq)
                .push_bind(city.map(str::to_owned))
                .push_bind(scope.map(str::to_owned))
                .push_bind(period.to_owned())
                .push_bind(days.map(|p| p.start.to_string()))
                .push_bind(days.map(|p| p.end.to_string()))
                .push_bind(metric.to_owned())
                .push_bind(value)
                .push_bind(unit.to_owned())
                .push_bind(bound.to_owned())
                .push_bind(f.label.as_str())
                .push_bind(f.quote.as_str())
                .push_bind(f.span.0 as i64)
                .push_bind(f.span.1 as i64)
                .push_bind(f.rule.as_str())
                .push_bind(confidence)
                .push_bind(line)
                .push_bind(status.to_owned())
                .push_bind(revision)
                .push_bind(key);
        });
        insert.build().execute(&mut *tx).await?;
    }
    Ok(())
}

/// A figure's identity across re-extractions of the same text: where its quote is, and what
/// was read there. The value is in millionths so SQL (the migration) writes the same key.
pub fn fact_key(span: (usize, usize), metric: &str, value: f64) -> String {
    format!(
        "{}-{}/{metric}/{}",
        span.0,
        span.1,
        (value * 1e6).round() as i64
    )
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

const ARTICLE_SUMMARY: &str =
    "SELECT a.id, a.file_name, a.title, a.source, a.url, a.published, a.main_city, \
     c.name_zh AS main_city_name, a.encoding, a.ingested_at, \
     (SELECT COUNT(*) FROM facts f WHERE f.article_id = a.id) AS fact_count \
     FROM articles a LEFT JOIN cities c ON c.key = a.main_city";

impl Db {
    /// One article's listing entry; `None` if there is no such id.
    pub async fn article_summary(&self, id: i64) -> Result<Option<ArticleSummary>, StoreError> {
        Ok(sqlx::query_as(&format!("{ARTICLE_SUMMARY} WHERE a.id = ?"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// The article stored under this file name, if any.
    pub async fn article_named(
        &self,
        file_name: &str,
    ) -> Result<Option<ArticleSummary>, StoreError> {
        Ok(
            sqlx::query_as(&format!("{ARTICLE_SUMMARY} WHERE a.file_name = ?"))
                .bind(file_name)
                .fetch_optional(self.pool())
                .await?,
        )
    }

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
        let Some(article) = self.article_summary(id).await? else {
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
