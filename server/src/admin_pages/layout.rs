//! What every admin page shares: the frame, escaping, messages and redirects to login.

use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Session;

/// HTML-escapes text for content and quoted attributes (the charts' XML escaping does it).
pub fn esc(s: &str) -> String {
    charts::escape_xml(s)
}

/// A whole admin page: the site header (with who is logged in) around `body`.
pub fn page(title: &str, session: Option<&Session>, body: &str) -> Html<String> {
    let who = match session {
        Some(s) => format!(
            r#"<form method="post" action="/admin/logout" class="inline"><input type="hidden" name="csrf" value="{}"><span>{}</span> <button type="submit">退出登录</button></form>"#,
            esc(&s.csrf),
            esc(&s.reviewer)
        ),
        None => r#"<a href="/login">登录</a>"#.to_owned(),
    };
    Html(format!(
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} · 区域经济指标看板</title><link rel="stylesheet" href="/pkg/app.css"><link rel="icon" type="image/svg+xml" href="/pkg/favicon.svg"></head><body><header class="site-header"><a class="brand" href="/">区域经济指标看板</a><nav aria-label="主导航"><a href="/">概览</a><a href="/articles">文章</a><a href="/add">添加文章</a>{who}</nav></header><main id="main" class="admin">{body}</main></body></html>"#,
        esc(title)
    ))
}

/// A status line (`kind` "error" is announced as an alert).
pub fn message(kind: &str, text: &str) -> String {
    let role = if kind == "error" { "alert" } else { "status" };
    format!(r#"<p class="{kind}" role="{role}">{}</p>"#, esc(text))
}

/// Only local paths are followed after login, never another site.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/add".to_owned(),
    }
}

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Sends a visitor without a session to the login form, coming back to `next`.
pub fn to_login(next: &str) -> Response {
    Redirect::to(&format!("/login?next={}", enc(next))).into_response()
}

/// Whether a form's CSRF field is the session's token.
pub fn csrf_ok(given: &str, session: &Session) -> bool {
    crate::auth::constant_time_eq(given.as_bytes(), session.csrf.as_bytes())
}

/// 403 for a form post without the session's CSRF token; `retry` says where to start over.
pub fn csrf_refused(session: &Session, retry: &str) -> Response {
    (
        axum::http::StatusCode::FORBIDDEN,
        page(
            "拒绝",
            Some(session),
            &message(
                "error",
                &format!("表单已过期或来自其他网站（CSRF 校验失败）。{retry}"),
            ),
        ),
    )
        .into_response()
}

/// 404 with a heading naming what is missing.
pub fn not_found(what: &str, session: Option<&Session>) -> Response {
    (
        axum::http::StatusCode::NOT_FOUND,
        page(what, session, &format!("<h1>{}</h1>", esc(what))),
    )
        .into_response()
}
