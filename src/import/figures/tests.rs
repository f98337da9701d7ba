//! The figures file's rules, each refusal named by line and column, and how practices claim
//! their figures (headline values, one place per figure, unknown practices).

use std::path::Path;
use std::sync::OnceLock;

use super::*;
use crate::import::{Limits, Problem, Sources, parse_sources, stream_parsed_with};
use crate::model::{Practice, Reference};

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data");
        crate::import::load_reference(&dir).expect("test reference data")
    })
}

/// A valid primary figure: an ATD cost per day of a Mexican practice.
const VALID: [(&str, &str); 26] = [
    ("id", "mx-test-atd-cost-2015"),
    ("practice_id", "mx-test-programme"),
    ("iso2", "MX"),
    ("measure", "atd_cost_per_day"),
    ("value", "200"),
    ("bound", "exact"),
    ("value_high", ""),
    ("currency", "MXN"),
    ("unit", "per_person"),
    ("period_start", "2015"),
    ("period_end", "2015"),
    ("period_basis", "stated"),
    ("scope", ""),
    ("sample_size", ""),
    ("source_url", "https://example.org/report"),
    ("source_title", "Test report"),
    ("publisher", "Test publisher"),
    ("published", "2016-03"),
    (
        "locator",
        "The programme cost MXN 200 per person per day in 2015.",
    ),
    ("source_type", "ngo_report"),
    ("origin", "primary"),
    ("original", ""),
    ("independent", "yes"),
    ("superseded_by", ""),
    ("checked", "2026-12-06"),
    ("note", ""),
];

