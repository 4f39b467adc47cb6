//! Presentation mode (`/present?…`): the overview's charts one per slide at full screen,
//! after a title slide with the date and the sources. The slide is in the URL (`slide=N`),
//! so previous/next are plain links; once hydrated, arrow keys and clicks move too.
//! Every slide is in the page, so printing gives one chart per A4 landscape page.

use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{
    api::{DashboardData, Packed},
    charting::{self, city_name, metric_name, ChartInput},
    dashboard::shown,
    pages::overview::{use_dashboard, ChartFigure},
    query::{DashQuery, CHARTED_METRICS},
};

#[component]
pub fn PresentPage() -> impl IntoView {
    let (q, data) = use_dashboard();
    let t = move || q.read().lang.t();
    view! {
        <Transition fallback=move || view! { <p class="loading">{t().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Packed(data)) => Either::Left(view! { <Slides data q/> }),
                    Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Slides(data: DashboardData, q: Memo<DashQuery>) -> impl IntoView {
    let data = StoredValue::new(data);
    // Built once per data: the charts do not depend on the slide number.
    let deck = Memo::new(move |_| {
        let q = q.get();
        data.with_value(|d| deck(d, &DashQuery { slide: 0, ..q }))
    });
    let count = move || deck.with(|d| d.slides.len() + 1);
    let current = move || q.read().slide.min(count() - 1);
    let href = move |n: usize| q.read().href_with("/present", |x| x.slide = n);
    let navigate = use_navigate();

    #[cfg(feature = "hydrate")]
    {
        let navigate = navigate.clone();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let n = current();
            let to = match ev.key().as_str() {
                "ArrowRight" | "PageDown" | " " => (n + 1 < count()).then_some(n + 1),
                "ArrowLeft" | "PageUp" => n.checked_sub(1),
                "Home" => Some(0),
                "End" => Some(count() - 1),
                _ => None,
            };
            if let Some(to) = to {
                ev.prevent_default();
                navigate(&href(to), Default::default());
            }
        });
        on_cleanup(move || handle.remove());
    }

    let next_on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            // Links inside a slide (chart points, sources) keep their own meaning.
            let on_link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a, button").ok().flatten())
                .is_some();
            let n = current();
            if !on_link && n + 1 < count() {
                navigate(&href(n + 1), Default::default());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &navigate);
    };

    view! {
        <div class="deck" on:click=next_on_click>
            <h1 class="visually-hidden">{move || format!("{} · {}", q.read().lang.t().present_title, q.read().lang.t().nav_present)}</h1>
            {move || {
                let d = deck.get();
                let t = q.read().lang.t();
                let n = current();
                let title_slide = view! {
                    <section class="slide title-slide" class:current=n == 0 aria-label=t.present_title>
                        <h2 class="deck-title">{d.title.clone()}</h2>
                        <p class="subtitle">{d.cities.clone()}</p>
                        <p class="date">{format!("{}：{}", t.present_date, d.today)}</p>
                        <h3>{t.present_sources}</h3>
                        <ul class="source-list">
                            {d.sources.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
                        </ul>
                        <p class="hint">{t.present_hint}</p>
                    </section>
                };
                let slides = d
                    .slides
                    .iter()
                    .enumerate()
                    .map(|(i, s)| view! {
                        <section class="slide" class:current=n == i + 1 aria-label=s.title.clone()>
                            <h2 class="visually-hidden">{s.title.clone()}</h2>
                            <ChartFigure svg=s.svg.clone()/>
                        </section>
                    })
                    .collect_view();
                view! { {title_slide} {slides} }
            }}
            <nav class="present-nav" aria-label=move || q.read().lang.t().slide>
                {move || {
                    let t = q.read().lang.t();
                    let n = current();
                    let total = count();
                    let exit = q.read().href_with("/", |x| x.slide = 0);
                    view! {
                        <a href=href(n.saturating_sub(1)) class:disabled=n == 0 aria-disabled=(n == 0).then_some("true")>{format!("← {}", t.present_prev)}</a>
                        <span class="counter" aria-live="polite">{format!("{} / {}", n + 1, total)}</span>
                        <a href=href((n + 1).min(total - 1)) class:disabled=n + 1 == total aria-disabled=(n + 1 == total).then_some("true")>{format!("{} →", t.present_next)}</a>
                        <a href=exit class="exit">{t.present_exit}</a>
                    }
                }}
            </nav>
        </div>
    }
}

#[derive(Clone, PartialEq)]
struct Deck {
    title: String,
    cities: String,
    today: String,
    sources: Vec<String>,
    slides: Vec<Slide>,
}

#[derive(Clone, PartialEq)]
struct Slide {
    title: String,
    svg: String,
}

fn deck(data: &DashboardData, q: &DashQuery) -> Deck {
    let lang = q.lang;
    let cities = data.selected_cities();
    let mut all_points = Vec::new();
    let hydrating = crate::pages::overview::hydrating();
    let slides = CHARTED_METRICS
        .iter()
        .map(|m| shown(data, m, q))
        .filter(|s| !s.points.is_empty())
        .filter_map(|series| {
            all_points.extend(series.points.iter().cloned());
            if hydrating {
                return Some(Slide {
                    title: metric_name(&series.metric, lang),
                    svg: String::new(),
                });
            }
            let svg = charting::svg(&ChartInput {
                series: &series,
                cities: &cities,
                articles: &data.articles,
                lang,
                kind: charts::ChartKind::Bar,
                width: 1200,
                height: 675,
                today: &data.today,
            })
            .ok()?;
            Some(Slide {
                title: metric_name(&series.metric, lang),
                svg,
            })
        })
        .collect();
    Deck {
        title: lang.t().present_title.to_owned(),
        cities: cities
            .iter()
            .map(|c| city_name(c, lang))
            .collect::<Vec<_>>()
            .join(if lang.is_en() { ", " } else { "、" }),
        today: data.today.clone(),
        sources: charting::sources(&all_points, &data.articles),
        slides,
    }
}
