//! The reliability rows of proposals (RELIABILITY.md, "Proposals"): hostile submissions,
//! 200 submissions from 10 addresses at once over real sockets, a SIGKILL in the middle of a
//! submission's transaction, a full disk, and an `accept` + `import` while the server serves.

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use atd_atlas::config::Limits;
use atd_atlas::store::submissions::SubmissionStore;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::contribute::{Lab, encode_form, ok, proposal};
use crate::net::{self, RawReply};
use crate::support::send;

const XSS: &str = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

fn form_request(lang: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(format!("/contribute?lang={lang}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn hostile_submissions_are_refused_or_kept_as_text_never_run() {
    let lab = Lab::new();
    let limits = Limits {
        submissions_per_hour: 100,
        ..Limits::default()
    };
    // XSS in every field: the form comes back (years and codes refuse it), all of it escaped.
    let columns = [
        "iso2",
        "programme",
        "kind",
        "organisation",
        "organisation_type",
        "status",
        "start_year",
        "end_year",
        "populations",
        "atd_types",
        "cap_stages",
        "participants",
        "participants_note",
        "cost_per_day",
        "cost_currency",
        "cost_unit",
        "cost_year",
        "detention_cost_per_day",
        "outcome_compliance_pct",
        "outcome_other",
        "summary",
        "source_title",
        "source_url",
        "submitter",
        "email",
        "practice",
    ];
    let everywhere: Vec<(&str, String)> = columns.iter().map(|c| (*c, XSS.to_string())).collect();
    let reply = send(
        lab.router(&limits),
        form_request("en", encode_form(&everywhere)),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        &reply.body[..200]
    );
    assert!(!reply.body.contains("<script>alert") && !reply.body.contains("<img src=x"));
    assert!(reply.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    // XSS in the free-text fields of a valid proposal: stored verbatim, shown as text.
    let mut texty = proposal();
    for column in [
        "programme",
        "organisation",
        "participants_note",
        "outcome_other",
        "summary",
        "source_title",
        "submitter",
    ] {
        texty.retain(|(c, _)| *c != column);
        texty.push((column, format!("{column} {XSS}")));
    }
    let reply = send(lab.router(&limits), form_request("fr", encode_form(&texty))).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let receipt = send(
        lab.router(&limits),
        Request::get(reply.headers["location"].to_str().unwrap())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(!receipt.body.contains("<script>alert"));
    let stored = lab.stored();
    assert_eq!(
        stored[0].value("summary"),
        Some(format!("summary {XSS}").as_str())
    );

    // Invalid UTF-8: the field says so, the rest comes back, no 500.
    let mut bytes = encode_form(&proposal()).into_bytes();
    bytes.extend_from_slice(b"&outcome_other=%FF%FEbad");
    let reply = send(lab.router(&limits), form_request("es", bytes)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("id=\"e-outcome_other\""));

    // A 1 MB field is over the body cap: 413, nothing stored.
    let mut huge = proposal();
    huge.push(("outcome_other", "y".repeat(1 << 20)));
    let reply = send(lab.router(&limits), form_request("en", encode_form(&huge))).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);

    // A duplicate of a published practice is warned about, not refused.
    let row = &crate::support::shipped_rows()[0];
    let mut duplicate = proposal();
    duplicate.retain(|(c, _)| *c != "iso2" && *c != "programme");
    duplicate.push(("iso2", row["iso2"].clone()));
    duplicate.push(("programme", row["programme"].clone()));
    let reply = send(
        lab.router(&limits),
        form_request("en", encode_form(&duplicate)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.headers["location"].to_str().unwrap().to_string();
    assert!(
        location.contains(&format!("same={}", row["id"])),
        "{location}"
    );
    let receipt = send(
        lab.router(&limits),
        Request::get(location.as_str()).body(Body::empty()).unwrap(),
    )
    .await;
    assert!(
        receipt
            .body
            .contains(&format!("/practices/{}?lang=en", row["id"]))
    );
    let stored = lab.stored();
    assert_eq!(stored.len(), 2);
    assert!(stored[1].warnings[0].contains(row["id"].as_str()));
    assert_ne!(
        stored[1].practice_id, row["id"],
        "a duplicate never takes an existing id"
    );
}

/// One form POST from a chosen loopback address, read to its end.
async fn post_from(source: IpAddr, server: SocketAddr, body: &str) -> std::io::Result<RawReply> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    let mut stream = socket.connect(server).await?;
    let head = format!(
        "POST /contribute?lang=en HTTP/1.1\r\nHost: atlas.test\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await?;
    let text = String::from_utf8_lossy(&bytes);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let location = text
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap_or("")
        .to_string();
    Ok(RawReply {
        status,
        headers: vec![("location".into(), location)],
        body: String::new(),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_submissions_from_ten_addresses_at_once_are_all_stored_or_refused() {
    let lab = Lab::new();
    let per_hour = 15;
    let limits = Limits {
        rate_per_sec: 0,
        max_concurrent: 512,
        request_timeout_secs: 120,
        submissions_per_hour: per_hour,
        max_pending_per_client: 100,
        max_pending: 1000,
        ..Limits::default()
    };
    let server = net::start(lab.state(&limits), net::loopback(limits.clone(), 60)).await;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for address in 0..10u8 {
        for n in 0..20 {
            let source = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2 + address));
            let mut pairs = proposal();
            pairs.retain(|(c, _)| *c != "programme");
            pairs.push(("programme", format!("Zzyzx load {address}-{n}")));
            let body = encode_form(&pairs);
            let addr = server.addr;
            tasks.push(tokio::spawn(
                async move { post_from(source, addr, &body).await },
            ));
        }
    }
    let mut references = Vec::new();
    let mut refused = 0;
    for task in tasks {
        let reply = task.await.unwrap().expect("every request is answered");
        match reply.status {
            303 => {
                let location = reply.header("location").unwrap();
                let reference = location
                    .split("ref=")
                    .nth(1)
                    .unwrap()
                    .split('&')
                    .next()
                    .unwrap();
                references.push(reference.to_string());
            }
            429 => refused += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    let elapsed = started.elapsed();
    let stored = lab.stored();
    let mut stored_refs: Vec<String> = stored.iter().map(|s| s.reference.clone()).collect();
    references.sort();
    stored_refs.sort();
    println!(
        "200 proposals from 10 addresses at once: {} stored, {refused} refused 429, in {:.1} s",
        references.len(),
        elapsed.as_secs_f64()
    );
    assert_eq!(
        references.len(),
        10 * per_hour as usize,
        "each address gets its hourly share"
    );
    assert_eq!(refused, 200 - 10 * per_hour as usize);
    assert_eq!(
        stored_refs, references,
        "every answered reference is stored, none lost, none extra"
    );
    assert!(stored.iter().all(|s| {
        s.cells
            .iter()
            .any(|c| c.column == "source_url" && c.changed)
    }));
}

fn serve_binary(
    lab: &Lab,
    failpoints: &str,
) -> (
    std::process::Child,
    SocketAddr,
    std::sync::mpsc::Receiver<String>,
) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_atd-atlas"));
    command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("ATD_DATA_DIR", &lab.paths.data_dir)
        .env("ATD_DB", &lab.paths.db)
        .env("ATD_INDEX_DIR", &lab.paths.index_dir)
        .env("ATD_RATE_PER_SEC", "0")
        .env("ATD_FAILPOINTS", failpoints)
        .env("RUST_LOG", "warn")
        .stderr(Stdio::piped());
    let (mut child, addr) = net::spawn_on_any_port(&mut command);
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (child, addr, rx)
}

fn post_blocking(addr: SocketAddr, body: String) -> std::io::Result<RawReply> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(post_from(IpAddr::V4(Ipv4Addr::LOCALHOST), addr, &body))
}

#[test]
fn a_sigkill_during_a_submission_leaves_none_half_written() {
    let lab = Lab::new();
    let (mut child, addr, stderr) = serve_binary(&lab, "submissions::mid_transaction=pause");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let body = encode_form(&proposal());
    // The request never gets an answer: the server stops inside the transaction.
    std::thread::spawn(move || post_blocking(addr, body));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = stderr.recv_timeout(deadline.saturating_duration_since(Instant::now()));
        match line {
            Ok(line) if line.contains("failpoint submissions::mid_transaction: paused") => break,
            Ok(_) => {}
            Err(err) => panic!("the server never reached the fault point: {err}"),
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let db = lab.submissions_db();
    let conn = rusqlite_free_check(&db);
    assert_eq!(conn, 0, "the killed submission left no row behind");
    let (mut child, addr, _stderr) = serve_binary(&lab, "");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let reply = post_blocking(addr, encode_form(&proposal())).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(reply.status, 303);
    let stored = lab.stored();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].reference.ends_with("-0001"),
        "{}",
        stored[0].reference
    );
    assert_eq!(
        stored[0].cells.len(),
        crate::support::shipped_rows()[0].len()
    );
}

/// How many submissions the database holds, opened the way the server opens it (which
/// also checks it and rolls back what a killed writer left).
fn rusqlite_free_check(db: &std::path::Path) -> usize {
    SubmissionStore::open(db)
        .expect("the database opens after the kill")
        .list(None)
        .unwrap()
        .len()
}

#[test]
fn a_full_disk_gives_a_clear_page_that_keeps_the_typed_values() {
    let lab = Lab::new();
    let (mut child, addr, _stderr) = serve_binary(&lab, "submissions::mid_transaction=enospc");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut pairs = proposal();
    pairs.retain(|(c, _)| *c != "summary");
    pairs.push(("summary", "Typed with care, not to be lost.".to_string()));
    let body = encode_form(&pairs);
    let head = format!(
        "POST /contribute?lang=fr HTTP/1.1\r\nHost: atlas.test\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let reply = rt.block_on(net::send_raw(addr, head.as_bytes())).unwrap();
    let search = net::get_blocking(addr, "/api/v1/search?q=children").unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(reply.status, 503);
    assert!(reply.header("retry-after").is_some());
    assert!(
        reply.body.contains("n’a pas pu être enregistrée"),
        "a clear page in the page language"
    );
    assert!(reply.body.contains("Typed with care, not to be lost."));
    assert!(
        reply
            .body
            .contains("value=\"Zzyzx test community programme\"")
    );
    assert_eq!(search.status, 200, "search works meanwhile");
    assert!(lab.stored().is_empty());
}

#[test]
fn accept_and_import_while_serving_publish_with_no_failed_request() {
    let lab = Lab::new();
    let (mut child, addr, _stderr) = serve_binary(&lab, "");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let reply = post_blocking(addr, encode_form(&proposal())).unwrap();
    assert_eq!(reply.status, 303);
    let reference = lab.stored()[0].reference.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..4)
        .map(|n| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let targets = [
                    "/api/v1/search?q=zzyzx",
                    "/?q=children&lang=en",
                    "/contribute?lang=en",
                    "/practices/us-ice-isap?lang=es",
                ];
                let mut statuses = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let target = targets[(statuses.len() + n) % targets.len()];
                    let status = net::get_blocking(addr, target).map_or(0, |r| r.status);
                    statuses.push(status);
                }
                statuses
            })
        })
        .collect();
    ok(&lab.run(&["submissions", "accept", &reference]));
    ok(&lab.run(&["import"]));
    // The server polls for the new generation; wait until it serves the accepted practice.
    let deadline = Instant::now() + Duration::from_secs(120);
    let found = loop {
        let reply = net::get_blocking(addr, "/api/v1/search?q=zzyzx").unwrap();
        let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        if json["total"] == 1 {
            break json;
        }
        assert!(
            Instant::now() < deadline,
            "the new generation never went live"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let statuses: Vec<u16> = readers
        .into_iter()
        .flat_map(|r| r.join().unwrap())
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "accept + import while serving: {} requests, all answered",
        statuses.len()
    );
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every request answered 200: {statuses:?}"
    );
    assert_eq!(
        found["results"][0]["programme"],
        "Zzyzx test community programme"
    );
}

/// The proposal routes are the only ones that read a body: one trickled byte by byte is cut
/// off by the handler timeout (503 + `Retry-After`), and others are served meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_body_sent_byte_by_byte_is_cut_off_by_the_handler_timeout() {
    let lab = Lab::new();
    let limits = Limits {
        rate_per_sec: 0,
        request_timeout_secs: 1,
        ..Limits::default()
    };
    let server = net::start(lab.state(&limits), net::loopback(limits.clone(), 60)).await;
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let head = "POST /contribute?lang=en HTTP/1.1\r\nHost: atlas.test\r\nSec-Fetch-Site: same-origin\r\n\
                Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000\r\n\r\nprogramme=";
    stream.write_all(head.as_bytes()).await.unwrap();
    let good = net::get(server.addr, "/api/v1/search?q=detention")
        .await
        .unwrap();
    assert_eq!(good.status, 200, "served while a body trickles");
    let mut answer = Vec::new();
    for _ in 0..300 {
        let mut buf = [0u8; 4096];
        match tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if stream.write_all(b"a").await.is_err() {
            break;
        }
    }
    let text = String::from_utf8_lossy(&answer);
    println!(
        "trickled proposal answered after {:.2} s",
        started.elapsed().as_secs_f64()
    );
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.to_ascii_lowercase().contains("retry-after"));
    assert!(lab.stored().is_empty());
}
