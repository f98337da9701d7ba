//! M3/L1: `atd-atlas proposals accept` SIGKILLed at every fault point (its intent
//! committed, each file's copy synced, renamed and its folder synced, the decision about to
//! be recorded) and at random moments. After each kill, before any repair, the files are as
//! they were, or as the recorded intent says they will be, or the proposal is accepted
//! with both written; then a retry of `accept` finishes it, and: published rows = accepted
//! proposals, each accepted proposal's source once in sources.csv and no other's, no
//! unfinished intent or temporary copy left, and `atd-atlas check` passes. `reject` after a
//! kill says truthfully whether anything was written.
//!
//! `ATD_ACCEPT_KILLS` (default 12) sets the random kills; `ATD_KILL_SEED` repeats a run.
//! `scripts/reliability/accept-kills.sh` runs 100 and more.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use atd_atlas::faults;
use atd_atlas::import;
use atd_atlas::model::Reference;
use atd_atlas::proposals::{self, Draft, Warning, sheet};
use atd_atlas::store::proposals::{NewProposal, PendingCaps, ProposalKind, ProposalStore, Status};

use crate::binary::atlas;
use crate::proposals::{Lab, proposal, with};

/// A practice of the shipped data that the correction cases edit.
const CORRECTED: &str = "us-ice-isap";

const ROOMY: PendingCaps = PendingCaps {
    per_client: 100_000,
    per_prefix: 100_000,
    total: 100_000,
};

struct Bench {
    lab: Lab,
    store: ProposalStore,
    reference: Reference,
}

impl Bench {
    fn new() -> Bench {
        let lab = Lab::new();
        let store = ProposalStore::open(&lab.proposals_db()).unwrap();
        let reference = import::load_reference(&lab.paths.data_dir).unwrap();
        Bench {
            lab,
            store,
            reference,
        }
    }

    fn practices(&self) -> Vec<u8> {
        fs::read(self.lab.paths.practices_csv()).unwrap()
    }

    fn sources(&self) -> Vec<u8> {
        fs::read(import::sources_path(&self.lab.paths.practices_csv())).unwrap()
    }

    /// Stores proposal `n`: a new practice, or every third one a correction of a figure.
    fn propose(&self, n: usize) -> String {
        let bytes = self.practices();
        let correction = n % 3 == 2;
        let facts = sheet::read_facts(&bytes, correction.then_some(CORRECTED)).unwrap();
        let mut draft = Draft::default();
        if correction {
            draft.practice = Some(CORRECTED.to_string());
            for (column, value) in facts.row.as_ref().unwrap() {
                draft.push(column, value);
            }
            // A figure column still in practices.csv, so accept writes a source for it.
            let now = draft.value("participants").to_string();
            let next = (1000 + n % 40).to_string();
            let next = if next == now {
                "1999".to_string()
            } else {
                next
            };
            draft.push("participants", &next);
            draft.push("source_url", &format!("https://example.org/check/{n}"));
            draft.why = format!("The check report {n} gives {next} participants.");
            draft.why_source = format!("https://example.org/check/{n}");
        } else {
            let name = format!("Zzyzx kill harness programme {n}");
            for (column, value) in with(&proposal(), "programme", &name) {
                match column {
                    "email" => draft.email = value,
                    "submitter" => draft.submitter = value,
                    "website" => {}
                    _ => draft.push(column, &value),
                }
            }
        }
        let checked = proposals::check(&draft, &facts, &self.reference)
            .unwrap_or_else(|e| panic!("proposal {n} is valid: {e:?}"));
        let new = NewProposal {
            kind: checked.kind,
            practice_id: checked.practice_id.clone(),
            cells: checked.cells.clone(),
            submitter: draft.submitter.clone(),
            email: draft.email.clone(),
            client: "127.0.0.1".into(),
            lang: "en".into(),
            warnings: checked.warnings.iter().map(Warning::describe).collect(),
            ..NewProposal::default()
        };
        self.store.submit(&new, ROOMY).unwrap().unwrap()
    }

