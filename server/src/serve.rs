//! The web server: pages (Leptos SSR), static assets and health check.

use std::path::Path;

use anyhow::{bail, Context};
use app::{shell, App};
use axum::{http::header, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use store::Db;
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::{api, cli::ServeArgs, ingest};

/// The name the wasm-bindgen output is written under (`pkg/app.js`, `pkg/app_bg.wasm`).
const OUTPUT_NAME: &str = "app";

pub async fn run(db_path: &Path, args: ServeArgs) -> anyhow::Result<()> {
    check_site(&args.site)?;
    let db = Db::open(db_path).await?;
    tracing::info!(db = %db_path.display(), "database ready");
    seed_if_empty(&db, &args.seeds).await?;
    // Rows from before a change of the export format have no stored line; exports format
    // them from the columns (slower) until this catches up, in the background.
    let filler = db.clone();
    tokio::spawn(async move {
        match filler.fill_csv_lines().await {
            Ok(0) => {}
            Ok(n) => tracing::info!("wrote the CSV export line of {n} older facts"),
            Err(e) => tracing::warn!("could not write older facts' CSV lines: {e}"),
        }
    });

    let (auth, source) = crate::auth::Auth::load(db_path)?;
    match &source {
        crate::auth::TokenSource::Env => {
            tracing::info!("admin token from {}", crate::auth::TOKEN_ENV)
        }
        crate::auth::TokenSource::File {
            path,
            created: true,
        } => {
            // Shown once: the file keeps it (mode 0600) for the next start.
            let token = std::fs::read_to_string(path)?;
            println!(
                "admin token (created, kept in {}): {}",
                path.display(),
                token.trim()
            );
        }
        crate::auth::TokenSource::File { path, .. } => {
            tracing::info!("admin token from {}", path.display())
        }
    }
    let api = api::ApiState::new(db.clone(), auth).await?;
    let router = router(db, api, &args);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} (is another server running there? pick another with --addr)",
                args.addr
            )
        })?;
    let url = format!("http://{}", listener.local_addr()?);
    tracing::info!("serving on {url}");
    println!("区域经济指标看板 listening on {url}");
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Builds the whole HTTP application. Public to the crate so tests can drive it without a socket.
pub fn router(db: Db, api: api::ApiState, args: &ServeArgs) -> Router {
    let options = LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(args.site.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(args.addr)
        .build();
    let routes = generate_route_list(App);
    let assets = ServeDir::new(args.site.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();

    Router::new()
        .route("/healthz", get(healthz))
        .nest("/api/v1", api::router(api.clone()))
        .merge(api::charts_router(api.clone()))
        .merge(
            crate::admin_pages::router(api)
                // A slow or stalled upload must not hold a worker forever.
                .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                    axum::http::StatusCode::REQUEST_TIMEOUT,
                    std::time::Duration::from_secs(60),
                )),
        )
        .leptos_routes_with_context(
            &options,
            routes,
            {
                let db = db.clone();
                move || provide_context(db.clone())
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                // Asset names are not content-hashed yet: make browsers revalidate.
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_static("no-cache"),
                ))
                .service(assets),
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(options)
}

/// A fresh database gets the articles the product ships with, so the first page has data.
async fn seed_if_empty(db: &Db, seeds: &Path) -> anyhow::Result<()> {
    if db.article_count().await? > 0 {
        return Ok(());
    }
    if !seeds.is_dir() {
        tracing::warn!(
            "the database has no articles and there is no seeds folder at {}",
            seeds.display()
        );
        return Ok(());
    }
    tracing::info!("empty database: ingesting {}", seeds.display());
    let summary = ingest::ingest_paths(
        db,
        &[seeds.to_path_buf()],
        ingest::DEFAULT_MAX_BYTES,
        &mut ingest::report::LogProgress,
    )
    .await?;
    if summary.failed > 0 {
        tracing::warn!(
            "{} seed files failed; serving what was ingested",
            summary.failed
        );
    }
    Ok(())
}

async fn healthz() -> &'static str {
    "ok"
}

/// Fails early, with the fix, when the browser bundle was never built.
fn check_site(site: &Path) -> anyhow::Result<()> {
    let missing: Vec<_> = ["app.js", "app_bg.wasm", "app.css"]
        .iter()
        .map(|f| site.join("pkg").join(f))
        .filter(|p| !p.exists())
        .collect();
    if !missing.is_empty() {
        bail!(
            "site assets missing: {} — run `make build` from the repository root, or point --site at the folder that holds pkg/",
            missing
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing open requests");
}
