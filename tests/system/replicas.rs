//! Scaling out, proven: two replicas of the real binary, each with its own data folder,
//! database and index, behind the shipped nginx config with an `upstream` of both, serve a
//! steady load of searches while a new data release is rolled out to one replica and then
//! the other, and while one replica is killed and started again. No request fails (nginx
//! passes a refused request to the other replica) and both end on the new release.
//! Without nginx it says SKIPPED and passes, unless required (`crate::programs`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use atd_atlas::config::Paths;

use crate::binary::{SERVE_ON_ANY_PORT, Server, atlas, serve};
use crate::net::{self, wait_for_answer};
use crate::nginx::{Nginx, shipped_config, start_nginx};
use crate::programs;
use crate::support::{copy_shipped_data, lab_paths, synthetic_csv, synthetic_sources};

const CLIENTS: usize = 4;
/// Requests the load must have answered in each phase before the next step is taken, so
/// every step happens under load however fast or slow the machine is.
const PER_PHASE: usize = 40;
const SEARCHES: [&str; 6] = [
    "/?q=children",
    "/api/v1/search?q=bail&lang=es",
    "/?q=guardian&sort=newest&lang=fr",
    "/api/v1/search?q=case+management&per_page=5",
    "/?q=ni%C3%B1os&lang=es",
    "/?region=europe",
];

/// One replica: its own copy of the data files, database and index, and its process.
struct Replica {
    name: &'static str,
    paths: Paths,
    server: Option<Server>,
    /// Where it serves, or served last.
    addr: SocketAddr,
}

/// A data release: the practices file and the sources file beside it.
struct Release {
    practices: Vec<u8>,
    sources: Vec<u8>,
}

/// The shipped rows copied `copies` times (SYNTHETIC ids after the first copy), with their
/// sources, and how many practices that is.
fn synthetic_release(copies: usize) -> (Release, usize) {
    let (practices, rows) = synthetic_csv(copies);
    let sources = synthetic_sources(copies);
    (Release { practices, sources }, rows)
}

impl Release {
    fn write_into(&self, data_dir: &Path) {
        std::fs::write(data_dir.join("practices.csv"), &self.practices).unwrap();
        std::fs::write(data_dir.join("sources.csv"), &self.sources).unwrap();
    }
}

impl Replica {
    fn new(name: &'static str, root: &Path, release: &Release) -> Replica {
        let paths = lab_paths(&root.join(name));
        copy_shipped_data(&paths.data_dir, |name| name.ends_with(".csv"));
        release.write_into(&paths.data_dir);
        let replica = Replica {
            name,
            paths,
            server: None,
            addr: ([127, 0, 0, 1], 0).into(),
        };
        replica.atlas(&["import"]);
        replica
    }

    fn command(&self) -> Command {
        let mut command = atlas(&self.paths);
        command
            .env("ATD_RATE_PER_SEC", "0")
            .env("ATD_RELOAD_SECS", "1");
        command
    }

