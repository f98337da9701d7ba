//! The importer on fixture files, one per bad-input case C01–C25 (RELIABILITY.md, "Bad CSV"),
//! plus an accepted file and the real shipped data.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atd_atlas::import::{
    Limits, Problem, Sources, load_reference, parse_practices, parse_sources, read_practices,
    sources_path,
};
use atd_atlas::model::{Practice, Reference};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/csv").join(name)
}

/// The small test reference data (not real figures; see its README).
fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        load_reference(&root().join("tests/fixtures/data")).expect("test reference data")
    })
}

/// The sources file beside a fixture.
fn sources_of(name: &str) -> Sources {
    let path = sources_path(&fixture(name));
    let bytes = std::fs::read(&path).expect("fixture sources");
    let (sources, problems) = parse_sources(&path.display().to_string(), &bytes, 2026);
    assert!(problems.is_empty(), "{problems:?}");
    sources
}

fn accept(name: &str) -> Vec<Practice> {
    match read_practices(&fixture(name), reference(), &Limits::default()) {
        Ok(practices) => practices,
        Err(problems) => panic!("{name} should be accepted, got:\n{}", render(&problems)),
    }
}

fn reject(name: &str) -> Vec<Problem> {
    read_practices(&fixture(name), reference(), &Limits::default())
        .expect_err("the import should be refused")
}

fn reject_bytes(bytes: &[u8], limits: &Limits) -> Vec<Problem> {
    parse_practices(
        "generated.csv",
        bytes,
        Sources::default(),
        reference(),
        limits,
    )
    .expect_err("the import should be refused")
}

fn render(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{p}\n")).collect()
}

/// Asserts one problem sits at `line` (record) in `column` with `needle` in its message.
#[track_caller]
fn assert_has(
    problems: &[Problem],
    line: Option<u64>,
    record: Option<u64>,
    column: Option<&str>,
    needle: &str,
) {
    let found = problems.iter().any(|p| {
        p.line == line
            && p.record == record
            && p.column.as_deref() == column
            && p.message.contains(needle)
    });
    assert!(
        found,
        "no problem at line {line:?} record {record:?} column {column:?} containing {needle:?} in:\n{}",
        render(problems)
    );
}

fn header() -> String {
    let path = fixture("c06_bom.csv");
    let text = std::fs::read_to_string(path).expect("fixture");
    text.trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("header")
        .to_string()
}

fn valid_row(id: &str) -> String {
    format!(
        "{id},Mexico,MX,Test programme,programme,Test organisation,ngo,2015,,active,children,case_management,\
         placement,120,,200,MXN,per_person,2015,1000,95,,Synthetic test record.,Test source,https://example.org/r,\
         exact,exact,stated,2026-11-30"
    )
}

