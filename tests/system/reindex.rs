//! Reindex while serving (S01): a real server on 127.0.0.1 under concurrent load while
//! import + reindex runs several times; no request fails, no result page is empty, and each
//! client sees index generations only increase.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use atd_atlas::cli;
use atd_atlas::web::AppState;

use crate::net;
use crate::support::paths_in;
use crate::support::{synthetic_csv, synthetic_sources};

const CLIENTS: usize = 8;
const REINDEXES: usize = 4;

#[derive(Default, Debug)]
struct Seen {
    requests: usize,
    failed: Vec<String>,
    empty: usize,
    generations: Vec<u64>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s01_import_and_reindex_under_load_fails_no_request_and_generations_only_grow() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    let sets: Vec<(std::path::PathBuf, usize)> = [1, 2]
        .iter()
        .map(|copies| {
            let (bytes, rows) = synthetic_csv(*copies);
            let file = dir.path().join(format!("set-{copies}.csv"));
            std::fs::write(&file, bytes).unwrap();
            let sources = dir.path().join(format!("set-{copies}.sources.csv"));
            std::fs::write(sources, synthetic_sources(*copies)).unwrap();
            (file, rows)
        })
        .collect();
    cli::import_and_index(&paths, &sets[0].0).unwrap();
    let state = AppState::open(&paths).unwrap();
    let options = net::loopback(net::no_rate_limit(), 1);
    let server = net::start(state, options).await;
    let addr = server.addr;
    let running = Arc::new(AtomicBool::new(true));
    let valid_totals: Vec<usize> = sets.iter().map(|s| s.1).collect();

    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let running = running.clone();
            let valid_totals = valid_totals.clone();
            tokio::spawn(async move {
                let mut seen = Seen::default();
                let target = if n % 2 == 0 {
                    "/api/v1/search?per_page=5"
                } else {
                    "/api/v1/search?q=detention&per_page=5"
                };
                while running.load(Ordering::Relaxed) {
                    seen.requests += 1;
                    let reply = match net::get(addr, target).await {
                        Ok(reply) => reply,
                        Err(err) => {
                            seen.failed.push(err.to_string());
                            continue;
                        }
                    };
                    if reply.status != 200 {
                        seen.failed.push(format!("status {}", reply.status));
                        continue;
                    }
                    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
                    let total = json["total"].as_u64().unwrap() as usize;
                    if total == 0 || json["results"].as_array().unwrap().is_empty() {
                        seen.empty += 1;
                    }
                    if !target.contains("q=") {
                        assert!(valid_totals.contains(&total), "browse total {total}");
                    }
                    seen.generations
                        .push(json["index_generation"].as_u64().unwrap());
                }
                seen
            })
        })
        .collect();

    let reindex_paths = paths.clone();
    let reindexes = tokio::task::spawn_blocking(move || {
        for round in 0..REINDEXES {
            std::thread::sleep(Duration::from_millis(700));
            let (csv, _) = &sets[(round + 1) % 2];
            cli::import_and_index(&reindex_paths, csv).expect("import while serving");
        }
        std::thread::sleep(Duration::from_millis(2500));
    });
    reindexes.await.unwrap();
    running.store(false, Ordering::Relaxed);

    let mut total_requests = 0;
    let mut distinct = std::collections::BTreeSet::new();
    for client in clients {
        let seen = client.await.unwrap();
        total_requests += seen.requests;
        assert!(seen.failed.is_empty(), "failed requests: {:?}", seen.failed);
        assert_eq!(seen.empty, 0, "empty result pages");
        assert!(
            seen.generations.windows(2).all(|w| w[0] <= w[1]),
            "generations went back: {:?}",
            seen.generations
        );
        distinct.extend(seen.generations);
    }
    assert!(
        distinct.len() >= 2,
        "the server switched generations while serving: {distinct:?}"
    );
    eprintln!(
        "S01: {total_requests} requests from {CLIENTS} clients during {REINDEXES} import+reindex runs: 0 failed, 0 empty; generations seen {distinct:?}"
    );
}
