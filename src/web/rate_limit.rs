//! Per-client token buckets: how many requests (or proposals) one address may make, keyed by
//! its IPv4 address or IPv6 /64, with a bounded number of clients remembered. A leaf: the
//! guard and the proposals' hourly limit both use it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
