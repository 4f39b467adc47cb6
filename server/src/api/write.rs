//! Writes: adding articles (JSON or multipart upload) and deleting them. Every handler takes
//! an [`Admin`], so nothing here runs without the admin token; each write lands in the
//! audit log with the reviewer's name.

use axum::{
    body::Bytes,
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use store::{
    admin::AuditEntry,
    model::{ArticleDetail, ArticleSummary},
};

use super::{
    error::{ApiError, ApiResult},
    ApiState,
};
use crate::{
    auth::Admin,
    ingest::{self, manifest, report::FileOutcome},
};

/// Largest request body of an upload (text or file plus fields).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Largest article text, after decoding to UTF-8 bytes.
pub const MAX_ARTICLE_BYTES: u64 = 6 * 1024 * 1024;
/// Articles one JSON request may carry (an array).
pub const MAX_ARTICLES_PER_REQUEST: usize = 20;

/// One article to add. `text` is required; the rest is what a manifest entry can say.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArticleBody {
    pub text: String,
    pub title: Option<String>,
    /// YYYY-MM-DD: relative periods (今年, 上半年) resolve against it.
    pub published: Option<String>,
    pub source: Option<String>,
    /// http(s) address of the original.
    pub url: Option<String>,
    /// City key or Chinese name, a hint for passages that name no place.
    pub city: Option<String>,
    /// Stored file name; default `upload-<content hash>.txt`.
    pub file_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(NewArticleBody),
    Many(Vec<NewArticleBody>),
}

/// What adding one article did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Added {
    /// `/articles/{id}`: the page with every figure highlighted.
    pub page: String,
    #[serde(flatten)]
    pub article: ArticleDetail,
}

#[utoipa::path(post, path = "/api/v1/articles", tag = "write",
    request_body(content = NewArticleBody, description = "JSON (one object or an array of at most 20), or multipart/form-data with the same fields and a `file` (UTF-8 or GB18030 text)"),
    responses((status = 201, description = "Stored; the figures found, with their quotes", body = Added),
              (status = 400, body = super::error::ErrorBody), (status = 401, body = super::error::ErrorBody),
              (status = 403, body = super::error::ErrorBody), (status = 409, description = "Same content, or the file name is taken", body = super::error::ErrorBody),
              (status = 413, body = super::error::ErrorBody), (status = 415, body = super::error::ErrorBody),
              (status = 422, description = "Not a text article (binary, empty, undecodable)", body = super::error::ErrorBody)),
    security(("admin_token" = [])))]
pub async fn add_articles(
    State(state): State<ApiState>,
    admin: Admin,
    request: Request,
) -> ApiResult<Response> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/json") {
        let body = Bytes::from_request(request, &())
            .await
            .map_err(body_error)?;
        let parsed: OneOrMany = serde_json::from_slice(&body).map_err(|e| {
            ApiError::bad_request(
                "bad_json",
                format!("the body is not a valid article: {e} (expected {{\"text\": …, \"title\"?, \"published\"?: \"YYYY-MM-DD\", \"source\"?, \"url\"?, \"city\"?}})"),
            )
        })?;
        match parsed {
            OneOrMany::One(article) => {
                let rest = article.rest();
                let added = add_one(&state, &admin, article.text.into_bytes(), rest).await?;
                Ok((StatusCode::CREATED, Json(added)).into_response())
            }
            OneOrMany::Many(list) => {
                if list.len() > MAX_ARTICLES_PER_REQUEST {
                    return Err(ApiError {
                        status: StatusCode::PAYLOAD_TOO_LARGE,
                        code: "too_many_articles",
                        message: format!(
                            "{} articles in one request; send at most {MAX_ARTICLES_PER_REQUEST}",
                            list.len()
                        ),
                    });
                }
                let mut out = Vec::with_capacity(list.len());
                for article in list {
                    let rest = article.rest();
                    out.push(add_one(&state, &admin, article.text.into_bytes(), rest).await?);
                }
                Ok((StatusCode::CREATED, Json(out)).into_response())
            }
        }
    } else if content_type.starts_with("multipart/form-data") {
        let multipart = Multipart::from_request(request, &())
            .await
            .map_err(|e| ApiError::bad_request("bad_multipart", e.body_text()))?;
        let (bytes, fields, _) = read_multipart(multipart).await?;
        let added = add_one(&state, &admin, bytes, fields).await?;
        Ok((StatusCode::CREATED, Json(added)).into_response())
    } else {
        Err(ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "unsupported_media_type",
            message: format!(
                "send application/json or multipart/form-data, not {:?}",
                if content_type.is_empty() {
                    "nothing"
                } else {
                    content_type.as_str()
                }
            ),
        })
    }
}

