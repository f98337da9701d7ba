//! The proposals side of the served state: whether proposals are taken (open, off for a
//! read-only mirror, unavailable when the proposals database is missing, unwritable or
//! damaged), the per-address hourly limit (a `rate_limit::RateLimiter`, like the guard's),
//! the pending caps, and the checks every proposal route shares (cross-site, size, the
//! client's address).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Extension;
use axum::body::Bytes;
use axum::extract::ConnectInfo;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};

use super::error::AppError;
use super::rate_limit::{ClientAddr, RateLimiter, client_key};
use crate::config::Limits;
use crate::proposals::{Checked, Desk, FieldError};
use crate::store::proposals::{PendingCaps, ProposalStore};

/// The largest proposal read, whatever the server-wide body limit (413 beyond).
pub const MAX_PROPOSAL_BYTES: usize = 64 * 1024;

/// Buckets of the per-address proposal limit kept at most (memory stays bounded).
const MAX_TRACKED_PROPOSERS: usize = 16_384;

/// The proposals side of the site: where proposals go and how many may come.
pub struct ProposalIntake {
    desk: Store,
    limiter: RateLimiter,
    caps: PendingCaps,
    practices_csv: PathBuf,
}

enum Store {
    Off,
    Unavailable,
    Open(Arc<ProposalStore>),
}

impl ProposalIntake {
    /// A read-only mirror: `/propose` explains how to propose a change another way.
    pub fn off(practices_csv: PathBuf) -> ProposalIntake {
        ProposalIntake::with_store(Store::Off, practices_csv, &Limits::default())
    }

    /// Opens (creating if needed) the proposals database. A missing folder, an unwritable
    /// or damaged file never stops the site: `/propose` then says proposals cannot be
    /// received, and everything else works.
    pub fn open(db: &Path, practices_csv: PathBuf, limits: &Limits) -> ProposalIntake {
        let store = match ProposalStore::open(db) {
            Ok(store) => Store::Open(Arc::new(store)),
            Err(err) => {
                tracing::warn!("proposals cannot be received: {err:#}");
                Store::Unavailable
            }
        };
        ProposalIntake::with_store(store, practices_csv, limits)
    }

    fn with_store(desk: Store, practices_csv: PathBuf, limits: &Limits) -> ProposalIntake {
        let per_hour = f64::from(limits.proposals_per_hour.max(1));
        ProposalIntake {
            desk,
            limiter: RateLimiter::new(per_hour / 3600.0, per_hour, MAX_TRACKED_PROPOSERS),
            caps: PendingCaps {
                per_client: limits.max_pending_per_client.max(1),
                per_prefix: limits.max_pending_per_prefix.max(1),
                total: limits.max_pending.max(1),
            },
            practices_csv,
        }
    }

    /// Whether proposals are taken now.
    pub fn desk(&self) -> Desk {
        match self.desk {
            Store::Off => Desk::Off,
            Store::Unavailable => Desk::Unavailable,
            Store::Open(_) => Desk::Open,
        }
    }

    /// The open proposals database, if proposals are taken.
    pub fn store(&self) -> Option<&Arc<ProposalStore>> {
        match &self.desk {
            Store::Open(store) => Some(store),
            Store::Off | Store::Unavailable => None,
        }
    }

    /// Takes one of `client`'s proposals this hour, or says how long until one is free.
    pub fn take(&self, client: IpAddr) -> Result<(), Duration> {
        self.limiter.take(client, Instant::now())
    }

    /// Gives back the proposal [`take`](Self::take) counted, when it was not stored (the
    /// queue was full): a full queue does not spend the visitor's hourly share.
    pub fn give_back(&self, client: IpAddr) {
        self.limiter.give_back(client);
    }

    pub fn caps(&self) -> PendingCaps {
        self.caps
    }

    /// The file accepted proposals are written to (read here to check them).
    pub fn practices_csv(&self) -> &Path {
        &self.practices_csv
    }
}

/// What became of a proposal.
pub enum Outcome {
    /// Stored as `reference`; `token` opens its status page (`status_path`).
    Stored {
        reference: String,
        token: String,
        checked: Checked,
    },
    Invalid(Vec<FieldError>),
    TooMany(Duration),
    Full,
    NotSaved,
    Closed(Desk),
}

/// The address of a proposal's status page (the token is the key; the reference alone
/// opens nothing).
pub fn status_path(reference: &str, token: &str) -> String {
    format!("/propose/status/{reference}/{token}")
}