#[test]
fn accepted_file_keeps_bom_crlf_newlines_formulas_html_and_normalises_text() {
    let practices = accept("accepted.csv");
    let ids: Vec<&str> = practices.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ca-test-bail", "fr-test-formula", "mx-test-nfd"]);
    let [bail, formula, nfd] = practices.as_slice() else {
        unreachable!("three ids were checked above");
    };
    assert_eq!(bail.summary, "First line.\nSecond line.");
    assert_eq!(bail.region, "americas");
    assert_eq!(bail.derived.per_day_usd, Some(10.0));
    assert_eq!(bail.derived.saving_per_day_usd_constant, Some(135.0));
    assert_eq!(formula.programme, "@SUM(A1:A2)");
    assert_eq!(
        formula.organisation,
        "=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(formula.outcome_other, "+1 -cmd");
    assert_eq!(
        formula.summary,
        "<script>alert(1)</script> \"><img src=x onerror=alert(1)>"
    );
    assert_eq!(nfd.country, "México");
    assert_eq!(nfd.programme, "Programa de café", "NFC, and NBSP trimmed");
    assert_eq!(nfd.summary, "Synthetic test record.");
}

#[test]
fn c01_empty_file() {
    let problems = reject("c01_empty.csv");
    assert_has(&problems, None, None, None, "file is empty");
    assert!(problems[0].file.ends_with("c01_empty.csv"));
}

#[test]
fn c02_header_only_is_not_delete_all() {
    let problems = reject("c02_header_only.csv");
    assert_has(
        &problems,
        None,
        None,
        None,
        "no practices: the file has a header but no rows",
    );
}

#[test]
fn c03_misspelled_header_suggests_the_column() {
    let problems = reject("c03_misspelled_header.csv");
    assert_eq!(problems.len(), 1, "{}", render(&problems));
    assert_has(
        &problems,
        Some(1),
        None,
        Some("country"),
        "column 2 is named `Countrty`: did you mean `country`?",
    );
}

#[test]
fn c03_missing_column_is_named() {
    let problems = reject("c03_missing_column.csv");
    assert_has(
        &problems,
        Some(1),
        None,
        Some("source_url"),
        "required column `source_url` is missing",
    );
}

#[test]
fn c04_unknown_column_is_refused() {
    let problems = reject("c04_unknown_column.csv");
    assert_has(
        &problems,
        Some(1),
        None,
        Some("notes"),
        "unknown column `notes` (column 26)",
    );
}

#[test]
fn c05_duplicate_header() {
    let problems = reject("c05_duplicate_header.csv");
    assert_has(
        &problems,
        Some(1),
        None,
        Some("country"),
        "column `country` appears twice (columns 2 and 26)",
    );
}

#[test]
fn c06_bom_is_accepted_and_first_header_is_exactly_id() {
    let bytes = std::fs::read(fixture("c06_bom.csv")).expect("fixture");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFid,"),
        "the fixture must start with a BOM"
    );
    let practices = accept("c06_bom.csv");
    assert_eq!(practices[0].id.as_str(), "bom-first-row");
}

#[test]
fn c07_latin1_is_refused_with_line_and_offset() {
    let bytes = std::fs::read(fixture("c07_latin1.csv")).expect("fixture");
    let offset = bytes
        .iter()
        .position(|&b| b == 0xE9)
        .expect("an é in Latin-1");
    let problems = reject("c07_latin1.csv");
    let message = format!(
        "line 3 is not valid UTF-8 (byte 0xE9 at byte offset {offset}); re-save the file as 'CSV UTF-8'"
    );
    assert_has(&problems, Some(3), Some(2), None, &message);
}

#[test]
fn c08_utf16_is_refused() {
    let problems = reject("c08_utf16.csv");
    assert_has(
        &problems,
        None,
        None,
        None,
        "file is UTF-16; re-save as 'CSV UTF-8'",
    );
}

#[test]
fn c09_truncated_utf8_reports_line_record_and_offset() {
    let bytes = std::fs::read(fixture("c09_truncated_utf8.csv")).expect("fixture");
    let offset = bytes
        .iter()
        .position(|&b| b == 0xC3)
        .expect("the cut sequence");
    let problems = reject("c09_truncated_utf8.csv");
    assert_has(
        &problems,
        Some(3),
        Some(2),
        None,
        &format!("byte 0xC3 at byte offset {offset}"),
    );
}

#[test]
fn c10_line_endings_parse_identically() {
    let mixed = accept("c10_mixed_line_endings.csv");
    assert_eq!(mixed.len(), 3);
    assert_eq!(mixed[1].summary, "Two\nlines.");
    let text = std::fs::read_to_string(fixture("c10_mixed_line_endings.csv")).expect("fixture");
    let lf = text.replace("\r\n", "\n").replace('\r', "\n");
    for variant in [
        lf.clone(),
        lf.replace('\n', "\r\n"),
        lf.replace('\n', "\r"),
        lf.trim_end().to_string(),
    ] {
        let practices = parse_practices(
            "v.csv",
            variant.as_bytes(),
            sources_of("c10_mixed_line_endings.csv"),
            reference(),
            &Limits::default(),
        );
        assert_eq!(practices.as_ref(), Ok(&mixed), "{variant:?}");
    }
}

