//! A chart panel: the chart (or its table), a chart/table switch, downloads of exactly what
//! is shown (PNG, SVG, CSV: same filters, same renderer) and the sources underneath.

use leptos::{either::EitherOf4, prelude::*};
use store::{display::bound_prefix, model::Series};

use crate::{
    api::DashboardData,
    charting::{self, city_name, fact_href, metric_name, value_text, ChartInput},
    dashboard::shown,
    i18n::Lang,
    query::{encode, DashQuery, Panel, INVESTMENT_METRICS},
};

/// Sizes of the charts drawn into the page; the SVG scales to the panel width. Phones get
/// the narrow drawing (CSS picks one), whose text stays legible at 375 px.
pub const PAGE_CHART: (u32, u32) = (960, 540);
pub const NARROW_CHART: (u32, u32) = (360, 440);

pub fn panel_metric(panel: Panel, q: &DashQuery) -> String {
    match panel {
        Panel::Gdp => "gdp_growth_pct".to_owned(),
        Panel::Investment => q.investment.clone(),
        Panel::Projects => "project_count".to_owned(),
    }
}

/// `/charts/{metric}.{ext}` or `/api/v1/series.csv` for what the panel shows.
pub fn download_href(metric: &str, ext: &str, q: &DashQuery) -> String {
    let mut pairs = q.filter_pairs();
    if let Some(l) = q.lang.param() {
        if ext != "csv" {
            pairs.push(("lang", l.to_owned()));
        }
    }
    if ext == "csv" {
        pairs.insert(0, ("metric", metric.to_owned()));
        format!("/api/v1/series.csv{}", encode(&pairs))
    } else {
        format!("/charts/{metric}.{ext}{}", encode(&pairs))
    }
}

#[component]
pub fn ChartPanel(data: DashboardData, q: DashQuery, panel: Panel) -> impl IntoView {
    let lang = q.lang;
    let t = lang.t();
    let metric = panel_metric(panel, &q);
    let series = shown(&data, &metric, &q);
    let cities = data.selected_cities();
    let id = panel.id();
    let title = match panel {
        Panel::Gdp => t.gdp_panel,
        Panel::Investment => t.investment_panel,
        Panel::Projects => t.projects_panel,
    };
    let as_table = q.shows_table(panel);
    let toggle = [(false, t.show_chart), (true, t.show_table)]
        .into_iter()
        .map(|(table, text)| {
            let href = q.href_with("/", |n| {
                n.tables.retain(|p| *p != panel);
                if table {
                    n.tables.push(panel);
                }
            });
            let current = (table == as_table).then_some("true");
            view! { <a href=format!("{href}#panel-{id}") data-noscroll="" aria-current=current>{text}</a> }
        })
        .collect_view();
    let chooser = (panel == Panel::Investment).then(|| {
        let links = INVESTMENT_METRICS
            .iter()
            .map(|m| {
                let href = q.href_with("/", |n| n.investment = (*m).to_owned());
                let current = (*m == metric).then_some("true");
                view! { <a href=format!("{href}#panel-{id}") data-noscroll="" aria-current=current>{metric_name(m, lang)}</a> }
            })
            .collect_view();
        view! { <div class="segmented" role="group" aria-label=t.investment_choice>{links}</div> }
    });
    let note = match panel {
        Panel::Gdp => None,
        Panel::Investment => Some(t.investment_note),
        Panel::Projects => Some(t.projects_note),
    };
    let sources = charting::source_line(&series.points, &data.articles, lang);
    let body = if series.points.is_empty() {
        EitherOf4::A(view! { <p class="empty">{t.no_data}</p> })
    } else if as_table {
        EitherOf4::B(view! { <SeriesTable series=series.clone() cities=cities.clone() lang/> })
    } else {
        let draw = |(width, height): (u32, u32)| {
            if hydrating() {
                return Ok(String::new());
            }
            charting::svg(&ChartInput {
                series: &series,
                cities: &cities,
                articles: &data.articles,
                lang,
                kind: charts::ChartKind::Bar,
                width,
                height,
                today: &data.today,
            })
        };
        match (draw(PAGE_CHART), draw(NARROW_CHART)) {
            (Ok(wide), Ok(narrow)) => EitherOf4::C(view! {
                <div class="chart-wide"><ChartFigure svg=wide/></div>
                <div class="chart-narrow"><ChartFigure svg=narrow/></div>
            }),
            (Err(e), _) | (_, Err(e)) => {
                EitherOf4::D(view! { <p class="error" role="alert">{e}</p> })
            }
        }
    };
    let downloads = [("png", "PNG"), ("svg", "SVG"), ("csv", "CSV")]
        .into_iter()
        .map(|(ext, ext_label)| {
            let href = download_href(&metric, ext, &q);
            view! { <a href=href download="" rel="external">{ext_label}</a> }
        })
        .collect_view();

    view! {
        <section class="panel" id=format!("panel-{id}") aria-labelledby=format!("panel-{id}-title")>
            <header class="panel-head">
                <h2 id=format!("panel-{id}-title")>{title}</h2>
                <div class="segmented view-toggle" role="group" aria-label=format!("{title} · {}", t.view_as)>{toggle}</div>
            </header>
            {chooser}
            <div class="panel-body">{body}</div>
            <footer class="panel-foot">
                <p class="downloads"><span>{t.download}</span>{downloads}</p>
                {note.map(|n| view! { <p class="note">{n}</p> })}
                <p class="sources">{sources}</p>
            </footer>
        </section>
    }
}