/// Cross-site posts are refused: a browser says where a form came from (`Sec-Fetch-Site`,
/// else `Origin`); a request without either (a script, a partner's server) is not a browser
/// being tricked. There are no cookies, so this is the whole CSRF defence. An `Origin` is
/// the site's when its scheme, host and port are: the scheme of `public_url` with the
/// request's `Host`, or `public_url`'s own origin (for a proxy that rewrites `Host`). So a
/// page on `http://` (a network attacker's copy) cannot post to a site that is `https://`.
pub fn cross_site(headers: &HeaderMap, public_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    let Some(origin) = WebOrigin::parse(origin) else {
        return true;
    };
    // A public URL without a scheme (a mistake in the flag) is taken as http.
    let site = WebOrigin::parse(public_url);
    let scheme = site.as_ref().map_or("http", |site| site.scheme.as_str());
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    site.as_ref() != Some(&origin) && WebOrigin::new(scheme, host) != origin
}

/// A web origin: scheme and `host:port`, lower-cased, the scheme's default port written.
#[derive(Debug, PartialEq, Eq)]
struct WebOrigin {
    scheme: String,
    authority: String,
}

impl WebOrigin {
    /// `https://host[:port][/path]` → the origin; `null` or anything without a scheme: none.
    fn parse(url: &str) -> Option<WebOrigin> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        (!authority.is_empty()).then(|| WebOrigin::new(scheme, authority))
    }

    fn new(scheme: &str, authority: &str) -> WebOrigin {
        let scheme = scheme.to_ascii_lowercase();
        let authority = authority.trim().to_ascii_lowercase();
        let has_port = authority
            .rsplit_once(':')
            .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
            && !authority.ends_with(']');
        let authority = match (has_port, scheme.as_str()) {
            (false, "https") => format!("{authority}:443"),
            (false, _) => format!("{authority}:80"),
            (true, _) => authority,
        };
        WebOrigin { scheme, authority }
    }
}

/// The address a client is limited by: the one the guard found (the peer, or who a trusted
/// proxy forwarded for), else the peer; tests through the router have neither: one client.
pub fn client(
    found: Option<&Extension<ClientAddr>>,
    peer: Option<&Extension<ConnectInfo<SocketAddr>>>,
) -> IpAddr {
    if let Some(Extension(ClientAddr(client))) = found {
        return *client;
    }
    peer.map_or(
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        |Extension(ConnectInfo(addr))| client_key(addr.ip()),
    )
}

/// A cross-site post (see [`cross_site`]).
pub fn forbidden() -> AppError {
    AppError::new(StatusCode::FORBIDDEN, "error-cross-site")
}

/// The body of a proposal, at most [`MAX_PROPOSAL_BYTES`]: one over the server's body
/// limit (found from `Content-Length` or while reading) is the same 413 as one over ours,
/// rendered as every other error (JSON on the API), never the extractor's plain text.
pub fn proposal_body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, AppError> {
    match body {
        Ok(bytes) if bytes.len() <= MAX_PROPOSAL_BYTES => Ok(bytes),
        Ok(_) => Err(too_large()),
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large()),
        Err(rejection) => Err(AppError::bad_request(
            "error-not-a-proposal",
            rejection.body_text(),
        )),
    }
}

/// A proposal over [`MAX_PROPOSAL_BYTES`].
pub fn too_large() -> AppError {
    AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "error-proposal-too-large")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_same_origin_browser_posts_pass() {
        let public = "http://atlas.example";
        let cross = |pairs: &[(&'static str, &'static str)]| cross_site(&headers(pairs), public);
        assert!(!cross(&[("sec-fetch-site", "same-origin")]));
        assert!(cross(&[("sec-fetch-site", "cross-site")]));
        assert!(cross(&[("sec-fetch-site", "same-site")]));
        assert!(!cross(&[
            ("origin", "http://atlas.example"),
            ("host", "atlas.example")
        ]));
        assert!(cross(&[
            ("origin", "https://evil.example"),
            ("host", "atlas.example")
        ]));
        assert!(cross(&[("origin", "null"), ("host", "a")]));
        assert!(!cross(&[]), "a script or server, not a browser");
    }

    #[test]
    fn l7_an_origin_is_scheme_host_and_port() {
        let origin = |url| WebOrigin::parse(url).unwrap();
        assert_eq!(
            origin("https://A.example"),
            origin("https://a.example:443/x")
        );
        assert_ne!(origin("http://a.example"), origin("https://a.example"));
        assert_ne!(origin("http://a.example:8080"), origin("http://a.example"));
        assert_eq!(origin("http://[::1]"), WebOrigin::new("http", "[::1]:80"));
        assert_eq!(WebOrigin::parse("null"), None);
        let forged = headers(&[
            ("origin", "http://atlas.example"),
            ("host", "atlas.example"),
        ]);
        assert!(cross_site(&forged, "https://atlas.example"));
    }
}
