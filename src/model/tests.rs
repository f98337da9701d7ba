//! The domain's rules, case by case: ids, derived costs, pairing with detention, unlike figures, links.

use super::*;

fn money() -> MoneyTables {
    let mut m = MoneyTables::default();
    m.fx.insert(("CAD".into(), 2010), 1.25);
    m.fx.insert(("USD".into(), 2010), 1.0);
    m.cpi.insert(2010, 200.0);
    m.cpi.insert(REFERENCE_YEAR, 300.0);
    m
}

#[test]
fn practice_ids_are_slugs() {
    assert!(PracticeId::parse("us-ice-isap").is_some());
    assert!(PracticeId::parse("ab").is_none());
    assert!(PracticeId::parse("Upper-case").is_none());
    assert!(PracticeId::parse("../etc/passwd").is_none());
    assert!(PracticeId::parse(&"a".repeat(81)).is_none());
}

#[test]
fn derived_cost_converts_then_deflates() {
    let cost = Cost {
        per_day: Some(12.5),
        currency: Some("CAD".into()),
        unit: Some("per_person".into()),
        year: Some(2010),
        detention_per_day: Some(125.0),
        ..Cost::default()
    };
    let d = DerivedCost::derive(&cost, &money());
    assert_eq!(d.per_day_usd, Some(10.0));
    assert_eq!(d.detention_per_day_usd, Some(100.0));
    assert_eq!(d.per_day_usd_constant, Some(15.0));
    assert_eq!(d.saving_per_day_usd_constant, Some(135.0));
}

#[test]
fn derived_cost_is_empty_without_year_or_rate() {
    let mut cost = Cost {
        per_day: Some(38.0),
        currency: Some("AUD".into()),
        year: Some(2010),
        ..Cost::default()
    };
    assert_eq!(DerivedCost::derive(&cost, &money()), DerivedCost::default());
    cost.currency = Some("CAD".into());
    cost.year = None;
    assert_eq!(DerivedCost::derive(&cost, &money()), DerivedCost::default());
}

/// A SYNTHETIC daily cost figure for the pairing tests.
fn daily(id: &str, measure: &str, value: f64, unit: &str, year: i32) -> Figure {
    Figure {
        id: id.into(),
        iso2: "CA".into(),
        measure: measure.into(),
        value,
        bound: "exact".into(),
        currency: Some("CAD".into()),
        unit: Some(unit.into()),
        period_start: year.to_string(),
        period_end: year.to_string(),
        ..Figure::default()
    }
}

fn pairing_money() -> MoneyTables {
    let mut m = money();
    for year in [2008, 2009, 2011, 2012] {
        m.fx.insert(("CAD".into(), year), 1.25);
        m.cpi.insert(year, 200.0);
    }
    m
}

#[test]
fn an_atd_cost_meets_the_detention_cost_of_the_nearest_year() {
    let atd = daily("a", measures::ATD_COST_PER_DAY, 12.5, "per_person", 2010);
    let country = vec![
        daily(
            "d2008",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2008,
        ),
        daily(
            "d2011",
            measures::DETENTION_COST_PER_DAY,
            125.0,
            "per_person",
            2011,
        ),
        daily(
            "d2012",
            measures::DETENTION_COST_PER_DAY,
            150.0,
            "per_person",
            2012,
        ),
    ];
    let pair = pair_with_detention(&atd, &country, &pairing_money()).unwrap();
    assert_eq!(pair.detention.id, "d2011");
    assert_eq!(pair.year_gap, 1);
    // CAD 12.50 at 1.25 = USD 10 of 2010, × 300/200 = 15 constant dollars; 125 → 150.
    assert_eq!(pair.atd_usd_constant, 15.0);
    assert_eq!(pair.detention_usd_constant, 150.0);
    assert_eq!(pair.difference(), 135.0);
    assert_eq!(pair.reading(), DifferenceReading::Exact);
}

#[test]
fn equal_gaps_prefer_the_earlier_year_and_a_participant_is_a_person() {
    let atd = daily(
        "a",
        measures::ATD_COST_PER_DAY,
        10.0,
        "per_participant",
        2010,
    );
    let country = vec![
        daily(
            "later",
            measures::DETENTION_COST_PER_DAY,
            150.0,
            "per_person",
            2012,
        ),
        daily(
            "earlier",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2008,
        ),
    ];
    let pair = pair_with_detention(&atd, &country, &pairing_money()).unwrap();
    assert_eq!(pair.detention.id, "earlier");
    assert_eq!(pair.year_gap, -2);
}

#[test]
fn a_nearer_figure_in_another_unit_gives_way_to_a_comparable_one() {
    let atd = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
    let country = vec![
        daily(
            "place",
            measures::DETENTION_COST_PER_DAY,
            90.0,
            "per_place",
            2010,
        ),
        daily(
            "person",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2012,
        ),
    ];
    let pair = pair_with_detention(&atd, &country, &pairing_money()).unwrap();
    assert_eq!(pair.detention.id, "person");
}

