use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::pages::{
    articles::{ArticlePage, ArticlesPage},
    home::HomePage,
    not_found::NotFound,
};

/// The HTML document around the app, rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href="/pkg/favicon.svg"/>
                <meta name="description" content="区域经济指标看板：从城市新闻和政府报告中收集的经济数据"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="app-css" href="/pkg/app.css"/>
        <Title text="区域经济指标看板"/>
        <Router>
            <header class="site-header">
                <a class="brand" href="/">"区域经济指标看板"</a>
                <span class="brand-en" lang="en">"Regional economic indicators"</span>
                <nav aria-label="主导航">
                    <a href="/">"概览"</a>
                    <a href="/articles">"文章"</a>
                    <a href="/api/v1/openapi.json" rel="external">"API"</a>
                </nav>
            </header>
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("/articles") view=ArticlesPage/>
                    // Async: the whole page waits for the article, so a missing one can still
                    // answer 404 (a streamed response has sent its status already).
                    <Route path=path!("/articles/:id") view=ArticlePage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
