//! One card per city with its latest figures: GDP growth, the three investment measures and
//! the project counts, each with its period, its bound (≥, ≈, 目标) and a link to its source.

use leptos::prelude::*;
use store::{display::bound_prefix, model::SeriesPoint};

use crate::{
    api::DashboardData,
    charting::{city_name, fact_href, metric_name, status_name, value_text},
    dashboard::{latest, shown},
    i18n::Lang,
    query::{DashQuery, CHARTED_METRICS},
};

#[component]
pub fn Kpis(data: DashboardData, q: DashQuery) -> impl IntoView {
    let lang = q.lang;
    let t = lang.t();
    let series: Vec<_> = CHARTED_METRICS
        .iter()
        .map(|m| shown(&data, m, &q))
        .collect();
    let cards = data
        .selected_cities()
        .into_iter()
        .map(|city| {
            let rows = series
                .iter()
                .map(|s| {
                    let points = latest(s, &city.key);
                    // Counts of different things are listed; amounts and rates show one.
                    let points: Vec<SeriesPoint> = if s.metric == "project_count" {
                        points.into_iter().take(3).collect()
                    } else {
                        points.into_iter().take(1).collect()
                    };
                    let unit = s.unit.clone();
                    let none = points
                        .is_empty()
                        .then(|| view! { <dd class="none">{t.no_figure}</dd> });
                    let values = points
                        .into_iter()
                        .map(|p| view! { <dd><KpiValue point=p unit=unit.clone() lang/></dd> })
                        .collect_view();
                    view! {
                        <div class="kpi" data-metric=s.metric.clone()>
                            <dt>{metric_name(&s.metric, lang)}</dt>
                            {none}
                            {values}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <article class="kpi-card" data-city=city.key.clone() aria-labelledby=format!("kpi-{}", city.key)>
                    <h3 id=format!("kpi-{}", city.key)>{city_name(&city, lang).to_owned()}</h3>
                    <dl>{rows}</dl>
                </article>
            }
        })
        .collect_view();
    view! {
        <section class="kpis" aria-labelledby="kpis-title">
            <h2 id="kpis-title">{t.kpi_title}</h2>
            <div class="kpi-grid">{cards}</div>
        </section>
    }
}

#[component]
fn KpiValue(point: SeriesPoint, unit: String, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let is_target = point.bound == "target";
    let bound = if is_target {
        String::new()
    } else {
        bound_prefix(&point.bound, lang.is_en()).to_owned()
    };
    let href = fact_href(&point);
    let quote = point.quote.replace('\n', "");
    view! {
        <a class="kpi-value" href=href title=quote>
            {is_target.then(|| view! { <span class="badge target">{t.target}</span> })}
            <span class="number">{format!("{bound}{}", value_text(point.value, &unit, lang))}</span>
        </a>
        <span class="kpi-meta">
            {point.period.clone()}
            {point.counted.clone().map(|c| format!(" · {c}"))}
            {point.scope.clone().map(|s| format!(" · {s}"))}
            {(point.status != "extracted").then(|| format!(" · {}", status_name(&point.status, lang)))}
        </span>
    }
}
