//! Per-client limits, keyed by an IPv4 address or IPv6 /64: token buckets (how many requests
//! or proposals one address may make, with a bounded number of clients remembered) and
//! counted slots (how many requests or connections one address may hold at once). A leaf:
//! the accept loop, the guard and the proposals' hourly limit use it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;

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

/// The client's address as the guard found it (the peer, or who a trusted proxy forwarded
/// for), already a [`client_key`]; put in the request's extensions for the handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The client's own address: the peer, or — only when the peer is one of the `trusted`
/// proxies — the address that proxy says it forwarded for (`Forwarded: for=`, else
/// `X-Forwarded-For`), read from the right and skipping further trusted proxies. Anyone can
/// write these headers, so from any other peer they are ignored; an entry that is not an
/// address (`unknown`, an obfuscated name) stops the walk at the proxy's own address.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.contains(&client_key(*ip)) || trusted.contains(ip);
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<Option<IpAddr>> = if headers.contains_key("forwarded") {
        headers
            .get_all("forwarded")
            .iter()
            .flat_map(|v| v.to_str().unwrap_or("").split(','))
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| node_address(value))
            })
            .collect()
    } else {
        headers
            .get_all("x-forwarded-for")
            .iter()
            .flat_map(|v| v.to_str().unwrap_or("").split(','))
            .map(node_address)
            .collect()
    };
    let mut client = peer;
    for hop in forwarded.into_iter().rev() {
        match hop {
            Some(ip) if is_trusted(&ip) => client = ip,
            Some(ip) => return ip,
            None => return client,
        }
    }
    client
}

/// `192.0.2.1`, `"192.0.2.1:4711"`, `"[2001:db8::1]:4711"`, `2001:db8::1` → the address.
fn node_address(raw: &str) -> Option<IpAddr> {
    let text = raw.trim().trim_matches('"');
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    if let Ok(ip) = text.parse() {
        return Some(ip);
    }
    let (host, port) = text.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
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

    /// Gives back the token `take` gave `key`, when what it paid for did not happen (a
    /// proposal refused because the queue was full, say).
    pub fn give_back(&self, key: IpAddr) {
        if let Ok(mut buckets) = self.buckets.lock()
            && let Some(bucket) = buckets.get_mut(&key)
        {
            bucket.tokens = (bucket.tokens + 1.0).min(self.burst);
        }
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

/// At most `max` things held at once per client key (requests in progress, open
/// connections). Only holders are remembered, so memory follows what is held.
pub struct ClientSlots {
    max: usize,
    held: Mutex<HashMap<IpAddr, usize>>,
}

/// One slot of a client, given back when dropped.
pub struct ClientSlot {
    slots: Arc<ClientSlots>,
    key: IpAddr,
}

impl ClientSlots {
    pub fn new(max: usize) -> Arc<ClientSlots> {
        Arc::new(ClientSlots {
            max: max.max(1),
            held: Mutex::new(HashMap::new()),
        })
    }

    /// A slot for `key`, or `None` when it already holds its share.
    pub fn try_take(self: &Arc<Self>, key: IpAddr) -> Option<ClientSlot> {
        let mut held = self.held.lock().ok()?;
        let count = held.entry(key).or_insert(0);
        if *count >= self.max {
            return None;
        }
        *count += 1;
        Some(ClientSlot {
            slots: Arc::clone(self),
            key,
        })
    }

    /// Slots `key` holds now.
    pub fn held_by(&self, key: IpAddr) -> usize {
        self.held
            .lock()
            .map_or(0, |held| held.get(&key).copied().unwrap_or(0))
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        if let Ok(mut held) = self.slots.held.lock()
            && let Some(count) = held.get_mut(&self.key)
        {
            *count -= 1;
            if *count == 0 {
                held.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_holds_at_most_its_share_of_slots_and_gets_them_back() {
        let slots = ClientSlots::new(2);
        let (a, b) = (ip(1), ip(2));
        let first = slots.try_take(a).unwrap();
        let _second = slots.try_take(a).unwrap();
        assert!(slots.try_take(a).is_none(), "a third is refused");
        assert!(slots.try_take(b).is_some(), "other clients unaffected");
        drop(first);
        assert_eq!(slots.held_by(a), 1);
        assert!(
            slots.try_take(a).is_some(),
            "a slot given back is free again"
        );
        assert_eq!(slots.held.lock().unwrap().len(), 1, "b's slot was dropped");
    }

    #[test]
    fn m1_forwarding_headers_count_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let peer_elsewhere: IpAddr = "198.51.100.4".parse().unwrap();
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.append(*name, value.parse().unwrap());
            }
            map
        };
        let xff = headers(&[("x-forwarded-for", "203.0.113.9")]);
        // No trusted proxy configured (the default): the header is anyone's to write.
        assert_eq!(client_address(proxy, &xff, &[]), proxy);
        // A trusted proxy's word is taken; anyone else's is not.
        assert_eq!(
            client_address(proxy, &xff, &[proxy]),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_address(peer_elsewhere, &xff, &[proxy]),
            peer_elsewhere
        );
        // A forged entry on the left is ignored: the rightmost untrusted hop is the client.
        let forged = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9")]);
        assert_eq!(
            client_address(proxy, &forged, &[proxy]),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        let chain = headers(&[("x-forwarded-for", "203.0.113.9, 127.0.0.1")]);
        assert_eq!(
            client_address(proxy, &chain, &[proxy]),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        let rfc = headers(&[(
            "forwarded",
            "for=\"[2001:db8::7]:4711\";proto=https, for=192.0.2.60;by=x",
        )]);
        assert_eq!(
            client_address(proxy, &rfc, &[proxy]),
            "192.0.2.60".parse::<IpAddr>().unwrap()
        );
        let v6 = headers(&[("forwarded", "for=\"[2001:db8::7]:4711\"")]);
        assert_eq!(
            client_address(proxy, &v6, &[proxy]),
            "2001:db8::7".parse::<IpAddr>().unwrap()
        );
        let unknown = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(client_address(proxy, &unknown, &[proxy]), proxy);
        assert_eq!(client_address(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }
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
