//! Import, index and serve as a newcomer and an operator meet them: first run, re-runs,
//! a bad CSV, a damaged index, a switch of generations under a live reader.

use std::fs;

use atd_atlas::cli::{self, Rejected};
use atd_atlas::search::{SearchIndex, SearchQuery, generation};
use atd_atlas::store::Reader;

use crate::support::{paths_in, repo_path};

fn browse() -> SearchQuery {
    SearchQuery {
        page: 1,
        per_page: 20,
        ..SearchQuery::default()
    }
}

#[test]
fn the_first_run_imports_and_indexes_and_a_second_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let release = Reader::open(&paths.db).unwrap().release().unwrap().unwrap();
    let built = generation::current(&paths.index_dir).unwrap().unwrap();
    assert_eq!(release.generation, 1);

    cli::prepare(&paths).unwrap();
    let again = Reader::open(&paths.db).unwrap().release().unwrap().unwrap();
    assert_eq!(again, release, "no re-import when the data did not change");
    assert_eq!(generation::current(&paths.index_dir).unwrap(), Some(built));
}

#[test]
fn a_deleted_index_is_rebuilt_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    fs::remove_dir_all(&paths.index_dir).unwrap();
    cli::prepare(&paths).unwrap();
    let index = SearchIndex::open(&paths.index_dir).unwrap();
    let rows = crate::support::shipped_rows().len();
    assert_eq!(index.search(&browse()).unwrap().total, rows);
}

#[test]
fn a_damaged_index_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let live = generation::current(&paths.index_dir).unwrap().unwrap();
    let gen_dir = paths.index_dir.join(format!("gen-{live:06}"));
    fs::write(gen_dir.join("meta.json"), b"{ not json").unwrap();

    cli::prepare(&paths).unwrap();
    let now = generation::current(&paths.index_dir).unwrap().unwrap();
    assert_ne!(now, live);
    assert!(generation::open(&paths.index_dir, now).is_ok());
    let quarantined = fs::read_dir(&paths.index_dir)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().starts_with("corrupt-"));
    assert!(
        quarantined,
        "the damaged generation is kept aside for inspection"
    );
}

#[test]
fn a_bad_csv_changes_nothing_and_names_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let before = Reader::open(&paths.db).unwrap().release().unwrap().unwrap();
    let index_before = generation::current(&paths.index_dir).unwrap();

    let good = fs::read_to_string(repo_path("data/practices.csv")).unwrap();
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    lines[3] = lines[3].replacen(",US,", ",XX,", 1);
    let bad = dir.path().join("bad.csv");
    fs::write(&bad, lines.join("\n")).unwrap();

    let err = cli::import_and_index(&paths, &bad).unwrap_err();
    let rejected = err
        .downcast_ref::<Rejected>()
        .expect("a validation rejection");
    assert!(
        rejected.problems.iter().any(|p| p.line == Some(4)),
        "{rejected}"
    );

    let after = Reader::open(&paths.db).unwrap().release().unwrap().unwrap();
    assert_eq!(after, before);
    assert_eq!(generation::current(&paths.index_dir).unwrap(), index_before);
}

#[test]
fn a_live_reader_switches_to_a_new_generation_and_keeps_answering() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let index = SearchIndex::open(&paths.index_dir).unwrap();
    let first = index.generation().info.generation;
    let total = index.search(&browse()).unwrap().total;

    cli::rebuild_index(&paths).unwrap();
    // Until it looks, the reader keeps serving the old generation.
    assert_eq!(index.search(&browse()).unwrap().generation, first);
    assert!(index.reload_if_changed().unwrap());
    let after = index.search(&browse()).unwrap();
    assert!(after.generation > first);
    assert_eq!(after.total, total);
    assert!(!index.reload_if_changed().unwrap());
}

#[test]
fn two_builds_never_run_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let lock = fs::File::create(paths.index_dir.join(".build.lock")).unwrap();
    lock.lock().unwrap();
    let err = cli::rebuild_index(&paths).unwrap_err();
    assert!(
        format!("{err:#}").contains("another index build is running"),
        "{err:#}"
    );
    drop(lock);
    cli::rebuild_index(&paths).unwrap();
}

#[test]
fn a_corrupt_database_stops_start_up_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let mut bytes = fs::read(&paths.db).unwrap();
    for b in bytes.iter_mut().take(100).skip(16) {
        *b = 0xFF;
    }
    fs::write(&paths.db, bytes).unwrap();
    let err = cli::prepare(&paths).unwrap_err();
    assert!(format!("{err:#}").contains("corrupt"), "{err:#}");
}
