use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use store::model::City;

use crate::api::list_cities;

/// The overview: the followed cities. Picking one is a plain link (`?city=key`), so
/// it works without JavaScript; once hydrated the router handles it without a reload.
#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let selected = Memo::new(move |_| query.read().get("city"));
    let cities = Resource::new(|| (), |_| list_cities());

    view! {
        <section class="cities" aria-labelledby="cities-title">
            <h1 id="cities-title">"关注城市" <small lang="en">" Cities"</small></h1>
            <Suspense fallback=|| view! { <p class="loading">"加载中…"</p> }>
                {move || Suspend::new(async move {
                    match cities.await {
                        Ok(cities) => view! { <CityTable cities selected/> }.into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CityTable(cities: Vec<City>, selected: Memo<Option<String>>) -> impl IntoView {
    let detail = {
        let cities = cities.clone();
        move || {
            let key = selected.get()?;
            cities.iter().find(|c| c.key == key).cloned()
        }
    };
    let rows = cities
        .into_iter()
        .map(|city| {
            let key = city.key.clone();
            let is_selected = Memo::new(move |_| selected.get().as_deref() == Some(key.as_str()));
            let href = format!("/?city={}", city.key);
            view! {
                <tr class:selected=is_selected data-city=city.key.clone()>
                    <td>
                        <a href=href aria-current=move || is_selected.get().then_some("true")>
                            {city.name_zh.clone()}
                        </a>
                    </td>
                    <td lang="en">{city.name_en.clone()}</td>
                    <td>{city.province.clone()}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <table class="city-table">
            <thead>
                <tr>
                    <th scope="col">"城市"</th>
                    <th scope="col">"City"</th>
                    <th scope="col">"省份"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <div class="city-detail" aria-live="polite">
            {move || match detail() {
                Some(city) => {
                    let places = city
                        .places
                        .iter()
                        .filter(|p| p.kind != "alias")
                        .map(|p| p.name.clone())
                        .collect::<Vec<_>>()
                        .join("、");
                    view! {
                        <p>
                            <strong>{format!("已选择：{}（{}，{}省）", city.name_zh, city.name_en, city.province)}</strong>
                        </p>
                        <p class="places">{format!("下辖地区：{places}")}</p>
                    }
                    .into_any()
                }
                None => view! { <p class="hint">"点击城市查看详情。"</p> }.into_any(),
            }}
        </div>
    }
}
