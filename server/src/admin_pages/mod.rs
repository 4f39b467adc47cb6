//! The admin pages: log in, add an article, delete one. Plain server-rendered forms: they
//! need no interactivity, and keeping them out of the Leptos bundle keeps the public pages'
//! download small. Every dynamic value is HTML-escaped; every form post carries the
//! session's CSRF token, and the session cookie is HttpOnly and SameSite=Strict.

use axum::{
    extract::{Form, FromRequest, Multipart, Path, Query, Request, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use serde::Deserialize;

mod layout;
mod reviews;

use layout::{csrf_ok, csrf_refused, enc, esc, local_path, message, not_found, page, to_login};

use crate::{
    api::{write, ApiState},
    auth::{self, Admin},
};

pub fn router<S>(state: ApiState) -> Router<S> {
    Router::new()
        .route("/login", get(login_page))
        .route("/admin/login", post(login))
        .route("/admin/logout", post(logout))
        .route("/add", get(add_page))
        .route("/admin/articles", post(add_article))
        .route("/articles/{id}/delete", get(delete_page))
        .route("/admin/articles/{id}/delete", post(delete_article))
        .route("/articles/{id}/review", get(reviews::review_page))
        .route("/admin/facts/{id}/review", post(reviews::review))
        .route("/facts/{id}/history", get(reviews::history_page))
        .with_state(state)
}

#[derive(Deserialize, Default)]
struct PageQuery {
    error: Option<String>,
    next: Option<String>,
}

async fn login_page(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Html<String> {
    let session = state.auth.session_of(&headers).map(|(_, s)| s);
    let error = q
        .error
        .as_deref()
        .map(|e| message("error", e))
        .unwrap_or_default();
    let next = esc(&local_path(q.next.as_deref()));
    page(
        "登录",
        session.as_ref(),
        &format!(
            r#"<h1>管理员登录</h1>{error}<form method="post" action="/admin/login" class="admin-form">
<input type="hidden" name="next" value="{next}">
<label for="reviewer">您的姓名（记入审计日志）</label><input id="reviewer" name="reviewer" required maxlength="60" autocomplete="name">
<label for="token">管理令牌</label><input id="token" name="token" type="password" required autocomplete="current-password">
<p class="hint">令牌来自环境变量 DASHBOARD_ADMIN_TOKEN，或首次启动时在数据目录生成的 admin_token 文件。</p>
<button type="submit">登录</button></form>"#
        ),
    )
}

#[derive(Deserialize)]
struct LoginForm {
    reviewer: String,
    token: String,
    next: Option<String>,
}

async fn login(State(state): State<ApiState>, Form(f): Form<LoginForm>) -> Response {
    let next = local_path(f.next.as_deref());
    let reviewer = auth::clean_reviewer(&f.reviewer);
    if reviewer.is_empty() || !state.auth.token_matches(f.token.trim()) {
        let to = format!(
            "/login?error={}&next={}",
            enc("令牌错误或姓名为空 / wrong token or empty name"),
            enc(&next)
        );
        return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
    }
    match state.auth.start_session(&reviewer) {
        Ok((id, _)) => (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, next),
                (header::SET_COOKIE, auth::session_cookie(&id)),
            ],
        )
            .into_response(),
        Err(e) => crate::api::error::ApiError::internal(e).into_response(),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Some((id, s)) = state.auth.session_of(&headers) {
        if auth::constant_time_eq(f.csrf.as_bytes(), s.csrf.as_bytes()) {
            state.auth.end_session(&id);
        }
    }
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, "/".to_owned()),
            (header::SET_COOKIE, auth::clear_cookie()),
        ],
    )
        .into_response()
}

