#![recursion_limit = "256"]
//! The dashboard's pages.
//!
//! The same components render to HTML on the server (`ssr`) and then take over in
//! the browser (`hydrate`), so every page works without JavaScript and becomes
//! instant once the wasm bundle has loaded.

pub mod api;
pub mod charting;
pub mod dashboard;
mod forms;
pub mod i18n;
mod pages;
pub mod query;
mod shell;

pub use shell::{shell, App};

/// Entry point of the browser bundle: attaches the reactive system to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // A marker for the browser tests (and for CSS): the page is now interactive.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
    // "time to interactive" as the browser tests and anyone profiling read it.
    if let Some(perf) = leptos::prelude::window().performance() {
        let _ = perf.mark("hydrated");
    }
}
