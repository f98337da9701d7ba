//! The accept loop: HTTP/1 connections with a header-read timer (slow clients are cut off),
//! a bounded head size (hyper's ceiling; the configured limit is the guard's), a cap on open
//! connections in total and per peer address, the peer address for the rate limiter, and a
//! graceful shutdown. axum 0.8's `serve` installs no timer, hence our own loop.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::config::Limits;
use crate::web::rate_limit::{ClientSlots, client_key};

/// Headers hyper parses per request; the guard refuses more than [`Limits::MAX_HEADERS`].
const HYPER_MAX_HEADERS: usize = 4 * Limits::MAX_HEADERS;
/// How long in-flight requests get to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(10);

/// How big a head hyper reads before refusing it itself. hyper's own 431 is bare (no
/// security headers, and no hook to add them), so its ceiling sits at twice the configured
/// limit: heads between the two reach the guard, which answers 431 with the usual headers.
fn hyper_head_ceiling(limits: &Limits) -> usize {
    limits
        .max_header_bytes
        .max(Limits::MIN_HEAD_BYTES)
        .saturating_mul(2)
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains open connections.
pub async fn run(
    listener: TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(limits.header_timeout_secs.max(1)))
        .max_header_size(hyper_head_ceiling(limits))
        .max_buf_size(hyper_head_ceiling(limits))
        .max_headers(HYPER_MAX_HEADERS)
        .keep_alive(true);
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_peer = (limits.max_connections_per_client > 0)
        .then(|| ClientSlots::new(limits.max_connections_per_client));
    let trusted_proxies = limits.trusted_proxies.clone();
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => permit?,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait, don't spin.
                    tracing::warn!("accept failed: {err}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // One address's share of the connections; a trusted proxy carries everyone's.
        let peer_slot = match &per_peer {
            Some(slots) if !trusted_proxies.contains(&peer.ip()) => {
                match slots.try_take(client_key(peer.ip())) {
                    Some(slot) => Some(slot),
                    None => {
                        tracing::debug!(%peer, "over its share of connections; closed");
                        continue;
                    }
                }
            }
            _ => None,
        };
        let _ = stream.set_nodelay(true);
        let service = app
            .clone()
            .map_request(move |mut request: axum::http::Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(%peer, "connection ended: {err}");
            }
            drop(peer_slot);
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => tracing::warn!("connections still open after {DRAIN:?}; closing"),
    }
    Ok(())
}