/// True while the browser adopts the server-rendered page. Chart markup is left as the
/// server sent it then (hydration does not touch `inner_html`), which saves drawing every
/// chart again on load; later renders draw them in the browser.
pub fn hydrating() -> bool {
    #[cfg(feature = "hydrate")]
    {
        Owner::current_shared_context().is_some_and(|sc| sc.during_hydration())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// An SVG chart from the `charts` crate with a tooltip for the point under the pointer or
/// keyboard focus. Without JavaScript the SVG's own `<title>`s still show on hover and the
/// points still link to their sources.
#[component]
pub fn ChartFigure(svg: String) -> impl IntoView {
    let tip = RwSignal::new(None::<(String, f64, f64)>);
    view! {
        <div
            class="chart-box"
            on:mouseover=move |ev| tip.set(tooltip_at(&ev))
            on:focusin=move |ev| tip.set(tooltip_at(&ev))
            on:mouseleave=move |_| tip.set(None)
            on:focusout=move |_| tip.set(None)
        >
            <div class="chart-svg" inner_html=svg></div>
            {move || tip.get().map(|(text, x, y)| view! {
                <div class="chart-tip" role="tooltip" style=format!("left:{x:.0}px;top:{y:.0}px")>{text}</div>
            })}
        </div>
    }
}

/// The hotspot (`.pt`) the event came from, its text and where to show it (relative to the
/// chart box). The hotspot's own `<title>` is removed so the browser does not show a second,
/// native tooltip; its `aria-label` keeps the same text for assistive technology.
#[cfg(feature = "hydrate")]
fn tooltip_at(ev: &leptos::ev::Event) -> Option<(String, f64, f64)> {
    use wasm_bindgen::JsCast;
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let pt = target.closest(".pt").ok()??;
    let text = pt.get_attribute("aria-label")?;
    if let Ok(Some(title)) = pt.query_selector("title") {
        title.remove();
    }
    let host: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    let (r, h) = (
        pt.get_bounding_client_rect(),
        host.get_bounding_client_rect(),
    );
    Some((
        text,
        r.left() - h.left() + r.width() / 2.0,
        r.top() - h.top(),
    ))
}

#[cfg(not(feature = "hydrate"))]
fn tooltip_at(_: &leptos::ev::Event) -> Option<(String, f64, f64)> {
    None
}

/// The chart's data as a table: one row per point, with the quote behind it.
#[component]
pub fn SeriesTable(series: Series, cities: Vec<store::model::City>, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let counts = series.points.iter().any(|p| p.counted.is_some());
    let rows = cities
        .iter()
        .flat_map(|c| {
            series
                .points
                .iter()
                .filter(move |p| p.city_key == c.key)
                .map(move |p| (c, p))
        })
        .map(|(c, p)| {
            let href = fact_href(p);
            let value = format!(
                "{}{}",
                bound_prefix(&p.bound, lang.is_en()),
                value_text(p.value, &series.unit, lang)
            );
            view! {
                <tr data-city=c.key.clone() data-period=p.period.clone()>
                    <th scope="row">{city_name(c, lang).to_owned()}</th>
                    <td>{p.period.clone()}</td>
                    {counts.then(|| view! { <td>{p.counted.clone().unwrap_or_default()}</td> })}
                    <td class="num">{value}</td>
                    <td>{p.scope.clone().unwrap_or_else(|| t.city_wide.to_owned())}</td>
                    <td class="quote"><a href=href>{p.quote.replace('\n', "")}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table series-table">
                <caption class="visually-hidden">{metric_name(&series.metric, lang)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_city}</th>
                        <th scope="col">{t.col_period}</th>
                        {counts.then(|| view! { <th scope="col">{t.col_counted}</th> })}
                        <th scope="col" class="num">{t.col_value}</th>
                        <th scope="col">{t.col_scope}</th>
                        <th scope="col">{t.col_quote}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
