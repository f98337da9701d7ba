//! Serving while the index is rebuilt at start-up: every request gets a clear 503 with
//! `Retry-After` until the new generation is ready, then the full site takes over.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

use crate::web::error::AppError;

/// How long a client is asked to wait before trying again.
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// The site once it is ready; empty while the index is being built.
pub type Ready = Arc<OnceLock<Router>>;

/// A router that answers 503 until `ready` holds the real site, then hands every request to it.
pub fn router(ready: Ready) -> Router {
    Router::new().fallback(move |request: Request| {
        let ready = ready.clone();
        async move {
            match ready.get() {
                Some(site) => match site.clone().oneshot(request).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                },
                None => rebuilding(),
            }
        }
    })
}

/// The answer to every request until the site is ready (rendered by the layers outside).
fn rebuilding() -> Response {
    AppError::refused(
        StatusCode::SERVICE_UNAVAILABLE,
        "rebuilding-message",
        RETRY_AFTER,
    )
    .titled("rebuilding-title")
    .into_response()
}