/// The metadata of an upload, before validation.
#[derive(Debug, Default)]
pub struct Fields {
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub city: Option<String>,
    pub file_name: Option<String>,
}

impl NewArticleBody {
    fn rest(&self) -> Fields {
        Fields {
            title: self.title.clone(),
            published: self.published.clone(),
            source: self.source.clone(),
            url: self.url.clone(),
            city: self.city.clone(),
            file_name: self.file_name.clone(),
        }
    }
}

/// Reads an upload form: the text (field or file), the metadata and the pages' CSRF field.
pub async fn read_multipart(
    mut multipart: Multipart,
) -> ApiResult<(Vec<u8>, Fields, Option<String>)> {
    let mut fields = Fields::default();
    let mut csrf = None;
    let mut text: Option<Vec<u8>> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e))?
    {
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "file" => {
                let file_name = field.file_name().map(str::to_owned);
                let bytes = field.bytes().await.map_err(|e| multipart_error(&e))?;
                // An empty file input (nothing chosen) does not override pasted text.
                if !bytes.is_empty() || file_name.as_deref().is_some_and(|n| !n.is_empty()) {
                    if fields.file_name.is_none() {
                        fields.file_name = file_name.filter(|n| !n.is_empty());
                    }
                    if !bytes.is_empty() || text.is_none() {
                        text = Some(bytes.to_vec());
                    }
                }
            }
            "text" | "title" | "published" | "source" | "url" | "city" | "file_name" => {
                let value = field.text().await.map_err(|e| multipart_error(&e))?;
                let value = Some(value).filter(|v| !v.trim().is_empty());
                match name.as_str() {
                    "text" => {
                        if let Some(v) = value {
                            if text.as_ref().is_none_or(|t| t.is_empty()) {
                                text = Some(v.into_bytes());
                            }
                        }
                    }
                    "title" => fields.title = value,
                    "published" => fields.published = value,
                    "source" => fields.source = value,
                    "url" => fields.url = value,
                    "city" => fields.city = value,
                    _ => fields.file_name = value,
                }
            }
            // The add page's form token; the caller checks it against the session.
            "csrf" => csrf = Some(field.text().await.map_err(|e| multipart_error(&e))?),
            other => {
                return Err(ApiError::bad_request(
                    "unknown_field",
                    format!("unknown form field {other:?}; use text or file, title, published, source, url, city, file_name"),
                ))
            }
        }
    }
    let text = text.ok_or_else(|| {
        ApiError::bad_request(
            "missing_text",
            "give the article as a `text` field or a `file`",
        )
    })?;
    Ok((text, fields, csrf))
}

fn multipart_error(e: &axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        ApiError::bad_request(
            "bad_multipart",
            format!("the upload is malformed: {}", e.body_text()),
        )
    }
}

fn body_error(e: axum::extract::rejection::BytesRejection) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        ApiError::bad_request("bad_body", e.body_text())
    }
}

pub fn too_large() -> ApiError {
    ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        code: "too_large",
        message: format!(
            "the request is larger than {} MB; split the article or upload a smaller file",
            MAX_BODY_BYTES / (1024 * 1024)
        ),
    }
}

/// Validates, ingests and records one article. Nothing is stored unless every check passes.
pub async fn add_one(
    state: &ApiState,
    admin: &Admin,
    bytes: Vec<u8>,
    fields: Fields,
) -> ApiResult<Added> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large());
    }
    let meta = validate(state, &fields)?;
    let file_name = match &fields.file_name {
        Some(name) => check_file_name(name)?,
        None => {
            use sha2::Digest;
            let hash = sha2::Sha256::digest(&bytes);
            let short: String = hash[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("upload-{short}.txt")
        }
    };
    if let Some(taken) = state.db.article_named(&file_name).await? {
        // The same text under the same name is a duplicate; another text would replace the
        // stored article, which an upload must never do silently.
        let same = match ingest::decode(&bytes) {
            Ok(d) => state
                .db
                .article_with_hash(&ingest::content_hash(&d.text))
                .await?
                .is_some_and(|e| e.id == taken.id),
            Err(_) => false,
        };
        return Err(if same {
            duplicate(&taken)
        } else {
            ApiError {
                status: StatusCode::CONFLICT,
                code: "name_taken",
                message: format!(
                    "an article named {file_name:?} already exists (/articles/{}); choose another file name or delete that one first",
                    taken.id
                ),
            }
        });
    }
    let request = ingest::Request {
        file_name: &file_name,
        bytes: &bytes,
        meta: &meta,
        added_by: Some(&admin.reviewer),
        reextract: false,
    };
    let outcome = ingest::ingest_bytes(&state.db, &state.extraction, &request)
        .await
        .map_err(ApiError::internal)?;
    let id = match outcome {
        FileOutcome::Ingested { id, .. } | FileOutcome::Replaced { id, .. } => id,
        FileOutcome::Unchanged
        | FileOutcome::Reextracted { .. }
        | FileOutcome::Duplicate { .. } => {
            let of = match outcome {
                FileOutcome::Duplicate { of } => of,
                _ => file_name.clone(),
            };
            return Err(match state.db.article_named(&of).await? {
                Some(a) => duplicate(&a),
                None => ApiError {
                    status: StatusCode::CONFLICT,
                    code: "duplicate",
                    message: format!("this text is already stored as {of:?}"),
                },
            });
        }
        FileOutcome::Failed { reason } => {
            return Err(ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "bad_article",
                message: format!("not stored: {reason}"),
            })
        }
    };
    state.cache.invalidate();
    let article = state
        .db
        .article(id)
        .await?
        .ok_or_else(|| ApiError::internal(format!("article {id} vanished after storing")))?;
    Ok(Added {
        page: format!("/articles/{id}"),
        article,
    })
}

