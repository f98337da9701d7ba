//! Damaged files at start-up (X10, X11, F01): every way an index generation can be damaged is
//! detected and the index rebuilt from SQLite; random byte flips in segment files never panic;
//! a damaged database stops start-up with advice; the index opens from a read-only directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atd_atlas::cli;
use atd_atlas::config::Paths;
use atd_atlas::search::readonly::ReadOnlyDirectory;
use atd_atlas::search::{SearchIndex, SearchQuery, generation};
use proptest::prelude::*;
use tantivy::Directory;

use crate::support::{copy_tree, paths_in, shipped_rows};

/// One import of the shipped data, copied for each test that damages it.
fn template() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        cli::prepare(&paths_in(dir.path())).unwrap();
        dir
    })
    .path()
}

/// A fresh copy of the template's database and index.
fn copy_of_template() -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(template(), dir.path());
    let paths = paths_in(dir.path());
    (dir, paths)
}

fn live_dir(paths: &Paths) -> PathBuf {
    let live = generation::current(&paths.index_dir).unwrap().unwrap();
    paths.index_dir.join(format!("gen-{live:06}"))
}

/// The segment files of a generation, largest first.
fn segment_files(gen_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = fs::read_dir(gen_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && !name.ends_with(".json") && !name.ends_with(".lock")
        })
        .map(|p| (fs::metadata(&p).unwrap().len(), p))
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    files.into_iter().map(|(_, p)| p).collect()
}

fn browse_total(paths: &Paths) -> usize {
    let index = SearchIndex::open(&paths.index_dir).unwrap();
    let all = SearchQuery {
        page: 1,
        per_page: 10,
        ..SearchQuery::default()
    };
    index.search(&all).unwrap().total
}

type Damage = fn(&Path);

