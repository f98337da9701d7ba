//! The insights page: charts of the whole dataset, each followed by its numbers as a table
//! (the table is the accessible version of the chart), and the world map.

use std::collections::HashMap;

use maud::{Markup, html};

use super::charts::{self, BarRow, SERIES_FILL};
use super::figures;
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::strings;
use crate::model::{Lang, Practice, REFERENCE_YEAR, Reference, Vocab};
use crate::search::FacetName;

pub fn insights_page(practices: &[Practice], reference: &Reference, lang: Lang) -> Markup {
    let body = html! {
        h1 { "Insights" }
        p.lede {
            "The whole dataset at a glance: " (format::count(practices.len() as u64, lang))
            " practices. Each chart is followed by its numbers in a table."
        }
        nav.toc aria-label="On this page" {
            ul {
                li { a href="#map" { "Practices by country" } }
                li { a href="#costs" { "Cost against detention" } }
                li { a href="#by-region" { "By region" } }
                li { a href="#by-atd_type" { "By type of alternative" } }
                li { a href="#by-population" { "By population" } }
                li { a href="#by-cap_stage" { "By CAP stage" } }
            }
        }
        (map_section(practices, reference, lang))
        (cost_section(practices, reference, lang))
        (count_section(practices, reference, Vocab::Region, FacetName::Region, "Practices by region", lang))
        (count_section(practices, reference, Vocab::AtdType, FacetName::AtdType, "Practices by type of alternative", lang))
        (count_section(practices, reference, Vocab::Population, FacetName::Population, "Practices by population", lang))
        (count_section(practices, reference, Vocab::CapStage, FacetName::CapStage, "Practices by CAP stage", lang))
    };
    layout("Insights", lang, &Here::new("/insights", ""), body)
}

/// Practices per country (ISO alpha-2).
pub fn country_counts(practices: &[Practice]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for p in practices {
        *counts.entry(p.iso2.clone()).or_insert(0) += 1;
    }
    counts
}