/// 409 naming the article that already holds this text.
fn duplicate(existing: &ArticleSummary) -> ApiError {
    ApiError {
        status: StatusCode::CONFLICT,
        code: "duplicate",
        message: format!(
            "this text is already stored as article {} ({:?}, /articles/{})",
            existing.id,
            existing.title.as_deref().unwrap_or(&existing.file_name),
            existing.id
        ),
    }
}

fn validate(state: &ApiState, f: &Fields) -> ApiResult<manifest::Entry> {
    let published = match f.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            ApiError::bad_request(
                "bad_date",
                format!("published {d:?} is not a date; use YYYY-MM-DD"),
            )
        })?),
    };
    let url = match f.url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(u) if (u.starts_with("https://") || u.starts_with("http://")) && u.len() <= 2000 => {
            Some(u.to_owned())
        }
        Some(u) => {
            return Err(ApiError::bad_request(
                "bad_url",
                format!("url {u:?} must start with http:// or https://"),
            ))
        }
    };
    let city = match f.city.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(c) => Some(
            crate::lookup::city_keys(&state.cities, &[c.to_owned()])?
                .into_iter()
                .next()
                .unwrap_or_default(),
        ),
    };
    Ok(manifest::Entry {
        title: short_text("title", f.title.as_deref(), 200)?,
        published,
        source: short_text("source", f.source.as_deref(), 100)?,
        url,
        city,
    })
}

fn short_text(what: &str, value: Option<&str>, max: usize) -> ApiResult<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars().count() > max || v.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "bad_field",
            format!("{what} must be one line of at most {max} characters"),
        ));
    }
    Ok(Some(v.to_owned()))
}

/// A stored file name is a plain name: no folders, no `..`, no control characters.
pub fn check_file_name(name: &str) -> ApiResult<String> {
    let bad = name.is_empty()
        || name.len() > 200
        || name.contains(['/', '\\'])
        || name.contains("..")
        || name.starts_with('.')
        || name.chars().any(char::is_control);
    if bad {
        return Err(ApiError::bad_request(
            "bad_file_name",
            format!("file name {name:?} is not allowed: use a plain name without folders, \"..\" or control characters"),
        ));
    }
    Ok(name.to_owned())
}

#[utoipa::path(delete, path = "/api/v1/articles/{id}", tag = "write",
    params(("id" = i64, Path, description = "Article id")),
    responses((status = 200, description = "Deleted with its facts; recorded in the audit log", body = store::model::ArticleSummary),
              (status = 401, body = super::error::ErrorBody), (status = 403, body = super::error::ErrorBody),
              (status = 404, body = super::error::ErrorBody)),
    security(("admin_token" = [])))]
pub async fn delete_article(
    State(state): State<ApiState>,
    admin: Admin,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    match remove(&state, id, &admin.reviewer).await? {
        Some(article) => Ok(Json(article).into_response()),
        None => Err(ApiError::not_found(format!("no article {id}"))),
    }
}

/// Deletes an article with its facts (audited) and drops the answers that showed it; the
/// API and the delete page share this. `None` when there is no such article.
pub async fn remove(state: &ApiState, id: i64, actor: &str) -> ApiResult<Option<ArticleSummary>> {
    let removed = state.db.delete_article(id, actor).await?;
    if removed.is_some() {
        state.cache.invalidate();
    }
    Ok(removed)
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "write",
    responses((status = 200, description = "The latest 500 writes, newest first", body = [AuditEntry]),
              (status = 401, body = super::error::ErrorBody)),
    security(("admin_token" = [])))]
pub async fn audit_log(
    State(state): State<ApiState>,
    _admin: Admin,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    Ok(Json(state.db.audit_log(500).await?))
}
