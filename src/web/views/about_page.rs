//! The about page: what the data is, how dollar figures are derived, the vocabularies,
//! licence, citation, API and the data release.

use std::collections::{BTreeMap, BTreeSet};

use maud::{Markup, html};

use super::format;
use super::layout::{SITE_NAME, layout};
use super::links::{self, Here};
use super::strings;
use crate::model::{Lang, MoneyTables, REFERENCE_YEAR, Reference, Vocab};
use crate::search::FacetName;
use crate::store::DataRelease;

/// Said when the rate table names no source (e.g. an empty test reference).
const FX_SOURCE_DEFAULT: &str = "World Bank World Development Indicators, PA.NUS.FCRF (official exchange rate, local currency units per US dollar, period average); the Taiwan dollar from the US Federal Reserve (G.5A annual averages)";
const CPI_SOURCE_DEFAULT: &str = "US Bureau of Labor Statistics, CPI-U (all urban consumers, US city average, all items), annual average";

pub fn about_page(reference: &Reference, release: Option<&DataRelease>, lang: Lang) -> Markup {
    let body = html! {
        h1 { "About " (SITE_NAME) }
        nav.toc aria-label="On this page" {
            ul {
                li { a href="#data" { "The data" } }
                li { a href="#method" { "How dollar figures are computed" } }
                li { a href="#vocabularies" { "Vocabularies" } }
                li { a href="#licence" { "Licence" } }
                li { a href="#cite" { "How to cite" } }
                li { a href="#api" { "JSON API" } }
                li { a href="#release" { "Data release" } }
            }
        }
        (what(release, lang))
        (method(&reference.money))
        (vocabularies(reference, lang))
        (licence())
        (cite(release))
        (api(lang))
        (release_section(release, lang))
    };
    layout(
        &format!("About {SITE_NAME}"),
        lang,
        &Here::new("/about", ""),
        body,
    )
}

fn what(release: Option<&DataRelease>, lang: Lang) -> Markup {
    let count = release.map(|r| r.practices.max(0) as u64);
    html! {
        section #data {
            h2 { "The data" }
            p {
                (SITE_NAME) " is a searchable, open database of alternatives to immigration detention (ATD): "
                "laws, policies and programmes that let migrants, asylum seekers and children live in the "
                "community while their immigration status is resolved, instead of being detained."
            }
            p {
                @match count {
                    Some(n) => { "It holds " (format::count(n, lang)) " practices compiled from public sources. " }
                    None => { "Its practices are compiled from public sources. " }
                }
                "Each record names its source and links to it, so every published figure can be checked. "
                "Where a source gives no figure, the field is empty: nothing is estimated."
            }
            p { a href=(links::home(lang)) { "Search the practices" } }
        }
    }
}

fn method(money: &MoneyTables) -> Markup {
    let r = REFERENCE_YEAR;
    html! {
        section #method {
            h2 { "How dollar figures are computed" }
            p {
                "Each cost is recorded as published: an amount per day, its currency, its unit "
                "(per person, per family or per child) and the year it refers to. Two figures are derived from it:"
            }
            ol {
                li {
                    "US dollars of the cost year, at that year's annual average exchange rate: "
                    code { "usd = amount ÷ units_per_usd[currency, year]" } "."
                }
                li {
                    "Constant " (r) " US dollars, with the US consumer price index (CPI-U): "
                    code { "constant = usd × CPI[" (r) "] ÷ CPI[year]" } "."
                }
            }
            p {
                "The daily saving is the detention cost minus the alternative's cost, both in constant "
                (r) " dollars, where the source gives both. When the year or the exchange rate is unknown, "
                "the derived figure is left empty rather than guessed."
            }
            h3 { "Sources of the tables" }
            ul {
                @for (source, currencies) in fx_sources(money) {
                    li {
                        "Exchange rates: " (source)
                        @if !currencies.is_empty() { " (" (currencies.join(", ")) ")" }
                        "."
                    }
                }
                li {
                    "Consumer prices: "
                    (if money.cpi_source.is_empty() { CPI_SOURCE_DEFAULT } else { money.cpi_source.as_str() })
                    "."
                }
                @if let Some(coverage) = coverage(money) { li { (coverage) } }
            }
            h3 #tables { "The tables" }
            p {
                "Both tables are published with their sources, row by row: "
                a href="/data/fx_usd_annual.csv" { "exchange rates (CSV)" } " and "
                a href="/data/us_cpi_annual.csv" { "consumer prices (CSV)" } ". "
                a href="/data" { "All data downloads" }
            }
            (cpi_table(money))
        }
    }
}

