//! The filter bar: a GET form, so it works without JavaScript. Once hydrated, the router
//! submits it client-side and any change applies at once.

use leptos::prelude::*;

use crate::{
    api::DashboardData,
    charting::city_name,
    dashboard::periods,
    forms::{submit_get, submit_on_change},
    query::{DashQuery, Scope},
};

#[component]
pub fn Filters(data: DashboardData, q: DashQuery) -> impl IntoView {
    let lang = q.lang;
    let t = lang.t();
    let periods = periods(&data);
    let checked_city = {
        let q = q.clone();
        move |key: &str| q.data.cities.is_empty() || q.data.cities.iter().any(|c| c == key)
    };
    let cities = data
        .cities
        .iter()
        .map(|c| {
            let id = format!("f-city-{}", c.key);
            let for_id = id.clone();
            view! {
                <label class="chip" for=for_id>
                    <input type="checkbox" id=id name="city" value=c.key.clone() checked=checked_city(&c.key) prop:checked=checked_city(&c.key)/>
                    {city_name(c, lang).to_owned()}
                </label>
            }
        })
        .collect_view();
    let period_select = move |name: &'static str, label: &'static str, current: Option<String>| {
        let id = format!("f-{name}");
        let for_id = id.clone();
        let options = periods
            .iter()
            .map(|p| {
                let selected = current.as_deref() == Some(p.as_str());
                view! { <option value=p.clone() selected=selected prop:selected=selected>{p.clone()}</option> }
            })
            .collect_view();
        view! {
            <label for=for_id>{label}</label>
            <select id=id name=name>
                <option value="" selected=current.is_none() prop:selected=current.is_none()>{t.any_period}</option>
                {options}
            </select>
        }
    };
    let scopes = Scope::ALL
        .into_iter()
        .map(|s| {
            let id = format!("f-scope-{}", s.param().unwrap_or("default"));
            let for_id = id.clone();
            let text = match s {
                Scope::Default => t.scope_default,
                Scope::City => t.scope_city,
                Scope::All => t.scope_all,
            };
            view! {
                <label for=for_id>
                    <input type="radio" id=id name="scope" value=s.param().unwrap_or("") checked=q.data.scope == s prop:checked=q.data.scope == s/>
                    {text}
                </label>
            }
        })
        .collect_view();
    // State the form does not edit rides along so applying filters keeps the view.
    let hidden = hidden_inputs(q.view_pairs());
    let reset = format!(
        "/{}",
        crate::query::encode(
            &lang
                .param()
                .map(|l| ("lang", l.to_owned()))
                .into_iter()
                .collect::<Vec<_>>()
        )
    );

    view! {
        <section class="filters" aria-label=t.filters>
            <form method="get" action="/" on:submit=submit_get() on:change=submit_on_change>
                <div class="filter-row">
                    <fieldset>
                        <legend>{t.cities}</legend>
                        {cities}
                    </fieldset>
                    <fieldset class="period-range">
                        <legend>{t.col_period}</legend>
                        {period_select("from", t.period_from, q.from.clone())}
                        {period_select("to", t.period_to, q.to.clone())}
                    </fieldset>
                    <fieldset>
                        <legend>{t.scope}</legend>
                        {scopes}
                    </fieldset>
                    <fieldset>
                        <legend>{t.target}</legend>
                        <label for="f-targets">
                            <input type="checkbox" id="f-targets" name="include_targets" value="1" checked=q.data.include_targets prop:checked=q.data.include_targets/>
                            {t.include_targets}
                        </label>
                    </fieldset>
                    {hidden}
                    <div class="filter-actions">
                        <button type="submit">{t.apply}</button>
                        <a href=reset>{t.reset}</a>
                    </div>
                </div>
            </form>
        </section>
    }
}

/// Hidden inputs carrying `pairs` through a GET form.
pub(super) fn hidden_inputs(pairs: Vec<(&'static str, String)>) -> impl IntoView {
    pairs
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
}
