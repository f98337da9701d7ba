//! Detention cost as a country fact: a country's detention costs per day as a series (a
//! chart and the table it pictures), and a practice's ATD costs set against the nearest of
//! them (`model::pair_with_detention`), with what separates the two or why they are not set
//! side by side.

use maud::{Markup, html};

use super::charts::{self, SeriesPoint};
use super::evidence;
use super::figures as texts;
use super::format;
use super::links;
use crate::i18n::{Arg, t, t_args};
use crate::model::{
    DetentionPair, DifferenceReading, Figure, Lang, PairingDeclined, REFERENCE_YEAR, Reference,
    Vocab, measures, pair_with_detention,
};

/// The id of the country page's section, so a record page can link to it.
pub const SECTION_ID: &str = "detention-costs";

/// A country's detention costs per day (country facts, not superseded), in file order.
pub fn country_series<'a>(iso2: &str, figures: &'a [Figure]) -> Vec<&'a Figure> {
    figures
        .iter()
        .filter(|f| {
            f.practice_id.is_none()
                && f.iso2 == iso2
                && f.measure == measures::DETENTION_COST_PER_DAY
                && !f.is_superseded()
        })
        .collect()
}

/// "US$ 15.00 per person", or "not available" when the figure cannot be converted.
fn constant(f: &Figure, reference: &Reference, lang: Lang) -> String {
    match f.usd_constant(f.value, &reference.money) {
        Some(v) => with_unit(format::usd(v, lang), f, reference, lang),
        None => t(lang, "not-available"),
    }
}

fn with_unit(amount: String, f: &Figure, reference: &Reference, lang: Lang) -> String {
    let unit = super::strings::cost_unit(reference, f.unit.as_deref(), lang);
    match unit {
        Some(unit) => format!("{amount} {unit}"),
        None => amount,
    }
}