/// The CPI-U index by year, with the factor that turns dollars of that year into constant ones.
fn cpi_table(money: &MoneyTables) -> Markup {
    let Some(reference) = money.cpi.get(&REFERENCE_YEAR).copied() else {
        return html! {};
    };
    html! {
        details.chart-table {
            summary { "US CPI-U by year and the factor to " (REFERENCE_YEAR) " dollars" }
            table.counts {
                thead { tr { th scope="col" { "Year" } th scope="col" { "CPI-U (1982–84 = 100)" } th scope="col" { "× to " (REFERENCE_YEAR) " US$" } } }
                tbody {
                    @for (year, cpi) in &money.cpi {
                        tr {
                            th scope="row" { (year) }
                            td.num { (format!("{cpi:.3}")) }
                            td.num { @if *cpi > 0.0 { (format!("{:.4}", reference / cpi)) } }
                        }
                    }
                }
            }
        }
    }
}

/// Exchange-rate sources with the currencies each covers; one default line when none is known.
fn fx_sources(money: &MoneyTables) -> Vec<(String, Vec<String>)> {
    let mut by_source: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (currency, source) in &money.fx_sources {
        by_source
            .entry(source.as_str())
            .or_default()
            .push(currency.clone());
    }
    if by_source.is_empty() {
        return vec![(FX_SOURCE_DEFAULT.to_string(), Vec::new())];
    }
    by_source
        .into_iter()
        .map(|(s, c)| (s.to_string(), c))
        .collect()
}

/// "Rates for 37 currencies, 2000–2025; prices 2000–2025."
fn coverage(money: &MoneyTables) -> Option<String> {
    let currencies: BTreeSet<&str> = money.fx.keys().map(|(c, _)| c.as_str()).collect();
    let fx_years = span(money.fx.keys().map(|(_, y)| *y))?;
    let cpi_years = span(money.cpi.keys().copied())?;
    Some(format!(
        "Coverage: exchange rates for {} currencies, {fx_years}; consumer prices {cpi_years}.",
        currencies.len()
    ))
}

fn span(years: impl Iterator<Item = i32>) -> Option<String> {
    let all: Vec<i32> = years.collect();
    format::years(all.iter().min().copied(), all.iter().max().copied())
}

fn vocabularies(reference: &Reference, lang: Lang) -> Markup {
    html! {
        section #vocabularies {
            h2 { "Vocabularies" }
            p { "Records are tagged with these controlled terms; the labels of searchable terms link to the practices that use them." }
            @for vocab in Vocab::ALL {
                @let terms = reference.vocabularies.terms(vocab);
                @if !terms.is_empty() {
                    h3 #{"vocab-" (vocab.name())} { (strings::vocab_title(vocab)) }
                    @if matches!(vocab, Vocab::Region | Vocab::Subregion) {
                        ul.compact {
                            @for term in terms {
                                li { (term_label(vocab, &term.key, term.label.get(lang), lang)) " " code { (term.key) } }
                            }
                        }
                    } @else {
                        (vocab_table(vocab, terms, lang))
                    }
                }
            }
        }
    }
}

fn vocab_table(vocab: Vocab, terms: &[crate::model::Term], lang: Lang) -> Markup {
    html! {
        div.table-scroll {
            table.vocab {
                thead { tr { th scope="col" { "Key" } th scope="col" { "Label" } th scope="col" { "Definition" } } }
                tbody {
                    @for term in terms {
                        tr {
                            td { code { (term.key) } }
                            th scope="row" { (term_label(vocab, &term.key, term.label.get(lang), lang)) }
                            td { (term.definition.get(lang)) }
                        }
                    }
                }
            }
        }
    }
}

