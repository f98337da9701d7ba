//! Serving while the index is rebuilt at start-up: every request gets a clear 503 with
//! `Retry-After` until the new generation is ready, then the full site takes over.

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

use crate::i18n::t;
use crate::web::error::{AppError, Format};
use crate::web::request::{page_lang, wants_json};

/// Seconds a client is asked to wait before trying again.
const RETRY_AFTER_SECS: &str = "5";

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
                None => rebuilding(&request),
            }
        }
    })
}

fn rebuilding(request: &Request) -> Response {
    let format = if wants_json(request.uri().path()) {
        Format::Json
    } else {
        Format::Html(page_lang(request.uri(), request.headers()))
    };
    let lang = match format {
        Format::Html(lang) => lang,
        Format::Json => crate::model::Lang::En,
    };
    let mut response = AppError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        title: "Rebuilding the search index",
        message: format!(
            "{} {}",
            t(lang, "rebuilding-title"),
            t(lang, "rebuilding-message")
        ),
        format,
    }
    .into_response();
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_SECS),
    );
    response
}