async fn add_page(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Response {
    let Some((_, session)) = state.auth.session_of(&headers) else {
        return to_login("/add");
    };
    let error = q
        .error
        .as_deref()
        .map(|e| message("error", e))
        .unwrap_or_default();
    let cities: String = state
        .cities
        .iter()
        .map(|c| {
            format!(
                r#"<option value="{}">{}</option>"#,
                esc(&c.key),
                esc(&c.name_zh)
            )
        })
        .collect();
    page(
        "添加文章",
        Some(&session),
        &format!(
            r#"<h1>添加文章</h1>{error}
<form method="post" action="/admin/articles" enctype="multipart/form-data" class="admin-form">
<input type="hidden" name="csrf" value="{csrf}">
<label for="text">粘贴正文</label><textarea id="text" name="text" rows="12"></textarea>
<label for="file">或上传 .txt 文件（UTF-8 或 GB18030，最大 {max} MB）</label><input id="file" name="file" type="file" accept=".txt,text/plain">
<label for="title">标题（可选）</label><input id="title" name="title" maxlength="200">
<label for="published">发布日期（可选，用于推算“今年”“上半年”等）</label><input id="published" name="published" type="date">
<label for="source">来源（可选）</label><input id="source" name="source" maxlength="100">
<label for="url">原文链接（可选）</label><input id="url" name="url" type="url" maxlength="2000">
<label for="city">城市提示（可选）</label><select id="city" name="city"><option value="">自动判断</option>{cities}</select>
<button type="submit">提取并保存</button></form>"#,
            csrf = esc(&session.csrf),
            max = write::MAX_ARTICLE_BYTES / (1024 * 1024),
        ),
    )
    .into_response()
}

/// The add form: session + CSRF field, then the same path as `POST /api/v1/articles`.
async fn add_article(State(state): State<ApiState>, request: Request) -> Response {
    let Some((_, session)) = state.auth.session_of(request.headers()) else {
        return to_login("/add");
    };
    let multipart = match Multipart::from_request(request, &()).await {
        Ok(m) => m,
        Err(e) => return back_to_add(&e.body_text()),
    };
    let (bytes, fields, csrf) = match write::read_multipart(multipart).await {
        Ok(x) => x,
        Err(e) => return back_to_add(&e.message),
    };
    if !csrf_ok(&csrf.unwrap_or_default(), &session) {
        return csrf_refused(&session, "请重新打开“添加文章”页面。");
    }
    let admin = Admin {
        reviewer: session.reviewer.clone(),
    };
    match write::add_one(&state, &admin, bytes, fields).await {
        Ok(added) => Redirect::to(&format!("{}?added=1", added.page)).into_response(),
        Err(e) => back_to_add(&e.message),
    }
}

fn back_to_add(reason: &str) -> Response {
    Redirect::to(&format!("/add?error={}", enc(reason))).into_response()
}

async fn delete_page(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let Some((_, session)) = state.auth.session_of(&headers) else {
        return to_login(&format!("/articles/{id}/delete"));
    };
    let Ok(Some(article)) = state.db.article(id).await else {
        return not_found("文章不存在", Some(&session));
    };
    let a = &article.article;
    page(
        "删除文章",
        Some(&session),
        &format!(
            r#"<h1>删除文章？</h1><p>将删除 <strong>{title}</strong>（{file}）及其 {n} 条数据。此操作会记入审计日志，无法撤销。</p>
<form method="post" action="/admin/articles/{id}/delete" class="admin-form"><input type="hidden" name="csrf" value="{csrf}">
<button type="submit" class="danger">确认删除</button> <a href="/articles/{id}">取消</a></form>"#,
            title = esc(a.title.as_deref().unwrap_or(&a.file_name)),
            file = esc(&a.file_name),
            n = article.facts.len(),
            csrf = esc(&session.csrf),
        ),
    )
    .into_response()
}

async fn delete_article(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let Some((_, session)) = state.auth.session_of(&headers) else {
        return to_login(&format!("/articles/{id}/delete"));
    };
    if !csrf_ok(&f.csrf, &session) {
        return csrf_refused(&session, "请从文章页重新发起删除。");
    }
    match write::remove(&state, id, &session.reviewer).await {
        Ok(Some(_)) => Redirect::to("/articles").into_response(),
        Ok(None) => not_found("文章不存在", Some(&session)),
        Err(e) => e.into_response(),
    }
}
