//! The article list and the article page, where every extracted figure is highlighted in
//! the text so a reader can check it against its source sentence.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};
use store::model::{ArticleDetail, FactRow};

use crate::{
    api::{get_article, list_articles, Packed},
    charting::{metric_name, status_name, value_text},
    i18n::Lang,
};

/// The catalogue's name, or the fact's own label for figures outside it.
fn fact_metric(metric: &str, label: &str, lang: Lang) -> String {
    match extractor::catalog::metric(metric) {
        Some(_) => metric_name(metric, lang),
        None if !label.is_empty() => label.to_owned(),
        None => metric.to_owned(),
    }
}

/// `≥258 亿元`: bound, value and unit (the catalogue's unit, else the one written).
fn fact_value(f: &FactRow, lang: Lang) -> String {
    let unit = extractor::catalog::metric(&f.metric).map_or(f.unit.as_str(), |m| m.unit);
    format!(
        "{}{}",
        store::display::bound_prefix(&f.bound, lang.is_en()),
        value_text(f.value, unit, lang)
    )
}

/// The interface language from `?lang=`.
fn use_lang() -> Memo<Lang> {
    let query = use_query_map();
    Memo::new(move |_| Lang::from_param(query.read().get_str("lang")))
}

/// `path` keeping the language of the current page.
fn lang_href(path: String, lang: Lang) -> String {
    match lang.param() {
        Some(l) if path.contains('#') => path.replacen('#', &format!("?lang={l}#"), 1),
        Some(l) => format!("{path}?lang={l}"),
        None => path,
    }
}

