//! Crash and fault harness on the real binary (K01–K03, R01–R02, S02, D01–D02): imports of a
//! generated larger CSV are SIGKILLed at random moments and at every named fault point, or
//! fail there with an injected error or "no space left on device"; after each, the database
//! passes `PRAGMA integrity_check` and is entirely the old or entirely the new import, `CURRENT`
//! names a whole generation, and the start-up path brings back a consistent, serving pair.
//!
//! `ATD_KILL_ITERATIONS` (default 20) sets the random kills; `ATD_KILL_SEED` repeats a run.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use atd_atlas::cli;
use atd_atlas::config::Paths;
use atd_atlas::faults;
use atd_atlas::search::{SearchIndex, SearchQuery, generation};
use atd_atlas::store::{DataRelease, Reader};

use crate::binary::{BIN, path_flags, serve};
use crate::support::{copy_shipped_data, lab_paths, synthetic_csv, synthetic_sources};

/// A data folder of its own (reference tables copied, practices.csv written per run), a
/// database and an index, and what each data file the harness writes should produce.
struct Lab {
    _dir: tempfile::TempDir,
    paths: Paths,
    /// Two generated data sets of different sizes (practices, sources): fingerprint → rows.
    sets: Vec<(Vec<u8>, Vec<u8>, String, usize)>,
}

impl Lab {
    fn new(copies: [usize; 2]) -> Lab {
        let dir = tempfile::tempdir().unwrap();
        let paths = lab_paths(dir.path());
        copy_shipped_data(&paths.data_dir, |name| {
            name.ends_with(".csv") && name != "practices.csv"
        });
        let sets = copies
            .iter()
            .map(|c| {
                let (bytes, rows) = synthetic_csv(*c);
                let sources = synthetic_sources(*c);
                fs::write(paths.practices_csv(), &bytes).unwrap();
                fs::write(paths.data_dir.join("sources.csv"), &sources).unwrap();
                let fp = cli::fingerprint(&paths, &paths.practices_csv()).unwrap();
                (bytes, sources, fp, rows)
            })
            .collect();
        Lab {
            _dir: dir,
            paths,
            sets,
        }
    }

    /// Puts data set `which` in place as practices.csv; returns its fingerprint and rows.
    fn stage(&self, which: usize) -> (String, usize) {
        let (bytes, sources, fp, rows) = &self.sets[which];
        fs::write(self.paths.practices_csv(), bytes).unwrap();
        fs::write(self.paths.data_dir.join("sources.csv"), sources).unwrap();
        (fp.clone(), *rows)
    }

    fn rows_of(&self, fingerprint: &str) -> Option<usize> {
        self.sets
            .iter()
            .find(|(_, _, fp, _)| fp == fingerprint)
            .map(|(_, _, _, rows)| *rows)
    }