/// The country page's section: the series as a chart (when two or more figures convert)
/// and as a table, every figure with its unit, scope and grade.
pub fn country_section(
    country: &str,
    series: &[&Figure],
    reference: &Reference,
    lang: Lang,
) -> Markup {
    if series.is_empty() {
        return html! {};
    }
    let record_lang = (lang != Lang::En).then_some("en");
    let heading = texts::constant_heading(lang);
    let points: Vec<SeriesPoint> = series
        .iter()
        .filter_map(|f| {
            Some(SeriesPoint {
                year: f.year()?,
                value: f.usd_constant(f.value, &reference.money)?,
                per_place: f.unit.as_deref() == Some("per_place"),
            })
        })
        .collect();
    let title = t_args(
        lang,
        "detention-series-title",
        &[("country", Arg::from(country))],
    );
    let desc = t_args(
        lang,
        "detention-series-desc",
        &[
            ("country", Arg::from(country)),
            ("count", Arg::from(points.len())),
            ("heading", Arg::from(&heading)),
        ],
    );
    let legend = |unit: &str| {
        reference
            .vocabularies
            .label(Vocab::CostUnit, unit, lang)
            .to_string()
    };
    html! {
        section #(SECTION_ID) aria-labelledby="detention-costs-title" {
            h2 #detention-costs-title { (title) }
            p { (t_args(lang, "detention-series-intro", &[("heading", Arg::from(&heading))])) }
            @if points.len() >= 2 {
                figure.chart-figure {
                    (charts::series_chart("detention-series", &title, &desc, &points, &|v| format::usd(v, lang), (&legend("per_person"), &legend("per_place"))))
                    figcaption { (desc) }
                }
            }
            div.table-scroll {
                table.evidence.detention-series {
                    caption { (t_args(lang, "detention-series-caption", &[("country", Arg::from(country))])) }
                    thead {
                        tr {
                            th scope="col" { (t(lang, "evidence-period")) }
                            th scope="col" { (t(lang, "evidence-value")) }
                            th scope="col" { (heading) }
                            th scope="col" { (t(lang, "evidence-unit")) }
                            th scope="col" { (t(lang, "evidence-grade")) }
                            th scope="col" { (t(lang, "evidence-source")) }
                        }
                    }
                    tbody {
                        @for f in series {
                            tr id=(format!("figure-{}", f.id)) {
                                th scope="row" { (evidence::period(f, lang)) }
                                td.num { (evidence::value(f, reference, lang)) }
                                td.num { (constant(f, reference, lang)) }
                                td {
                                    @if let Some(unit) = evidence::unit(f, reference, lang) { (unit) }
                                    @if !f.scope.is_empty() { " · " span dir="auto" lang=[record_lang] { (f.scope) } }
                                }
                                td { (evidence::badge(f, reference, lang)) }
                                td { (evidence::quote(f, lang, record_lang)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The record page's section: every current ATD cost per day of the practice set against
/// its country's detention cost of the nearest year, or the reason it is not.
pub fn pairs_section(
    figures: &[Figure],
    country_figures: &[Figure],
    iso2: &str,
    country: &str,
    reference: &Reference,
    lang: Lang,
) -> Markup {
    let atd: Vec<&Figure> = figures
        .iter()
        .filter(|f| f.measure == measures::ATD_COST_PER_DAY && !f.is_superseded())
        .collect();
    if atd.is_empty() {
        return html! {};
    }
    let year = REFERENCE_YEAR.to_string();
    let country_arg = [("country", Arg::from(country))];
    html! {
        section #against-detention aria-labelledby="against-detention-title" {
            h2 #against-detention-title { (t_args(lang, "pairing-title", &country_arg)) }
            p { (t_args(lang, "pairing-intro", &[("year", Arg::from(&year))])) }
            div.table-scroll {
                table.evidence.pairing {
                    caption { (t_args(lang, "pairing-caption", &country_arg)) }
                    thead {
                        tr {
                            th scope="col" { (t(lang, "pairing-atd")) }
                            th scope="col" { (t_args(lang, "pairing-detention", &country_arg)) }
                            th scope="col" { (t(lang, "pairing-gap")) }
                            th scope="col" { (t(lang, "pairing-difference")) }
                        }
                    }
                    tbody {
                        @for f in &atd {
                            tr {
                                th scope="row" { (side(f, reference, lang)) }
                                @match pair_with_detention(f, country_figures, &reference.money) {
                                    Ok(pair) => {
                                        td { (side(pair.detention, reference, lang)) " " a href=(format!("{}#figure-{}", links::country(iso2, lang), pair.detention.id)) { (t(lang, "pairing-see-series")) } }
                                        td { (gap(&pair, lang)) }
                                        td.num { (difference(&pair, reference, lang)) }
                                    }
                                    Err(why) => {
                                        td colspan="3" { (declined(&why, f, iso2, country, reference, lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One side of a pair: the constant-dollar amount with its unit, then as published with its
/// period and scope.
fn side(f: &Figure, reference: &Reference, lang: Lang) -> Markup {
    let record_lang = (lang != Lang::En).then_some("en");
    html! {
        strong { (constant(f, reference, lang)) }
        br;
        span.hint { (evidence::value(f, reference, lang)) " · " (evidence::period(f, lang)) }
        @if !f.scope.is_empty() {
            br;
            span.hint dir="auto" lang=[record_lang] { (f.scope) }
        }
    }
}

/// "same year", "detention figure 2 years earlier", "1 year later".
fn gap(pair: &DetentionPair<'_>, lang: Lang) -> String {
    let years = pair.year_gap.abs();
    let key = match pair.year_gap {
        0 => "pairing-gap-same",
        g if g < 0 => "pairing-gap-earlier",
        _ => "pairing-gap-later",
    };
    let mut text = t_args(lang, key, &[("years", Arg::from(years as usize))]);
    if pair.atd.year_assumed() || pair.detention.year_assumed() {
        text.push_str(" · ");
        text.push_str(&t(lang, "pairing-year-assumed"));
    }
    text
}

/// Detention minus the alternative, read by the bounds of both ("at least US$ 262.00 per family").
fn difference(pair: &DetentionPair<'_>, reference: &Reference, lang: Lang) -> String {
    let value = pair.difference();
    let amount = with_unit(format::usd(value.abs(), lang), pair.atd, reference, lang);
    let amount = [("amount", Arg::from(&amount))];
    if value < 0.0 {
        return t_args(lang, "pairing-costs-more", &amount);
    }
    let key = match pair.reading() {
        DifferenceReading::Exact => "pairing-diff-exact",
        DifferenceReading::About => "pairing-diff-about",
        DifferenceReading::AtLeast => "pairing-diff-at-least",
        DifferenceReading::AtMost => "pairing-diff-at-most",
        DifferenceReading::Uncertain => "pairing-diff-uncertain",
    };
    t_args(lang, key, &amount)
}

/// Why this ATD cost is not set against detention, in words.
fn declined(
    why: &PairingDeclined,
    f: &Figure,
    iso2: &str,
    country: &str,
    reference: &Reference,
    lang: Lang,
) -> Markup {
    let unit_label = |u: &str| {
        reference
            .vocabularies
            .label(Vocab::CostUnit, u, lang)
            .to_lowercase()
    };
    let text = match why {
        PairingDeclined::NotConvertible => t(lang, "pairing-declined-not-convertible"),
        PairingDeclined::UnitUnstated => t(lang, "pairing-declined-unit-unstated"),
        PairingDeclined::NoDetentionCost => t_args(
            lang,
            "pairing-declined-none",
            &[("country", Arg::from(country))],
        ),
        PairingDeclined::IncompatibleUnits { detention_units } => {
            let units: Vec<String> = detention_units.iter().map(|u| unit_label(u)).collect();
            t_args(
                lang,
                "pairing-declined-units",
                &[
                    (
                        "unit",
                        Arg::from(&unit_label(f.unit.as_deref().unwrap_or(""))),
                    ),
                    ("units", Arg::from(&units.join(", "))),
                ],
            )
        }
    };
    html! {
        (text)
        @if matches!(why, PairingDeclined::IncompatibleUnits { .. }) {
            " " a href=(format!("{}#{}", links::country(iso2, lang), SECTION_ID)) { (t(lang, "pairing-see-series")) }
        }
    }
}