fn row(changes: &[(&str, &str)]) -> String {
    VALID
        .iter()
        .map(|(name, value)| {
            let value = changes
                .iter()
                .find(|(n, _)| n == name)
                .map_or(*value, |(_, v)| *v);
            if value.contains([',', '"']) {
                format!("\"{}\"", value.replace('"', "\"\""))
            } else {
                value.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn file(rows: &[String]) -> String {
    let mut text = VALID.map(|(name, _)| name).join(",");
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

fn parse(rows: &[String]) -> (Figures, Vec<Problem>) {
    parse_figures("figures.csv", file(rows).as_bytes(), reference(), 2026)
}

/// The problems of one row changed from the valid one.
fn problems_of(changes: &[(&str, &str)]) -> Vec<Problem> {
    let (_, problems) = parse(&[row(changes)]);
    problems
}

/// Exactly one problem in `column` on line 2, saying `needle`.
fn assert_refused(changes: &[(&str, &str)], column: &str, needle: &str) {
    let problems = problems_of(changes);
    let hit = problems
        .iter()
        .find(|p| p.column.as_deref() == Some(column))
        .unwrap_or_else(|| panic!("no problem in {column}: {problems:?}"));
    assert_eq!(hit.file, "figures.csv");
    assert_eq!(hit.line, Some(2), "{hit:?}");
    assert!(hit.message.contains(needle), "{}", hit.message);
}

#[test]
fn a_valid_figure_is_read_whole() {
    let (mut figures, problems) = parse(&[row(&[])]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(figures.len(), 1);
    let claimed = figures.take("mx-test-programme");
    let f = &claimed[0].figure;
    assert_eq!(claimed[0].line, 2);
    assert_eq!(f.value, 200.0);
    assert_eq!(f.currency.as_deref(), Some("MXN"));
    assert_eq!(f.year(), Some(2015));
    assert_eq!(f.grade.source_type, "ngo_report");
    assert_eq!(
        f.source.locator,
        "The programme cost MXN 200 per person per day in 2015."
    );
}

#[test]
fn a_figure_without_a_source_or_a_quote_is_refused() {
    assert_refused(&[("source_url", "")], "source_url", "is empty");
    assert_refused(&[("source_title", "")], "source_title", "is empty");
    assert_refused(&[("locator", "")], "locator", "copied exactly");
    assert_refused(&[("source_url", "ftp://x.org/a")], "source_url", "http");
}

#[test]
fn an_unknown_measure_is_refused_with_the_allowed_keys() {
    assert_refused(
        &[("measure", "atd_cost_per_dya")],
        "measure",
        "did you mean 'atd_cost_per_day'",
    );
}

#[test]
fn a_percentage_stays_within_0_to_100() {
    let pct = [
        ("measure", "appearance_pct"),
        ("currency", ""),
        ("unit", ""),
    ];
    let mut over = pct.to_vec();
    over.push(("value", "100.5"));
    assert_refused(&over, "value", "over 100");
    let mut range = pct.to_vec();
    range.extend([("bound", "range"), ("value", "90"), ("value_high", "120")]);
    assert_refused(&range, "value_high", "over 100");
    let mut negative = pct.to_vec();
    negative.push(("value", "-3"));
    assert!(
        !problems_of(&negative).is_empty(),
        "a negative share is refused"
    );
    let mut fine = pct.to_vec();
    fine.push(("value", "100"));
    assert!(problems_of(&fine).is_empty());
}

#[test]
fn a_count_is_a_whole_number() {
    let count = [
        ("measure", "participants"),
        ("currency", ""),
        ("unit", ""),
        ("value", "385.5"),
    ];
    assert_refused(&count, "value", "not a whole number");
    let whole = [
        ("measure", "participants"),
        ("currency", ""),
        ("unit", ""),
        ("value", "385"),
    ];
    assert!(problems_of(&whole).is_empty());
}

#[test]
fn a_secondary_figure_names_its_original() {
    assert_refused(&[("origin", "secondary")], "original", "names its original");
    let named = [
        ("origin", "secondary"),
        ("original", "National audit report, 2014"),
    ];
    assert!(problems_of(&named).is_empty());
}

#[test]
fn money_needs_a_currency_and_a_unit_and_nothing_else_has_a_currency() {
    assert_refused(&[("currency", "")], "currency", "is money");
    assert_refused(&[("unit", "")], "unit", "per_person");
    // A budget is money for the whole programme: no unit needed.
    let budget = [("measure", "total_budget"), ("unit", "")];
    assert!(problems_of(&budget).is_empty());
    let share = [("measure", "appearance_pct"), ("unit", ""), ("value", "90")];
    assert_refused(&share, "currency", "not money");
}

#[test]
fn bounds_periods_and_grades_are_checked() {
    assert_refused(&[("bound", "range")], "value_high", "high end");
    assert_refused(&[("value_high", "300")], "value_high", "not range");
    assert_refused(
        &[("period_start", "2016"), ("period_end", "2015")],
        "period_end",
        "before period_start",
    );
    assert_refused(&[("period_basis", "")], "period_basis", "stated");
    assert_refused(&[("period_end", "")], "period_end", "single year");
    assert_refused(&[("source_type", "blog")], "source_type", "allowed");
    assert_refused(&[("independent", "")], "independent", "is empty");
    assert_refused(&[("checked", "2026-13-01")], "checked", "date");
    assert_refused(
        &[("superseded_by", "nowhere-figure")],
        "superseded_by",
        "no figure",
    );
}

#[test]
fn ids_are_unique() {
    let (_, problems) = parse(&[row(&[]), row(&[])]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, Some(3));
    assert!(problems[0].message.contains("also on line 2"));
}

#[test]
fn a_country_level_figure_has_no_practice() {
    let (mut figures, problems) = parse(&[row(&[
        ("practice_id", ""),
        ("measure", "detention_cost_per_day"),
    ])]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(figures.unclaimed().is_empty());
    assert_eq!(figures.take_country_level().len(), 1);
}

const PRACTICES: &str = "id,country,iso2,programme,kind,organisation,organisation_type,start_year,end_year,status,populations,atd_types,cap_stages,participants,participants_note,outcome_other,summary,source_title,source_url,last_verified\n\
    mx-test-programme,Mexico,MX,Test programme,programme,Org,ngo,,,unknown,,,,,,,A summary.,Source,https://example.org/s,2026-11-30\n";

fn import(practices: &str, figures: &[String]) -> Result<(Vec<Practice>, usize), Vec<Problem>> {
    let (figures, problems) = parse(figures);
    assert!(problems.is_empty(), "{problems:?}");
    let (sources, _) = parse_sources(
        "sources.csv",
        b"practice_id,title,url,publisher,published,locator,supports,checked\n",
        2026,
    );
    let mut got = Vec::new();
    let imported = stream_parsed_with(
        "practices.csv",
        practices.as_bytes(),
        sources,
        figures,
        reference(),
        &Limits::default(),
        &mut |p| {
            got.push(p);
            Ok(())
        },
    )
    .expect("no sink failure")?;
    Ok((got, imported.country_figures.len()))
}

#[test]
fn a_practice_takes_its_headline_from_its_figures() {
    let detention = row(&[
        ("id", "mx-test-detention-2015"),
        ("measure", "detention_cost_per_day"),
        ("value", "1000"),
        ("bound", "lower"),
    ]);
    // A later year in another unit: not comparable with the first cost, so not its pair.
    let later = row(&[
        ("id", "mx-test-detention-2016"),
        ("measure", "detention_cost_per_day"),
        ("value", "5000"),
        ("period_start", "2016"),
        ("period_end", "2016"),
    ]);
    let appearance = row(&[
        ("id", "mx-test-appearance"),
        ("measure", "appearance_pct"),
        ("value", "97.5"),
        ("currency", ""),
        ("unit", ""),
    ]);
    let country = row(&[
        ("id", "mx-detention-2019"),
        ("practice_id", ""),
        ("measure", "detention_cost_per_day"),
    ]);
    let (practices, country_level) = import(
        PRACTICES,
        &[row(&[]), later, detention, appearance, country],
    )
    .expect("valid");
    let p = &practices[0];
    assert_eq!(p.figures.len(), 4);
    assert_eq!(
        p.cost.per_day,
        Some(200.0),
        "the first daily cost is the basis"
    );
    assert_eq!(
        p.cost.detention_per_day,
        Some(1000.0),
        "the comparable detention cost"
    );
    assert_eq!(p.cost.detention_bound.as_deref(), Some("lower"));
    assert_eq!(p.cost.year, Some(2015));
    assert_eq!(p.cost.currency.as_deref(), Some("MXN"));
    assert_eq!(p.outcome_compliance_pct, Some(97.5));
    assert_eq!(country_level, 1);
}

#[test]
fn a_primary_detention_cost_outranks_a_secondary_atd_cost_it_cannot_pair_with() {
    let atd = row(&[
        ("id", "mx-test-atd-secondary"),
        ("value", "3"),
        ("unit", "per_place"),
        ("period_start", "2016"),
        ("period_end", "2016"),
        ("origin", "secondary"),
        ("original", "An audit"),
    ]);
    let detention = row(&[
        ("id", "mx-test-detention-primary"),
        ("measure", "detention_cost_per_day"),
        ("value", "1000"),
    ]);
    let (practices, _) = import(PRACTICES, &[atd, detention]).expect("valid");
    let cost = &practices[0].cost;
    assert_eq!(cost.detention_per_day, Some(1000.0));
    assert_eq!(
        cost.per_day, None,
        "2016 per place is no pair for 2015 per person"
    );
}

#[test]
fn a_secondary_or_superseded_figure_gives_way() {
    let secondary = row(&[
        ("id", "mx-test-atd-secondary"),
        ("value", "999"),
        ("origin", "secondary"),
        ("original", "An audit"),
    ]);
    let superseded = row(&[
        ("id", "mx-test-atd-old"),
        ("value", "888"),
        ("period_start", "2016"),
        ("period_end", "2016"),
        ("superseded_by", "mx-test-atd-cost-2015"),
    ]);
    let (practices, _) = import(PRACTICES, &[secondary, superseded, row(&[])]).expect("valid");
    assert_eq!(practices[0].cost.per_day, Some(200.0));
}

#[test]
fn a_figure_of_an_unknown_practice_or_another_country_is_refused() {
    let unknown = row(&[("practice_id", "mx-nowhere")]);
    let problems = import(PRACTICES, &[unknown]).expect_err("unknown practice");
    let hit = problems
        .iter()
        .find(|p| p.file == "figures.csv")
        .expect("a figures.csv problem");
    assert_eq!(
        (hit.line, hit.column.as_deref()),
        (Some(2), Some("practice_id"))
    );

    let elsewhere = row(&[("iso2", "CA"), ("currency", "CAD")]);
    let problems = import(PRACTICES, &[elsewhere]).expect_err("another country");
    assert!(
        problems
            .iter()
            .any(|p| p.column.as_deref() == Some("iso2") && p.message.contains("is in MX")),
        "{problems:?}"
    );
}

#[test]
fn a_figure_is_kept_in_one_place() {
    let legacy = "id,country,iso2,programme,kind,organisation,organisation_type,start_year,end_year,status,populations,atd_types,cap_stages,participants,participants_note,outcome_other,summary,source_title,source_url,last_verified,cost_per_day,cost_currency,cost_bound\n\
        mx-test-programme,Mexico,MX,Test programme,programme,Org,ngo,,,unknown,,,,,,,A summary.,Source,https://example.org/s,2026-11-30,50,MXN,exact\n";
    let (figures, _) = parse(&[row(&[])]);
    let supports = "practice_id,title,url,publisher,published,locator,supports,checked\n\
        mx-test-programme,S,https://example.org/s,,,p. 1,cost_per_day;cost_currency,2026-11-30\n";
    let (sources, _): (Sources, _) = parse_sources("sources.csv", supports.as_bytes(), 2026);
    let problems = stream_parsed_with(
        "practices.csv",
        legacy.as_bytes(),
        sources,
        figures,
        reference(),
        &Limits::default(),
        &mut |_| Ok(()),
    )
    .expect("no sink failure")
    .expect_err("a cost in both files");
    let hit = problems
        .iter()
        .find(|p| p.column.as_deref() == Some("cost_per_day"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!(hit.line, Some(2));
    assert!(hit.message.contains("one place"), "{}", hit.message);
}

#[test]
fn the_figures_file_sits_beside_the_practices_file() {
    assert_eq!(
        figures_path(Path::new("data/practices.csv")),
        Path::new("data/figures.csv")
    );
    assert_eq!(
        figures_path(Path::new("/tmp/x/new.csv")),
        Path::new("/tmp/x/new.figures.csv")
    );
}
