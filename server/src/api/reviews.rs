//! Reviewing a figure over the API: `POST /api/v1/facts/{id}/revisions` (admin) adds a
//! revision, `GET` the same path lists them (public). The review pages use [`review`] too.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use store::{
    model::{FactRow, Revision},
    reviews::{Action, Correction, Review, Reviewed},
};

use super::{
    error::{ApiError, ApiResult},
    ApiState,
};
use crate::{auth::Admin, lookup};

/// A review. `action` decides; the figure's fields matter only for `correct`, where each
/// one given replaces the current value (omit a field to keep it).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    /// `confirm`, `reject` or `correct`.
    pub action: String,
    /// Why; required for reject and correct.
    pub reason: Option<String>,
    /// The `revision` of the fact you looked at: if someone reviewed it since, you get 409
    /// instead of undoing their review.
    pub expected_revision: Option<i64>,
    /// City key or name; `""` for a figure that belongs to no followed city.
    pub city: Option<String>,
    /// Place inside the city (district, county, zone, project); `""` for city-wide.
    pub scope: Option<String>,
    /// YYYY, YYYY-H1, YYYY-Q1, YYYY-MM, YYYY-MM-DD, or `""` for none.
    pub period: Option<String>,
    /// Metric key (see `/api/v1/metrics`), `other` or `other_count`.
    pub metric: Option<String>,
    /// In the metric's stored unit.
    pub value: Option<f64>,
    /// The unit as written in the text.
    pub unit: Option<String>,
    /// `exact`, `at_least`, `at_most`, `about` or `target`.
    pub bound: Option<String>,
}

/// A fact and every revision of it, the extractor's reading (revision 0) first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct History {
    pub fact: FactRow,
    pub revisions: Vec<Revision>,
}

/// Validates the body's names, records the review, and drops cached answers that showed
/// the old figure.
pub async fn review(
    state: &ApiState,
    reviewer: &str,
    id: i64,
    body: ReviewBody,
) -> ApiResult<Reviewed> {
    let action = Action::parse(body.action.trim()).ok_or_else(|| {
        ApiError::bad_request(
            "bad_action",
            format!(
                "unknown action {:?}; use confirm, reject or correct",
                body.action
            ),
        )
    })?;
    let city = match body.city.as_deref().map(str::trim) {
        Some("") => Some(String::new()),
        Some(given) => Some(
            lookup::city_keys(&state.cities, &[given.to_owned()])?
                .pop()
                .unwrap_or_default(),
        ),
        None => None,
    };
    let bound = body.bound.map(|b| {
        if b.trim() == "exact" {
            String::new()
        } else {
            b
        }
    });
    let review = Review {
        action,
        correction: Correction {
            city,
            scope: body.scope,
            period: body.period,
            metric: body.metric,
            value: body.value,
            unit: body.unit,
            bound,
        },
        reason: body.reason.as_deref().unwrap_or(""),
        reviewer,
        expected_revision: body.expected_revision,
    };
    let reviewed = state
        .db
        .review_fact(id, &review)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no fact with id {id}")))?;
    state.cache.invalidate();
    Ok(reviewed)
}

#[utoipa::path(post, path = "/api/v1/facts/{id}/revisions", tag = "write",
    params(("id" = i64, Path, description = "Fact id")),
    request_body = ReviewBody,
    responses((status = 201, description = "The review is recorded; the figure as it now stands and the new revision", body = Reviewed),
              (status = 400, description = "Unknown action, metric, city, period or bound; a missing reason; a correction that changes nothing", body = super::error::ErrorBody),
              (status = 401, body = super::error::ErrorBody), (status = 403, body = super::error::ErrorBody),
              (status = 404, body = super::error::ErrorBody),
              (status = 409, description = "The fact has a newer revision than expected_revision", body = super::error::ErrorBody)),
    security(("admin_token" = [])))]
pub async fn add_revision(
    State(state): State<ApiState>,
    admin: Admin,
    Path(id): Path<i64>,
    body: Result<Json<ReviewBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Response> {
    // 400 for every malformed body (axum says 422 for wrong types), as the uploads do.
    let unsupported = |e: &axum::extract::rejection::JsonRejection| {
        e.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE
    };
    let Json(body) = body.map_err(|e| ApiError {
        status: if unsupported(&e) {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        } else {
            StatusCode::BAD_REQUEST
        },
        code: if unsupported(&e) {
            "unsupported_media_type"
        } else {
            "bad_json"
        },
        message: format!("the body is not a valid review: {} (expected {{\"action\": \"confirm\"|\"reject\"|\"correct\", \"reason\"?, \"expected_revision\"?, and for correct: city?, scope?, period?, metric?, value?, unit?, bound?}})", e.body_text()),
    })?;
    let reviewed = review(&state, &admin.reviewer, id, body).await?;
    Ok((StatusCode::CREATED, Json(reviewed)).into_response())
}

#[utoipa::path(get, path = "/api/v1/facts/{id}/revisions", tag = "facts",
    params(("id" = i64, Path, description = "Fact id")),
    responses((status = 200, description = "The fact as it stands and its revisions, oldest first", body = History),
              (status = 404, body = super::error::ErrorBody)))]
pub async fn revisions(
    State(state): State<ApiState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<History>> {
    let (fact, revisions) = state
        .db
        .fact_history(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no fact with id {id}")))?;
    Ok(Json(History { fact, revisions }))
}