#[test]
fn c11_every_ragged_row_is_listed() {
    let problems = reject("c11_ragged.csv");
    assert_has(
        &problems,
        Some(3),
        Some(2),
        None,
        "record 2 (line 3) has 13 fields, expected 29",
    );
    assert_has(
        &problems,
        Some(5),
        Some(4),
        None,
        "record 4 (line 5) has 30 fields, expected 29",
    );
}

#[test]
fn c12_unclosed_quote_is_reported_at_its_line() {
    let problems = reject("c12_unclosed_quote.csv");
    assert_has(
        &problems,
        Some(3),
        Some(2),
        Some("summary"),
        "a quote opened on line 3 is never closed",
    );
}

#[test]
fn c12_stray_quote_is_reported() {
    let problems = reject("c12_stray_quote.csv");
    assert_has(
        &problems,
        Some(3),
        Some(2),
        Some("summary"),
        "quote inside a cell that does not start with one",
    );
}

#[test]
fn c13_lines_and_records_differ_after_embedded_newlines() {
    let problems = reject("c13_embedded_newlines.csv");
    assert_eq!(problems.len(), 1, "{}", render(&problems));
    assert_has(
        &problems,
        Some(5),
        Some(2),
        Some("status"),
        "'finished' is not a known status; allowed: active",
    );
}

