//! Per-request protections of the served site: URL length (414), head size and header count
//! (431), per-client rate (429), load shedding (503 + Retry-After), handler timeout, body
//! size (413).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;

use crate::config::Limits;
use crate::web::error::AppError;
use crate::web::rate_limit::{ClientAddr, RateLimiter, client_address, client_key};

/// Buckets kept at most; beyond it idle clients are forgotten first (memory stays bounded).
const MAX_TRACKED_CLIENTS: usize = 16_384;

/// Shared state of the guard: the in-flight permits and the per-client buckets.
#[derive(Clone)]
struct Guard {
    max_uri_bytes: usize,
    max_head_bytes: usize,
    in_flight: Arc<Semaphore>,
    rate: Option<Arc<RateLimiter>>,
    request_timeout: Duration,
    trusted_proxies: Arc<[std::net::IpAddr]>,
}

/// Wraps the routes with every per-request limit in `limits`. Refusals are `AppError`s,
/// rendered (and given the security headers) by the layers outside.
pub fn apply(routes: Router, limits: &Limits) -> Router {
    let guard = Guard {
        max_uri_bytes: limits.max_uri_bytes,
        max_head_bytes: limits.max_header_bytes.max(Limits::MIN_HEAD_BYTES),
        in_flight: Arc::new(Semaphore::new(limits.max_concurrent.max(1))),
        rate: (limits.rate_per_sec > 0).then(|| {
            Arc::new(RateLimiter::new(
                f64::from(limits.rate_per_sec),
                f64::from(limits.rate_burst.max(1)),
                MAX_TRACKED_CLIENTS,
            ))
        }),
        request_timeout: Duration::from_secs(limits.request_timeout_secs.max(1)),
        trusted_proxies: limits.trusted_proxies.clone().into(),
    };
    routes
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(middleware::from_fn_with_state(guard, check))
}

async fn check(State(guard): State<Guard>, mut request: Request, next: Next) -> Response {
    let target_len = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if target_len > guard.max_uri_bytes {
        return AppError::new(StatusCode::URI_TOO_LONG, "error-address-too-long").into_response();
    }
    if request.headers().len() > Limits::MAX_HEADERS || head_bytes(&request) > guard.max_head_bytes
    {
        let status = StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE;
        return AppError::new(status, "error-headers-too-large").into_response();
    }
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| {
            let address = client_address(peer.ip(), request.headers(), &guard.trusted_proxies);
            ClientAddr(client_key(address))
        });
    if let Some(client) = client {
        request.extensions_mut().insert(client);
    }
    if let Some(rate) = &guard.rate
        && let Some(ClientAddr(client)) = client
        && let Err(wait) = rate.take(client, Instant::now())
    {
        let status = StatusCode::TOO_MANY_REQUESTS;
        return AppError::refused(status, "error-too-many-requests", wait).into_response();
    }
    // Shed rather than queue: a request that cannot start now is told to come back.
    let Ok(_permit) = guard.in_flight.clone().try_acquire_owned() else {
        return busy("error-busy");
    };
    let proposal = matches!(request.uri().path(), "/contribute" | "/api/v1/submissions");
    match tokio::time::timeout(guard.request_timeout, next.run(request)).await {
        // The body limit's own 413 (a declared body over it) is bare text: made an AppError,
        // so it is rendered as every refusal is (the API's JSON error on the API).
        Ok(response)
            if response.status() == StatusCode::PAYLOAD_TOO_LARGE
                && response.extensions().get::<AppError>().is_none() =>
        {
            let message_id = if proposal {
                "error-proposal-too-large"
            } else {
                "error-body-too-large"
            };
            AppError::new(StatusCode::PAYLOAD_TOO_LARGE, message_id).into_response()
        }
        Ok(response) => response,
        Err(_elapsed) => busy("error-timeout"),
    }
}

/// A 503 that asks the client to come back in a second.
fn busy(message_id: &'static str) -> Response {
    let wait = Duration::from_secs(1);
    AppError::refused(StatusCode::SERVICE_UNAVAILABLE, message_id, wait).into_response()
}

/// The size of a request's head as sent: request line and header lines.
fn head_bytes(request: &Request) -> usize {
    let line = request.method().as_str().len()
        + request
            .uri()
            .path_and_query()
            .map_or(1, |pq| pq.as_str().len())
        + " HTTP/1.1\r\n ".len();
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + ": \r\n".len())
        .sum();
    line + headers + "\r\n".len()
}