fn damages() -> Vec<(&'static str, Damage)> {
    vec![
        ("meta.json deleted", |g| {
            fs::remove_file(g.join("meta.json")).unwrap()
        }),
        ("meta.json truncated", |g| {
            let bytes = fs::read(g.join("meta.json")).unwrap();
            fs::write(g.join("meta.json"), &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("meta.json not JSON", |g| {
            fs::write(g.join("meta.json"), b"{ not json").unwrap()
        }),
        ("segment file truncated", |g| {
            let file = &segment_files(g)[0];
            let bytes = fs::read(file).unwrap();
            fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("segment file bit-flipped", |g| {
            let file = &segment_files(g)[0];
            let mut bytes = fs::read(file).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x10;
            fs::write(file, bytes).unwrap();
        }),
        ("segment file deleted", |g| {
            fs::remove_file(&segment_files(g)[0]).unwrap()
        }),
        ("every segment file deleted", |g| {
            for file in segment_files(g) {
                fs::remove_file(file).unwrap();
            }
        }),
        ("build record deleted", |g| {
            fs::remove_file(g.join("atlas-build.json")).unwrap()
        }),
        ("build record wrong", |g| {
            let path = g.join("atlas-build.json");
            let text = fs::read_to_string(&path).unwrap();
            fs::write(path, text.replace("\"practices\": ", "\"practices\": 1")).unwrap();
        }),
    ]
}

#[test]
fn x10_every_kind_of_index_damage_is_detected_and_rebuilt_from_sqlite() {
    let rows = shipped_rows().len();
    for (what, damage) in damages() {
        let (_dir, paths) = copy_of_template();
        let before = generation::current(&paths.index_dir).unwrap().unwrap();
        damage(&live_dir(&paths));
        assert!(
            generation::open(&paths.index_dir, before).is_err(),
            "{what}: not detected"
        );
        cli::prepare(&paths).unwrap_or_else(|e| panic!("{what}: start-up failed: {e:#}"));
        let after = generation::current(&paths.index_dir).unwrap().unwrap();
        assert!(after > before, "{what}: not rebuilt");
        assert_eq!(browse_total(&paths), rows, "{what}");
        let kept_aside = fs::read_dir(&paths.index_dir).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("corrupt-")
        });
        assert!(
            kept_aside,
            "{what}: the damaged generation is kept for inspection"
        );
    }
}

#[test]
fn x10_a_missing_managed_list_or_current_pointer_still_ends_serving_everything() {
    let rows = shipped_rows().len();
    // .managed.json only lists files for garbage collection: the index is whole without it.
    let (_dir, paths) = copy_of_template();
    fs::remove_file(live_dir(&paths).join(".managed.json")).unwrap();
    cli::prepare(&paths).unwrap();
    assert_eq!(browse_total(&paths), rows);

    for pointer in [&b""[..], b"gen-", b"gen-999999\n", b"../../etc/passwd"] {
        let (_dir, paths) = copy_of_template();
        fs::write(paths.index_dir.join("CURRENT"), pointer).unwrap();
        cli::prepare(&paths).unwrap();
        assert_eq!(browse_total(&paths), rows, "CURRENT = {pointer:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    /// Whatever bytes are flipped, opening and searching returns an answer or an error.
    #[test]
    fn x10_random_flips_in_segment_files_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 1u8..=255), 1..8)) {
        let (_dir, paths) = copy_of_template();
        let gen_dir = live_dir(&paths);
        let files = segment_files(&gen_dir);
        for (file, at, mask) in flips {
            let file = file.get(&files);
            let mut bytes = fs::read(file).unwrap();
            if bytes.is_empty() { continue; }
            let at = at.index(bytes.len());
            bytes[at] ^= mask;
            fs::write(file, bytes).unwrap();
        }
        let number = generation::current(&paths.index_dir).unwrap().unwrap();
        if generation::open(&paths.index_dir, number).is_ok() {
            let index = SearchIndex::open(&paths.index_dir).unwrap();
            for q in ["", "detention", "children bail"] {
                let query = SearchQuery { text: q.to_string(), page: 1, per_page: 20, ..SearchQuery::default() };
                let _ = index.search(&query);
            }
        }
    }
}

#[test]
fn x11_a_truncated_or_overwritten_database_stops_start_up_with_advice() {
    type Corrupt = fn(&Path);
    let cases: Vec<(&str, Corrupt)> = vec![
        ("truncated to half", |db| {
            let bytes = fs::read(db).unwrap();
            fs::write(db, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("header magic flipped", |db| {
            let mut bytes = fs::read(db).unwrap();
            bytes[0] ^= 0xFF;
            fs::write(db, bytes).unwrap();
        }),
        ("page size garbled", |db| {
            let mut bytes = fs::read(db).unwrap();
            bytes[16] = 0x03;
            bytes[17] = 0x01;
            fs::write(db, bytes).unwrap();
        }),
        ("truncated to 100 bytes", |db| {
            let bytes = fs::read(db).unwrap();
            fs::write(db, &bytes[..100]).unwrap();
        }),
        ("second page zeroed", |db| {
            let mut bytes = fs::read(db).unwrap();
            let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
            let end = (2 * page).min(bytes.len());
            bytes[page..end].fill(0);
            fs::write(db, bytes).unwrap();
        }),
    ];
    for (what, corrupt) in cases {
        let (_dir, paths) = copy_of_template();
        let index_before = generation::current(&paths.index_dir).unwrap();
        corrupt(&paths.db);
        let err = cli::prepare(&paths).expect_err(what);
        let message = format!("{err:#}");
        assert!(
            message.contains("corrupt") && message.contains("backup"),
            "{what}: {message}"
        );
        assert_eq!(
            generation::current(&paths.index_dir).unwrap(),
            index_before,
            "{what}: the index is never rebuilt from a damaged database"
        );
    }
}

#[test]
fn f01_generations_are_opened_without_writing_and_refuse_writes() {
    let (_dir, paths) = copy_of_template();
    let gen_dir = live_dir(&paths);
    let before: Vec<_> = fs::read_dir(&gen_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let directory = ReadOnlyDirectory::open(&gen_dir).unwrap();
    assert!(directory.open_write(Path::new("x")).is_err());
    assert!(directory.atomic_write(Path::new("x"), b"x").is_err());
    assert!(directory.delete(Path::new("meta.json")).is_err());
    assert_eq!(browse_total(&paths), shipped_rows().len());
    let mut after: Vec<_> = fs::read_dir(&gen_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let mut before = before;
    before.sort();
    after.sort();
    assert_eq!(
        before, after,
        "opening and searching created or removed no file"
    );
}
