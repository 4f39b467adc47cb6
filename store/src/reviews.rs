//! Reviewing figures: a person confirms, rejects or corrects what the extractor read.
//!
//! Every review is a new row in `fact_revisions` holding the whole figure after it; the
//! first review of a figure also records revision 0, the extractor's reading, so the
//! original is never lost. The fact row then shows the latest revision, which is what
//! charts, the API and CSV read. Revision, fact row and audit entry are one transaction.

use extractor::catalog;

use crate::{
    csv_export::LineCells,
    facts::SELECT,
    model::{FactRow, Figure, Revision},
    period::{Period, PERIOD_FORMS},
    Db, StoreError,
};

/// What a reviewer decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The figure is right as it stands.
    Confirm,
    /// The figure is wrong or not a figure at all: it leaves charts and default listings.
    Reject,
    /// The figure is right once these fields are changed.
    Correct,
}

impl Action {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "confirm" => Some(Self::Confirm),
            "reject" => Some(Self::Reject),
            "correct" => Some(Self::Correct),
            _ => None,
        }
    }

    /// The figure's status after this action.
    pub fn status(self) -> &'static str {
        match self {
            Self::Confirm => "confirmed",
            Self::Reject => "rejected",
            Self::Correct => "corrected",
        }
    }

    fn audit_action(self) -> &'static str {
        match self {
            Self::Confirm => "fact.confirm",
            Self::Reject => "fact.reject",
            Self::Correct => "fact.correct",
        }
    }
}

/// Fields a correction changes; `None` keeps the current value. For `city` and `scope` an
/// empty string clears them (no followed city; city-wide), for `period` it means "no period".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Correction {
    /// A city key (`siping`).
    pub city: Option<String>,
    pub scope: Option<String>,
    pub period: Option<String>,
    pub metric: Option<String>,
    /// In the metric's stored unit (亿元, %, 个 …).
    pub value: Option<f64>,
    /// The unit as the text writes it.
    pub unit: Option<String>,
    /// `""`, `at_least`, `at_most`, `about` or `target`.
    pub bound: Option<String>,
}

impl Correction {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One review to record.
#[derive(Clone, Debug)]
pub struct Review<'a> {
    pub action: Action,
    pub correction: Correction,
    pub reason: &'a str,
    pub reviewer: &'a str,
    /// The revision the reviewer was looking at. If the figure has moved on since (someone
    /// else reviewed it), the review is refused rather than silently undoing theirs.
    pub expected_revision: Option<i64>,
}

/// The bounds a figure can have, exact first.
pub const BOUNDS: [&str; 5] = ["", "at_least", "at_most", "about", "target"];

const MAX_REASON_CHARS: usize = 500;
const MAX_SHORT_CHARS: usize = 60;

fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
    StoreError::InvalidReview {
        field,
        message: message.into(),
    }
}

