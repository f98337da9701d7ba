//! Unit and property tests of the whole import pipeline on in-memory CSV.
//!
//! Over 500 lines: one case per test of the importer's behaviour on practices.csv (problems
//! with their place, all or nothing, derived costs, limits), sharing the fixtures at its top.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;
use crate::model::{Lang, Reference};

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data");
        load_reference(&dir).expect("test reference data")
    })
}

const VALID: [(&str, &str); 29] = [
    ("id", "mx-test-programme"),
    ("country", "Mexico"),
    ("iso2", "MX"),
    ("programme", "Test programme"),
    ("kind", "programme"),
    ("organisation", "Test organisation"),
    ("organisation_type", "ngo"),
    ("start_year", "2015"),
    ("end_year", ""),
    ("status", "active"),
    ("populations", "children;families"),
    ("atd_types", "case_management"),
    ("cap_stages", "screening_assessment;placement"),
    ("participants", "120"),
    ("participants_note", ""),
    ("cost_per_day", "200"),
    ("cost_currency", "MXN"),
    ("cost_unit", "per_person"),
    ("cost_year", "2015"),
    ("detention_cost_per_day", "1000"),
    ("outcome_compliance_pct", "95"),
    ("outcome_other", ""),
    ("summary", "A test summary."),
    ("source_title", "Test source"),
    ("source_url", "https://example.org/report"),
    ("cost_bound", "exact"),
    ("detention_cost_bound", "exact"),
    ("cost_year_basis", "stated"),
    ("last_verified", "2026-11-30"),
];

