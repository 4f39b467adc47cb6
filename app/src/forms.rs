//! GET forms that work with and without JavaScript. Without it the browser submits them
//! as usual; once hydrated, submitting (or changing any control) becomes a client-side
//! navigation to the same URL, so the view updates without a reload.

use leptos::ev::SubmitEvent;
use leptos_router::hooks::use_navigate;

/// `on:submit` for a GET form: navigates to `action?fields` without leaving the page.
pub fn submit_get() -> impl Fn(SubmitEvent) + Clone + 'static {
    let navigate = use_navigate();
    move |ev: SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(fields) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields)
            else {
                return;
            };
            ev.prevent_default();
            let action = form.get_attribute("action").unwrap_or_else(|| "/".into());
            let query = String::from(query.to_string());
            let url = if query.is_empty() {
                action
            } else {
                format!("{action}?{query}")
            };
            navigate(
                &url,
                leptos_router::NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &navigate);
    }
}

/// `on:change` inside a GET form: a changed control submits its form at once.
pub fn submit_on_change(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
        if let Some(form) = form {
            let _ = form.request_submit();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
