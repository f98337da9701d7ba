//! The `atd-atlas` binary as a person runs it: exit codes, error lines, check and import.

use std::process::Output;

use crate::binary::atlas;
use crate::support::{copy_shipped_data, paths_in, repo_path};

/// The binary on the shipped data, its database and index in `dir`.
fn atd_atlas(dir: &std::path::Path, args: &[&str]) -> Output {
    atlas(&paths_in(dir))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn check_accepts_the_shipped_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = atd_atlas(dir.path(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rows = crate::support::shipped_rows().len();
    assert!(
        stdout.contains(&format!("{rows} practices, ")) && stdout.contains(" figures, no problems"),
        "{stdout}"
    );
    assert!(
        !dir.path().join("atlas.sqlite3").exists(),
        "check writes nothing"
    );
}

#[test]
fn a_bad_csv_exits_65_naming_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(repo_path("data/practices.csv")).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    let broken = lines[2].replacen(",US,", ",XX,", 1);
    assert_ne!(broken, lines[2], "row 2 is a US practice to break");
    lines[2] = &broken;
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();

    for command in ["check", "import"] {
        let out = atd_atlas(dir.path(), &[command, bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(65), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("bad.csv:3"), "{command}: {stderr}");
        assert!(stderr.contains("iso2"), "{command}: {stderr}");
        assert!(
            stderr.contains("nothing was changed"),
            "{command}: {stderr}"
        );
    }
    assert!(!dir.path().join("atlas.sqlite3").exists());
}

#[test]
fn import_then_index_build_generations() {
    let dir = tempfile::tempdir().unwrap();
    let out = atd_atlas(dir.path(), &["import"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = atd_atlas(dir.path(), &["index"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let current = std::fs::read_to_string(dir.path().join("index/CURRENT")).unwrap();
    assert_eq!(current.trim(), "gen-000002");
}

#[test]
fn index_without_a_database_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = atd_atlas(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("atd-atlas import"), "{stderr}");
}

#[test]
fn diff_writes_the_exact_changelog_entry_and_never_rewrites_a_release() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = |name: &str| repo_path("tests/fixtures/diff").join(name);
    let changelog = dir.path().join("CHANGELOG.md");
    let (old, new) = (fixture("old.csv"), fixture("new.csv"));
    let args = [
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--version",
        "2.0.0",
        "--date",
        "2026-12-01",
        "--changelog",
        changelog.to_str().unwrap(),
    ];
    let out = atd_atlas(dir.path(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = std::fs::read_to_string(fixture("CHANGELOG.expected.md")).unwrap();
    let written = std::fs::read_to_string(&changelog).unwrap();
    assert_eq!(written, expected);
    let entry = &expected[expected.find("## 2.0.0").unwrap()..];
    assert_eq!(String::from_utf8_lossy(&out.stdout), entry);

    let again = atd_atlas(dir.path(), &args);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already has release 2.0.0"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(std::fs::read_to_string(&changelog).unwrap(), expected);
}

/// The shipped practices, sources and translations copied into `dir`, for a test to edit.
fn shipped_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let edited = ["practices.csv", "sources.csv", "translations.csv"];
    copy_shipped_data(dir, |name| edited.contains(&name));
    dir.join("practices.csv")
}

#[test]
fn check_lists_translations_whose_english_changed() {
    let dir = tempfile::tempdir().unwrap();
    let csv = shipped_copy(dir.path());
    let text = std::fs::read_to_string(&csv).unwrap();
    let edited = text.replacen(
        "One adult must remain present in the home.",
        "One adult must stay at home.",
        1,
    );
    assert_ne!(edited, text, "the Belgian summary is there to change");
    std::fs::write(&csv, edited).unwrap();
    let out = atd_atlas(dir.path(), &["check", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("the es `summary` of `be-family-units-return-houses` may be out of date"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 translations may be out of date"),
        "{stdout}"
    );
}

#[test]
fn a_translation_whose_numbers_differ_is_refused_by_check_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let csv = shipped_copy(dir.path());
    let translations = dir.path().join("translations.csv");
    let text = std::fs::read_to_string(&translations).unwrap();
    let (line, row) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(",es,") && l.contains("2008"))
        .expect("a Spanish text with a year");
    let broken = text.replacen(row, &row.replacen("2008", "2009", 1), 1);
    std::fs::write(&translations, broken).unwrap();
    for command in ["check", "import"] {
        let out = atd_atlas(dir.path(), &[command, csv.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(65), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let place = format!("translations.csv:{}, column text", line + 1);
        assert!(stderr.contains(&place), "{command}: {stderr}");
        assert!(stderr.contains("keeps every number"), "{command}: {stderr}");
        assert!(
            stderr.contains("nothing was changed"),
            "{command}: {stderr}"
        );
    }
    assert!(!dir.path().join("atlas.sqlite3").exists());
}

/// A bad figure beside good practices refuses the whole import, naming the figures file,
/// line and column: a money figure with a currency that does not exist.
#[test]
fn a_bad_figure_exits_65_naming_its_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = repo_path("data");
    let practices = dir.path().join("practices.csv");
    copy_shipped_data(dir.path(), |name| {
        name == "practices.csv" || name == "sources.csv"
    });
    let figures = std::fs::read_to_string(data.join("figures.csv")).unwrap();
    let mut lines: Vec<&str> = figures.lines().collect();
    let broken = lines[1].replacen(",USD,", ",EURO,", 1);
    assert_ne!(broken, lines[1], "figure 1 has a USD amount to break");
    lines[1] = &broken;
    std::fs::write(dir.path().join("figures.csv"), lines.join("\n") + "\n").unwrap();

    for command in ["check", "import"] {
        let out = atd_atlas(dir.path(), &[command, practices.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(65), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("figures.csv:2"), "{command}: {stderr}");
        assert!(stderr.contains("currency"), "{command}: {stderr}");
        assert!(
            stderr.contains("nothing was changed"),
            "{command}: {stderr}"
        );
    }
    assert!(!dir.path().join("atlas.sqlite3").exists());
}

/// The file caps are the command line's: lowered, a file is refused with the flag that
/// raises them named and nothing written; raised, the same file passes.
#[test]
fn import_and_check_take_their_file_caps_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let rows = crate::support::shipped_rows().len();
    // A copy of the shipped data whose rows are padded past 1 MiB with blank lines (which
    // carry no row).
    let data = dir.path().join("data");
    crate::support::copy_shipped_data(&data, |_| true);
    let big = data.join("practices.csv");
    let mut padded = std::fs::read_to_string(&big).unwrap();
    padded.push_str(&"\n".repeat(1024 * 1024));
    std::fs::write(&big, padded).unwrap();
    let big = big.to_str().unwrap();
    let fewer = (rows - 1).to_string();
    for (args, named) in [
        (["check", "--max-rows", fewer.as_str(), big], "--max-rows N"),
        (
            ["import", "--max-rows", fewer.as_str(), big],
            "--max-rows N",
        ),
        (["check", "--max-file-mib", "1", big], "--max-file-mib N"),
        (["import", "--max-file-mib", "1", big], "--max-file-mib N"),
    ] {
        let out = atd_atlas(dir.path(), &args);
        assert_eq!(out.status.code(), Some(65), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(named), "{args:?}: {stderr}");
        assert!(!dir.path().join("atlas.sqlite3").exists(), "{args:?} wrote");
    }
    let exact = rows.to_string();
    let out = atd_atlas(
        dir.path(),
        &["check", "--max-rows", &exact, "--max-file-mib", "2", big],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = atd_atlas(dir.path(), &["check", "--max-rows", "0"]);
    assert_eq!(out.status.code(), Some(2), "a cap of 0 is a usage error");
}
