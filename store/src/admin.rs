//! Writes made through the server: deleting articles, the audit log, backups.

use serde::{Deserialize, Serialize};

use crate::{model::ArticleSummary, Db, StoreError};

/// One audit log entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// `article.add`, `article.delete`, `fact.confirm`, `fact.reject`, `fact.correct`.
    pub action: String,
    pub article_id: Option<i64>,
    /// JSON object with what was changed.
    pub detail: String,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Writes an audit entry inside the caller's transaction, so the entry and the change it
/// describes are committed together or not at all.
pub(crate) async fn insert_audit(
    conn: &mut sqlx::SqliteConnection,
    actor: &str,
    action: &str,
    article_id: Option<i64>,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, article_id, detail) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(now())
    .bind(actor)
    .bind(action)
    .bind(article_id)
    .bind(detail.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

impl Db {
    /// The latest entries first.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, at, actor, action, article_id, detail FROM audit_log ORDER BY id DESC LIMIT ?",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Deletes an article and its facts (one statement; facts go by cascade) and records it
    /// in the audit log in the same transaction. `None` when there is no such article.
    pub async fn delete_article(
        &self,
        id: i64,
        actor: &str,
    ) -> Result<Option<ArticleSummary>, StoreError> {
        let Some(article) = self.article_summary(id).await? else {
            return Ok(None);
        };
        let mut tx = self.pool().begin().await?;
        let gone = sqlx::query("DELETE FROM articles WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if gone == 0 {
            return Ok(None);
        }
        let detail = serde_json::json!({
            "file_name": article.file_name,
            "title": article.title,
            "facts": article.fact_count,
        });
        insert_audit(&mut tx, actor, "article.delete", Some(id), &detail).await?;
        tx.commit().await?;
        Ok(Some(article))
    }

    /// Writes a consistent copy of the live database to `path` (which must not exist):
    /// `VACUUM INTO` reads one snapshot, so concurrent writers neither block nor tear it.
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), StoreError> {
        if path.exists() {
            return Err(StoreError::BackupTarget {
                path: path.display().to_string(),
                reason: "it already exists; choose a new file name or remove it first".into(),
            });
        }
        let target = path.to_str().ok_or_else(|| StoreError::BackupTarget {
            path: path.display().to_string(),
            reason: "the path is not valid UTF-8".into(),
        })?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
