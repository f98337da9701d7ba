//! Serving limits over real TCP on 127.0.0.1 (L02, L03, L04, L05, L06, L09, Q03, Q06, Q16):
//! slow-header and slow-body clients are cut off while others are served, oversized
//! requests are refused with 413/414/431 (with the security headers), excess load is shed with 503 + Retry-After, and one address is rate
//! limited whatever `X-Forwarded-For` it claims.

use std::time::{Duration, Instant};

use atd_atlas::config::{Limits, ServeOptions};
use axum::Router;
use axum::routing::get;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::net::{self, RawReply, no_rate_limit};
use crate::support;

fn options(limits: Limits) -> ServeOptions {
    net::loopback(limits, 60)
}

fn assert_security_headers(reply: &RawReply) {
    for name in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
    ] {
        assert!(
            reply.header(name).is_some(),
            "{name} missing on a {}",
            reply.status
        );
    }
}

/// Dribbles a request head one byte at a time and reports when the server hung up.
async fn slow_header_client(addr: std::net::SocketAddr, every: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.ok()?;
    let head = b"GET /?q=detention HTTP/1.1\r\nHost: atlas.test\r\nX-Padding: ";
    for byte in head.iter().chain(std::iter::repeat(&b'a')) {
        if stream.write_all(&[*byte]).await.is_err() {
            return Some(started.elapsed());
        }
        let mut buf = [0u8; 256];
        match tokio::time::timeout(every, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(started.elapsed()),
            // hyper may answer 408 before closing: it is hanging up all the same.
            Ok(Ok(_)) => return Some(started.elapsed()),
            Err(_) => {}
        }
        if started.elapsed() > Duration::from_secs(60) {
            return None;
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l03_slow_header_clients_are_cut_off_while_others_are_served() {
    let limits = Limits {
        header_timeout_secs: 1,
        ..no_rate_limit()
    };
    let server = net::start(support::shipped().state.clone(), options(limits)).await;
    let slow: Vec<_> = (0..50)
        .map(|_| tokio::spawn(slow_header_client(server.addr, Duration::from_millis(200))))
        .collect();
    // A silent client (connects, sends nothing) is cut off too.
    let silent = tokio::spawn(async move {
        let started = Instant::now();
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        let mut buf = [0u8; 64];
        let _ = tokio::time::timeout(Duration::from_secs(60), stream.read(&mut buf)).await;
        started.elapsed()
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    for _ in 0..5 {
        let good = net::get(server.addr, "/api/v1/search?q=detention")
            .await
            .expect("a normal client is answered while slow ones hang on");
        assert_eq!(good.status, 200);
    }
    let mut longest = Duration::ZERO;
    for client in slow {
        let cut = client
            .await
            .unwrap()
            .expect("the server hung up on the slow client");
        assert!(
            cut < Duration::from_secs(30),
            "cut off after {cut:?}, the header timeout is 1 s"
        );
        longest = longest.max(cut);
    }
    let silent = silent.await.unwrap();
    assert!(
        silent < Duration::from_secs(30),
        "silent client kept {silent:?}"
    );
    eprintln!(
        "L03: 50 slow-header clients cut off, the last after {longest:?}; silent client after {silent:?} (timeout 1 s)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l05_oversized_requests_are_refused_with_their_status() {
    let server = net::start(support::shipped().state.clone(), options(no_rate_limit())).await;

    let long_url = format!("/?q={}", "a".repeat(50_000));
    let reply = net::get(server.addr, &long_url).await.unwrap();
    assert_eq!(reply.status, 414, "50 000-char URL");
    assert_security_headers(&reply);

    // The guard answers 431 (with the security headers) up to twice the 64 KB limit, where
    // hyper's own bare 431 takes over.
    let big_header = format!("X-Big: {}\r\n", "b".repeat(100_000));
    let reply = net::get_with(server.addr, "/", &big_header).await.unwrap();
    assert_eq!(reply.status, 431, "100 KB header");
    assert_security_headers(&reply);
    let many: String = (0..150).map(|n| format!("X-H{n}: v\r\n")).collect();
    let reply = net::get_with(server.addr, "/", &many).await.unwrap();
    assert_eq!(reply.status, 431, "150 headers");
    assert_security_headers(&reply);
    let beyond = format!("X-Big: {}\r\n", "b".repeat(200_000));
    let reply = net::get_with(server.addr, "/", &beyond).await.unwrap();
    assert_eq!(reply.status, 431, "200 KB header, refused by hyper itself");
    let fine = format!("X-Fine: {}\r\n", "c".repeat(30_000));
    let reply = net::get_with(server.addr, "/healthz", &fine).await.unwrap();
    assert_eq!(reply.status, 200, "a 30 KB header is within the limit");

    let post = b"POST /api/v1/search HTTP/1.1\r\nHost: atlas.test\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\nConnection: close\r\n\r\n{\"q\":";
    let reply = net::send_raw(server.addr, post).await.unwrap();
    assert_eq!(reply.status, 413, "3 MB body announced");
    assert_security_headers(&reply);

    // Q06: a long query inside the URL limit is answered, not failed.
    let words = vec!["detention"; 700].join("+");
    let reply = net::get(server.addr, &format!("/api/v1/search?q={words}"))
        .await
        .unwrap();
    assert_eq!(reply.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l09_a_huge_page_size_is_clamped() {
    let server = net::start(support::shipped().state.clone(), options(no_rate_limit())).await;
    let reply = net::get(
        server.addr,
        "/api/v1/search?per_page=100000&page=999999999999",
    )
    .await
    .unwrap();
    assert_eq!(reply.status, 200);
    let reply = net::get(server.addr, "/api/v1/search?per_page=100000")
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["per_page"], 100);
    assert!(json["results"].as_array().unwrap().len() <= 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l06_one_address_is_rate_limited_whatever_forwarded_for_it_claims() {
    let limits = Limits {
        rate_per_sec: 1,
        rate_burst: 5,
        ..Limits::default()
    };
    let server = net::start(support::shipped().state.clone(), options(limits)).await;
    let mut statuses = Vec::new();
    for n in 0..12 {
        let forged = format!("X-Forwarded-For: 203.0.113.{n}\r\nX-Real-IP: 198.51.100.{n}\r\n");
        let reply = net::get_with(server.addr, "/healthz", &forged)
            .await
            .unwrap();
        if reply.status == 429 {
            let wait: u64 = reply
                .header("retry-after")
                .expect("429 says when to retry")
                .parse()
                .unwrap();
            assert!(wait >= 1);
            assert_security_headers(&reply);
        }
        statuses.push(reply.status);
    }
    let allowed = statuses.iter().filter(|s| **s == 200).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(allowed + limited, statuses.len(), "{statuses:?}");
    // 5 in the burst, plus at most a few refilled at 1/s while the test ran.
    assert!((5..=8).contains(&allowed), "{statuses:?}");
    assert!(limited >= 4, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l02_q16_excess_load_is_shed_at_once_with_retry_after_and_recovers() {
    let slow = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(800)).await;
            "done"
        }),
    );
    let limits = Limits {
        max_concurrent: 2,
        rate_per_sec: 0,
        ..Limits::default()
    };
    let server = net::start_router(slow, limits).await;
    let requests: Vec<_> = (0..10)
        .map(|_| tokio::spawn(net::get(server.addr, "/slow")))
        .collect();
    let mut ok = 0;
    let mut shed = 0;
    for request in requests {
        let reply = request.await.unwrap().unwrap();
        match reply.status {
            200 => ok += 1,
            503 => {
                assert_eq!(reply.header("retry-after"), Some("1"));
                assert_security_headers(&reply);
                shed += 1;
            }
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(ok, 2, "two at once may run");
    assert_eq!(shed, 8, "the rest are shed, not queued");
    let after = net::get(server.addr, "/slow").await.unwrap();
    assert_eq!(after.status, 200, "served again once the load is gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_past_its_time_is_answered_503() {
    let stuck = Router::new().route(
        "/stuck",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            "never"
        }),
    );
    let limits = Limits {
        request_timeout_secs: 1,
        rate_per_sec: 0,
        ..Limits::default()
    };
    let server = net::start_router(stuck, limits).await;
    let started = Instant::now();
    let reply = net::get(server.addr, "/stuck").await.unwrap();
    assert_eq!(reply.status, 503);
    assert_eq!(reply.header("retry-after"), Some("1"));
    assert!(started.elapsed() < Duration::from_secs(25));
    assert_security_headers(&reply);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn q16_many_heavy_searches_at_once_get_200_or_503_never_anything_else() {
    let limits = Limits {
        max_concurrent: 2,
        rate_per_sec: 0,
        ..Limits::default()
    };
    let server = net::start(support::shipped().state.clone(), options(limits)).await;
    let heavy = "/?q=detention+alternatives+community+case+management+children+families&sort=cost_desc&per_page=100";
    let requests: Vec<_> = (0..40)
        .map(|_| tokio::spawn(net::get(server.addr, heavy)))
        .collect();
    let mut counts = std::collections::BTreeMap::new();
    for request in requests {
        let reply = request.await.unwrap().unwrap();
        if reply.status == 503 {
            assert!(reply.header("retry-after").is_some());
        }
        *counts.entry(reply.status).or_insert(0) += 1;
    }
    assert!(counts.keys().all(|s| *s == 200 || *s == 503), "{counts:?}");
    assert!(counts.get(&200).copied().unwrap_or(0) >= 1, "{counts:?}");
    eprintln!("Q16: 40 heavy searches at once with 2 slots: {counts:?}");
}

/// L04. No route reads a request body. A POST that declares a body and trickles it gets its
/// answer (405, or 413 when the declared size is over the limit) at once, before the body
/// arrives, and the connection is closed rather than held open for the rest of the body;
/// meanwhile other clients are served.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l04_slow_body_clients_are_answered_at_once_and_cut_off() {
    let server = net::start(support::shipped().state.clone(), options(no_rate_limit())).await;
    let trickle = |target: &'static str, length: usize| async move {
        let started = Instant::now();
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        let head = format!(
            "POST {target} HTTP/1.1\r\nHost: atlas.test\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        let mut answered = None;
        // One body byte every 100 ms for up to 20 s, reading whatever comes back.
        for _ in 0..200 {
            let mut buf = [0u8; 4096];
            match tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return (answered, Some(started.elapsed()), answer),
                Ok(Ok(n)) => {
                    answer.extend_from_slice(&buf[..n]);
                    answered.get_or_insert(started.elapsed());
                }
                Err(_) => {}
            }
            if stream.write_all(b"a").await.is_err() {
                return (answered, Some(started.elapsed()), answer);
            }
        }
        (answered, None, answer)
    };
    let clients = vec![
        tokio::spawn(trickle("/api/v1/search", 50_000)),
        tokio::spawn(trickle("/", 50_000)),
        tokio::spawn(trickle("/practices.csv", 50_000)),
        tokio::spawn(trickle("/api/v1/search", 5_000_000)),
    ];
    tokio::time::sleep(Duration::from_millis(300)).await;
    let good = net::get(server.addr, "/api/v1/search?q=detention")
        .await
        .expect("a normal client is answered while slow bodies trickle");
    assert_eq!(good.status, 200);
    for (n, client) in clients.into_iter().enumerate() {
        let (answered, closed, answer) = client.await.unwrap();
        let text = String::from_utf8_lossy(&answer);
        let want = if n == 3 { "413" } else { "405" };
        assert!(
            text.starts_with(&format!("HTTP/1.1 {want} ")),
            "client {n}: {text:?}"
        );
        assert!(
            text.to_ascii_lowercase()
                .contains("content-security-policy"),
            "client {n}: {text:?}"
        );
        let answered = answered.expect("answered");
        let closed = closed.expect("the server closed the slow-body connection");
        assert!(
            answered < Duration::from_secs(5),
            "client {n} answered after {answered:?}"
        );
        assert!(
            closed < Duration::from_secs(10),
            "client {n} held for {closed:?}"
        );
        eprintln!(
            "L04: client {n} ({want}) answered after {answered:?}, connection closed after {closed:?}"
        );
    }
}

/// The refusals above are in the API description, so a generated client knows them: every
/// operation lists 429 and 503 with their `Retry-After` header.
#[tokio::test]
async fn the_openapi_document_lists_429_and_503_with_retry_after_on_every_operation() {
    let doc = support::get("/openapi.json").await.json();
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 5, "{paths:?}");
    for (path, item) in paths {
        let method = if item["get"].is_object() {
            "get"
        } else {
            "post"
        };
        let responses = &item[method]["responses"];
        for status in ["429", "503"] {
            let response = &responses[status];
            assert!(
                response["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{path} lists no {status}"
            );
            assert_eq!(
                response["headers"]["Retry-After"]["schema"]["type"], "integer",
                "{path} {status}: {response}"
            );
            assert!(
                response["content"]["text/plain"].is_object(),
                "{path} {status}"
            );
        }
        let own = if method == "get" { "200" } else { "201" };
        assert!(responses[own].is_object(), "{path} keeps its own answers");
    }
}

/// Issue 21, L8: over real sockets (the guard's body limit in front), a proposal too large
/// for the API gets the API's JSON error, declared or only found while reading; the form's
/// gets the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l8_an_oversized_api_proposal_gets_the_json_error() {
    let server = net::start(support::shipped().state.clone(), options(no_rate_limit())).await;
    let body = format!(
        "{{\"fields\":{{\"summary\":\"{}\"}}}}",
        "x".repeat(200 * 1024)
    );
    let declared = format!(
        "POST /api/v1/proposals HTTP/1.1\r\nHost: atlas.test\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let chunked = format!(
        "POST /api/v1/proposals HTTP/1.1\r\nHost: atlas.test\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
        body.len()
    );
    for (how, request) in [("declared", &declared), ("chunked", &chunked)] {
        let reply = net::send_raw(server.addr, request.as_bytes())
            .await
            .unwrap();
        assert_eq!(reply.status, 413, "{how}");
        assert!(
            reply
                .header("content-type")
                .unwrap_or("")
                .starts_with("application/json"),
            "{how}: {:?} {}",
            reply.header("content-type"),
            reply.body
        );
        let json: serde_json::Value = serde_json::from_str(&reply.body)
            .unwrap_or_else(|_| panic!("{how}: not JSON: {:?}", reply.body));
        assert_eq!(json["error"]["status"], 413, "{json}");
        assert_security_headers(&reply);
    }
}

/// A proposal whose body trickles in (one byte every 200 ms of a declared 60,000) from
/// `source`: the status it is answered with (0: none) once the server closes, or after 30 s.
async fn slow_proposal(source: std::net::IpAddr, addr: std::net::SocketAddr) -> u16 {
    let Ok(mut stream) = net::connect_from(source, addr).await else {
        return 0;
    };
    let head = "POST /api/v1/proposals HTTP/1.1\r\nHost: atlas.test\r\nContent-Type: application/json\r\n\
                Content-Length: 60000\r\n\r\n{";
    if stream.write_all(head.as_bytes()).await.is_err() {
        return 0;
    }
    let mut answer = Vec::new();
    for _ in 0..150 {
        let mut buf = [0u8; 4096];
        match tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if stream.write_all(b" ").await.is_err() {
            break;
        }
    }
    let text = String::from_utf8_lossy(&answer);
    text.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Issue 21, H1: 70 proposals from one address whose bodies trickle in (more than the 64
/// requests the server handles at once) hold none of those places: past the per-address
/// share of requests in flight they are refused at once (429), the rest are cut off when
/// their body is not in by the body timeout (408). Meanwhile another address gets its page
/// and `/healthz` answers, from either address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h1_slow_bodies_from_one_address_leave_others_served() {
    let limits = Limits {
        body_timeout_secs: 3,
        max_in_flight_per_client: Limits::default().max_in_flight_per_client,
        ..no_rate_limit()
    };
    let server = net::start(support::shipped().state.clone(), options(limits)).await;
    let attacker: std::net::IpAddr = [127, 0, 0, 1].into();
    let visitor: std::net::IpAddr = [127, 0, 0, 2].into();
    let slow: Vec<_> = (0..70)
        .map(|_| tokio::spawn(slow_proposal(attacker, server.addr)))
        .collect();
    // Give the 70 a moment to send their heads (their bodies take 12 s at this pace).
    tokio::time::sleep(Duration::from_millis(700)).await;
    let within = Duration::from_secs(5);
    let page = net::get_from(visitor, server.addr, "/?q=detention", within)
        .await
        .expect("another address is answered");
    assert_eq!(page.status, 200, "another address gets its page");
    for from in [visitor, attacker] {
        let health = net::get_from(from, server.addr, "/healthz", within)
            .await
            .expect("/healthz answers");
        assert_eq!(health.status, 200, "/healthz from {from}");
    }
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for client in slow {
        *statuses.entry(client.await.unwrap()).or_default() += 1;
    }
    eprintln!("H1: 70 slow bodies from 127.0.0.1 were answered {statuses:?}");
    let refused = statuses.get(&429).copied().unwrap_or(0);
    let cut_off = statuses.get(&408).copied().unwrap_or(0);
    assert_eq!(refused + cut_off, 70, "{statuses:?}");
    assert!(
        cut_off <= Limits::default().max_in_flight_per_client,
        "{statuses:?}"
    );
}

/// Issue 21, H2: 300 idle connections from one address (more than the server's cap of 200)
/// do not keep another address out: past its per-address share the extra ones are closed at
/// once, and a visitor from 127.0.0.2 is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h2_idle_connections_from_one_address_leave_room_for_others() {
    let limits = Limits {
        max_connections: 200,
        header_timeout_secs: 60,
        max_connections_per_client: Limits::default().max_connections_per_client,
        ..no_rate_limit()
    };
    let per_client = limits.max_connections_per_client;
    assert!(per_client < limits.max_connections);
    let server = net::start(support::shipped().state.clone(), options(limits)).await;
    let attacker: std::net::IpAddr = [127, 0, 0, 1].into();
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(net::connect_from(attacker, server.addr).await.unwrap());
    }
    let visitor: std::net::IpAddr = [127, 0, 0, 2].into();
    let page = net::get_from(
        visitor,
        server.addr,
        "/?q=detention",
        Duration::from_secs(5),
    )
    .await
    .expect("another address is answered while one holds idle connections");
    assert_eq!(page.status, 200);
    // The ones past the share were closed by the server; the share stays open.
    let mut closed = 0;
    for stream in &mut idle {
        let mut buf = [0u8; 16];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(20), stream.read(&mut buf)).await
        {
            closed += 1;
        }
    }
    eprintln!("H2: 300 idle connections from 127.0.0.1: {closed} closed at once, 127.0.0.2 served");
    assert_eq!(closed, 300 - per_client);
}
