//! The web layer: router, shared state, middleware and the server loop (axum).

mod api;
mod error;
mod pages;
pub mod params;
mod suggest;
pub mod views;

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

use crate::config::{Paths, ServeOptions};
use crate::model::Reference;
use crate::search::SearchIndex;
use crate::store::Reader;

pub use error::AppError;

/// What every handler reads: the live index, the store, the reference tables.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<SearchIndex>,
    pub store: Arc<Reader>,
    pub reference: Arc<Reference>,
}

impl AppState {
    /// Opens the store and the current index generation named in `paths`.
    pub fn open(paths: &Paths) -> anyhow::Result<AppState> {
        let reference = crate::import::load_reference(&paths.data_dir)?;
        let synonyms = crate::import::load_synonyms(&paths.data_dir)?;
        Ok(AppState {
            index: Arc::new(SearchIndex::open(&paths.index_dir)?.with_synonyms(synonyms)),
            store: Arc::new(Reader::open(&paths.db)?),
            reference: Arc::new(reference),
        })
    }
}

const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
    script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'";

/// The whole application as a router, so tests can call it without a socket.
pub fn router(state: AppState) -> Router {
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
    let mut app = Router::new()
        .route("/", get(pages::search))
        .route("/practices/{id}", get(pages::practice))
        .route("/about", get(pages::about))
        .route(views::STYLESHEET_PATH, get(pages::stylesheet))
        .route(views::SCRIPT_PATH, get(pages::script))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/practices", get(api::search))
        .route("/api/v1/practices/{id}", get(api::practice))
        .route("/healthz", get(api::health))
        .fallback(pages::not_found)
        .with_state(state)
        .layer(CompressionLayer::new())
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
    let state = AppState::open(paths)?;
    spawn_reloader(
        state.index.clone(),
        Duration::from_secs(options.reload_secs.max(1)),
    );
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| format!("cannot listen on {}", options.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!(
        generation = state.index.generation().info.generation,
        "serving"
    );
    println!("ATD Atlas is serving on http://{addr}");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
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