    fn command(&self, args: &[&str], failpoints: &str) -> Command {
        let mut command = atlas(&self.lab.paths);
        command
            .args(args)
            .env_remove("ATD_PROPOSALS_DB")
            .env(faults::ENV, failpoints)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args, "").output().unwrap()
    }

    fn accept(&self, reference: &str, failpoints: &str) -> Child {
        self.command(
            &["proposals", "accept", reference, "--by", "harness"],
            failpoints,
        )
        .spawn()
        .unwrap()
    }

    /// What must hold right after a kill, before anything repairs it. Returns the state
    /// seen, for the figures.
    fn assert_consistent_after_kill(
        &self,
        reference: &str,
        practices_before: &[u8],
        sources_before: &[u8],
    ) -> &'static str {
        let status = self.store.get(reference).unwrap().unwrap().status;
        let intents = self.store.unfinished_accepts().unwrap();
        let (practices, sources) = (self.practices(), self.sources());
        match (status, intents.as_slice()) {
            (Status::Pending, []) => {
                assert!(
                    practices == practices_before && sources == sources_before,
                    "{reference}: pending with no intent, yet the files changed"
                );
                "nothing recorded"
            }
            (Status::Pending, [intent]) => {
                assert_eq!(intent.reference, reference);
                let mut written = 0;
                for file in &intent.files {
                    let now = fs::read(&file.path).ok();
                    if now.as_deref() == Some(file.after.as_slice()) {
                        written += 1;
                    } else {
                        assert!(
                            now == file.before,
                            "{}: neither before nor after",
                            file.path.display()
                        );
                    }
                }
                [
                    "intent, no file written",
                    "intent, one file written",
                    "intent, both written",
                ][written.min(2)]
            }
            (Status::Accepted, []) => {
                assert!(
                    practices != practices_before,
                    "{reference}: accepted, file old"
                );
                "accepted"
            }
            other => panic!("{reference}: impossible state {other:?}"),
        }
    }

    /// The published files against the proposals database: every accepted proposal in
    /// them, no other, nothing unfinished, and the import's check passes.
    fn assert_files_match_decisions(&self) {
        let practices = String::from_utf8(self.practices()).unwrap();
        let sources = String::from_utf8(self.sources()).unwrap();
        let all = self.store.list(None).unwrap();
        for s in &all {
            let locator = format!("proposal {}", s.reference);
            let cited = sources.matches(&locator).count();
            let accepted = s.status == Status::Accepted;
            assert_eq!(
                cited,
                usize::from(accepted),
                "{} cited {cited} times",
                s.reference
            );
            if s.kind == ProposalKind::New {
                let rows = practices
                    .lines()
                    .filter(|l| l.starts_with(&format!("{},", s.practice_id)))
                    .count();
                assert_eq!(rows, usize::from(accepted), "{}: {rows} rows", s.reference);
            }
        }
        assert!(self.store.unfinished_accepts().unwrap().is_empty());
        let partial: Vec<String> = fs::read_dir(&self.lab.paths.data_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".partial"))
            .collect();
        assert!(partial.is_empty(), "temporary copies left: {partial:?}");
        let check = self.run(&["check"]);
        assert!(
            check.status.success(),
            "check fails: {}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

fn wait_for_pause(child: &mut Child, point: &str) {
    let stderr = child.stderr.take().expect("stderr piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("paused") {
                let _ = tx.send(Ok(line));
                return;
            }
            seen.push(line);
        }
        let _ = tx.send(Err(seen.join("\n")));
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(Ok(line)) => assert!(line.contains(point), "{line}"),
        Ok(Err(output)) => panic!("accept ended before {point}: {output}"),
        Err(_) => panic!("accept never reached {point}"),
    }
}

