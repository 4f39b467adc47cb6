//! The overview (`/`): filters, the latest figures per city, the three chart panels and the
//! city comparison. All state is in the URL ([`crate::query`]); the data comes from one
//! server call keyed on the part of the state that needs the database.

mod compare;
mod filters;
mod kpis;
pub(crate) mod panel;

use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

use crate::{
    api::{dashboard, DashboardData, Packed},
    query::{DashQuery, Panel},
};

pub use panel::{hydrating, ChartFigure};

/// The URL state and the data it asks for. The data is fetched again only when the part
/// of the state the server needs (cities, targets, scope) changes.
pub fn use_dashboard() -> (
    Memo<DashQuery>,
    Resource<Result<Packed<DashboardData>, ServerFnError>>,
) {
    let query = use_query_map();
    let q = Memo::new(move |_| DashQuery::from_params(&query.read()));
    let data_filter = Memo::new(move |_| q.read().data.clone());
    (q, Resource::new(move || data_filter.get(), dashboard))
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let (q, data) = use_dashboard();
    let t = move || q.read().lang.t();

    view! {
        <section class="overview" aria-labelledby="overview-title">
            <h1 id="overview-title">{move || t().overview_title}</h1>
            <p class="lead">{move || t().overview_lead}</p>
            // Transition keeps the current view while new data loads, so a filter change
            // never blanks the page. One view for the whole dashboard: every part depends
            // on the URL state, and one view keeps the browser bundle small.
            <Transition fallback=move || view! { <p class="loading">{t().loading}</p> }>
                {move || {
                    let q = q.get();
                    Suspend::new(async move {
                        match data.await {
                            Ok(Packed(data)) => Either::Left(dashboard_view(data, q)),
                            Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

fn dashboard_view(data: DashboardData, q: DashQuery) -> impl IntoView {
    let panels = Panel::ALL
        .into_iter()
        .map(|panel| view! { <panel::ChartPanel data=data.clone() q=q.clone() panel/> })
        .collect_view();
    view! {
        <filters::Filters data=data.clone() q=q.clone()/>
        <kpis::Kpis data=data.clone() q=q.clone()/>
        <div class="panels">{panels}</div>
        <compare::Compare data q/>
    }
}
