//! The city comparison: core metrics × cities for one period, each cell linked to its source.

use leptos::prelude::*;
use store::display::bound_prefix;

use crate::{
    api::DashboardData,
    charting::{city_name, fact_href, metric_name, value_text},
    dashboard::{compare_period, periods},
    forms::{submit_get, submit_on_change},
    query::DashQuery,
};

#[component]
pub fn Compare(data: DashboardData, q: DashQuery) -> impl IntoView {
    let lang = q.lang;
    let t = lang.t();
    let period = compare_period(&data, q.compare.as_deref());
    let cities = data.selected_cities();
    let head = cities
        .iter()
        .map(|c| view! { <th scope="col">{city_name(c, lang).to_owned()}</th> })
        .collect_view();
    let rows = data
        .series
        .iter()
        .map(|s| {
            let cells = cities
                .iter()
                .map(|c| {
                    let mut points: Vec<_> = s
                        .points
                        .iter()
                        .filter(|p| Some(&p.period) == period.as_ref() && p.city_key == c.key)
                        .collect();
                    points.sort_by(|a, b| b.value.total_cmp(&a.value));
                    let values = points
                        .into_iter()
                        .map(|p| {
                            let text = format!(
                                "{}{}",
                                bound_prefix(&p.bound, lang.is_en()),
                                value_text(p.value, &s.unit, lang)
                            );
                            let href = fact_href(p);
                            view! {
                                <a href=href title=p.quote.replace('\n', "")>{text}</a>
                                {p.counted.clone().map(|c| view! { <small>{format!(" {c}")}</small> })}
                            }
                        })
                        .collect_view();
                    view! { <td class="num">{values}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{metric_name(&s.metric, lang)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let options = periods(&data)
        .into_iter()
        .map(|p| {
            let selected = period.as_deref() == Some(p.as_str());
            view! { <option value=p.clone() selected=selected prop:selected=selected>{p.clone()}</option> }
        })
        .collect_view();
    // The form carries the rest of the state so choosing a period keeps the view.
    let mut keep = q.filter_pairs();
    keep.extend(q.view_pairs().into_iter().filter(|(k, _)| *k != "compare"));
    let hidden = super::filters::hidden_inputs(keep);

    view! {
        <section class="compare" id="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{t.compare_title}</h2>
            <form method="get" action="/" on:submit=submit_get() on:change=submit_on_change>
                <div class="compare-form">
                    <label for="compare-period">{t.compare_period}</label>
                    <select id="compare-period" name="compare">{options}</select>
                    {hidden}
                    <button type="submit">{t.show}</button>
                </div>
            </form>
            <div class="table-scroll">
                <table class="data-table compare-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.col_metric}</th>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
