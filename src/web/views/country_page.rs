//! A country's page: every practice there, which CAP stages, types of alternative and
//! populations they cover and which none covers, and their costs.

use maud::{Markup, html};

use super::figures;
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use crate::model::{Country, Lang, Practice, Reference, Vocab};
use crate::search::FacetName;
use crate::web::params;

pub fn country_page(
    country: &Country,
    practices: &[Practice],
    reference: &Reference,
    lang: Lang,
) -> Markup {
    let name = country.name.get(lang);
    let here = Here::new(format!("/countries/{}", country.iso2), "");
    let region = reference
        .vocabularies
        .label(Vocab::Region, &country.region, lang);
    let subregion = reference
        .vocabularies
        .label(Vocab::Subregion, &country.subregion, lang);
    let export = format!("/practices.csv?country={}", params::encode(&country.iso2));
    let ids: Vec<&str> = practices.iter().map(|p| p.id.as_str()).collect();
    let body = html! {
        article.country {
            h1 { (name) }
            p.meta { (region) " · " (subregion) " · " (count_text(practices.len())) }
            @if practices.is_empty() {
                p.empty { "No practice in this country is recorded yet. Every stage and type below is therefore shown as not covered by a recorded practice." }
            } @else {
                ul.actions {
                    li { a href=(links::facet(FacetName::Country, &country.iso2, lang)) { "Search within these practices" } }
                    li { a href=(export) download { "Download them as CSV" } }
                    @if (2..=4).contains(&ids.len()) {
                        li { a href=(links::compare(&ids, lang)) { "Compare them side by side" } }
                    }
                }
                (practice_table(practices, reference, lang))
            }
            h2 #coverage { "What the recorded practices cover" }
            p.hint { "“Not covered” means no recorded practice covers it, not that nothing exists: the data only holds what public sources document." }
            div.coverage-grid {
                (coverage(practices, reference, Vocab::CapStage, "CAP stages", lang))
                (coverage(practices, reference, Vocab::AtdType, "Types of alternative", lang))
                (coverage(practices, reference, Vocab::Population, "Populations", lang))
            }
            p.back { a href=(links::localized("/insights", lang)) { "All countries on the map" } }
        }
    };
    layout(name, lang, &here, body)
}

fn count_text(n: usize) -> String {
    match n {
        0 => "no recorded practices".to_string(),
        1 => "1 recorded practice".to_string(),
        n => format!("{n} recorded practices"),
    }
}

fn practice_table(practices: &[Practice], reference: &Reference, lang: Lang) -> Markup {
    html! {
        h2 #practices { "Practices" }
        div.table-scroll {
            table.country-practices {
                thead {
                    tr {
                        th scope="col" { "Practice" }
                        th scope="col" { "Kind · status" }
                        th scope="col" { "Years" }
                        th scope="col" { "Cost per day (" (figures::constant_heading()) ")" }
                        th scope="col" { "Detention per day (" (figures::constant_heading()) ")" }
                        th scope="col" { "Compliance" }
                    }
                }
                tbody {
                    @for p in practices {
                        tr {
                            th scope="row" dir="auto" { a href=(links::practice(p.id.as_str(), lang)) { (p.programme) } }
                            td {
                                (figures::label(reference, Vocab::Kind, &p.kind, lang)) " · "
                                (figures::label(reference, Vocab::Status, &p.status, lang))
                            }
                            td { (format::years(p.start_year, p.end_year).unwrap_or_else(|| figures::NOT_PUBLISHED.into())) }
                            td.num { (figures::cost_constant(p, reference, lang)) }
                            td.num { (figures::usd(p.derived.detention_per_day_usd_constant, p.cost.detention_per_day, lang)) }
                            td.num { (figures::compliance(p, lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// Every term of a vocabulary: the practices that cover it, or "not covered".
fn coverage(
    practices: &[Practice],
    reference: &Reference,
    vocab: Vocab,
    title: &str,
    lang: Lang,
) -> Markup {
    let terms = reference.vocabularies.terms(vocab);
    let covered = terms
        .iter()
        .filter(|t| practices.iter().any(|p| p.tags(vocab).contains(&t.key)))
        .count();
    html! {
        div {
        h3 { (title) ": " (covered) " of " (terms.len()) " covered" }
        table.coverage {
            thead { tr { th scope="col" { (title) } th scope="col" { "Covered by" } } }
            tbody {
                @for term in terms {
                    @let by: Vec<&Practice> = practices.iter().filter(|p| p.tags(vocab).contains(&term.key)).collect();
                    tr.covered[!by.is_empty()].missing-row[by.is_empty()] {
                        th scope="row" { (term.label.get(lang)) }
                        td {
                            @if by.is_empty() {
                                span.gap-mark { "not covered" }
                            } @else {
                                @for (i, p) in by.iter().enumerate() {
                                    @if i > 0 { span.sep { "; " } }
                                    a href=(links::practice(p.id.as_str(), lang)) dir="auto" { (p.programme) }
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