/// Sources that support every figure of every valid id in `text`.
fn sources_for(text: &str) -> Sources {
    let mut ids: Vec<String> = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    for record in reader.records().flatten() {
        let id = record.get(0).unwrap_or("").trim().to_string();
        if PracticeId::parse(&id).is_some() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    let supports = header::Col::FIGURES.map(header::Col::name).join(";");
    let mut csv =
        String::from("practice_id,title,url,publisher,published,locator,supports,checked\n");
    for id in ids {
        csv.push_str(&format!(
            "{id},Test source,https://example.org/report,,,p. 1,{supports},2026-11-30\n"
        ));
    }
    let (sources, problems) = parse_sources("sources.csv", csv.as_bytes(), 2026);
    assert!(problems.is_empty(), "{problems:?}");
    sources
}

/// One CSV line (no terminator) of a valid row with some cells replaced.
fn row(changes: &[(&str, &str)]) -> String {
    let cells: Vec<String> = VALID
        .iter()
        .map(|(name, value)| {
            let value = changes
                .iter()
                .find(|(n, _)| n == name)
                .map_or(*value, |(_, v)| *v);
            quote(value)
        })
        .collect();
    cells.join(",")
}

fn quote(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn header() -> String {
    VALID.map(|(name, _)| name).join(",")
}

fn file(rows: &[String]) -> String {
    let mut text = header();
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

fn parse(text: &str) -> Result<Vec<Practice>, Vec<Problem>> {
    parse_practices(
        "practices.csv",
        text.as_bytes(),
        sources_for(text),
        reference(),
        &Limits::default(),
    )
}

/// One valid practice (`mx-test-programme`), for tests of what is attached to a practice.
pub(crate) fn sample_practice() -> Practice {
    let mut practices = parse(&file(&[row(&[])])).expect("valid");
    practices.remove(0)
}

fn problems(text: &str) -> Vec<Problem> {
    parse(text).expect_err("should be rejected")
}

/// The one problem with a column, asserting where it is and what it says.
fn assert_problem(found: &[Problem], line: u64, record: u64, column: &str, needle: &str) {
    let hit = found
        .iter()
        .find(|p| p.column.as_deref() == Some(column) && p.message.contains(needle));
    let Some(problem) = hit else {
        panic!("no problem in column {column} containing {needle:?} in {found:#?}");
    };
    assert_eq!(
        (problem.line, problem.record),
        (Some(line), Some(record)),
        "{problem}"
    );
}

#[test]
fn a_valid_row_becomes_a_practice_with_derived_costs() {
    let practices = parse(&file(&[row(&[])])).expect("valid");
    let [practice] = practices.as_slice() else {
        panic!("one practice expected");
    };
    assert_eq!(practice.id.as_str(), "mx-test-programme");
    assert_eq!(practice.region, "americas");
    assert_eq!(practice.subregion, "latin_america_and_the_caribbean");
    assert_eq!(practice.populations, ["children", "families"]);
    assert_eq!(practice.cap_stages, ["screening_assessment", "placement"]);
    assert_eq!(practice.participants, Some(120));
    assert_eq!(practice.cost.currency.as_deref(), Some("MXN"));
    assert_eq!(practice.derived.per_day_usd, Some(10.0));
    assert_eq!(practice.derived.per_day_usd_constant, Some(12.5));
    assert_eq!(practice.derived.detention_per_day_usd_constant, Some(62.5));
    assert_eq!(practice.derived.saving_per_day_usd_constant, Some(50.0));
    assert_eq!(practice.end_year, None);
}

#[test]
fn problems_display_file_line_record_and_column() {
    let problem = Problem {
        file: "practices.csv".into(),
        line: Some(14),
        record: Some(12),
        column: Some("cost_currency".into()),
        message: "'EURO' is not an ISO 4217 code; did you mean 'EUR'?".into(),
    };
    assert_eq!(
        problem.to_string(),
        "practices.csv:14 (record 12), column cost_currency: 'EURO' is not an ISO 4217 code; did you mean 'EUR'?"
    );
    let file_level = Problem {
        line: None,
        record: None,
        column: None,
        message: "file is empty".into(),
        ..problem.clone()
    };
    assert_eq!(file_level.to_string(), "practices.csv: file is empty");
    let header = Problem {
        line: Some(1),
        record: None,
        column: Some("country".into()),
        message: "m".into(),
        ..problem
    };
    assert_eq!(header.to_string(), "practices.csv:1, column country: m");
}

#[test]
fn every_problem_of_every_row_is_reported_in_line_order() {
    let text = file(&[
        row(&[
            ("id", "first-row"),
            ("cost_currency", "EURO"),
            ("kind", "programe"),
        ]),
        row(&[("id", "second-row")]),
        row(&[
            ("id", "third-row"),
            ("start_year", "2023-02-30"),
            ("source_url", "javascript:alert(1)"),
        ]),
    ]);
    let found = problems(&text);
    let located: Vec<(Option<u64>, Option<&str>)> = found
        .iter()
        .map(|p| (p.line, p.column.as_deref()))
        .collect();
    assert_eq!(
        located,
        [
            (Some(2), Some("kind")),
            (Some(2), Some("cost_currency")),
            (Some(4), Some("start_year")),
            (Some(4), Some("source_url")),
        ]
    );
    assert_problem(
        &found,
        2,
        1,
        "cost_currency",
        "'EURO' is not an ISO 4217 code; did you mean 'EUR'?",
    );
}

#[test]
fn lines_and_records_differ_after_embedded_newlines() {
    let text = file(&[
        row(&[("id", "multi-line"), ("summary", "one\ntwo\nthree")]),
        row(&[("id", "broken-row"), ("iso2", "Mexico")]),
    ]);
    let found = problems(&text);
    assert_problem(&found, 5, 2, "iso2", "did you mean 'MX'?");
}

#[test]
fn cross_field_rules() {
    let found = problems(&file(&[row(&[
        ("start_year", "2015"),
        ("end_year", "2010"),
    ])]));
    assert_problem(
        &found,
        2,
        1,
        "end_year",
        "end_year 2010 is before start_year 2015",
    );
    let found = problems(&file(&[row(&[("cost_currency", "")])]));
    assert_problem(
        &found,
        2,
        1,
        "cost_currency",
        "is empty but the row has a cost",
    );
    let found = problems(&file(&[row(&[
        ("cost_currency", ""),
        ("cost_per_day", ""),
        ("detention_cost_per_day", "5"),
    ])]));
    assert_problem(
        &found,
        2,
        1,
        "cost_currency",
        "is empty but the row has a cost",
    );
    let optional_cost = [
        ("cost_per_day", ""),
        ("cost_currency", ""),
        ("detention_cost_per_day", ""),
        ("cost_unit", ""),
        ("cost_year", ""),
        ("cost_bound", ""),
        ("detention_cost_bound", ""),
        ("cost_year_basis", ""),
    ];
    let practices = parse(&file(&[row(&optional_cost)])).expect("no cost is fine");
    assert_eq!(practices[0].derived, crate::model::DerivedCost::default());
}

#[test]
fn an_unknown_or_missing_bound_is_refused() {
    let found = problems(&file(&[row(&[("cost_bound", "roughly")])]));
    assert_problem(
        &found,
        2,
        1,
        "cost_bound",
        "'roughly' is not a known bound; allowed: exact, upper, lower, range",
    );
    let found = problems(&file(&[row(&[("detention_cost_bound", "")])]));
    assert_problem(
        &found,
        2,
        1,
        "detention_cost_bound",
        "is empty but detention_cost_per_day has a value",
    );
    let found = problems(&file(&[row(&[
        ("cost_per_day", ""),
        ("cost_bound", "exact"),
    ])]));
    assert_problem(
        &found,
        2,
        1,
        "cost_bound",
        "has a value but cost_per_day is empty",
    );
}

#[test]
fn a_range_needs_a_high_end_above_the_amount() {
    let header_with_high = format!("{},cost_per_day_high", header());
    let ranged = |bound: &str, high: &str| {
        format!(
            "{header_with_high}\n{},{high}\n",
            row(&[("cost_bound", bound)])
        )
    };
    let practices = parse(&ranged("range", "260")).expect("a range with its high end");
    assert_eq!(practices[0].cost.bound.as_deref(), Some("range"));
    assert_eq!(practices[0].cost.per_day_high, Some(260.0));
    let found = problems(&ranged("range", ""));
    assert_problem(
        &found,
        2,
        1,
        "cost_per_day_high",
        "is empty but cost_bound is range",
    );
    let found = problems(&ranged("range", "150"));
    assert_problem(
        &found,
        2,
        1,
        "cost_per_day_high",
        "is not above cost_per_day 200",
    );
    let found = problems(&ranged("exact", "260"));
    assert_problem(&found, 2, 1, "cost_per_day_high", "cost_bound is not range");
}

#[test]
fn every_cost_year_has_a_year_basis() {
    let found = problems(&file(&[row(&[("cost_year_basis", "")])]));
    assert_problem(
        &found,
        2,
        1,
        "cost_year_basis",
        "is empty but cost_year has a value",
    );
    let found = problems(&file(&[row(&[("cost_year_basis", "guessed")])]));
    assert_problem(
        &found,
        2,
        1,
        "cost_year_basis",
        "not a known year_basis; allowed: stated, publication",
    );
    let found = problems(&file(&[row(&[("cost_year", "")])]));
    assert_problem(
        &found,
        2,
        1,
        "cost_year_basis",
        "has a value but cost_year is empty",
    );
    let practices = parse(&file(&[row(&[("cost_year_basis", "publication")])])).expect("valid");
    assert!(practices[0].cost.year_assumed());
}

#[test]
fn last_verified_is_a_required_date() {
    let found = problems(&file(&[row(&[("last_verified", "")])]));
    assert_problem(
        &found,
        2,
        1,
        "last_verified",
        "is empty; every practice needs a last_verified",
    );
    let found = problems(&file(&[row(&[("last_verified", "30/11/2026")])]));
    assert_problem(&found, 2, 1, "last_verified", "write it as YYYY-MM-DD");
}

fn sources_csv(rows: &[&str]) -> Sources {
    let text = format!(
        "practice_id,title,url,publisher,published,locator,supports,checked\n{}\n",
        rows.join("\n")
    );
    let (sources, problems) = parse_sources("sources.csv", text.as_bytes(), 2026);
    assert!(problems.is_empty(), "{problems:?}");
    sources
}

fn parse_with(text: &str, sources: Sources) -> Result<Vec<Practice>, Vec<Problem>> {
    parse_practices(
        "practices.csv",
        text.as_bytes(),
        sources,
        reference(),
        &Limits::default(),
    )
}

#[test]
fn a_figure_without_a_supporting_source_is_refused() {
    let text = file(&[row(&[])]);
    let partial = sources_csv(&[
        "mx-test-programme,Report,https://example.org/r,,,p. 4,start_year;status;participants,2026-11-30",
        "mx-test-programme,Budget,https://example.org/b,,2016,table 2,cost_per_day;cost_currency;cost_unit;cost_year;detention_cost_per_day,2026-11-30",
    ]);
    let found = parse_with(&text, partial).expect_err("compliance is unsourced");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_problem(
        &found,
        2,
        1,
        "outcome_compliance_pct",
        "none of the 2 sources of `mx-test-programme` in sources.csv supports it; add `outcome_compliance_pct`",
    );
    let found = parse_with(&text, Sources::missing("data/sources.csv")).expect_err("no sources");
    assert_problem(
        &found,
        2,
        1,
        "cost_per_day",
        "there is no sources file data/sources.csv",
    );
    let no_figures = file(&[row(&[
        ("start_year", ""),
        ("status", "unknown"),
        ("participants", ""),
        ("cost_per_day", ""),
        ("cost_currency", ""),
        ("cost_unit", ""),
        ("cost_year", ""),
        ("detention_cost_per_day", ""),
        ("outcome_compliance_pct", ""),
        ("cost_bound", ""),
        ("detention_cost_bound", ""),
        ("cost_year_basis", ""),
    ])]);
    parse_with(&no_figures, Sources::missing("sources.csv")).expect("nothing to support");
}

#[test]
fn sources_are_attached_and_unknown_practices_refused() {
    let text = file(&[row(&[])]);
    let sources = sources_csv(&[
        "mx-test-programme,Report,https://example.org/r,Pub,2016-05,p. 4,start_year;status;participants;cost_per_day;cost_currency;cost_unit;cost_year;detention_cost_per_day;outcome_compliance_pct,2026-11-30",
        "mx-elsewhere,Other,https://example.org/o,,,p. 1,status,2026-11-30",
    ]);
    let found = parse_with(&text, sources.clone()).expect_err("unknown practice id");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].file, "sources.csv");
    assert_eq!(
        (found[0].line, found[0].column.as_deref()),
        (Some(3), Some("practice_id"))
    );
    assert!(
        found[0]
            .message
            .contains("`mx-elsewhere` is not a practice id of practices.csv")
    );
    let one = sources_csv(&[
        "mx-test-programme,Report,https://example.org/r,Pub,2016-05,p. 4,start_year;status;participants;cost_per_day;cost_currency;cost_unit;cost_year;detention_cost_per_day;outcome_compliance_pct,2026-11-30",
    ]);
    let practices = parse_with(&text, one).expect("all supported");
    assert_eq!(practices[0].sources.len(), 1);
    assert_eq!(practices[0].sources[0].locator, "p. 4");
    assert_eq!(practices[0].last_verified, "2026-11-30");
}

#[test]
fn a_cell_reported_once_is_not_reported_again_as_empty() {
    let found = problems(&file(&[row(&[("programme", "bad\u{0}")])]));
    let programme: Vec<&Problem> = found
        .iter()
        .filter(|p| p.column.as_deref() == Some("programme"))
        .collect();
    assert_eq!(programme.len(), 1, "{found:#?}");
    assert!(programme[0].message.contains("U+0000"));
}

#[test]
fn the_problem_list_is_capped() {
    let rows: Vec<String> = (0..150)
        .map(|i| row(&[("id", &format!("row-{i:03}")), ("iso2", "XX")]))
        .collect();
    let found = problems(&file(&rows));
    assert_eq!(found.len(), MAX_PROBLEMS + 1);
    assert_eq!(found[MAX_PROBLEMS].message, "… and 50 more problems");
    assert_eq!(found[0].line, Some(2));
    assert_eq!(found[MAX_PROBLEMS - 1].line, Some(101));
}

#[test]
fn duplicate_ids_list_every_line() {
    let text = file(&[
        row(&[("id", "same-id")]),
        row(&[("id", "other-id")]),
        row(&[("id", "same-id")]),
        row(&[("id", "same-id")]),
    ]);
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_problem(&found, 4, 3, "id", "id `same-id` on lines 2, 4 and 5");
}

#[test]
fn empty_rows_are_skipped_but_count_as_records() {
    let text = format!(
        "{}\n{}\n,,,\n{}\n",
        header(),
        ",".repeat(24),
        row(&[("iso2", "XX")])
    );
    let found = problems(&text);
    assert_problem(&found, 4, 3, "iso2", "not an ISO 3166-1 alpha-2 code");
}

#[test]
fn field_and_row_caps_are_named() {
    let limits = Limits {
        max_field_bytes: 100,
        max_rows: 2,
        ..Limits::default()
    };
    let long = "x".repeat(101);
    let text = file(&[row(&[("summary", &long)])]);
    let found = parse_practices(
        "p.csv",
        text.as_bytes(),
        sources_for(&text),
        reference(),
        &limits,
    )
    .expect_err("long field");
    assert_problem(
        &found,
        2,
        1,
        "summary",
        "is 101 bytes, over the limit of 100 bytes (max_field_bytes)",
    );
    let rows: Vec<String> = (0..3)
        .map(|i| row(&[("id", &format!("row-{i}"))]))
        .collect();
    let found = parse_practices(
        "p.csv",
        file(&rows).as_bytes(),
        Sources::default(),
        reference(),
        &limits,
    )
    .expect_err("rows");
    assert!(
        found
            .iter()
            .any(|p| p.message.contains("more than 2 rows (max_rows)")),
        "{found:#?}"
    );
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let found = parse_practices(
        "p.csv",
        file(&rows).as_bytes(),
        Sources::default(),
        reference(),
        &limits,
    )
    .expect_err("size");
    assert!(
        found[0]
            .message
            .contains("larger than 10 bytes (max_file_bytes)")
    );
}

#[test]
fn read_practices_names_the_path_and_refuses_big_files_unread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.csv");
    let big = std::fs::File::create(&path).expect("create");
    // Sparse: 65 MiB of nothing costs no disk and would take a while to read.
    big.set_len(65 * 1024 * 1024).expect("set_len");
    let found = read_practices(&path, reference(), &Limits::default()).expect_err("too big");
    assert_eq!(found[0].file, path.display().to_string());
    assert!(
        found[0]
            .message
            .contains("larger than 64 MiB (max_file_bytes)"),
        "{}",
        found[0]
    );
    let missing = read_practices(
        &dir.path().join("nope.csv"),
        reference(),
        &Limits::default(),
    )
    .expect_err("missing");
    assert!(missing[0].message.contains("cannot read the file"));
}