#[test]
fn incompatible_units_are_declined_with_the_units_found() {
    let atd = daily("a", measures::ATD_COST_PER_DAY, 38.0, "per_family", 2010);
    let country = vec![
        daily(
            "p1",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2010,
        ),
        daily(
            "p2",
            measures::DETENTION_COST_PER_DAY,
            90.0,
            "per_place",
            2011,
        ),
        daily(
            "p3",
            measures::DETENTION_COST_PER_DAY,
            95.0,
            "per_person",
            2012,
        ),
    ];
    assert_eq!(
        pair_with_detention(&atd, &country, &pairing_money()),
        Err(PairingDeclined::IncompatibleUnits {
            detention_units: vec!["per_person".into(), "per_place".into()]
        })
    );
}

#[test]
fn pairing_declines_what_cannot_be_compared() {
    let money = pairing_money();
    let detention = vec![daily(
        "d",
        measures::DETENTION_COST_PER_DAY,
        100.0,
        "per_person",
        2010,
    )];
    let mut undated = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
    undated.period_end.clear();
    assert_eq!(
        pair_with_detention(&undated, &detention, &money),
        Err(PairingDeclined::NotConvertible)
    );
    let unstated = daily("a", measures::ATD_COST_PER_DAY, 10.0, UNIT_UNSTATED, 2010);
    assert_eq!(
        pair_with_detention(&unstated, &detention, &money),
        Err(PairingDeclined::UnitUnstated)
    );
    let atd = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
    // Another country's cost, a practice's own figure, a superseded one, a cost per
    // year, and a year without a rate are not the country's detention cost per day.
    let mut others = vec![
        daily(
            "d",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2010,
        ),
        daily(
            "e",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2010,
        ),
        daily(
            "f",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2010,
        ),
        daily("g", "detention_cost_per_year", 36500.0, "per_person", 2010),
        daily(
            "h",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            1990,
        ),
    ];
    others[0].iso2 = "US".into();
    others[1].practice_id = PracticeId::parse("ca-some-programme");
    others[2].grade.superseded_by = Some("later".into());
    assert_eq!(
        pair_with_detention(&atd, &others, &money),
        Err(PairingDeclined::NoDetentionCost)
    );
}

#[test]
fn a_difference_reads_by_the_bounds_of_its_two_sides() {
    use DifferenceReading::*;
    assert_eq!(DifferenceReading::of("exact", "exact"), Exact);
    assert_eq!(DifferenceReading::of("approx", "exact"), About);
    // Detention "more than USD 300": the saving is at least what it shows.
    assert_eq!(DifferenceReading::of("lower", "exact"), AtLeast);
    assert_eq!(DifferenceReading::of("exact", "upper"), AtLeast);
    assert_eq!(DifferenceReading::of("upper", "exact"), AtMost);
    assert_eq!(DifferenceReading::of("exact", "lower"), AtMost);
    assert_eq!(DifferenceReading::of("lower", "lower"), Uncertain);
    // A range's amount is its low end: the saving from it is the largest one.
    assert_eq!(DifferenceReading::of("exact", "range"), AtMost);
    assert_eq!(DifferenceReading::of("range", "exact"), AtLeast);
    assert_eq!(DifferenceReading::of("range", "range"), Uncertain);
}

fn vocabularies_with_kinds() -> Vocabularies {
    let mut v = Vocabularies::default();
    for (key, kind) in [
        (measures::ATD_COST_PER_DAY, "money_per_day"),
        ("appearance_pct", "percent"),
        ("reporting_compliance_pct", "percent"),
    ] {
        v.insert(
            Vocab::Measure,
            Term {
                key: key.into(),
                label: Labels::default(),
                definition: Labels::default(),
                kind: kind.into(),
            },
        );
    }
    v
}

#[test]
fn like_figures_raise_no_flag_and_unlike_ones_say_how_they_differ() {
    let v = vocabularies_with_kinds();
    let a = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
    let b = daily("b", measures::ATD_COST_PER_DAY, 12.0, "per_person", 2010);
    assert_eq!(unlike(&[&a, &b], &v), vec![]);
    assert_eq!(
        unlike(&[&a], &v),
        vec![],
        "one figure is compared with nothing"
    );
    let mut c = daily("c", measures::ATD_COST_PER_DAY, 38.0, "per_family", 2017);
    c.bound = "lower".into();
    c.period_basis = Some("publication".into());
    assert_eq!(
        unlike(&[&a, &c], &v),
        vec![
            Unlike::Unit(vec!["per_person".into(), "per_family".into()]),
            Unlike::Period { years_apart: 7 },
            Unlike::PriceYear(vec![2010, 2017]),
            Unlike::Bound(vec!["exact".into(), "lower".into()]),
            Unlike::YearAssumed,
        ]
    );
    // Shares of different measures, same period: the measure differs, no price year.
    let mut appearance = daily("d", "appearance_pct", 99.0, "per_person", 2016);
    let mut reporting = daily("e", "reporting_compliance_pct", 95.0, "per_person", 2016);
    for f in [&mut appearance, &mut reporting] {
        f.unit = None;
        f.currency = None;
    }
    assert_eq!(
        unlike(&[&appearance, &reporting], &v),
        vec![Unlike::Measure(vec![
            "appearance_pct".into(),
            "reporting_compliance_pct".into()
        ])]
    );
}

#[test]
fn only_http_urls_are_links() {
    assert!(is_web_url("https://example.org/x"));
    assert!(is_web_url("HTTP://example.org"));
    assert!(!is_web_url("javascript:alert(1)"));
    assert!(!is_web_url("data:text/html,x"));
    assert!(!is_web_url("/relative"));
    assert!(!is_web_url("https:///x"));
}
