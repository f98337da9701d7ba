//! The store's own tests: replacement in one transaction, reads, releases, the JSON cells.

use super::*;
use crate::model::{
    Cost, DerivedCost, Lang, Link, Relation, ReleaseMarks, Source, TextField, Translation,
    TranslationMethod,
};

pub(crate) fn sample(id: &str) -> Practice {
    Practice {
        id: PracticeId::parse(id).unwrap(),
        country: "Canada".into(),
        iso2: "CA".into(),
        region: "americas".into(),
        subregion: "northern_america".into(),
        programme: "Toronto Bail Program".into(),
        kind: "programme".into(),
        organisation: "TBP".into(),
        organisation_type: "ngo".into(),
        start_year: Some(1996),
        end_year: None,
        status: "active".into(),
        populations: vec!["migrants".into()],
        atd_types: vec!["bail_bond".into(), "case_management".into()],
        cap_stages: vec![],
        participants: Some(12),
        participants_note: "12 people".into(),
        cost: Cost {
            per_day: Some(12.0),
            per_day_high: Some(16.0),
            bound: Some("range".into()),
            currency: Some("CAD".into()),
            unit: Some("per_person".into()),
            year: Some(2010),
            year_basis: Some("publication".into()),
            detention_per_day: Some(112.0),
            detention_bound: Some("exact".into()),
            ..Cost::default()
        },
        derived: DerivedCost {
            per_day_usd: Some(11.6),
            ..DerivedCost::default()
        },
        outcome_compliance_pct: Some(94.5),
        outcome_other: String::new(),
        summary: "Supervision in the community.".into(),
        source_title: "Source".into(),
        source_url: "https://example.org".into(),
        last_verified: "2026-11-30".into(),
        sources: vec![Source {
            title: "Source".into(),
            url: "https://example.org".into(),
            locator: "p. 2".into(),
            supports: vec!["cost_per_day".into()],
            checked: "2026-11-30".into(),
            ..Source::default()
        }],
        releases: ReleaseMarks {
            added_in: "1.0.0".into(),
            changed_in: "1.1.0".into(),
        },
        figures: Vec::new(),
        translations: vec![Translation {
            field: TextField::Summary,
            lang: Lang::Es,
            text: "Supervisión en la comunidad.".into(),
            method: TranslationMethod::Machine,
            stale: false,
        }],
        status_as_of: Some("2024-07".into()),
        text_lang: Lang::En,
        links: vec![Link {
            relation: Relation::PhaseOf,
            outgoing: false,
            other: PracticeId::parse("ca-other").unwrap(),
        }],
    }
}

#[test]
fn a_replaced_dataset_reads_back_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atlas.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let practices = vec![sample("ca-one"), sample("ca-two")];
    let release = store.replace_all(&practices, "fp1").unwrap();
    assert_eq!(release.generation, 1);
    assert_eq!(release.practices, 2);

    let reader = Reader::open(&path).unwrap();
    assert_eq!(reader.all_practices().unwrap(), practices);
    let one = PracticeId::parse("ca-one").unwrap();
    assert_eq!(reader.practice(&one).unwrap(), Some(practices[0].clone()));
    let missing = PracticeId::parse("zz-missing").unwrap();
    assert_eq!(reader.practice(&missing).unwrap(), None);

    let again = store.replace_all(&practices[..1], "fp2").unwrap();
    assert_eq!(again.generation, 2);
    assert_eq!(again.practices, 1);
    assert_eq!(again.fingerprint, "fp2");
}

#[test]
fn a_corrupt_file_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atlas.sqlite3");
    std::fs::write(&path, b"this is not a database, just some bytes....").unwrap();
    let err = Reader::open(&path).err().expect("must refuse");
    assert!(format!("{err:#}").contains("corrupt"), "{err:#}");
}

#[test]
fn a_missing_database_says_to_import() {
    let dir = tempfile::tempdir().unwrap();
    let err = Reader::open(&dir.path().join("none.sqlite3"))
        .err()
        .expect("must refuse");
    assert!(format!("{err:#}").contains("atd-atlas import"));
}

/// A copy of `path` (and its hot journal) taken while a writer is half-way through writing
/// changed pages into the database file: what a kill inside an import's commit leaves.
fn killed_inside_a_commit(path: &Path, into: &Path) -> PathBuf {
    let writer = Connection::open(path).unwrap();
    // A tiny page cache makes SQLite spill changed pages into the database file before the
    // commit, as a commit writing its pages does.
    writer
        .execute_batch(
            "PRAGMA journal_mode=DELETE; PRAGMA cache_size=2; BEGIN;
             UPDATE practices SET position = position + 1000;
             CREATE TABLE ballast(x);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO ballast SELECT randomblob(800) FROM n;",
        )
        .unwrap();
    let journal = journal_of(path);
    let written = std::fs::metadata(path).unwrap().len();
    assert!(
        written > 1_000_000,
        "the writer must have spilled pages into the file"
    );
    assert!(journal.exists(), "the writer must have a journal");
    let copy = into.join(path.file_name().unwrap());
    std::fs::copy(path, &copy).unwrap();
    std::fs::copy(&journal, journal_of(&copy)).unwrap();
    // Never committed nor rolled back: the copy is all that is kept of this moment.
    drop(writer);
    copy
}

/// A database in `dir` holding `practices`, as an import leaves it.
fn imported(dir: &Path, practices: &[Practice]) -> PathBuf {
    let path = dir.join("atlas.sqlite3");
    Store::open(&path)
        .unwrap()
        .replace_all(practices, "fp1")
        .unwrap();
    path
}

#[test]
fn a_kill_inside_an_import_commit_reads_the_last_good_data() {
    let dir = tempfile::tempdir().unwrap();
    let practices = vec![sample("ca-one"), sample("ca-two")];
    let path = imported(dir.path(), &practices);
    let killed = tempfile::tempdir().unwrap();
    let copy = killed_inside_a_commit(&path, killed.path());

    let reader = Reader::open(&copy).expect("the interrupted write is rolled back");
    assert_eq!(reader.all_practices().unwrap(), practices);
    assert!(
        !journal_of(&copy).exists(),
        "the hot journal was played back"
    );
}

#[test]
fn a_kill_inside_an_import_commit_while_serving_reads_the_last_good_data() {
    let dir = tempfile::tempdir().unwrap();
    let practices = vec![sample("ca-one"), sample("ca-two")];
    let path = imported(dir.path(), &practices);
    let serving = tempfile::tempdir().unwrap();
    let served = serving.path().join("atlas.sqlite3");
    std::fs::copy(&path, &served).unwrap();
    let reader = Reader::open(&served).unwrap();
    assert_eq!(reader.all_practices().unwrap(), practices);

    let killed = tempfile::tempdir().unwrap();
    let copy = killed_inside_a_commit(&path, killed.path());
    std::fs::copy(&copy, &served).unwrap();
    std::fs::copy(journal_of(&copy), journal_of(&served)).unwrap();

    assert_eq!(reader.all_practices().unwrap(), practices);
    assert!(
        !journal_of(&served).exists(),
        "the hot journal was played back"
    );
}