fn kill(mut child: Child) {
    // SIGKILL: no destructor, no rollback, no lock release but the kernel's.
    let _ = child.kill();
    let _ = child.wait();
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
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

fn random_kills() -> usize {
    std::env::var("ATD_ACCEPT_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
}

fn seed() -> u64 {
    std::env::var("ATD_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        })
}

#[test]
fn m3_l1_accept_killed_at_every_fsync_and_at_random_moments_is_finished_by_a_retry() {
    let bench = Bench::new();
    // How long an uninterrupted accept takes, to spread the random kills over it.
    let first = bench.propose(0);
    let started = Instant::now();
    ok(&bench.accept(&first, "").wait_with_output().unwrap());
    let whole = started.elapsed();
    bench.assert_files_match_decisions();

    let seed = seed();
    let mut rng = Rng(seed);
    let kills = random_kills();
    println!(
        "accept kill harness: seed {seed}, {kills} random kills over {whole:?} + {} points",
        faults::ACCEPT_POINTS.len()
    );
    let mut states: std::collections::BTreeMap<&str, usize> = Default::default();
    let cases: Vec<Option<&str>> = faults::ACCEPT_POINTS
        .iter()
        .map(|p| Some(*p))
        .chain(std::iter::repeat_n(None, kills))
        .collect();
    for (n, point) in cases.into_iter().enumerate() {
        let reference = bench.propose(n + 1);
        let (practices_before, sources_before) = (bench.practices(), bench.sources());
        match point {
            Some(point) => {
                let mut child = bench.accept(&reference, &format!("{point}=pause"));
                wait_for_pause(&mut child, point);
                kill(child);
            }
            None => {
                // Half over the whole run, half over its last fifth, where the files are
                // written (most of a run is start-up and the import check).
                let permille = match n % 2 {
                    0 => rng.next() % 1100,
                    _ => 800 + rng.next() % 250,
                };
                let delay = whole.mul_f64(permille as f64 / 1000.0);
                let child = bench.accept(&reference, "");
                std::thread::sleep(delay);
                kill(child);
            }
        }
        let state =
            bench.assert_consistent_after_kill(&reference, &practices_before, &sources_before);
        *states.entry(state).or_default() += 1;
        if state != "accepted" {
            let retry = ok(&bench.run(&["proposals", "accept", &reference]));
            assert!(retry.contains(&format!("accepted {reference}")), "{retry}");
        }
        bench.assert_files_match_decisions();
    }
    let total: usize = states.values().sum();
    println!(
        "accept kill harness: {total} kills, 0 inconsistencies; states after the kill: {states:?}"
    );
}

/// A reject after an accept was killed says what is true: nothing written (it proceeds), or
/// the files already hold the row (it refuses and says to finish the accept).
#[test]
fn m3_reject_after_a_killed_accept_tells_what_was_written() {
    let bench = Bench::new();
    let early = bench.propose(1);
    let before = (bench.practices(), bench.sources());
    let mut child = bench.accept(&early, "accept::intent_recorded=pause");
    wait_for_pause(&mut child, "accept::intent_recorded");
    kill(child);
    let said = ok(&bench.run(&["proposals", "reject", &early, "--reason", "spam"]));
    assert!(said.contains("stopped before writing anything"), "{said}");
    assert_eq!((bench.practices(), bench.sources()), before);

    let late = bench.propose(2);
    let mut child = bench.accept(&late, "accept::sources_folder_synced=pause");
    wait_for_pause(&mut child, "accept::sources_folder_synced");
    kill(child);
    let refused = bench.run(&["proposals", "reject", &late, "--reason", "spam"]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("already holds"), "{err}");
    assert!(err.contains(&format!("proposals accept {late}")), "{err}");
    // Any later accept finishes the stopped one first: the file never keeps an orphan source.
    let third = bench.propose(4);
    let out = ok(&bench.run(&["proposals", "accept", &third]));
    assert!(out.contains(&format!("finished accepting {late}")), "{out}");
    bench.assert_files_match_decisions();
    assert_eq!(
        bench.store.get(&early).unwrap().unwrap().status,
        Status::Rejected
    );
}
