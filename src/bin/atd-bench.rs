//! `atd-bench`: the benchmark tool behind `bench/run` — SYNTHETIC data generation, timed
//! import and index build, in-process search latency, a bare axum hello-world server (the
//! machine's HTTP ceiling) and cold-start timing. Never part of the served app.

use std::io::{BufWriter, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use atd_atlas::bench::measure::{self, Scenario};
use atd_atlas::bench::synthetic::{self, Model};
use atd_atlas::bench::workload::{self, Kind};
use atd_atlas::cli;
use atd_atlas::config::Paths;
use atd_atlas::import::{self, Limits};
use atd_atlas::model::Vocab;
use atd_atlas::search::{FacetName, SearchIndex};
use atd_atlas::store::Reader;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "atd-bench",
    about = "Benchmarks for ATD Atlas (see bench/run)."
)]
struct Args {
    #[command(flatten)]
    paths: Paths,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Write N SYNTHETIC practices as a CSV (never into the data folder).
    Generate {
        #[arg(long)]
        n: u64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = workload::RECORDS_SEED)]
        seed: u64,
    },
    /// Validate a CSV with the real importer (no row or size cap) and store it; no index.
    Import {
        #[arg(long)]
        csv: PathBuf,
    },
    /// Build a new index generation from the database (streamed, as `atd-atlas index`).
    Index,
    /// In-process search latency over varied queries, as Markdown table rows.
    Search {
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        #[arg(long, default_value_t = 200)]
        warmup: usize,
        /// Queries for the uncached browse scenario (slow at large N).
        #[arg(long, default_value_t = 200)]
        uncached_queries: usize,
        /// Label for the N column.
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Search addresses for the load test's "new each time" rows, one query string a line,
    /// no two alike (words from the data × a facet × a sort × a language).
    Addresses {
        #[arg(long, default_value_t = 300_000)]
        n: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// The in-process search's queries for a peer to run: per line, a keyword query, a
    /// filtered query's word, its country and its type of alternative (tab-separated).
    Queries {
        #[arg(long, default_value_t = 1000)]
        n: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// The pinned workload's never-repeated searches of one kind (keyword, filtered, browse),
    /// run in process once each, for the instruction counts (`bench/instructions`). `--n 0`
    /// does everything but the searches: the setup that the counts subtract.
    Replay {
        #[arg(long)]
        kind: String,
        #[arg(long, default_value_t = workload::COUNTED_SEARCHES)]
        n: usize,
        /// Whole search pages through the site's router (HTML in the page's language: the
        /// search, the records, the rendering) instead of the index's search alone.
        #[arg(long)]
        pages: bool,
    },
    /// The pinned workload: its version, frozen data folder, name, and what the instruction
    /// counts run (`key=value` lines, or one value with `--field`).
    Workload {
        #[arg(long)]
        field: Option<String>,
    },
    /// A bare axum hello-world server: the HTTP ceiling of this machine.
    Hello {
        #[arg(long, default_value = "127.0.0.1:8099")]
        addr: SocketAddr,
    },
    /// Starts a command and times until `url` answers 200; prints milliseconds, then stops it.
    ColdStart {
        #[arg(long)]
        addr: SocketAddr,
        #[arg(long, default_value = "/")]
        path: String,
        #[arg(long, default_value_t = 120)]
        timeout_secs: u64,
        #[arg(trailing_var_arg = true, required = true)]
        command: Vec<String>,
    },
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    match args.command {
        Cmd::Generate { n, out, seed } => generate(&args.paths, n, &out, seed),
        Cmd::Import { csv } => import_only(&args.paths, &csv),
        Cmd::Index => index_only(&args.paths),
        Cmd::Search {
            queries,
            warmup,
            uncached_queries,
            label,
        } => search(&args.paths, queries, warmup, uncached_queries, &label),
        Cmd::Addresses { n, out } => addresses(&args.paths, n, &out),
        Cmd::Queries { n, out } => peer_queries(&args.paths, n, &out),
        Cmd::Replay { kind, n, pages } => replay(&args.paths, &kind, n, pages),
        Cmd::Workload { field } => describe_workload(field.as_deref()),
        Cmd::Hello { addr } => hello(addr),
        Cmd::ColdStart {
            addr,
            path,
            timeout_secs,
            command,
        } => cold_start(addr, &path, Duration::from_secs(timeout_secs), &command),
    }
}

/// Peak resident set size of this process so far (kB), from `/proc/self/status`.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time (user + system) this process and all its threads used so far, in seconds: on a
/// machine shared with other work, wall time says more about the neighbours than about us.
fn cpu_secs() -> f64 {
    const CLOCK_TICKS_PER_SEC: f64 = 100.0;
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / CLOCK_TICKS_PER_SEC
}

fn dir_bytes(path: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| dir_bytes(&e.path()))
        .sum()
}

fn generate(paths: &Paths, n: u64, out: &Path, seed: u64) -> anyhow::Result<()> {
    synthetic::refuse_data_dir(out, &paths.data_dir)?;
    let reference = import::load_reference(&paths.data_dir)?;
    let model = Model::from_shipped(&paths.data_dir, &reference)?;
    let started = Instant::now();
    model.write_files(out, n, seed, &reference)?;
    println!(
        "generated={n} bytes={} secs={:.2}",
        dir_bytes(out),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn import_only(paths: &Paths, csv: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let reference = import::load_reference(&paths.data_dir)?;
    let limits = Limits {
        max_file_bytes: u64::MAX,
        max_rows: usize::MAX,
        ..Limits::default()
    };
    let release = cli::import_streaming(paths, csv, &reference, &limits)?;
    report(release.practices as u64, started, "db_mb", &paths.db);
    Ok(())
}

/// One `key=value` line of a timed step, as bench/report.py reads it.
fn report(records: u64, started: Instant, size_key: &str, written: &Path) {
    let secs = started.elapsed().as_secs_f64();
    println!(
        "records={records} secs={secs:.3} cpu_secs={:.2} per_sec={:.0} peak_rss_mb={:.0} {size_key}={:.1}",
        cpu_secs(),
        records as f64 / secs,
        peak_rss_kb() as f64 / 1024.0,
        dir_bytes(written) as f64 / 1e6
    );
}

fn index_only(paths: &Paths) -> anyhow::Result<()> {
    let started = Instant::now();
    let info = cli::rebuild_index(paths)?;
    report(info.practices as u64, started, "index_mb", &paths.index_dir);
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

fn search(
    paths: &Paths,
    n: usize,
    warmup: usize,
    uncached: usize,
    label: &str,
) -> anyhow::Result<()> {
    let reference = import::load_reference(&paths.data_dir)?;
    let model = Model::from_shipped(&paths.data_dir, &reference)?;
    let words = measure::query_words(model.words());
    let index = SearchIndex::open(&paths.index_dir)?;
    let store = Reader::open(&paths.db)?;
    let mut countries = store.country_codes()?;
    countries.sort();
    let atd_types: Vec<String> = reference
        .vocabularies
        .keys(Vocab::AtdType)
        .map(str::to_string)
        .collect();
    for scenario in Scenario::ALL {
        let (count, warm) = match scenario {
            Scenario::BrowseUncached => (uncached, warmup.min(uncached)),
            _ => (n, warmup),
        };
        let queries = measure::queries(
            scenario,
            count,
            &words,
            &countries,
            &atd_types,
            workload::QUERY_SEED,
        );
        let stats = measure::run(&index, &store, scenario, &queries, warm)?;
        println!(
            "| {label} | {} | {} | {:.0} | {} | {} | {} | {} | {} |",
            scenario.label(),
            stats.queries,
            stats.mean_hits,
            ms(stats.p50),
            ms(stats.p99),
            ms(stats.max),
            ms(stats.with_records_p50),
            ms(stats.with_records_p99),
        );
    }
    Ok(())
}

fn addresses(paths: &Paths, n: usize, out: &Path) -> anyhow::Result<()> {
    let reference = import::load_reference(&paths.data_dir)?;
    let model = Model::from_shipped(&paths.data_dir, &reference)?;
    let store = Reader::open(&paths.db)?;
    let lines = measure::fresh_addresses(&store, &model, n, workload::ADDRESS_SEED)?;
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut file = BufWriter::new(file);
    for line in &lines {
        writeln!(file, "{line}")?;
    }
    file.flush()?;
    println!("addresses={}", lines.len());
    Ok(())
}

fn peer_queries(paths: &Paths, n: usize, out: &Path) -> anyhow::Result<()> {
    let reference = import::load_reference(&paths.data_dir)?;
    let model = Model::from_shipped(&paths.data_dir, &reference)?;
    let words = measure::query_words(model.words());
    let mut countries = Reader::open(&paths.db)?.country_codes()?;
    countries.sort();
    let atd_types: Vec<String> = reference
        .vocabularies
        .keys(Vocab::AtdType)
        .map(str::to_string)
        .collect();
    // The same seed as `search`, so a peer runs the very queries Atlas was timed with.
    let seed = workload::QUERY_SEED;
    let keyword = measure::queries(Scenario::Keyword, n, &words, &countries, &atd_types, seed);
    let filtered = measure::queries(
        Scenario::KeywordFilters,
        n,
        &words,
        &countries,
        &atd_types,
        seed,
    );
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut file = BufWriter::new(file);
    for (k, f) in keyword.iter().zip(&filtered) {
        let first = |facet: FacetName| f.selected(facet).first().cloned().unwrap_or_default();
        writeln!(
            file,
            "{}\t{}\t{}\t{}",
            k.text,
            f.text,
            first(FacetName::Country),
            first(FacetName::AtdType)
        )?;
    }
    file.flush()?;
    Ok(())
}

fn describe_workload(field: Option<&str>) -> anyhow::Result<()> {
    let facts = [
        ("version", workload::VERSION.to_string()),
        ("dir", workload::DIR.to_string()),
        ("name", workload::name()),
        ("records", workload::COUNTED_RECORDS.to_string()),
        ("searches", workload::COUNTED_SEARCHES.to_string()),
    ];
    match field {
        Some(field) => {
            let (_, value) = facts
                .iter()
                .find(|(key, _)| *key == field)
                .with_context(|| {
                    format!("no field {field:?} (version, dir, name, records, searches)")
                })?;
            println!("{value}");
        }
        None => facts
            .iter()
            .for_each(|(key, value)| println!("{key}={value}")),
    }
    Ok(())
}

/// Runs the first `n` of the pinned searches of `kind`: the index's search alone, or whole
/// pages through the router on a one-thread runtime (the instruction counts must not depend
/// on how threads interleave). Prints what was searched, so a count can be read beside it.
fn replay(paths: &Paths, kind: &str, n: usize, pages: bool) -> anyhow::Result<()> {
    let kind = Kind::from_name(kind)
        .with_context(|| format!("unknown kind {kind:?}: keyword, filtered or browse"))?;
    let reference = import::load_reference(&paths.data_dir)?;
    let model = Model::from_shipped(&paths.data_dir, &reference)?;
    let store = Reader::open(&paths.db)?;
    let searches = workload::searches(kind, workload::COUNTED_SEARCHES, &model, &store)?;
    let searches = &searches[..n.min(searches.len())];
    let (matches, bytes) = if pages {
        replay_pages(paths, searches)?
    } else {
        let synonyms = import::load_synonyms(&paths.data_dir)?;
        let index = SearchIndex::open(&paths.index_dir)?.with_synonyms(synonyms);
        let mut matches = 0;
        for (query, _) in searches {
            matches += index.search(query)?.total;
        }
        (matches, 0)
    };
    println!(
        "kind={} searches={} matches={matches} page_bytes={bytes}",
        kind.name(),
        searches.len()
    );
    Ok(())
}

/// Each search as the page a browser asks for (`/?…&lang=…`); the matches are not on the
/// page, so this reports the bytes of HTML instead.
fn replay_pages(
    paths: &Paths,
    searches: &[(atd_atlas::search::SearchQuery, atd_atlas::model::Lang)],
) -> anyhow::Result<(usize, usize)> {
    use tower::ServiceExt;
    let app = atd_atlas::web::router(atd_atlas::web::AppState::open(paths)?);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let mut bytes = 0;
        for (query, lang) in searches {
            let uri = format!("/?{}", atd_atlas::web::urls::query_string(query, *lang));
            let request = axum::http::Request::get(&uri).body(axum::body::Body::empty())?;
            let response = app.clone().oneshot(request).await?;
            anyhow::ensure!(
                response.status() == axum::http::StatusCode::OK,
                "{uri} answered {}",
                response.status()
            );
            bytes += axum::body::to_bytes(response.into_body(), usize::MAX)
                .await?
                .len();
        }
        Ok((0, bytes))
    })
}

fn hello(addr: SocketAddr) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let app = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, world!" }));
        let listener = tokio::net::TcpListener::bind(addr).await?;
        println!("hello serving on http://{addr}");
        axum::serve(listener, app).await?;
        Ok(())
    })
}

/// One GET over a fresh connection; true on a 200 answer.
fn answers(addr: SocketAddr, path: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

fn cold_start(
    addr: SocketAddr,
    path: &str,
    timeout: Duration,
    command: &[String],
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut child = Command::new(&command[0])
        .args(&command[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", command[0]))?;
    let result = loop {
        if answers(addr, path) {
            break Ok(started.elapsed());
        }
        if let Some(status) = child.try_wait()? {
            break Err(anyhow::anyhow!("the server exited first ({status})"));
        }
        if started.elapsed() > timeout {
            break Err(anyhow::anyhow!("no answer within {timeout:?}"));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let _ = child.kill();
    let _ = child.wait();
    println!("cold_start_ms={:.0}", result?.as_secs_f64() * 1e3);
    Ok(())
}