fn one_line(field: &'static str, value: &str, max: usize) -> Result<String, StoreError> {
    let value = value.trim();
    if value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(invalid(
            field,
            format!("must be one line of at most {max} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// The figure after `review`, or why the review cannot be made. Pure: the rules can be read
/// and tested without a database.
pub fn revise(
    current: &Figure,
    review: &Review<'_>,
    city_keys: &[String],
) -> Result<Figure, StoreError> {
    if review.reviewer.trim().is_empty() {
        return Err(invalid(
            "reviewer",
            "say who reviews (log in with your name, or send X-Reviewer)",
        ));
    }
    let reason = one_line("reason", review.reason, MAX_REASON_CHARS)?;
    if reason.is_empty() && review.action != Action::Confirm {
        return Err(invalid(
            "reason",
            "say why the figure is rejected or corrected; the reason is kept with the revision",
        ));
    }
    let c = &review.correction;
    if review.action != Action::Correct {
        if !c.is_empty() {
            return Err(invalid(
                "action",
                "confirm and reject keep the figure as it is; use correct to change its fields",
            ));
        }
        return Ok(current.clone());
    }
    let mut next = current.clone();
    if let Some(city) = &c.city {
        let city = city.trim();
        next.city = if city.is_empty() {
            None
        } else if city_keys.iter().any(|k| k == city) {
            Some(city.to_owned())
        } else {
            return Err(invalid(
                "city",
                format!(
                    "unknown city {city:?}; use one of {}, or empty for none",
                    city_keys.join(", ")
                ),
            ));
        };
    }
    if let Some(scope) = &c.scope {
        let scope = one_line("scope", scope, MAX_SHORT_CHARS)?;
        next.scope = Some(scope).filter(|s| !s.is_empty());
    }
    if let Some(period) = &c.period {
        let period = period.trim();
        if !period.is_empty() && Period::parse(period).is_none() {
            return Err(invalid(
                "period",
                format!("{period:?} is not a period; use {PERIOD_FORMS}, or empty for none"),
            ));
        }
        next.period = period.to_owned();
    }
    if let Some(metric) = &c.metric {
        let metric = metric.trim();
        if !catalog::is_known(metric) {
            let known: Vec<&str> = catalog::known_keys().collect();
            return Err(invalid(
                "metric",
                format!("unknown metric {metric:?}; use one of {}", known.join(", ")),
            ));
        }
        next.metric = metric.to_owned();
    }
    if let Some(value) = c.value {
        if !value.is_finite() {
            return Err(invalid("value", "must be a finite number"));
        }
        next.value = value;
    }
    if let Some(unit) = &c.unit {
        let unit = one_line("unit", unit, 20)?;
        if unit.is_empty() {
            return Err(invalid(
                "unit",
                "must not be empty (the unit as the text writes it: 亿元, %, 个 …)",
            ));
        }
        next.unit = unit;
    }
    if let Some(bound) = &c.bound {
        let bound = bound.trim();
        if !BOUNDS.contains(&bound) {
            return Err(invalid(
                "bound",
                format!("{bound:?} is not a bound; use \"\" (exact), at_least, at_most, about or target"),
            ));
        }
        next.bound = bound.to_owned();
    }
    if next == *current {
        return Err(invalid(
            "correction",
            "nothing differs from the figure as it stands; confirm it instead",
        ));
    }
    Ok(next)
}

/// What a review did.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reviewed {
    /// The figure as it now stands.
    pub fact: FactRow,
    /// The revision just written.
    pub revision: Revision,
}

const REVISION_COLUMNS: &str =
    "revision, status, city, scope, period, metric, value, unit, bound, reviewer, reason, at";

async fn insert_revision(
    conn: &mut sqlx::SqliteConnection,
    content_hash: &str,
    fact_key: &str,
    r: &Revision,
) -> Result<(), StoreError> {
    let f = &r.figure;
    sqlx::query(&format!(
        "INSERT INTO fact_revisions (content_hash, fact_key, {REVISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))
    .bind(content_hash)
    .bind(fact_key)
    .bind(r.revision)
    .bind(&r.status)
    .bind(&f.city)
    .bind(&f.scope)
    .bind(&f.period)
    .bind(&f.metric)
    .bind(f.value)
    .bind(&f.unit)
    .bind(&f.bound)
    .bind(&r.reviewer)
    .bind(&r.reason)
    .bind(&r.at)
    .execute(conn)
    .await?;
    Ok(())
}

/// One fact by id on `conn` (a pool connection or the caller's transaction).
async fn fetch_fact(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
) -> Result<Option<FactRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE f.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

impl Db {
    /// One fact by id, whatever its status.
    pub async fn fact(&self, id: i64) -> Result<Option<FactRow>, StoreError> {
        fetch_fact(&mut *self.pool().acquire().await?, id).await
    }

    /// Records a review of fact `id`. `None` when there is no such fact.
    pub async fn review_fact(
        &self,
        id: i64,
        review: &Review<'_>,
    ) -> Result<Option<Reviewed>, StoreError> {
        let mut tx = self.pool().begin().await?;
        // A write first takes the write lock, so the revision read below cannot move on
        // before this review commits.
        sqlx::query("UPDATE facts SET revision = revision WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let Some(row) = fetch_fact(&mut tx, id).await? else {
            return Ok(None);
        };
        if let Some(expected) = review.expected_revision {
            if expected != row.revision {
                return Err(StoreError::StaleRevision {
                    fact_id: id,
                    expected,
                    current: row.revision,
                });
            }
        }
        let city_keys: Vec<String> = sqlx::query_scalar("SELECT key FROM cities")
            .fetch_all(&mut *tx)
            .await?;
        let before = Figure::of(&row);
        let after = revise(&before, review, &city_keys)?;
        let (content_hash, fact_key, ingested_at): (String, String, String) = sqlx::query_as(
            "SELECT a.content_hash, f.fact_key, a.ingested_at FROM facts f JOIN articles a ON a.id = f.article_id WHERE f.id = ?",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if row.revision == 0 {
            // The extractor's reading, kept before anything changes it.
            let original = Revision::extracted(before.clone(), ingested_at);
            insert_revision(&mut tx, &content_hash, &fact_key, &original).await?;
        }
        let revision = Revision {
            revision: row.revision + 1,
            status: review.action.status().to_owned(),
            figure: after.clone(),
            reviewer: review.reviewer.trim().to_owned(),
            reason: review.reason.trim().to_owned(),
            at: crate::articles::now(),
        };
        insert_revision(&mut tx, &content_hash, &fact_key, &revision).await?;
        let days = Period::parse(&after.period);
        sqlx::query(
            "UPDATE facts SET city = ?, scope = ?, period = ?, period_start = ?, period_end = ?, metric = ?,
             value = ?, unit = ?, bound = ?, status = ?, revision = ? WHERE id = ?",
        )
        .bind(&after.city)
        .bind(&after.scope)
        .bind(&after.period)
        .bind(days.map(|p| p.start.to_string()))
        .bind(days.map(|p| p.end.to_string()))
        .bind(&after.metric)
        .bind(after.value)
        .bind(&after.unit)
        .bind(&after.bound)
        .bind(&revision.status)
        .bind(revision.revision)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Read back (with the new city's name) to write the export line the same way the
        // ingest does.
        let fact = fetch_fact(&mut tx, id)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        sqlx::query("UPDATE facts SET csv_line = ? WHERE id = ?")
            .bind(LineCells::of_row(&fact).line())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let detail = serde_json::json!({
            "fact_id": id,
            "fact_key": fact_key,
            "revision": revision.revision,
            "before": before,
            "after": after,
            "reason": revision.reason,
        });
        crate::admin::insert_audit(
            &mut tx,
            &revision.reviewer,
            review.action.audit_action(),
            Some(fact.article_id),
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(Reviewed { fact, revision }))
    }

    /// A fact and its revisions, oldest first. A figure never reviewed has one: revision 0,
    /// as extracted. `None` when there is no such fact.
    pub async fn fact_history(
        &self,
        id: i64,
    ) -> Result<Option<(FactRow, Vec<Revision>)>, StoreError> {
        // One read transaction: the fact and its revisions from the same snapshot.
        let mut tx = self.pool().begin().await?;
        let Some(fact) = fetch_fact(&mut tx, id).await? else {
            return Ok(None);
        };
        let mut revisions: Vec<Revision> = sqlx::query_as(&format!(
            "SELECT {REVISION_COLUMNS} FROM fact_revisions
             WHERE content_hash = (SELECT content_hash FROM articles WHERE id = ?)
               AND fact_key = (SELECT fact_key FROM facts WHERE id = ?)
             ORDER BY revision"
        ))
        .bind(fact.article_id)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        if revisions.is_empty() {
            let (at,): (String,) = sqlx::query_as("SELECT ingested_at FROM articles WHERE id = ?")
                .bind(fact.article_id)
                .fetch_one(&mut *tx)
                .await?;
            revisions.push(Revision::extracted(Figure::of(&fact), at));
        }
        tx.commit().await?;
        Ok(Some((fact, revisions)))
    }
}