    /// Runs an `atd-atlas` command on this replica's files and waits for it.
    fn atlas(&self, args: &[&str]) {
        let output = self.command().args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{}: atd-atlas {args:?}: {}",
            self.name,
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn start(&mut self) {
        let mut server = serve(self.command().args(SERVE_ON_ANY_PORT).stderr(Stdio::null()));
        let health = wait_for_answer(&mut server.child, server.addr, "/healthz");
        assert_eq!(health.status, 200, "{}: {}", self.name, health.body);
        self.addr = server.addr;
        self.server = Some(server);
    }

    fn kill(&mut self) {
        self.server = None;
    }

    /// A new data release: the replica's data file replaced and imported (database and a new
    /// index generation) while it serves; it switches to the new generation by itself.
    fn roll_out(&self, release: &Release) {
        release.write_into(&self.paths.data_dir);
        self.atlas(&["import"]);
    }

    fn health(&self) -> serde_json::Value {
        let reply = net::get_blocking(self.addr, "/healthz").unwrap();
        assert_eq!(reply.status, 200, "{}: {}", self.name, reply.body);
        serde_json::from_str(&reply.body).unwrap()
    }

    /// Waits until the replica serves an index of `practices` records.
    fn wait_serving(&self, practices: usize) -> serde_json::Value {
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            let health = self.health();
            if health["practices"] == practices {
                return health;
            }
            assert!(
                Instant::now() < until,
                "{} never served the new release: {health}",
                self.name
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The shipped site config in front of `upstreams`, with test ports and no per-address rate
/// limit (every request of the test's load comes from one loopback address).
fn site_config(listen: u16, upstreams: &[SocketAddr]) -> String {
    let servers: Vec<String> = upstreams.iter().map(|a| format!("server {a};")).collect();
    shipped_config(&[
        ("listen 80;", format!("listen 127.0.0.1:{listen};")),
        ("server 127.0.0.1:8080;", servers.join("\n    ")),
        ("rate=20r/s", "rate=100000r/s".into()),
    ])
}

#[derive(Default)]
struct Load {
    running: AtomicBool,
    answered: AtomicUsize,
    failed: std::sync::Mutex<Vec<String>>,
}

impl Load {
    /// Waits until the load has answered `more` requests beyond `since`; returns the count.
    fn wait_answered(&self, since: usize, more: usize) -> usize {
        let until = Instant::now() + Duration::from_secs(120);
        while self.answered.load(Ordering::Relaxed) < since + more {
            assert!(Instant::now() < until, "the load stopped being answered");
            std::thread::sleep(Duration::from_millis(20));
        }
        self.answered.load(Ordering::Relaxed)
    }
}

/// `CLIENTS` clients sending searches through `front` one after another until stopped; every
/// answer but a 200 is a failure.
fn start_load(front: SocketAddr, runtime: &tokio::runtime::Runtime) -> Arc<Load> {
    let load = Arc::new(Load::default());
    load.running.store(true, Ordering::Relaxed);
    for client in 0..CLIENTS {
        let load = load.clone();
        runtime.spawn(async move {
            let mut n = client;
            while load.running.load(Ordering::Relaxed) {
                let target = SEARCHES[n % SEARCHES.len()];
                n += 1;
                match net::get(front, target).await {
                    Ok(reply) if reply.status == 200 => {
                        load.answered.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(reply) => load.failed.lock().unwrap().push(format!(
                        "{target}: {} {}",
                        reply.status,
                        reply.body.chars().take(200).collect::<String>()
                    )),
                    Err(err) => load.failed.lock().unwrap().push(format!("{target}: {err}")),
                }
            }
        });
    }
    load
}

fn nginx_binary() -> Option<PathBuf> {
    programs::need(
        "two_replicas_behind_nginx_roll_a_release_and_survive_a_kill_without_a_failed_request",
        &programs::NGINX,
    )
}

#[test]
fn two_replicas_behind_nginx_roll_a_release_and_survive_a_kill_without_a_failed_request() {
    let Some(binary) = nginx_binary() else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let (first, first_rows) = synthetic_release(1);
    let (second, second_rows) = synthetic_release(2);
    let mut replicas = [
        Replica::new("a", root.path(), &first),
        Replica::new("b", root.path(), &first),
    ];
    for replica in &mut replicas {
        replica.start();
    }
    let upstreams = |replicas: &[Replica]| replicas.iter().map(|r| r.addr).collect::<Vec<_>>();
    let before = upstreams(&replicas);
    let nginx: Nginx = start_nginx(&binary, &|listen| site_config(listen, &before));
    let front: SocketAddr = ([127, 0, 0, 1], nginx.port).into();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let load = start_load(front, &runtime);
    let mut phases: Vec<(String, usize)> = Vec::new();
    let mut seen = load.wait_answered(0, PER_PHASE);
    phases.push(("both replicas on the first release".into(), seen));

    // Roll the second release out one replica at a time; the other keeps serving.
    for replica in &replicas {
        replica.roll_out(&second);
        let health = replica.wait_serving(second_rows);
        let now = load.wait_answered(seen, PER_PHASE);
        phases.push((
            format!(
                "replica {} on the second release (index generation {})",
                replica.name, health["index_generation"]
            ),
            now - seen,
        ));
        seen = now;
    }

    // Kill one replica: nginx passes what it refuses to the other.
    replicas[0].kill();
    let now = load.wait_answered(seen, PER_PHASE);
    phases.push(("replica a killed, b alone".into(), now - seen));
    seen = now;
    // Started again (on a new port the kernel picks), and put back in the upstream.
    replicas[0].start();
    nginx.reload(&site_config(nginx.port, &upstreams(&replicas)));
    let now = load.wait_answered(seen, PER_PHASE);
    phases.push(("replica a restarted, both serving".into(), now - seen));

    load.running.store(false, Ordering::Relaxed);
    runtime.shutdown_timeout(Duration::from_secs(30));
    let elapsed = started.elapsed();
    let answered = load.answered.load(Ordering::Relaxed);
    let failed = load.failed.lock().unwrap().clone();
    eprintln!(
        "replicas: {answered} searches answered through nginx in {:.1} s, {} failed",
        elapsed.as_secs_f64(),
        failed.len()
    );
    for (phase, count) in &phases {
        eprintln!("replicas:   {count:>5} answered while {phase}");
    }
    assert!(failed.is_empty(), "failed requests: {failed:#?}");
    for replica in &replicas {
        let health = replica.health();
        eprintln!(
            "replicas: {} ends on data generation {}, index generation {}, {} practices",
            replica.name,
            health["data_generation"],
            health["index_generation"],
            health["practices"]
        );
        assert_eq!(
            health["practices"], second_rows,
            "{}: {health}",
            replica.name
        );
    }
    assert_ne!(first_rows, second_rows, "the releases differ");
}
