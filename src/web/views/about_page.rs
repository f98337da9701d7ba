//! The about page: what the data is, how dollar figures are derived, the vocabularies,
//! licence, citation, API and the data release.

use std::collections::{BTreeMap, BTreeSet};

use maud::{Markup, html};

use super::format;
use super::layout::layout;
use super::links::{self, Here};
use super::slot::{SLOT, with_slot};
use super::strings;
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, MoneyTables, REFERENCE_YEAR, Reference, Vocab};
use crate::search::{FacetName, Synonyms};
use crate::store::DataRelease;

/// Said when the rate table names no source (e.g. an empty test reference).
const FX_SOURCE_DEFAULT: &str = "World Bank World Development Indicators, PA.NUS.FCRF (official exchange rate, local currency units per US dollar, period average); the Taiwan dollar from the US Federal Reserve (G.5A annual averages)";
const CPI_SOURCE_DEFAULT: &str = "US Bureau of Labor Statistics, CPI-U (all urban consumers, US city average, all items), annual average";

pub fn about_page(
    reference: &Reference,
    release: Option<&DataRelease>,
    synonyms: &Synonyms,
    public_url: &str,
    lang: Lang,
) -> Markup {
    let body = html! {
        h1 { (t(lang, "about-title")) }
        nav.toc aria-label=(t(lang, "about-toc")) {
            ul {
                li { a href="#data" { (t(lang, "about-data")) } }
                li { a href="#method" { (t(lang, "about-method")) } }
                li { a href="#vocabularies" { (t(lang, "about-vocabularies")) } }
                li { a href="#search-help" { (t(lang, "about-search")) } }
                li { a href="#licence" { (t(lang, "about-licence")) } }
                li { a href="#cite" { (t(lang, "about-cite")) } }
                li { a href="#api" { (t(lang, "about-api")) } }
                li { a href="#proposals" { (t(lang, "about-proposals")) } }
                li { a href="#release" { (t(lang, "about-release")) } }
            }
        }
        (what(release, lang))
        (method(&reference.money, lang))
        (vocabularies(reference, lang))
        (search_help(synonyms, lang))
        (licence(lang))
        (cite(release, public_url, lang))
        (api(lang))
        (proposals(lang))
        (release_section(release, lang))
    };
    layout(
        &t(lang, "about-title"),
        lang,
        &Here::new("/about", ""),
        body,
    )
}

