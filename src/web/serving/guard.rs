//! Per-request protections of the served site: URL length (414), head size and header count
//! (431), per-client rate and requests in progress (429), a proposal's body read whole
//! before it takes a place (408 when too slow, 413 when too large), load shedding (503 +
//! Retry-After), handler timeout.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;

use crate::config::Limits;
use crate::web::error::AppError;
use crate::web::rate_limit::{ClientAddr, ClientSlots, RateLimiter, client_address, client_key};

/// Buckets kept at most; beyond it idle clients are forgotten first (memory stays bounded).
const MAX_TRACKED_CLIENTS: usize = 16_384;

/// Shared state of the guard: the in-flight permits and the per-client buckets.
#[derive(Clone)]
struct Guard {
    max_uri_bytes: usize,
    max_head_bytes: usize,
    in_flight: Arc<Semaphore>,
    rate: Option<Arc<RateLimiter>>,
    per_client: Option<Arc<ClientSlots>>,
    request_timeout: Duration,
    max_body_bytes: usize,
    body_timeout: Duration,
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
        per_client: (limits.max_in_flight_per_client > 0)
            .then(|| ClientSlots::new(limits.max_in_flight_per_client)),
        request_timeout: Duration::from_secs(limits.request_timeout_secs.max(1)),
        max_body_bytes: limits.max_body_bytes,
        body_timeout: Duration::from_secs(limits.body_timeout_secs.max(1)),
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
    // The health check does no work and must answer while everything else is busy.
    if request.uri().path() == HEALTH_CHECK {
        return next.run(request).await;
    }
    // One address gets a share of the requests in progress, reading a body included.
    let _client_slot = match (&guard.per_client, client) {
        (Some(slots), Some(ClientAddr(client))) => match slots.try_take(client) {
            Some(slot) => Some(slot),
            None => {
                let status = StatusCode::TOO_MANY_REQUESTS;
                let wait = Duration::from_secs(1);
                return AppError::refused(status, "error-too-many-requests", wait).into_response();
            }
        },
        _ => None,
    };
    let proposal = matches!(
        request.uri().path(),
        "/propose" | "/api/v1/proposals" | "/api/v1/submissions"
    );
    // A proposal's body is read before it takes one of the places below: a client sending
    // it slowly holds only its own share, never the places others' requests need.
    let request = if proposal && request.method() == Method::POST {
        match read_body_first(&guard, request).await {
            Ok(request) => request,
            Err(refusal) => return refusal.into_response(),
        }
    } else {
        request
    };
    // Shed rather than queue: a request that cannot start now is told to come back.
    let Ok(_permit) = guard.in_flight.clone().try_acquire_owned() else {
        return busy("error-busy");
    };
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

/// The route a load balancer polls; it only says the process answers.
const HEALTH_CHECK: &str = "/healthz";

/// `request` with its body read whole within the body timeout: 408 when it is not in by
/// then, 413 when it is over the body limit (a declared one is left to the limit layer,
/// which refuses it before reading). The body timeout is a minimum rate: the largest body
/// allowed, in the time allowed.
async fn read_body_first(guard: &Guard, request: Request) -> Result<Request, AppError> {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|len| len > guard.max_body_bytes) {
        return Ok(request);
    }
    let (parts, body) = request.into_parts();
    let read = Limited::new(body, guard.max_body_bytes).collect();
    match tokio::time::timeout(guard.body_timeout, read).await {
        Ok(Ok(collected)) => Ok(Request::from_parts(parts, Body::from(collected.to_bytes()))),
        Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_some() => Err(AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "error-proposal-too-large",
        )),
        // The client went away or sent a broken chunk.
        Ok(Err(err)) => Err(AppError::bad_request("error-not-a-proposal", err)),
        Err(_elapsed) => Err(AppError::new(
            StatusCode::REQUEST_TIMEOUT,
            "error-body-timeout",
        )),
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
