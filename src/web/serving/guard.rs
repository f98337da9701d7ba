//! Per-request protections of the served site: URL length (414), head size and header count
//! (431), per-client rate (429), load shedding (503 + Retry-After), handler timeout, body
//! size (413).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
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
    };
    routes
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(middleware::from_fn_with_state(guard, check))
}

async fn check(State(guard): State<Guard>, request: Request, next: Next) -> Response {
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
    if let Some(rate) = &guard.rate
        && let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>()
        && let Err(wait) = rate.take(client_key(peer.ip()), Instant::now())
    {
        let status = StatusCode::TOO_MANY_REQUESTS;
        return AppError::refused(status, "error-too-many-requests", wait).into_response();
    }
    // Shed rather than queue: a request that cannot start now is told to come back.
    let Ok(_permit) = guard.in_flight.clone().try_acquire_owned() else {
        return busy("error-busy");
    };
    match tokio::time::timeout(guard.request_timeout, next.run(request)).await {
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

/// The key a client is limited by: its IPv4 address, or its IPv6 /64 (one subscriber's
/// whole allocation, so rotating addresses inside it does not escape the limit).
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
    }
}

/// A token bucket per client address, with a bounded number of clients.
pub struct RateLimiter {
    per_sec: f64,
    burst: f64,
    max_clients: usize,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub fn new(per_sec: f64, burst: f64, max_clients: usize) -> RateLimiter {
        RateLimiter {
            per_sec,
            burst,
            max_clients: max_clients.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`, or says how long until one is available.
    pub fn take(&self, key: IpAddr, now: Instant) -> Result<(), Duration> {
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if !buckets.contains_key(&key) && buckets.len() >= self.max_clients {
            self.forget_idle(&mut buckets, now);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let refill = now.saturating_duration_since(bucket.at).as_secs_f64() * self.per_sec;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Ok(());
        }
        Err(Duration::from_secs_f64(
            (1.0 - bucket.tokens) / self.per_sec,
        ))
    }

    /// Drops clients whose bucket has refilled (they would start full anyway); if every
    /// client is active, drops them all: briefly too lenient beats unbounded memory.
    fn forget_idle(&self, buckets: &mut HashMap<IpAddr, Bucket>, now: Instant) {
        buckets.retain(|_, b| {
            let refill = now.saturating_duration_since(b.at).as_secs_f64() * self.per_sec;
            b.tokens + refill < self.burst
        });
        if buckets.len() >= self.max_clients {
            buckets.clear();
        }
    }

    pub fn tracked_clients(&self) -> usize {
        self.buckets.lock().map_or(0, |b| b.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv6Addr;

    fn ip(n: u32) -> IpAddr {
        IpAddr::V4(n.into())
    }

    #[test]
    fn a_burst_is_allowed_then_refused_until_tokens_refill() {
        let limiter = RateLimiter::new(2.0, 3.0, 10);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take(ip(1), t0).is_ok());
        }
        let wait = limiter.take(ip(1), t0).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_millis(500));
        assert!(limiter.take(ip(2), t0).is_ok(), "other clients unaffected");
        assert!(limiter.take(ip(1), t0 + Duration::from_millis(500)).is_ok());
    }

    #[test]
    fn tracked_clients_stay_bounded_under_address_rotation() {
        let limiter = RateLimiter::new(1.0, 5.0, 100);
        let t0 = Instant::now();
        for n in 0..10_000 {
            let _ = limiter.take(ip(n), t0);
            assert!(limiter.tracked_clients() <= 100);
        }
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_prefix() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(other));
        let mapped = IpAddr::V6(Ipv6Addr::from(0xffff_7f00_0001u128));
        assert_eq!(client_key(mapped), "127.0.0.1".parse::<IpAddr>().unwrap());
    }
}
