use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <section class="not-found">
            <h1>"页面不存在"</h1>
            <p>"Page not found. " <a href="/">"返回首页 / Back to the overview"</a></p>
        </section>
    }
}