/// How words are matched, and the synonyms table that widens a search.
fn search_help(synonyms: &Synonyms, lang: Lang) -> Markup {
    html! {
        section #search-help {
            h2 { (t(lang, "about-search")) }
            p { (t(lang, "about-search-intro")) }
            @if !synonyms.groups().is_empty() {
                p { (t(lang, "about-synonyms-intro")) }
                div.table-scroll {
                    table.vocab {
                        thead { tr { th scope="col" { (t(lang, "synonyms-terms")) } th scope="col" { (t(lang, "synonyms-meaning")) } } }
                        tbody {
                            @for group in synonyms.groups() {
                                tr {
                                    // English, Spanish and French terms side by side: no one language
                                    // (`lang=""`, unknown, so no voice reads them all as one).
                                    td lang="" { (group.terms.join(" · ")) }
                                    td lang=[(lang != Lang::En).then_some("en")] { (group.meaning) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn what(release: Option<&DataRelease>, lang: Lang) -> Markup {
    let count = release.map(|r| r.practices.max(0) as u64);
    html! {
        section #data {
            h2 { (t(lang, "about-data")) }
            p { (t(lang, "about-data-intro")) }
            p {
                @match count {
                    Some(n) => { (t_args(lang, "about-data-count", &[("count", n.into()), ("shown", Arg::from(&format::count(n, lang)))])) " " }
                    None => { (t(lang, "about-data-nocount")) " " }
                }
                (t(lang, "about-data-sources"))
            }
            p { (t(lang, "about-data-language")) }
            p { a href=(links::home(lang)) { (t(lang, "about-search-link")) } }
        }
    }
}

fn method(money: &MoneyTables, lang: Lang) -> Markup {
    let r = REFERENCE_YEAR;
    let year = r.to_string();
    let ry = [("year", Arg::from(&year))];
    // Source names are proper names of data sets: quoted as their publishers write them.
    let source_lang = (lang != Lang::En).then_some("en");
    html! {
        section #method {
            h2 { (t(lang, "about-method")) }
            p { (t(lang, "about-method-intro")) }
            ol {
                li {
                    (t(lang, "about-method-usd")) " "
                    code { "usd = amount ÷ units_per_usd[currency, year]" }
                }
                li {
                    (t_args(lang, "about-method-constant", &ry)) " "
                    code { "constant = usd × CPI[" (r) "] ÷ CPI[year]" }
                }
            }
            p { (t_args(lang, "about-method-saving", &ry)) }
            h3 { (t(lang, "about-method-sources")) }
            ul {
                @for (source, currencies) in fx_sources(money) {
                    @let named = if currencies.is_empty() { source.clone() } else { format!("{source} ({})", currencies.join(", ")) };
                    li { (with_slot(&t_args(lang, "about-fx-source", &[("source", Arg::Str(SLOT))]), html! { span lang=[source_lang] { (named) } })) }
                }
                li {
                    @let cpi = if money.cpi_source.is_empty() { CPI_SOURCE_DEFAULT } else { money.cpi_source.as_str() };
                    (with_slot(&t_args(lang, "about-cpi-source", &[("source", Arg::Str(SLOT))]), html! { span lang=[source_lang] { (cpi) } }))
                }
                @if let Some(coverage) = coverage(money, lang) { li { (coverage) } }
            }
            h3 #tables { (t(lang, "about-tables")) }
            p {
                (t(lang, "about-tables-intro")) " "
                a href="/data/fx_usd_annual.csv" { (t(lang, "about-tables-fx")) } " " (t(lang, "about-tables-and")) " "
                a href="/data/us_cpi_annual.csv" { (t(lang, "about-tables-cpi")) } ". "
                a href=(links::localized("/data", lang)) { (t(lang, "about-all-data")) }
            }
            (cpi_table(money, lang))
        }
    }
}

/// The CPI-U index by year, with the factor that turns dollars of that year into constant ones.
fn cpi_table(money: &MoneyTables, lang: Lang) -> Markup {
    let Some(reference) = money.cpi.get(&REFERENCE_YEAR).copied() else {
        return html! {};
    };
    let year = REFERENCE_YEAR.to_string();
    let ry = [("year", Arg::from(&year))];
    html! {
        details.chart-table {
            summary { (t_args(lang, "about-cpi-table", &ry)) }
            table.counts {
                thead { tr { th scope="col" { (t(lang, "about-cpi-year")) } th scope="col" { "CPI-U (1982–84 = 100)" } th scope="col" { (t_args(lang, "about-cpi-factor", &ry)) } } }
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
fn coverage(money: &MoneyTables, lang: Lang) -> Option<String> {
    let currencies: BTreeSet<&str> = money.fx.keys().map(|(c, _)| c.as_str()).collect();
    let fx_years = span(money.fx.keys().map(|(_, y)| *y), lang)?;
    let cpi_years = span(money.cpi.keys().copied(), lang)?;
    Some(t_args(
        lang,
        "about-coverage",
        &[
            ("currencies", currencies.len().into()),
            ("fx_years", Arg::from(&fx_years)),
            ("cpi_years", Arg::from(&cpi_years)),
        ],
    ))
}

fn span(years: impl Iterator<Item = i32>, lang: Lang) -> Option<String> {
    let all: Vec<i32> = years.collect();
    format::years(all.iter().min().copied(), all.iter().max().copied(), lang)
}

fn vocabularies(reference: &Reference, lang: Lang) -> Markup {
    html! {
        section #vocabularies {
            h2 { (t(lang, "about-vocabularies")) }
            p { (t(lang, "about-vocab-intro")) }
            @for vocab in Vocab::ALL {
                @let terms = reference.vocabularies.terms(vocab);
                @if !terms.is_empty() {
                    h3 #{"vocab-" (vocab.name())} { (strings::vocab_title(vocab, lang)) }
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

pub(super) fn vocab_table(vocab: Vocab, terms: &[crate::model::Term], lang: Lang) -> Markup {
    html! {
        div.table-scroll {
            table.vocab {
                thead { tr { th scope="col" { (t(lang, "vocab-key")) } th scope="col" { (t(lang, "vocab-label")) } th scope="col" { (t(lang, "vocab-definition")) } } }
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

fn licence(lang: Lang) -> Markup {
    html! {
        section #licence {
            h2 { (t(lang, "about-licence")) }
            p { (t(lang, "about-licence-text")) }
            p { (t(lang, "about-licence-sources")) }
        }
    }
}

fn cite(release: Option<&DataRelease>, public_url: &str, lang: Lang) -> Markup {
    let citation = match release {
        Some(r) => {
            let number = r.generation.to_string();
            let date = format::date(&r.imported_at, lang);
            t_args(
                lang,
                "about-cite-release",
                &[("release", Arg::from(&number)), ("date", Arg::from(&date))],
            )
        }
        None => t(lang, "about-cite-norelease"),
    };
    html! {
        section #cite {
            h2 { (t(lang, "about-cite")) }
            p { (t(lang, "about-cite-intro")) }
            p.cite { (citation) }
            p { (t(lang, "about-cite-advice")) }
            p #public-url { (t(lang, "about-public-url")) " " code { (public_url) } }
        }
    }
}

fn api(lang: Lang) -> Markup {
    let example = "/api/v1/search?q=children&country=MX";
    html! {
        section #api {
            h2 { (t(lang, "about-api")) }
            dl.api {
                dt { code { "/api/v1/search" } }
                dd {
                    (t(lang, "about-api-search")) " "
                    (t(lang, "about-api-example")) " " a href=(example) { code { (example) } }
                }
                dt { code { "/api/v1/practices/{id}" } }
                dd { (t(lang, "about-api-practice")) }
                dt { code { "/practices.csv" } ", " code { "/practices.json" } }
                dd { (t(lang, "about-api-exports")) " " a href=(links::localized("/data", lang)) { (t(lang, "about-all-downloads")) } }
                dt { code { "/practices.atom" } ", " code { "/changes.atom" } }
                dd { (t(lang, "about-api-feeds")) " " a href=(links::localized("/changes", lang)) { (t(lang, "changes-title")) } }
                dt { code { "/openapi.json" } }
                dd { (t(lang, "about-api-openapi")) " " a href=(links::localized("/api/docs", lang)) { (t(lang, "about-api-openapi-page")) } }
            }
            p { (t(lang, "about-api-any")) }
            p { (t(lang, "about-api-english")) }
        }
    }
}

fn proposals(lang: Lang) -> Markup {
    html! {
        section #proposals {
            h2 { (t(lang, "about-proposals")) }
            p { (t(lang, "about-proposals-text")) " " a href=(links::localized("/propose", lang)) { (t(lang, "cf-title-new")) } }
            p { (t(lang, "about-proposals-privacy")) }
        }
    }
}

fn release_section(release: Option<&DataRelease>, lang: Lang) -> Markup {
    html! {
        section #release {
            h2 { (t(lang, "about-release")) }
            @match release {
                None => { p { (t(lang, "about-release-none")) } }
                Some(r) => {
                    dl.facts {
                        div { dt { (t(lang, "release-number")) } dd { (r.generation) } }
                        div { dt { (t(lang, "release-imported")) } dd { (format::date(&r.imported_at, lang)) } }
                        div { dt { (t(lang, "release-practices")) } dd { (format::count(r.practices.max(0) as u64, lang)) } }
                    }
                }
            }
        }
    }
}