    fn command(&self, subcommand: &str, failpoints: &str) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(path_flags(&self.paths))
            .arg(subcommand)
            .env("RUST_LOG", "warn")
            .env(faults::ENV, failpoints)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        command
    }

    fn release(&self) -> DataRelease {
        Reader::open(&self.paths.db)
            .expect("the database opens after the fault")
            .release()
            .unwrap()
            .expect("a release")
    }

    /// What must hold right after a kill or a failed run, before anything repairs it.
    fn assert_consistent(
        &self,
        before: &DataRelease,
        target_fp: &str,
        data_rows: &HashMap<i64, usize>,
    ) {
        // Read-only first, as a server starting now would (a hot journal may be present).
        let now = self.release();
        let conn = rusqlite::Connection::open(&self.paths.db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let stored: i64 = conn
            .query_row("SELECT count(*) FROM practices", [], |r| r.get(0))
            .unwrap();
        drop(conn);
        if now == *before {
            assert_eq!(stored as usize, self.rows_of(&before.fingerprint).unwrap());
        } else {
            assert_eq!(
                now.generation,
                before.generation + 1,
                "{now:?} after {before:?}"
            );
            assert_eq!(now.fingerprint, target_fp, "entirely the new import");
            assert_eq!(stored as usize, self.rows_of(target_fp).unwrap());
        }
        let live = generation::open_current(&self.paths.index_dir)
            .expect("CURRENT names a whole generation")
            .expect("an index");
        let expected = data_rows
            .get(&live.info.data_generation)
            .copied()
            .or_else(|| {
                (live.info.data_generation == before.generation + 1)
                    .then(|| self.rows_of(target_fp).unwrap())
            })
            .expect("the index comes from a known import");
        assert_eq!(live.info.practices as usize, expected);
    }

    /// The start-up path repairs whatever the fault left, then serves the staged data.
    fn recover_and_check(
        &self,
        target_fp: &str,
        data_rows: &mut HashMap<i64, usize>,
    ) -> DataRelease {
        cli::prepare(&self.paths).expect("start-up recovers");
        let release = self.release();
        assert_eq!(release.fingerprint, target_fp);
        let rows = self.rows_of(target_fp).unwrap();
        data_rows.insert(release.generation, rows);
        let index = SearchIndex::open(&self.paths.index_dir).unwrap();
        assert_eq!(index.generation().info.data_generation, release.generation);
        let all = SearchQuery {
            page: 1,
            per_page: 10,
            ..SearchQuery::default()
        };
        assert_eq!(index.search(&all).unwrap().total, rows);
        self.assert_no_orphans();
        release
    }

    /// No unfinished generation beside the live one, no temp files left behind.
    fn assert_no_orphans(&self) {
        let live = generation::current(&self.paths.index_dir).unwrap().unwrap();
        for entry in fs::read_dir(&self.paths.index_dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            assert!(!name.contains(".tmp-"), "temp file {name} left behind");
            if let Some(n) = name
                .strip_prefix("gen-")
                .and_then(|n| n.parse::<u64>().ok())
            {
                assert!(n <= live, "orphaned generation {name} beside live {live}");
            }
        }
    }
}

fn wait_for_pause(child: &mut Child, point: &str) {
    let stderr = child.stderr.take().expect("stderr piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("paused") {
                let _ = tx.send(line);
                return;
            }
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(300))
        .unwrap_or_else(|_| panic!("the import never reached {point}"));
    assert!(line.contains(point), "{line}");
}

fn kill(mut child: Child) {
    // Child::kill sends SIGKILL on Unix: no destructor, no flush, no rollback runs.
    let _ = child.kill();
    let _ = child.wait();
}