#[component]
pub fn ArticlesPage() -> impl IntoView {
    let articles = Resource::new(|| (), |_| list_articles());
    let lang = use_lang();
    view! {
        <section aria-labelledby="articles-title">
            <h1 id="articles-title">{move || lang.get().t().articles_title}</h1>
            <Suspense fallback=move || view! { <p class="loading">{lang.get().t().loading}</p> }>
                {move || Suspend::new(async move {
                    match articles.await {
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(Packed(list)) => { let lang = lang.get(); let t = lang.t(); view! {
                            <div class="table-scroll">
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.col_title}</th>
                                        <th scope="col">{t.col_city}</th>
                                        <th scope="col">{t.col_date}</th>
                                        <th scope="col">{t.col_source}</th>
                                        <th scope="col" class="num">{t.col_facts}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! {
                                        <tr>
                                            <td><a href=lang_href(format!("/articles/{}", a.id), lang)>{a.title.clone().unwrap_or_else(|| a.file_name.clone())}</a></td>
                                            <td>{a.main_city_name.clone().unwrap_or_else(|| "—".into())}</td>
                                            <td>{a.published.clone().unwrap_or_else(|| t.date_unknown.into())}</td>
                                            <td>{a.source.clone().unwrap_or_default()}</td>
                                            <td class="num">{a.fact_count}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any() }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let lang = use_lang();
    let article = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_article(id).await.map(|p| p.0),
            None => Ok(None),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="loading">{lang.get().t().loading}</p> }>
            {move || { let lang = lang.get(); let t = lang.t(); Suspend::new(async move {
                match article.await {
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(None) => view! {
                        <section><h1>{t.no_such_article}</h1><p><a href=lang_href("/articles".into(), lang)>{t.all_articles}</a></p></section>
                    }.into_any(),
                    Ok(Some(detail)) => view! { <ArticleView detail lang/> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn ArticleView(detail: ArticleDetail, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let sep = if lang.is_en() { ": " } else { "：" };
    let a = &detail.article;
    let title = a.title.clone().unwrap_or_else(|| a.file_name.clone());
    let meta = [
        a.main_city_name
            .clone()
            .map(|c| format!("{}{sep}{c}", t.meta_city)),
        Some(format!(
            "{}{sep}{}",
            t.meta_date,
            a.published.clone().unwrap_or_else(|| t.date_unknown.into())
        )),
        a.source
            .clone()
            .map(|s| format!("{}{sep}{s}", t.meta_source)),
        Some(format!("{}{sep}{}", t.meta_file, a.file_name)),
        Some(format!("{}{sep}{}", t.meta_encoding, a.encoding)),
    ]
    .into_iter()
    .flatten()
    .map(|m| view! { <li>{m}</li> })
    .collect_view();
    let url = a.url.clone();
    let a_id = a.id;
    let facts = detail.facts.clone();
    // The fact a link pointed at (`#fact-N`). CSS :target covers full page loads; client-side
    // navigation does not update :target, so the class and the scroll are done here too.
    let location = use_location();
    let current = Memo::new(move |_| {
        location
            .hash
            .get()
            .strip_prefix("#fact-")
            .and_then(|id| id.parse::<i64>().ok())
    });
    Effect::new(move |_| {
        if let Some(id) = current.get() {
            if let Some(el) = document().get_element_by_id(&format!("fact-{id}")) {
                el.scroll_into_view();
            }
        }
    });
    view! {
        <article class="article" aria-labelledby="article-title">
            <p class="crumbs"><a href=lang_href("/articles".into(), lang)>{t.all_articles}</a></p>
            <h1 id="article-title">{title}</h1>
            <ul class="article-meta">{meta}</ul>
            <p class="admin-links">
                <a href=format!("/articles/{}/review", a_id) rel="external">{t.review_article}</a>
                <a href=format!("/articles/{}/delete", a_id) rel="external">{t.delete_article}</a>
            </p>
            {url.map(|u| { let href = u.clone(); view! { <p><a href=href rel="noopener noreferrer">{u}</a></p> } })}
            <h2>{format!("{}（{}）", t.facts_heading, facts.len())}</h2>
            <FactTable facts=facts.clone() lang/>
            <h2>{t.text_heading}</h2>
            <div class="article-text">{highlighted(&detail.text, &detail.facts, current, lang)}</div>
        </article>
    }
}

#[component]
fn FactTable(facts: Vec<FactRow>, lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <div class="table-scroll">
            <table class="data-table facts">
                <thead>
                    <tr>
                        <th scope="col">{t.col_metric}</th>
                        <th scope="col">{t.col_city}</th>
                        <th scope="col">{t.col_scope}</th>
                        <th scope="col">{t.col_period}</th>
                        <th scope="col" class="num">{t.col_value}</th>
                        <th scope="col">{t.col_label}</th>
                        <th scope="col">{t.col_quote}</th>
                        <th scope="col">{t.col_status}</th>
                    </tr>
                </thead>
                <tbody>
                    {facts.into_iter().map(|f| view! {
                        <tr id=format!("row-{}", f.id)>
                            <td>{fact_metric(&f.metric, &f.label, lang)}</td>
                            <td>{f.city.clone().unwrap_or_else(|| "—".into())}</td>
                            <td>{f.scope.clone().unwrap_or_default()}</td>
                            <td>{if f.period.is_empty() { "—".to_owned() } else { f.period.clone() }}</td>
                            <td class="num">{fact_value(&f, lang)}</td>
                            <td>{f.label.clone()}</td>
                            <td><a href=format!("#fact-{}", f.id)>{f.quote.clone()}</a></td>
                            <td>
                                <a class=format!("status status-{}", f.status) href=format!("/facts/{}/history", f.id) rel="external">
                                    {status_name(&f.status, lang)}
                                </a>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The article text with each fact's quote wrapped in a `<mark id="fact-N">`; `:target`
/// styling then highlights the one a link points at, without JavaScript.
fn highlighted(
    text: &str,
    facts: &[FactRow],
    current: Memo<Option<i64>>,
    lang: Lang,
) -> impl IntoView {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize, Vec<&FactRow>)> = Vec::new();
    let mut sorted: Vec<&FactRow> = facts.iter().collect();
    sorted.sort_by_key(|f| (f.span_start, f.span_end));
    for f in sorted {
        let (s, e) = (
            f.span_start.max(0) as usize,
            (f.span_end.max(0) as usize).min(chars.len()),
        );
        if s >= e {
            continue;
        }
        match spans.last_mut() {
            // Overlapping quotes share one mark, which then names all their facts.
            Some(last) if s < last.1 => {
                last.1 = last.1.max(e);
                last.2.push(f);
            }
            _ => spans.push((s, e, vec![f])),
        }
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for (s, e, fs) in spans {
        if s > pos {
            out.push(chars[pos..s].iter().collect::<String>().into_any());
        }
        let title = fs
            .iter()
            .map(|f| {
                format!(
                    "{}{}{} {}",
                    fact_metric(&f.metric, &f.label, lang),
                    if lang.is_en() { ": " } else { "：" },
                    fact_value(f, lang),
                    f.period
                )
            })
            .collect::<Vec<_>>()
            .join("；");
        let ids = fs
            .iter()
            .map(|f| f.id.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let fact_ids: Vec<i64> = fs.iter().map(|f| f.id).collect();
        let is_current = move || current.get().is_some_and(|c| fact_ids.contains(&c));
        let anchors = fs
            .iter()
            .skip(1)
            .map(|f| view! { <span id=format!("fact-{}", f.id) class="anchor"></span> })
            .collect_view();
        out.push(
            view! {
                <mark id=format!("fact-{}", fs[0].id) class:current=is_current data-facts=ids title=title>{anchors}{chars[s..e].iter().collect::<String>()}</mark>
            }
            .into_any(),
        );
        pos = e;
    }
    if pos < chars.len() {
        out.push(chars[pos..].iter().collect::<String>().into_any());
    }
    out
}
