//! The web layer: the one route table, and serving it (the accept loop, limits, reloads).
//!
//! Reading order: `state` (what handlers read) → `request`, `params`, `urls`, `citation`,
//! `error`, `wire`, `stream` (leaf plumbing) → `routes` (one file per page or endpoint) →
//! `views` (maud, pure) and `serving` (transport and middleware). See `ARCHITECTURE.md`.

pub mod citation;
pub mod error;
pub mod params;
pub mod proposal_intake;
pub mod rate_limit;
pub mod request;
pub mod routes;
pub mod serving;
pub mod state;
pub mod stream;
pub mod urls;
pub mod views;
pub mod wire;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::routing::{any, get, post};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};

use crate::config::{Limits, Paths, ServeOptions};
use crate::search::SearchIndex;
use routes::{
    about, api, assets, changes, compare, country, data, evidence, export, feed, grades, insights,
    not_found, openapi, practice, proposals, propose, search,
};
use serving::headers::with_security_headers;
use serving::{caching, error_pages, guard, page_cache, rebuilding, server};

pub use proposal_intake::ProposalIntake;
pub use state::{AppState, Site};

/// The whole application as a router, so tests can call it without a socket.
pub fn router(state: AppState) -> Router {
    outermost(routes(state))
}

/// The application as served: the routes behind every limit in `limits` (rate, load, size,
/// time), with the security headers on every answer, refusals included.
pub fn guarded_router(state: AppState, limits: &Limits) -> Router {
    limited(routes(state), limits)
}

/// Any routes behind the served limits and security headers (tests use it with handlers
/// that are slow on purpose).
pub fn limited(routes: Router, limits: &Limits) -> Router {
    outermost(guard::apply(routes, limits))
}

/// What every answer passes last: security headers, then errors rendered for the request.
fn outermost(app: Router) -> Router {
    error_pages::apply(with_security_headers(app))
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

/// CORS for the API and the downloads: researchers fetch them from notebooks and other sites.
/// Any origin, reading only, no credentials.
fn read_only_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD])
}

/// The route table: every page and endpoint, the machine-readable ones open to any origin.
fn routes(state: AppState) -> Router {
    let open_to_any_origin = Router::new()
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/practices", get(api::search))
        .route("/api/v1/practices/{id}", get(api::practice))
        .route("/api/v1/figures", get(api::figures))
        .route("/healthz", get(api::health))
        .route("/openapi.json", get(openapi::openapi_json))
        .route("/practices.csv", get(export::csv))
        .route("/practices.json", get(export::json))
        .route("/practices.atom", get(feed::practices_atom))
        .route("/changes.atom", get(changes::changes_atom))
        .route("/data/{file}", get(data::data_file))
        .layer(read_only_cors());
    let memory = page_cache::Memory::new(state.index.clone(), page_cache::DEFAULT_CAPACITY_BYTES);
    Router::new()
        .route("/", get(search::search))
        .route("/practices/{id}", get(practice::practice))
        .route("/compare", get(compare::compare))
        .route("/follow", get(feed::follow))
        .route("/countries/{iso2}", get(country::country))
        .route("/insights", get(insights::insights))
        .route("/data", get(data::data_page))
        .route("/about", get(about::about))
        .route("/grades", get(grades::grades))
        .route("/evidence", get(evidence::evidence))
        .route("/propose", get(propose::form).post(propose::submit))
        .route("/propose/received", get(propose::received))
        .route("/propose/status/{reference}/{token}", get(propose::status))
        .route("/api/v1/proposals", post(proposals::api_submit))
        // The first names of the form and the endpoint, kept for links and partners' code.
        .route("/contribute", any(propose::moved))
        .route("/contribute/received", any(propose::moved))
        .route("/api/v1/submissions", old_api_address())
        .route("/changes", get(changes::changes))
        .route("/api/docs", get(openapi::docs))
        .route(views::STYLESHEET_PATH, get(assets::stylesheet))
        .route(views::SCRIPT_PATH, get(assets::script))
        .merge(open_to_any_origin)
        .fallback(not_found::not_found)
        .layer(axum::middleware::from_fn_with_state(
            memory,
            page_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.index.clone(),
            caching::etag,
        ))
        .with_state(state)
        .layer(CompressionLayer::new())
}

/// The deprecated first address of `POST /api/v1/proposals`, still served.
#[allow(deprecated)]
fn old_api_address() -> axum::routing::MethodRouter<AppState> {
    post(proposals::api_submit_old_address)
}

/// Says in the log when citations would name the default address instead of this site.
fn warn_about_public_url(options: &ServeOptions, addr: std::net::SocketAddr) {
    if let Some(warning) = crate::config::public_url_warning(&options.public_url, addr) {
        tracing::warn!("{warning}");
    }
}

/// Serves until SIGINT or SIGTERM, picking up new index generations as they appear.
pub async fn serve(paths: &Paths, options: &ServeOptions) -> anyhow::Result<()> {
    let state = AppState::open(paths)?
        .with_public_url(&options.public_url)
        .with_proposals_from(paths, options);
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| format!("cannot listen on {}", options.addr))?;
    let addr = listener.local_addr()?;
    warn_about_public_url(options, addr);
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
    warn_about_public_url(options, addr);
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
                let state = state
                    .with_public_url(&options_after.public_url)
                    .with_proposals_from(&paths, &options_after);
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