#[test]
fn blank_files_are_empty() {
    for text in ["", "\u{feff}", " \r\n\n\t"] {
        let found = problems(text);
        assert_eq!(found.len(), 1, "{text:?}");
        assert!(
            found[0].message.starts_with("file is empty"),
            "{text:?}: {}",
            found[0]
        );
    }
}

#[test]
fn human_bytes_reads_naturally() {
    assert_eq!(human_bytes(64 * 1024 * 1024), "64 MiB");
    assert_eq!(human_bytes(64 * 1024), "64 KiB");
    assert_eq!(human_bytes(1000), "1000 bytes");
}

/// Line endings: `\n`, `\r\n`, `\r`, and none after the last row.
fn with_endings(rows: &[String], ending: &str, final_newline: bool) -> String {
    let mut text = std::iter::once(header())
        .chain(rows.iter().cloned())
        .collect::<Vec<_>>()
        .join(ending);
    if final_newline {
        text.push_str(ending);
    }
    text
}

fn valid_row_strategy() -> impl Strategy<Value = String> {
    let text = "[a-zA-Z0-9 ,\"é\n]{1,20}";
    (0u32..1000, text, text).prop_map(|(n, summary, note)| {
        row(&[
            ("id", &format!("row-{n}")),
            ("summary", &format!("s{summary}")),
            ("participants_note", &note),
        ])
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_practices("fuzz.csv", &bytes, Sources::default(), reference(), &Limits::default());
    }

    #[test]
    fn arbitrary_text_after_a_header_never_panics(body in "\\PC{0,400}") {
        let text = format!("{}\n{body}", header());
        let _ = parse(&text);
    }

    #[test]
    fn mutated_valid_rows_never_panic(
        rows in proptest::collection::vec(valid_row_strategy(), 1..5),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = file(&rows).into_bytes();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            match byte % 3 {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let _ = parse_practices("mutated.csv", &bytes, Sources::default(), reference(), &Limits::default());
    }

    #[test]
    fn line_endings_do_not_change_the_practices(
        ids in proptest::collection::btree_set(0u32..1000, 1..5),
        multiline in any::<bool>(),
    ) {
        let summary = if multiline { "two\nlines" } else { "one line" };
        let rows: Vec<String> = ids.iter().map(|n| row(&[("id", &format!("row-{n}")), ("summary", summary)])).collect();
        let expected = parse(&with_endings(&rows, "\n", true)).expect("lf");
        for (ending, final_newline) in [("\r\n", true), ("\r", true), ("\n", false), ("\r\n", false)] {
            let text = with_endings(&rows, ending, final_newline);
            prop_assert_eq!(&parse(&text).expect("other endings"), &expected);
        }
    }

    #[test]
    fn forbidden_characters_are_always_reported(c in prop_oneof![
        (0u32..0x20).prop_filter("allowed", |c| ![9, 10, 13].contains(c)),
        0x202Au32..=0x202E,
        0x2066u32..=0x2069,
        0x200Bu32..=0x200D,
        Just(0xFEFFu32),
    ]) {
        let c = char::from_u32(c).expect("valid char");
        let summary = format!("before{c}after");
        let found = problems(&file(&[row(&[("summary", &summary)])]));
        let needle = format!("U+{:04X}", u32::from(c));
        prop_assert!(found.iter().any(|p| p.column.as_deref() == Some("summary") && p.message.contains(&needle)));
    }
}

/// A file with the optional `status_as_of` column appended, one row per (status, date).
fn dated(rows: &[(&str, &str)]) -> String {
    let mut text = format!("{},status_as_of\n", header());
    for (i, (status, date)) in rows.iter().enumerate() {
        let id = format!("mx-test-{i}");
        text.push_str(&format!(
            "{},{date}\n",
            row(&[("id", id.as_str()), ("status", status)])
        ));
    }
    text
}

#[test]
fn a_status_date_is_a_partial_date_of_a_stated_status() {
    let practices = parse(&dated(&[
        ("active", "2024"),
        ("ended", "2023-02-28"),
        ("active", ""),
    ]))
    .expect("valid dates");
    let dates: Vec<Option<&str>> = practices
        .iter()
        .map(|p| p.status_as_of.as_deref())
        .collect();
    assert_eq!(dates, [Some("2024"), Some("2023-02-28"), None]);
    let found = problems(&dated(&[("active", "06/12/2026"), ("unknown", "2024-07")]));
    assert_problem(
        &found,
        2,
        1,
        "status_as_of",
        "write YYYY, YYYY-MM or YYYY-MM-DD",
    );
    assert_problem(
        &found,
        3,
        2,
        "status_as_of",
        "has a date but status is unknown; a date says when a source last stated the status",
    );
}

#[test]
fn a_status_date_needs_a_source_that_supports_it() {
    let text = dated(&[("active", "2024-07-10")]).replace("mx-test-0", "mx-test-programme");
    let without_date = header::Col::FIGURES
        .into_iter()
        .filter(|c| *c != header::Col::StatusAsOf)
        .map(header::Col::name)
        .collect::<Vec<_>>()
        .join(";");
    let row =
        format!("mx-test-programme,Report,https://example.org/r,,,p. 4,{without_date},2026-11-30");
    let found = parse_with(&text, sources_csv(&[&row])).expect_err("the date is unsourced");
    assert_problem(
        &found,
        2,
        1,
        "status_as_of",
        "none of the 1 sources of `mx-test-programme` in sources.csv supports it; add `status_as_of`",
    );
    parse_with(&text, sources_for(&text)).expect("a supporting source");
}

/// A file with the optional `text_lang` column appended, one row per language cell.
fn in_languages(cells: &[&str]) -> String {
    let mut text = format!("{},text_lang\n", header());
    for (i, lang) in cells.iter().enumerate() {
        let id = format!("mx-test-{i}");
        text.push_str(&format!("{},{lang}\n", row(&[("id", id.as_str())])));
    }
    text
}

#[test]
fn a_records_language_is_read_from_text_lang_and_english_without_the_column() {
    let practices = parse(&in_languages(&["en", "es", "fr"])).expect("valid languages");
    let langs: Vec<Lang> = practices.iter().map(|p| p.text_lang).collect();
    assert_eq!(langs, [Lang::En, Lang::Es, Lang::Fr]);
    let older = parse(&file(&[row(&[])])).expect("a file without text_lang");
    assert_eq!(older[0].text_lang, Lang::En);
}

#[test]
fn a_language_the_atlas_lacks_or_an_empty_one_is_refused_with_its_place() {
    let found = problems(&in_languages(&["de", ""]));
    assert_problem(
        &found,
        2,
        1,
        "text_lang",
        "'de' is not a language of the atlas",
    );
    assert_problem(&found, 3, 2, "text_lang", "is empty; write the language");
    assert!(found.iter().all(|p| p.file == "practices.csv"));
}