/// A term's label, linked to its search when the vocabulary is a facet.
fn term_label(vocab: Vocab, key: &str, label: &str, lang: Lang) -> Markup {
    let facet = FacetName::ALL
        .into_iter()
        .find(|f| f.vocab() == Some(vocab));
    match facet {
        Some(facet) => html! { a href=(links::facet(facet, key, lang)) { (label) } },
        None => html! { (label) },
    }
}

fn licence() -> Markup {
    html! {
        section #licence {
            h2 { "Licence" }
            p {
                "The data is published under the Creative Commons Attribution 4.0 International licence "
                "(CC BY 4.0): you may share and adapt it, for any purpose, if you credit " (SITE_NAME) "."
            }
            p { "The sources each keep their own terms: quote them as their terms allow." }
        }
    }
}

fn cite(release: Option<&DataRelease>) -> Markup {
    html! {
        section #cite {
            h2 { "How to cite" }
            p { "Cite the dataset as:" }
            p.cite {
                (SITE_NAME) ": alternatives to immigration detention"
                @if let Some(r) = release {
                    ", data release " (r.generation) " (" (date_part(&r.imported_at)) ")"
                }
                ". Licensed CC BY 4.0."
            }
            p {
                "Add the address of the page you used and the date you accessed it. To cite one record, "
                "use its page (" code { "/practices/{id}" } ") and name its original source as well."
            }
        }
    }
}

/// The date of a timestamp like `2026-07-30T12:00:00Z`; anything else is shown as it is.
fn date_part(stamp: &str) -> &str {
    let b = stamp.as_bytes();
    let looks_like_date = b.len() >= 10 && b[4] == b'-' && b[7] == b'-';
    if looks_like_date {
        stamp.get(..10).unwrap_or(stamp)
    } else {
        stamp
    }
}

fn api(lang: Lang) -> Markup {
    let example = "/api/v1/search?q=children&country=MX";
    html! {
        section #api {
            h2 { "JSON API" }
            dl.api {
                dt { code { "/api/v1/search" } }
                dd {
                    "The search of this site as JSON, with the same parameters as the search page "
                    "(" code { "q" } ", the facets such as " code { "country" } " or " code { "atd_type" } ", "
                    code { "cost_min" } ", " code { "cost_max" } ", " code { "year_min" } ", " code { "year_max" } ", "
                    code { "compliance_min" } ", " code { "compliance_max" } ", " code { "sort" } ", " code { "page" } "). "
                    "Example: " a href=(example) { code { (example) } }
                }
                dt { code { "/api/v1/practices/{id}" } }
                dd { "One record as JSON, with its derived dollar figures." }
                dt { code { "/practices.csv" } ", " code { "/practices.json" } }
                dd { "Every row a search matches, with the same parameters. " a href="/data" { "All downloads" } }
                dt { code { "/openapi.json" } }
                dd { "The OpenAPI 3.1 description of the API; " a href="/api/docs" { "read it as a page" } "." }
            }
            p { "Any search on this site can be turned into an API call by keeping its parameters." }
            @if lang != Lang::En {
                p { "The API returns the data as recorded, in English, with vocabulary keys." }
            }
        }
    }
}

fn release_section(release: Option<&DataRelease>, lang: Lang) -> Markup {
    html! {
        section #release {
            h2 { "Data release" }
            @match release {
                None => { p { "No information about the data release is available right now." } }
                Some(r) => {
                    dl.facts {
                        div { dt { "Release" } dd { (r.generation) } }
                        div { dt { "Imported" } dd { (r.imported_at) } }
                        div { dt { "Practices" } dd { (format::count(r.practices.max(0) as u64, lang)) } }
                    }
                }
            }
        }
    }
}
