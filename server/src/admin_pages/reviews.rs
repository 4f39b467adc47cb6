//! Reviewing an article's figures in the browser, and the public history of a figure.
//!
//! `/articles/{id}/review` lists every figure with its quote and one form: the fields come
//! filled in with the figure as it stands, and the buttons confirm it, save the edited
//! fields as a correction, or reject it. Only fields that differ from the figure are sent
//! on, so "confirm" after an edit is refused instead of silently dropping the edit.

use axum::{
    extract::{Form, Path, Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use extractor::catalog;
use serde::Deserialize;
use store::{
    model::{FactRow, Revision},
    reviews::BOUNDS,
};

use super::layout::{csrf_ok, csrf_refused, enc, esc, message, not_found, page, to_login};
use crate::api::{reviews::ReviewBody, ApiState};

/// The admin pages are in Chinese: the status names are the public pages' Chinese ones.
fn status_name(status: &str) -> &'static str {
    app::charting::status_name(status, app::i18n::Lang::Zh)
}

fn bound_name(bound: &str) -> &'static str {
    match bound {
        "at_least" => "以上（不低于）",
        "at_most" => "以下（不超过）",
        "about" => "约",
        "target" => "目标 / 计划",
        _ => "精确",
    }
}

fn metric_name(key: &str) -> String {
    match catalog::metric(key) {
        Some(m) => format!("{}（{}）", m.name_zh, m.unit),
        None if key == "other_count" => "其他计数".into(),
        None => "其他数值".into(),
    }
}

fn status_badge(status: &str) -> String {
    format!(
        r#"<span class="status status-{s}">{}</span>"#,
        status_name(status),
        s = esc(status)
    )
}

