//! A country's page: every practice there, which CAP stages, types of alternative and
//! populations they cover and which none covers, and their costs.

use maud::{Markup, html};

use super::detention;
use super::figures;
use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::record_text;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Country, Figure, Lang, Practice, Reference, Vocab};
use crate::search::FacetName;
use crate::web::urls;

/// What a country without practices is shown instead: its neighbours' practices.
#[derive(Debug, Default)]
pub struct Nearby {
    /// The sub-region (or, when it has none, the region) the practices come from.
    pub area: Option<(FacetName, String)>,
    pub practices: Vec<Practice>,
}

pub fn country_page(
    country: &Country,
    practices: &[Practice],
    nearby: &Nearby,
    country_figures: &[Figure],
    reference: &Reference,
    lang: Lang,
) -> Markup {
    let name = country.name.get(lang);
    let detention_series = detention::country_series(&country.iso2, country_figures);
    let here = Here::new(format!("/countries/{}", country.iso2), "");
    let region = reference
        .vocabularies
        .label(Vocab::Region, &country.region, lang);
    let subregion = reference
        .vocabularies
        .label(Vocab::Subregion, &country.subregion, lang);
    let export = format!(
        "/practices.csv?country={}&lang={}",
        urls::encode(&country.iso2),
        lang.code()
    );
    let ids: Vec<&str> = practices.iter().map(|p| p.id.as_str()).collect();
    let body = html! {
        article.country {
            h1 { (name) }
            p.meta { (region) " · " (subregion) " · " (count_text(practices.len(), lang)) }
            @if practices.is_empty() {
                (none_here(name, nearby, reference, lang))
            } @else {
                ul.actions {
                    li { a href=(links::facet(FacetName::Country, &country.iso2, lang)) { (t(lang, "country-search-within")) } }
                    li { a href=(export) download { (t(lang, "country-download-csv")) } }
                    @if (2..=4).contains(&ids.len()) {
                        li { a href=(links::compare(&ids, lang)) { (t(lang, "country-compare")) } }
                    }
                }
                (practice_table(practices, reference, lang))
            }
            (detention::country_section(name, &detention_series, reference, lang))
            @if !practices.is_empty() {
                h2 #coverage { (t(lang, "country-coverage")) }
                p.hint { (t(lang, "country-coverage-hint")) }
                div.coverage-grid {
                    (coverage(practices, reference, Vocab::CapStage, &t(lang, "field-cap-stages"), lang))
                    (coverage(practices, reference, Vocab::AtdType, &t(lang, "field-atd-types"), lang))
                    (coverage(practices, reference, Vocab::Population, &t(lang, "field-populations"), lang))
                }
            }
            p.back { a href=(links::localized("/insights", lang)) { (t(lang, "country-all-on-map")) } }
        }
    };
    layout(name, lang, &here, body)
}

/// A country with no recorded practice: say so, invite a proposal, and show what the
/// neighbouring countries do (never a table of "not covered" rows about nothing).
fn none_here(name: &str, nearby: &Nearby, reference: &Reference, lang: Lang) -> Markup {
    let mut countries: Vec<(&str, &str, usize)> = Vec::new();
    for p in &nearby.practices {
        match countries.iter_mut().find(|(iso2, _, _)| *iso2 == p.iso2) {
            Some(entry) => entry.2 += 1,
            None => countries.push((&p.iso2, &p.country, 1)),
        }
    }
    html! {
        p.empty { (t_args(lang, "country-none-yet", &[("country", Arg::from(name))])) }
        p { a href=(links::localized("/propose", lang)) { (t_args(lang, "country-propose", &[("country", Arg::from(name))])) } }
        @if let Some((facet, key)) = &nearby.area {
            @let area = figures::label(reference, facet.vocab().unwrap_or(Vocab::Region), key, lang);
            section.nearby aria-labelledby="nearby" {
                h2 #nearby { (t_args(lang, "country-nearby", &[("area", Arg::from(&area))])) }
                p {
                    (t(lang, "country-neighbours")) " "
                    @for (i, (iso2, country, n)) in countries.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(links::country(iso2, lang)) { (reference.countries.get(iso2).map_or(*country, |c| c.name.get(lang))) } " (" (n) ")"
                    }
                }
                ul.nearby-practices {
                    @for p in &nearby.practices {
                        li {
                            a href=(links::practice(p.id.as_str(), lang)) dir="auto" lang=[record_text::record_lang(p, lang)] { (p.programme) }
                            " · " (reference.countries.get(&p.iso2).map_or(p.country.as_str(), |c| c.name.get(lang)))
                        }
                    }
                }
                p { a href=(links::facet(*facet, key, lang)) { (t_args(lang, "country-search-area", &[("area", Arg::from(&area))])) } }
            }
        }
    }
}

fn count_text(n: usize, lang: Lang) -> String {
    let shown = format::count(n as u64, lang);
    t_args(
        lang,
        "country-count",
        &[("count", Arg::from(n)), ("shown", Arg::from(&shown))],
    )
}

fn practice_table(practices: &[Practice], reference: &Reference, lang: Lang) -> Markup {
    let heading = figures::constant_heading(lang);
    let with_heading = [("heading", Arg::from(&heading))];
    html! {
        h2 #practices { (t(lang, "practices-column")) }
        div.table-scroll {
            table.country-practices {
                thead {
                    tr {
                        th scope="col" { (t(lang, "country-practice")) }
                        th scope="col" { (t(lang, "country-kind-status")) }
                        th scope="col" { (t(lang, "field-years")) }
                        th scope="col" { (t_args(lang, "country-cost", &with_heading)) }
                        th scope="col" { (t_args(lang, "country-detention", &with_heading)) }
                        th scope="col" { (t(lang, "field-compliance")) }
                    }
                }
                tbody {
                    @for p in practices {
                        tr {
                            th scope="row" dir="auto" lang=[record_text::record_lang(p, lang)] { a href=(links::practice(p.id.as_str(), lang)) { (p.programme) } }
                            td {
                                (figures::label(reference, Vocab::Kind, &p.kind, lang)) " · "
                                (figures::label(reference, Vocab::Status, &p.status, lang))
                            }
                            td { (format::years(p.start_year, p.end_year, lang).unwrap_or_else(|| figures::not_published(lang))) }
                            td.num { (figures::cost_constant(p, reference, lang)) }
                            td.num { (figures::detention_constant(p, reference, lang)) }
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
    let (covered, total) = (covered.to_string(), terms.len().to_string());
    html! {
        div {
        h3 { (t_args(lang, "coverage-count", &[("title", Arg::from(title)), ("covered", Arg::from(&covered)), ("total", Arg::from(&total))])) }
        table.coverage {
            thead { tr { th scope="col" { (title) } th scope="col" { (t(lang, "coverage-covered-by")) } } }
            tbody {
                @for term in terms {
                    @let by: Vec<&Practice> = practices.iter().filter(|p| p.tags(vocab).contains(&term.key)).collect();
                    tr.covered[!by.is_empty()].missing-row[by.is_empty()] {
                        th scope="row" { (term.label.get(lang)) }
                        td {
                            @if by.is_empty() {
                                span.gap-mark { (t(lang, "coverage-not-covered")) }
                            } @else {
                                @for (i, p) in by.iter().enumerate() {
                                    @if i > 0 { span.sep { "; " } }
                                    a href=(links::practice(p.id.as_str(), lang)) dir="auto" lang=[record_text::record_lang(p, lang)] { (p.programme) }
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
