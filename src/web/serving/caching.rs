//! HTTP caching: every page and API answer carries a weak ETag naming the program version and
//! the live index generation (what its content depends on), and a matching `If-None-Match`
//! gets a `304 Not Modified` without running the handler — repeat visits over slow links
//! cost a few hundred bytes.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::search::SearchIndex;

/// Paths whose answers must never be served from a cache (probes want the live state).
const NEVER_CACHED: [&str; 3] = ["/healthz", "/propose", "/propose/received"];

/// The validator of everything the current generation serves.
pub fn current_etag(index: &SearchIndex) -> String {
    let generation = index.generation();
    format!(
        "W/\"atlas-{}-g{}-d{}\"",
        env!("CARGO_PKG_VERSION"),
        generation.info.generation,
        generation.info.data_generation
    )
}

/// Weak comparison (RFC 9110 §13.1.2): any listed tag equal to ours, ignoring `W/`. (`*` is
/// not honoured: the check runs before the handler knows whether the resource exists.)
fn matches(headers: &HeaderMap, etag: &str) -> bool {
    let ours = etag.trim_start_matches("W/");
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag.trim_start_matches("W/") == ours)
}

/// Answers 304 to a request that already holds the current answer; tags the others.
pub async fn etag(State(index): State<Arc<SearchIndex>>, request: Request, next: Next) -> Response {
    let cacheable = matches!(*request.method(), Method::GET | Method::HEAD)
        && !NEVER_CACHED.contains(&request.uri().path())
        // A proposal's status changes with a moderator's decision, not with the index.
        && !request.uri().path().starts_with("/propose/status/");
    if !cacheable {
        return next.run(request).await;
    }
    let tag = current_etag(&index);
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return next.run(request).await;
    };
    if matches(request.headers(), &tag) {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, value),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
        )
            .into_response();
    }
    let mut response = next.run(request).await;
    if response.status() == StatusCode::OK {
        let headers = response.headers_mut();
        headers.insert(header::ETAG, value);
        if !headers.contains_key(header::CACHE_CONTROL) {
            // Stored, but checked with the server before each reuse: a new index changes it.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        }
    }
    response
}
