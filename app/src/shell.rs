use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::{use_location, use_query_map},
    path, SsrMode,
};

use crate::{
    i18n::Lang,
    pages::{
        articles::{ArticlePage, ArticlesPage},
        not_found::NotFound,
        overview::OverviewPage,
        present::PresentPage,
    },
    query::{encode, DashQuery},
};

/// The HTML document around the app, rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href="/pkg/favicon.svg"/>
                <meta name="description" content="区域经济指标看板：从城市新闻和政府报告中收集的经济数据"/>
                <Hydration options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Loads the browser bundle and hydrates the page once it has loaded.
///
/// Leptos' own `<HydrationScripts>` preloads the wasm in the head, where on a slow link it
/// competes with the stylesheet and delays the first paint of a page that is already
/// complete as HTML. Every page works before hydration (plain links and GET forms), so the
/// bundle is fetched after the `load` event instead.
#[component]
fn Hydration(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let script = format!(
        "const go=()=>import(\"{pkg}.js\").then(m=>m.default({{module_or_path:\"{pkg}_bg.wasm\"}}).then(()=>m.hydrate()));\
         if(document.readyState===\"complete\")go();else addEventListener(\"load\",go,{{once:true}});"
    );
    view! { <script type="module">{script}</script> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="app-css" href="/pkg/app.css"/>
        <Router>
            <Chrome/>
        </Router>
    }
}

/// Everything inside the router: the document language and title, the header (left out in
/// presentation mode, which owns the whole screen) and the routes.
#[component]
fn Chrome() -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    let lang = Memo::new(move |_| Lang::from_param(query.read().get_str("lang")));
    let presenting = move || location.pathname.get().starts_with("/present");
    view! {
        <Html {..} lang=move || lang.get().html_lang()/>
        <Title text=move || lang.get().t().site_title/>
        <a class="skip-link" href="#main">{move || lang.get().t().skip_to_content}</a>
        <Show when=move || !presenting()>
            <SiteHeader lang/>
        </Show>
        <main id="main" class:presenting=presenting>
            // Async rendering: the server sends each page complete, after its data. Streamed
            // pages need JavaScript to move late chunks into place, and every page here must
            // work without it; a missing article can also still answer 404.
            <Routes fallback=NotFound>
                <Route path=path!("") view=OverviewPage ssr=SsrMode::Async/>
                <Route path=path!("/present") view=PresentPage ssr=SsrMode::Async/>
                <Route path=path!("/articles") view=ArticlesPage ssr=SsrMode::Async/>
                <Route path=path!("/articles/:id") view=ArticlePage ssr=SsrMode::Async/>
            </Routes>
        </main>
    }
}

#[component]
fn SiteHeader(lang: Memo<Lang>) -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    let with_lang = move |path: &str| {
        let pairs: Vec<(&str, String)> = lang
            .get()
            .param()
            .map(|l| ("lang", l.to_owned()))
            .into_iter()
            .collect();
        format!("{path}{}", encode(&pairs))
    };
    // The language switch keeps the page and its state; only `lang` changes.
    let switch = move || {
        let mut params = query.get();
        match lang.get() {
            Lang::Zh => params.replace("lang", "en".to_owned()),
            Lang::En => {
                params.remove("lang");
            }
        }
        format!("{}{}", location.pathname.get(), params.to_query_string())
    };
    // Presentation of what the overview shows: same filters.
    let present = move || {
        let q = DashQuery::from_params(&query.read());
        q.href_with("/present", |x| x.slide = 0)
    };
    let here = move |path: &'static str| {
        move || {
            let p = location.pathname.get();
            let on = if path == "/" {
                p == "/"
            } else {
                p.starts_with(path)
            };
            on.then_some("page")
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href=move || with_lang("/")>{move || lang.get().t().site_title}</a>
            <nav aria-label=move || lang.get().t().nav_label>
                <a href=move || with_lang("/") aria-current=here("/")>{move || lang.get().t().nav_overview}</a>
                <a href=move || with_lang("/articles") aria-current=here("/articles")>{move || lang.get().t().nav_articles}</a>
                <a href=present>{move || lang.get().t().nav_present}</a>
                <a href="/api/v1/openapi.json" rel="external">"API"</a>
                // Server-rendered admin forms, outside the client router.
                <a href="/add" rel="external">{move || lang.get().t().nav_add}</a>
                <a class="lang-switch" href=switch hreflang=move || lang.get().t().other_lang_name
                    lang=move || lang.get().t().other_lang_name>{move || lang.get().t().other_lang}</a>
            </nav>
        </header>
    }
}