fn options<'a>(items: impl Iterator<Item = (&'a str, String)>, selected: &str) -> String {
    items
        .map(|(value, label)| {
            format!(
                r#"<option value="{}"{}>{}</option>"#,
                esc(value),
                if value == selected { " selected" } else { "" },
                esc(&label)
            )
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct ReviewPageQuery {
    /// The fact just reviewed.
    done: Option<i64>,
    /// Why the last review of `fact` was refused.
    error: Option<String>,
    fact: Option<i64>,
}

pub async fn review_page(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<ReviewPageQuery>,
) -> Response {
    let next = format!("/articles/{id}/review");
    let Some((_, session)) = state.auth.session_of(&headers) else {
        return to_login(&next);
    };
    let article = match state.db.article(id).await {
        Ok(Some(a)) => a,
        Ok(None) => return not_found("文章不存在", Some(&session)),
        Err(e) => return crate::api::error::ApiError::from(e).into_response(),
    };
    let a = &article.article;
    let title = a.title.as_deref().unwrap_or(&a.file_name);
    let reviewed = article
        .facts
        .iter()
        .filter(|f| f.status != "extracted")
        .count();
    let cards: String = article
        .facts
        .iter()
        .map(|f| {
            let note = match (q.fact, q.done, &q.error) {
                (Some(fid), _, Some(e)) if fid == f.id => message("error", e),
                (_, Some(done), _) if done == f.id => {
                    message("ok", &format!("已保存：{}", status_name(&f.status)))
                }
                _ => String::new(),
            };
            card(&state, f, &session.csrf, &note)
        })
        .collect();
    page(
        &format!("审核：{title}"),
        Some(&session),
        &format!(
            r#"<h1>审核数据：{title}</h1>
<p>逐条核对从原文提取的数字：无误就<strong>确认</strong>，字段有误就修改后<strong>保存更正</strong>，不是有效数据就<strong>否决</strong>。每次审核都是一条新修订（时间、审核人、理由），原始提取值始终保留；图表、API 和 CSV 使用审核后的值，被否决的数据不再出现在图表中。</p>
<p>共 {n} 条，已审核 {reviewed} 条。 <a href="/articles/{id}">返回文章</a></p>
<div class="review-list">{cards}</div>"#,
            title = esc(title),
            n = article.facts.len(),
        ),
    )
    .into_response()
}

/// One figure: quote, current state and the review form.
fn card(state: &ApiState, f: &FactRow, csrf: &str, note: &str) -> String {
    let city_key = f.city_key.as_deref().unwrap_or("");
    let cities = options(
        std::iter::once(("", "（不属于关注城市）".to_owned())).chain(
            state
                .cities
                .iter()
                .map(|c| (c.key.as_str(), c.name_zh.clone())),
        ),
        city_key,
    );
    let metrics = options(
        catalog::known_keys().map(|k| (k, format!("{} · {k}", metric_name(k)))),
        &f.metric,
    );
    let bounds = options(
        BOUNDS.iter().map(|b| (*b, bound_name(b).to_owned())),
        &f.bound,
    );
    let id = f.id;
    format!(
        r#"<section class="review-card status-{status}" id="fact-{id}" aria-labelledby="fact-{id}-h">
<h2 id="fact-{id}-h">{metric}：{value} {unit} {badge}</h2>
<blockquote>{quote}</blockquote>
<p class="meta">城市 {city} · 范围 {scope} · 时期 {period} · {bound} · 修订 {revision} · <a href="/facts/{id}/history">修订历史</a> · <a href="/articles/{article_id}#fact-{id}">在原文中查看</a></p>
{note}
<form method="post" action="/admin/facts/{id}/review" class="review-form">
<input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="expected_revision" value="{revision}">
<fieldset><legend>字段（更正时修改）</legend>
<label>城市<select name="city">{cities}</select></label>
<label>范围<input name="scope" value="{scope_value}" maxlength="60" placeholder="全市"></label>
<label>时期<input name="period" value="{period_value}" maxlength="10" placeholder="2023-H1" pattern="\d{{4}}(-(H[12]|Q[1-4]|\d{{2}}(-\d{{2}})?))?"></label>
<label>指标<select name="metric">{metrics}</select></label>
<label>数值<input name="value" value="{value}" inputmode="decimal" required></label>
<label>单位<input name="unit" value="{unit_value}" maxlength="20" required></label>
<label>界限<select name="bound">{bounds}</select></label>
</fieldset>
<label class="reason">理由（否决和更正必填）<input name="reason" maxlength="500"></label>
<div class="actions"><button type="submit" name="action" value="confirm">确认无误</button> <button type="submit" name="action" value="correct">保存更正</button> <button type="submit" name="action" value="reject" class="danger">否决</button></div>
</form></section>"#,
        status = esc(&f.status),
        metric = esc(&metric_name(&f.metric)),
        value = f.value,
        unit = esc(&f.unit),
        badge = status_badge(&f.status),
        quote = esc(&f.quote),
        city = esc(f.city.as_deref().unwrap_or("—")),
        scope = esc(f.scope.as_deref().unwrap_or("全市")),
        period = esc(if f.period.is_empty() {
            "—"
        } else {
            &f.period
        }),
        bound = bound_name(&f.bound),
        revision = f.revision,
        article_id = f.article_id,
        csrf = esc(csrf),
        scope_value = esc(f.scope.as_deref().unwrap_or("")),
        period_value = esc(&f.period),
        unit_value = esc(&f.unit),
    )
}

/// The review form as posted. Every field arrives; only those that differ from the figure
/// become the correction.
#[derive(Deserialize)]
pub struct ReviewForm {
    csrf: String,
    action: String,
    expected_revision: Option<i64>,
    #[serde(default)]
    reason: String,
    city: Option<String>,
    scope: Option<String>,
    period: Option<String>,
    metric: Option<String>,
    value: Option<String>,
    unit: Option<String>,
    bound: Option<String>,
}

fn changed(given: Option<String>, current: &str) -> Option<String> {
    given.filter(|g| g.trim() != current)
}

pub async fn review(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ReviewForm>,
) -> Response {
    let Some((_, session)) = state.auth.session_of(&headers) else {
        return to_login("/articles");
    };
    if !csrf_ok(&form.csrf, &session) {
        return csrf_refused(&session, "请重新打开审核页面。");
    }
    let fact = match state.db.fact(id).await {
        Ok(Some(f)) => f,
        Ok(None) => return not_found("数据不存在", Some(&session)),
        Err(e) => return crate::api::error::ApiError::from(e).into_response(),
    };
    let back = |query: String| {
        Redirect::to(&format!(
            "/articles/{}/review?{query}#fact-{id}",
            fact.article_id
        ))
        .into_response()
    };
    let value = match form.value.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => match v.parse::<f64>() {
            Ok(n) if n != fact.value => Some(n),
            Ok(_) => None,
            Err(_) => {
                return back(format!(
                    "fact={id}&error={}",
                    enc(&format!("数值 {v:?} 不是数字"))
                ))
            }
        },
    };
    let body = ReviewBody {
        action: form.action,
        reason: Some(form.reason),
        expected_revision: form.expected_revision,
        city: changed(form.city, fact.city_key.as_deref().unwrap_or("")),
        scope: changed(form.scope, fact.scope.as_deref().unwrap_or("")),
        period: changed(form.period, &fact.period),
        metric: changed(form.metric, &fact.metric),
        value,
        unit: changed(form.unit, &fact.unit),
        bound: changed(form.bound, &fact.bound),
    };
    match crate::api::reviews::review(&state, &session.reviewer, id, body).await {
        Ok(_) => back(format!("done={id}")),
        Err(e) if e.status.is_client_error() => {
            back(format!("fact={id}&error={}", enc(&e.message)))
        }
        Err(e) => e.into_response(),
    }
}

pub async fn history_page(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let session = state.auth.session_of(&headers).map(|(_, s)| s);
    let (fact, revisions) = match state.db.fact_history(id).await {
        Ok(Some(h)) => h,
        Ok(None) => return not_found("数据不存在", session.as_ref()),
        Err(e) => return crate::api::error::ApiError::from(e).into_response(),
    };
    let city_name = |key: &Option<String>| {
        key.as_deref()
            .and_then(|k| state.cities.iter().find(|c| c.key == k))
            .map_or("—".to_owned(), |c| c.name_zh.clone())
    };
    let mut previous: Option<&Revision> = None;
    let rows: String = revisions
        .iter()
        .map(|r| {
            // Mark what this revision changed, so a history reads as a list of edits.
            let cell = |text: String, differs: bool| {
                format!(
                    "<td{}>{}</td>",
                    if differs { r#" class="changed""# } else { "" },
                    esc(&text)
                )
            };
            let p = previous;
            let differs = |f: fn(&Revision) -> String| p.is_some_and(|p| f(p) != f(r));
            let row = format!(
                "<tr><td class=\"num\">{}</td><td>{}</td>{}{}{}{}{}{}{}<td>{}</td><td>{}</td><td>{}</td></tr>",
                r.revision,
                status_badge(&r.status),
                cell(city_name(&r.figure.city), differs(|r| format!("{:?}", r.figure.city))),
                cell(r.figure.scope.clone().unwrap_or_else(|| "全市".into()), differs(|r| format!("{:?}", r.figure.scope))),
                cell(r.figure.period.clone(), differs(|r| r.figure.period.clone())),
                cell(metric_name(&r.figure.metric), differs(|r| r.figure.metric.clone())),
                cell(r.figure.value.to_string(), differs(|r| r.figure.value.to_string())),
                cell(r.figure.unit.clone(), differs(|r| r.figure.unit.clone())),
                cell(bound_name(&r.figure.bound).to_owned(), differs(|r| r.figure.bound.clone())),
                esc(if r.reviewer == "extractor" { "自动提取" } else { &r.reviewer }),
                esc(&r.reason),
                esc(&r.at),
            );
            previous = Some(r);
            row
        })
        .collect();
    let review_link = match &session {
        Some(_) => format!(
            r#" · <a href="/articles/{}/review#fact-{id}">审核这条数据</a>"#,
            fact.article_id
        ),
        None => String::new(),
    };
    page(
        &format!("修订历史 #{id}"),
        session.as_ref(),
        &format!(
            r#"<h1>修订历史：{metric} {value} {unit} {badge}</h1>
<p>来源 <a href="/articles/{article_id}#fact-{id}">{article}</a>{review_link}</p>
<blockquote>{quote}</blockquote>
<p>修订 0 是自动提取的原始读数，之后每行是一次人工审核（整条数据在该次审核后的状态；改动的字段已标出）。</p>
<div class="table-scroll"><table class="data-table history"><thead><tr><th scope="col">修订</th><th scope="col">状态</th><th scope="col">城市</th><th scope="col">范围</th><th scope="col">时期</th><th scope="col">指标</th><th scope="col" class="num">数值</th><th scope="col">单位</th><th scope="col">界限</th><th scope="col">审核人</th><th scope="col">理由</th><th scope="col">时间（UTC）</th></tr></thead><tbody>{rows}</tbody></table></div>"#,
            metric = esc(&metric_name(&fact.metric)),
            value = fact.value,
            unit = esc(&fact.unit),
            badge = status_badge(&fact.status),
            article_id = fact.article_id,
            article = esc(&fact.article),
            quote = esc(&fact.quote),
        ),
    )
    .into_response()
}