fn map_section(practices: &[Practice], reference: &Reference, lang: Lang) -> Markup {
    let counts = country_counts(practices);
    let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| {
        b.1.cmp(a.1).then_with(|| {
            reference
                .countries
                .name(a.0, lang)
                .cmp(reference.countries.name(b.0, lang))
        })
    });
    html! {
        section #map {
            h2 { "Practices by country" }
            p.hint { "Darker means more practices. Select a country for its page; small states have a round marker." }
            figure.chart-figure {
                (charts::world_map(&counts, reference, lang, &|code| links::country(code, lang)))
                figcaption.hint {
                    "Shapes: Natural Earth (public domain) via world-atlas (ISC). Borders show de facto control and imply no position on any dispute."
                }
            }
            details.chart-table {
                summary { "Table: practices by country (" (rows.len()) " countries)" }
                table.counts {
                    thead { tr { th scope="col" { "Country" } th scope="col" { "Practices" } } }
                    tbody {
                        @for (code, n) in &rows {
                            tr {
                                th scope="row" { a href=(links::country(code, lang)) { (reference.countries.name(code, lang)) } }
                                td.num { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn cost_section(practices: &[Practice], reference: &Reference, lang: Lang) -> Markup {
    let mut with_costs: Vec<&Practice> = practices
        .iter()
        .filter(|p| {
            p.derived.per_day_usd_constant.is_some()
                || p.derived.detention_per_day_usd_constant.is_some()
        })
        .collect();
    with_costs.sort_by(|a, b| {
        let key = |p: &Practice| p.derived.per_day_usd_constant.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b))
    });
    let rows: Vec<BarRow> = with_costs
        .iter()
        .map(|p| BarRow {
            label: format!("{} ({})", p.programme, strings::country(p, reference, lang)),
            values: vec![
                p.derived.per_day_usd_constant,
                p.derived.detention_per_day_usd_constant,
            ],
        })
        .collect();
    let usd = |v: f64| format::usd(v, lang);
    let heading = figures::constant_heading();
    html! {
        section #costs {
            h2 { "Cost per day of the alternative against detention" }
            p {
                "Programmes whose source publishes a cost per day, in " (heading) " ("
                (format::count(with_costs.len() as u64, lang)) " of " (format::count(practices.len() as u64, lang))
                " practices). Units differ (per person, per family): read the unit in the table before comparing programmes."
            }
            p.legend {
                svg.key viewBox="0 0 10 10" aria-hidden="true" { rect width="10" height="10" fill=(SERIES_FILL[0]) {} }
                " Alternative "
                svg.key viewBox="0 0 10 10" aria-hidden="true" { rect width="10" height="10" fill=(SERIES_FILL[1]) {} }
                " Detention"
            }
            figure.chart-figure {
                (charts::bar_chart(&format!("Cost per day in {heading}: alternative and detention, by programme"), &rows, &usd))
            }
            details.chart-table open {
                summary { "Table: cost per day against detention" }
                div.table-scroll {
                    table.counts {
                        thead {
                            tr {
                                th scope="col" { "Programme" }
                                th scope="col" { "Country" }
                                th scope="col" { "Alternative (" (heading) ")" }
                                th scope="col" { "Detention (" (heading) ")" }
                                th scope="col" { "Daily saving" }
                                th scope="col" { "Cost year" }
                            }
                        }
                        tbody {
                            @for p in &with_costs {
                                tr {
                                    th scope="row" dir="auto" { a href=(links::practice(p.id.as_str(), lang)) { (p.programme) } }
                                    td { (figures::country_link(p, reference, lang)) }
                                    td.num { (figures::cost_constant(p, reference, lang)) }
                                    td.num { (figures::usd(p.derived.detention_per_day_usd_constant, p.cost.detention_per_day, lang)) }
                                    td.num { (figures::saving(p, lang)) }
                                    td.num { (p.cost.year.map(|y| y.to_string()).unwrap_or_default()) }
                                }
                            }
                        }
                    }
                }
            }
            p.hint { "Dollar figures: the year's average exchange rate, then the US consumer price index to " (REFERENCE_YEAR) ". " a href=(links::localized("/about#method", lang)) { "Method" } }
        }
    }
}

/// Practices per term of a vocabulary (a practice with several tags counts once per tag).
pub fn term_counts<'a>(
    practices: &[Practice],
    reference: &'a Reference,
    vocab: Vocab,
) -> Vec<(&'a str, usize)> {
    let mut counts: Vec<(&str, usize)> = reference
        .vocabularies
        .terms(vocab)
        .iter()
        .map(|t| {
            let n = practices
                .iter()
                .filter(|p| match vocab {
                    Vocab::Region => p.region == t.key,
                    _ => p.tags(vocab).contains(&t.key),
                })
                .count();
            (t.key.as_str(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

fn count_section(
    practices: &[Practice],
    reference: &Reference,
    vocab: Vocab,
    facet: FacetName,
    title: &str,
    lang: Lang,
) -> Markup {
    let counts = term_counts(practices, reference, vocab);
    let label = |key: &str| reference.vocabularies.label(vocab, key, lang).to_string();
    let rows: Vec<BarRow> = counts
        .iter()
        .map(|(key, n)| BarRow {
            label: label(key),
            values: vec![Some(*n as f64)],
        })
        .collect();
    let show = |v: f64| format::count(v as u64, lang);
    let multi = vocab != Vocab::Region;
    html! {
        section id=(format!("by-{}", vocab.name())) {
            h2 { (title) }
            @if multi { p.hint { "A practice can have several; it counts once under each." } }
            figure.chart-figure { (charts::bar_chart(title, &rows, &show)) }
            details.chart-table {
                summary { "Table: " (title) }
                table.counts {
                    thead { tr { th scope="col" { (strings::facet_title(facet)) } th scope="col" { "Practices" } } }
                    tbody {
                        @for (key, n) in &counts {
                            tr {
                                th scope="row" { a href=(links::facet(facet, key, lang)) { (label(key)) } }
                                td.num { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}
