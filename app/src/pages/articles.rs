//! The article list and the article page, where every extracted figure is highlighted in
//! the text so a reader can check it against its source sentence.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use store::model::{ArticleDetail, FactRow};

use crate::{
    api::{get_article, list_articles, Packed},
    format::{bound_symbol, metric_name, value_with_unit},
};

#[component]
pub fn ArticlesPage() -> impl IntoView {
    let articles = Resource::new(|| (), |_| list_articles());
    view! {
        <section aria-labelledby="articles-title">
            <h1 id="articles-title">"文章" <small lang="en">" Articles"</small></h1>
            <Suspense fallback=|| view! { <p class="loading">"加载中…"</p> }>
                {move || Suspend::new(async move {
                    match articles.await {
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(Packed(list)) => view! {
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"标题"</th>
                                        <th scope="col">"城市"</th>
                                        <th scope="col">"日期"</th>
                                        <th scope="col">"来源"</th>
                                        <th scope="col" class="num">"数据条数"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! {
                                        <tr>
                                            <td><a href=format!("/articles/{}", a.id)>{a.title.clone().unwrap_or_else(|| a.file_name.clone())}</a></td>
                                            <td>{a.main_city_name.clone().unwrap_or_else(|| "—".into())}</td>
                                            <td>{a.published.clone().unwrap_or_else(|| "日期不详".into())}</td>
                                            <td>{a.source.clone().unwrap_or_default()}</td>
                                            <td class="num">{a.fact_count}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
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
    let article = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_article(id).await.map(|p| p.0),
            None => Ok(None),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">"加载中…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(None) => view! {
                        <section><h1>"文章不存在"</h1><p>"No such article. " <a href="/articles">"所有文章 / All articles"</a></p></section>
                    }.into_any(),
                    Ok(Some(detail)) => view! { <ArticleView detail/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArticleView(detail: ArticleDetail) -> impl IntoView {
    let a = &detail.article;
    let title = a.title.clone().unwrap_or_else(|| a.file_name.clone());
    let meta = [
        a.main_city_name.clone().map(|c| format!("城市：{c}")),
        Some(format!(
            "日期：{}",
            a.published.clone().unwrap_or_else(|| "不详".into())
        )),
        a.source.clone().map(|s| format!("来源：{s}")),
        Some(format!("文件：{}", a.file_name)),
        Some(format!("编码：{}", a.encoding)),
    ]
    .into_iter()
    .flatten()
    .map(|m| view! { <li>{m}</li> })
    .collect_view();
    let url = a.url.clone();
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
            <p class="crumbs"><a href="/articles">"← 所有文章"</a></p>
            <h1 id="article-title">{title}</h1>
            <ul class="article-meta">{meta}</ul>
            {url.map(|u| { let href = u.clone(); view! { <p><a href=href rel="noopener noreferrer">{u}</a></p> } })}
            <h2>{format!("提取的数据（{} 条）", facts.len())}</h2>
            <FactTable facts=facts.clone()/>
            <h2>"原文"</h2>
            <div class="article-text">{highlighted(&detail.text, &detail.facts, current)}</div>
        </article>
    }
}

#[component]
fn FactTable(facts: Vec<FactRow>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="data-table facts">
                <thead>
                    <tr>
                        <th scope="col">"指标"</th>
                        <th scope="col">"城市"</th>
                        <th scope="col">"范围"</th>
                        <th scope="col">"时期"</th>
                        <th scope="col" class="num">"数值"</th>
                        <th scope="col">"说明"</th>
                        <th scope="col">"原文"</th>
                    </tr>
                </thead>
                <tbody>
                    {facts.into_iter().map(|f| view! {
                        <tr id=format!("row-{}", f.id)>
                            <td>{metric_name(&f.metric, &f.label)}</td>
                            <td>{f.city.clone().unwrap_or_else(|| "—".into())}</td>
                            <td>{f.scope.clone().unwrap_or_default()}</td>
                            <td>{if f.period.is_empty() { "—".to_owned() } else { f.period.clone() }}</td>
                            <td class="num">{format!("{}{}", bound_symbol(&f.bound), value_with_unit(f.value, &f.metric, &f.unit))}</td>
                            <td>{f.label.clone()}</td>
                            <td><a href=format!("#fact-{}", f.id)>{f.quote.clone()}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The article text with each fact's quote wrapped in a `<mark id="fact-N">`; `:target`
/// styling then highlights the one a link points at, without JavaScript.
fn highlighted(text: &str, facts: &[FactRow], current: Memo<Option<i64>>) -> impl IntoView {
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
                    "{}：{}{} {}",
                    metric_name(&f.metric, &f.label),
                    bound_symbol(&f.bound),
                    value_with_unit(f.value, &f.metric, &f.unit),
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
