//! The web layer: router, shared state, middleware (security headers, limits) and serving (axum).

mod api;
mod caching;
mod error;
mod export;
mod guard;
mod openapi;
mod page_cache;
mod pages;
pub mod params;
mod rebuilding;
mod research;
mod server;
mod suggest;
pub mod views;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::{Limits, Paths, ServeOptions};
use crate::model::Reference;
use crate::search::SearchIndex;
use crate::store::Reader;

pub use error::AppError;
pub use export::{spreadsheet_safe, spreadsheet_unsafe};
pub use guard::{RateLimiter, client_key};

/// What every handler reads: the live index, the store, the reference tables.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<SearchIndex>,
    pub store: Arc<Reader>,
    pub reference: Arc<Reference>,
    pub site: Arc<Site>,
    /// Recent search answers of the live generation (see [`page_cache`]).
    pub pages: Arc<page_cache::PageCache>,
    /// What a search that found nothing is compared with (see [`suggest`]).
    pub lexicon: Arc<suggest::Lexicon>,
}

/// How the site names itself in citations and downloads.
#[derive(Debug, Clone)]
pub struct Site {
    /// The public base URL, without a trailing slash (stable URLs in citations).
    pub public_url: String,
    /// The dataset version from `datapackage.json` ("unversioned" when it has none).
    pub dataset_version: String,
    /// Where the published data files are read from for `/data/…` downloads.
    pub data_dir: PathBuf,
}

impl AppState {
    /// Opens the store and the current index generation named in `paths`.
    pub fn open(paths: &Paths) -> anyhow::Result<AppState> {
        let reference = crate::import::load_reference(&paths.data_dir)?;
        let synonyms = crate::import::load_synonyms(&paths.data_dir)?;
        let lexicon = suggest::Lexicon::new(&reference, &synonyms);
        Ok(AppState {
            index: Arc::new(SearchIndex::open(&paths.index_dir)?.with_synonyms(synonyms)),
            store: Arc::new(Reader::open(&paths.db)?),
            reference: Arc::new(reference),
            site: Arc::new(Site {
                public_url: crate::config::DEFAULT_PUBLIC_URL.to_string(),
                dataset_version: research::dataset_version(&paths.data_dir),
                data_dir: paths.data_dir.clone(),
            }),
            pages: Arc::new(page_cache::PageCache::new(
                page_cache::DEFAULT_CAPACITY_BYTES,
            )),
            lexicon: Arc::new(lexicon),
        })
    }

    /// The same state with another public base URL (trailing slashes dropped).
    pub fn with_public_url(mut self, url: &str) -> AppState {
        let mut site = (*self.site).clone();
        site.public_url = url.trim_end_matches('/').to_string();
        self.site = Arc::new(site);
        self
    }
}

const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
    script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'";

/// The whole application as a router, so tests can call it without a socket.
pub fn router(state: AppState) -> Router {
    with_security_headers(routes(state))
}

/// The application as served: the routes behind every limit in `limits` (rate, load, size,
/// time), with the security headers on every answer, refusals included.
pub fn guarded_router(state: AppState, limits: &Limits) -> Router {
    limited(routes(state), limits)
}

/// Any routes behind the served limits and security headers (tests use it with handlers
/// that are slow on purpose).
pub fn limited(routes: Router, limits: &Limits) -> Router {
    with_security_headers(guard::apply(routes, limits))
}

/// Serves `app` through the production accept loop (header-read timeout, head size and
/// connection caps) until `shutdown` resolves.
pub async fn serve_app(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    server::run(listener, app, limits, shutdown).await
}

fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::search))
        .route("/practices/{id}", get(pages::practice))
        .route("/about", get(pages::about))
        .route(views::STYLESHEET_PATH, get(pages::stylesheet))
        .route(views::SCRIPT_PATH, get(pages::script))
        .merge(
            Router::new()
                .route("/api/v1/search", get(api::search))
                .route("/api/v1/practices", get(api::search))
                .route("/api/v1/practices/{id}", get(api::practice))
                .route("/healthz", get(api::health))
                .route("/openapi.json", get(openapi::openapi_json))
                .layer(research::read_only_cors()),
        )
        .route("/api/docs", get(openapi::docs))
        .merge(research::routes())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            caching::etag,
        ))
        .with_state(state)
        .layer(CompressionLayer::new())
}

fn with_security_headers(app: Router) -> Router {
    let security = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let mut app = app
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(TraceLayer::new_for_http());
    for (name, value) in security {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// Serves until SIGINT or SIGTERM, picking up new index generations as they appear.
pub async fn serve(paths: &Paths, options: &ServeOptions) -> anyhow::Result<()> {
    let state = AppState::open(paths)?.with_public_url(&options.public_url);
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| format!("cannot listen on {}", options.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!(
        generation = state.index.generation().info.generation,
        "serving"
    );
    println!("ATD Atlas is serving on http://{addr}");
    serve_on(listener, state, options, shutdown_signal()).await
}

/// Serves at once while `build` makes the first index generation: until it is done every
/// request gets a 503 with `Retry-After` (never an empty result page), then the full site.
/// If the build fails the server keeps answering 503 and the log says why.
pub async fn serve_while_building(
    paths: &Paths,
    options: &ServeOptions,
    build: impl FnOnce() -> anyhow::Result<()> + Send + 'static,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| format!("cannot listen on {}", options.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!("answering 503 until the index is rebuilt");
    println!("ATD Atlas is serving on http://{addr}");
    let ready = rebuilding::Ready::default();
    let app = limited(rebuilding::router(ready.clone()), &options.limits);
    let paths = paths.clone();
    let options_after = options.clone();
    tokio::spawn(async move {
        let built = tokio::task::spawn_blocking(build).await;
        let opened = match built {
            Ok(Ok(())) => AppState::open(&paths),
            Ok(Err(err)) => Err(err),
            Err(err) => Err(anyhow::Error::new(err)),
        };
        match opened {
            Ok(state) => {
                let state = state.with_public_url(&options_after.public_url);
                spawn_reloader(
                    state.index.clone(),
                    Duration::from_secs(options_after.reload_secs.max(1)),
                );
                tracing::info!(
                    generation = state.index.generation().info.generation,
                    "index rebuilt: serving"
                );
                let _ = ready.set(routes(state));
            }
            Err(err) => tracing::error!("the index could not be rebuilt; answering 503: {err:#}"),
        }
    });
    serve_app(listener, app, &options.limits, shutdown_signal())
        .await
        .context("server failed")
}

/// Serves `state` on an already bound listener until `shutdown` resolves (tests use this
/// with port 0 on loopback).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: AppState,
    options: &ServeOptions,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    spawn_reloader(
        state.index.clone(),
        Duration::from_secs(options.reload_secs.max(1)),
    );
    let app = guarded_router(state, &options.limits);
    serve_app(listener, app, &options.limits, shutdown)
        .await
        .context("server failed")
}

/// Polls `CURRENT` so an `atd-atlas import` or `index` run elsewhere goes live without a restart.
pub fn spawn_reloader(index: Arc<SearchIndex>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let index = index.clone();
            let outcome = tokio::task::spawn_blocking(move || index.reload_if_changed()).await;
            match outcome {
                Ok(Ok(_)) => {}
                Ok(Err(err)) => tracing::warn!("new index generation not taken: {err:#}"),
                Err(err) => tracing::warn!("index reload task failed: {err}"),
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received");
}