/// A small deterministic generator: the seed is printed, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn iterations() -> usize {
    std::env::var("ATD_KILL_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

#[test]
fn k01_k02_r01_sigkill_at_random_moments_and_at_every_named_point_never_loses_a_consistent_pair() {
    let lab = Lab::new([1, 2]);
    let mut data_rows = HashMap::new();
    let (fp, _) = lab.stage(0);
    lab.recover_and_check(&fp, &mut data_rows);

    // How long an uninterrupted import takes, to spread the random kills over it.
    let (fp, _) = lab.stage(1);
    let started = Instant::now();
    let status = lab.command("import", "").status().unwrap();
    assert!(status.success());
    let full = started.elapsed();
    let mut before = lab.recover_and_check(&fp, &mut data_rows);

    let seed = std::env::var("ATD_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("kill harness: seed {seed}, one import takes {full:?}");
    let mut rng = Rng(seed);
    let mut outcomes: HashMap<&str, usize> = HashMap::new();
    let runs = iterations();
    for run in 0..runs + faults::POINTS.len() {
        let which = run % 2;
        let (target, _) = lab.stage(which);
        let named = run.checked_sub(runs).map(|i| faults::POINTS[i]);
        match named {
            Some(point) => {
                let mut child = lab
                    .command("import", &format!("{point}=pause"))
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                wait_for_pause(&mut child, point);
                kill(child);
            }
            None => {
                let child = lab
                    .command("import", "")
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                let delay = full.as_micros() as u64 * 12 / 10;
                std::thread::sleep(Duration::from_micros(rng.next() % delay.max(1)));
                kill(child);
            }
        }
        lab.assert_consistent(&before, &target, &data_rows);
        let release = lab.release();
        *outcomes
            .entry(if release == before { "old" } else { "new" })
            .or_default() += 1;
        before = lab.recover_and_check(&target, &mut data_rows);
    }
    eprintln!(
        "K01/K02: {} kills ({runs} random, {} at named points), inconsistencies 0, database found {outcomes:?}",
        runs + faults::POINTS.len(),
        faults::POINTS.len()
    );
}

#[test]
fn k03_d01_d02_an_error_or_a_full_disk_at_any_point_fails_cleanly_and_keeps_the_last_good_pair() {
    let lab = Lab::new([1, 2]);
    let mut data_rows = HashMap::new();
    let (fp, _) = lab.stage(0);
    let mut before = lab.recover_and_check(&fp, &mut data_rows);
    let mut run = 0;
    let mut cases: Vec<(&str, &str)> = faults::POINTS.iter().map(|p| (*p, "error")).collect();
    for point in [
        "store::mid_transaction",
        "store::before_commit",
        "index::documents_added",
        "index::committed",
    ] {
        cases.push((point, "enospc"));
    }
    cases.push(("store::mid_transaction", "panic"));
    cases.push(("index::before_switch", "panic"));
    for (point, action) in cases {
        run += 1;
        let (target, _) = lab.stage(run % 2);
        let index_before = generation::current(&lab.paths.index_dir).unwrap();
        let output = lab
            .command("import", &format!("{point}={action}"))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{point}={action} must fail");
        match action {
            "enospc" => assert!(stderr.contains("No space left on device"), "{stderr}"),
            "error" => assert!(stderr.contains("injected fault"), "{stderr}"),
            _ => assert!(stderr.contains("injected panic"), "{stderr}"),
        }
        lab.assert_consistent(&before, &target, &data_rows);
        let db_written = lab.release() != before;
        let store_points = [
            "import::validated",
            "store::mid_transaction",
            "store::before_commit",
        ];
        assert_eq!(
            db_written,
            !store_points.contains(&point),
            "{point}={action}"
        );
        assert_eq!(
            generation::current(&lab.paths.index_dir).unwrap(),
            index_before,
            "{point}={action}: the live index is untouched"
        );
        if action != "panic" {
            // A failed build removes its own partial generation at once.
            lab.assert_no_orphans();
        }
        before = lab.recover_and_check(&target, &mut data_rows);
    }
}

#[test]
fn s02_r02_a_second_build_is_refused_while_one_runs_and_a_killed_builder_leaves_no_lock() {
    let lab = Lab::new([1, 2]);
    let mut data_rows = HashMap::new();
    let (fp, _) = lab.stage(0);
    lab.recover_and_check(&fp, &mut data_rows);

    let mut first = lab
        .command("index", "index::documents_added=pause")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_pause(&mut first, "index::documents_added");
    let second = lab
        .command("index", "")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("another index build is running"),
        "{stderr}"
    );
    kill(first);

    // The killed builder's lock files (ours and tantivy's) are left on disk; flock is gone.
    assert!(lab.paths.index_dir.join(".build.lock").exists());
    let third = lab
        .command("index", "")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        third.status.success(),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
    lab.assert_no_orphans();
}

#[test]
fn d02_a_start_up_whose_rebuild_hits_a_full_disk_serves_the_older_index() {
    let lab = Lab::new([1, 2]);
    let mut data_rows = HashMap::new();
    let (fp, old_rows) = lab.stage(0);
    lab.recover_and_check(&fp, &mut data_rows);
    lab.stage(1);
    let failed = lab
        .command("import", "index::documents_added=enospc")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!failed.status.success());

    // The database is new, the index old, and the disk still full at the next start.
    let mut server = serve(
        lab.command("serve", "index::documents_added=enospc")
            .arg("--addr")
            .arg("127.0.0.1:0")
            .stderr(Stdio::piped()),
    );
    let reply =
        crate::net::wait_for_answer(&mut server.child, server.addr, "/api/v1/search?per_page=1");
    drop(server);
    assert_eq!(reply.status, 200);
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["total"].as_u64().unwrap() as usize, old_rows);
}