#[test]
fn c14_oversized_field_and_file_are_refused() {
    let big = "x".repeat(70 * 1024);
    let text = format!(
        "{}\n{}\n",
        header(),
        valid_row("big-field").replace("Synthetic test record.", &big)
    );
    let problems = reject_bytes(text.as_bytes(), &Limits::default());
    assert_has(
        &problems,
        Some(2),
        Some(1),
        Some("summary"),
        "over the limit of 64 KiB (max_field_bytes)",
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.csv");
    // A sparse 2 GiB file with no newline: refused from its size, without reading it.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(2 << 30))
        .expect("sparse file");
    let started = std::time::Instant::now();
    let problems = read_practices(&path, reference(), &Limits::default()).expect_err("too big");
    assert!(started.elapsed().as_secs() < 5);
    assert_has(
        &problems,
        None,
        None,
        None,
        "larger than 64 MiB (max_file_bytes)",
    );
}

#[test]
fn c15_too_many_rows_or_columns_name_the_cap() {
    let rows: Vec<String> = (0..6).map(|i| valid_row(&format!("row-{i}"))).collect();
    let text = format!("{}\n{}\n", header(), rows.join("\n"));
    let limits = Limits {
        max_rows: 5,
        ..Limits::default()
    };
    let problems = reject_bytes(text.as_bytes(), &limits);
    assert_has(&problems, None, None, None, "more than 5 rows (max_rows)");

    let wide = vec!["c"; 10_000].join(",");
    let problems = reject_bytes(format!("{wide}\n{wide}\n").as_bytes(), &Limits::default());
    assert_eq!(problems.len(), 1);
    assert_has(
        &problems,
        Some(1),
        None,
        None,
        "10000 columns, over the limit of 100",
    );
}

#[test]
fn c16_every_duplicate_id_is_listed() {
    let problems = reject("c16_duplicate_ids.csv");
    assert_has(
        &problems,
        Some(5),
        Some(4),
        Some("id"),
        "id `dup-a` on lines 2 and 5",
    );
    assert_has(
        &problems,
        Some(6),
        Some(5),
        Some("id"),
        "id `dup-b` on lines 3 and 6",
    );
}

#[test]
fn c18_empty_whitespace_and_nbsp_required_cells_are_refused() {
    let problems = reject("c18_required_empty.csv");
    assert_has(
        &problems,
        Some(2),
        Some(1),
        Some("programme"),
        "is empty; every practice needs a programme",
    );
    assert_has(&problems, Some(3), Some(2), Some("summary"), "is empty");
    assert_has(
        &problems,
        Some(4),
        Some(3),
        Some("source_title"),
        "is empty",
    );
}

#[test]
fn c19_invalid_values_list_allowed_values_and_suggest() {
    let problems = reject("c19_invalid_values.csv");
    assert_has(
        &problems,
        Some(2),
        Some(1),
        Some("iso2"),
        "'Mexico' is a country name",
    );
    assert_has(
        &problems,
        Some(2),
        Some(1),
        Some("iso2"),
        "did you mean 'MX'?",
    );
    assert_has(
        &problems,
        Some(3),
        Some(2),
        Some("kind"),
        "allowed: law, policy, programme; did you mean 'programme'?",
    );
    assert_has(
        &problems,
        Some(4),
        Some(3),
        Some("start_year"),
        "'2023-02-30' is not a year",
    );
    assert_has(
        &problems,
        Some(5),
        Some(4),
        Some("cost_per_day"),
        "use a dot for decimals",
    );
    assert_has(
        &problems,
        Some(6),
        Some(5),
        Some("cost_currency"),
        "'EURO' is not an ISO 4217 code; did you mean 'EUR'?",
    );
    assert_has(
        &problems,
        Some(7),
        Some(6),
        Some("populations"),
        "'kids' is not a known population; allowed: children",
    );
    assert_eq!(problems.len(), 6, "{}", render(&problems));
}

#[test]
fn c20_semicolon_separated_file_is_recognised() {
    let problems = reject("c20_semicolon.csv");
    assert_has(
        &problems,
        Some(1),
        None,
        None,
        "looks like a `;`-separated file; save it with commas",
    );
}

#[test]
fn c21_control_bidi_and_zero_width_characters_are_refused() {
    let problems = reject("c21_control_chars.csv");
    assert_has(
        &problems,
        Some(2),
        Some(1),
        Some("summary"),
        "contains a control character U+202E",
    );
    assert_has(&problems, Some(3), Some(2), Some("programme"), "U+200B");
    assert_has(&problems, Some(4), Some(3), Some("organisation"), "U+0007");
    let text = format!(
        "{}\n{}\n",
        header(),
        valid_row("nul-row").replace("Test source", "Test\0source")
    );
    let problems = reject_bytes(text.as_bytes(), &Limits::default());
    assert_has(
        &problems,
        Some(2),
        Some(1),
        Some("source_title"),
        "U+0000 (NUL)",
    );
}

#[test]
fn c22_formula_text_is_stored_verbatim() {
    let practice = &accept("c22_formula_text.csv")[0];
    assert_eq!(
        practice.programme,
        "=HYPERLINK(\"http://evil.example\",\"x\")"
    );
    assert_eq!(practice.organisation, "@SUM(A1:A9)");
    assert_eq!(practice.outcome_other, "+1");
    assert_eq!(practice.participants_note, "-cmd|' /C calc'!A0");
}

#[test]
fn c23_html_text_is_stored_verbatim() {
    let practice = &accept("c23_html_text.csv")[0];
    assert_eq!(practice.programme, "<script>alert(1)</script>");
    assert_eq!(practice.summary, "\"><img src=x onerror=alert(1)>");
    assert_eq!(practice.source_title, "</script><b>bold</b>");
}

#[test]
fn c24_nfd_text_is_stored_as_nfc() {
    let bytes = std::fs::read(fixture("c24_nfd_text.csv")).expect("fixture");
    assert!(
        String::from_utf8_lossy(&bytes).contains("e\u{301}"),
        "the fixture must hold NFD text"
    );
    let practice = &accept("c24_nfd_text.csv")[0];
    assert_eq!(practice.country, "M\u{e9}xico");
    assert_eq!(practice.programme, "Caf\u{e9} programme");
}

#[test]
fn c25_non_web_urls_are_refused() {
    let problems = reject("c25_bad_urls.csv");
    for (line, record) in [(2, 1), (3, 2), (4, 3), (5, 4)] {
        assert_has(
            &problems,
            Some(line),
            Some(record),
            Some("source_url"),
            "URL must be http(s)",
        );
    }
}

#[test]
fn shipped_data_parses() {
    let data = root().join("data");
    let reference = load_reference(&data).expect("shipped reference data");
    let practices =
        match read_practices(&data.join("practices.csv"), &reference, &Limits::default()) {
            Ok(practices) => practices,
            Err(problems) => panic!("data/practices.csv is refused:\n{}", render(&problems)),
        };
    assert_eq!(practices.len(), crate::support::shipped_rows().len());
}
