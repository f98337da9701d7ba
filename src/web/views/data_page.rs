//! The data page: the full dataset download (CSV, Frictionless Data Package, CITATION.cff,
//! licence), the exports of any search, and how to cite.

use maud::{Markup, html};

use super::layout::{SITE_NAME, layout};
use super::links::{self, Here};
use crate::i18n::{Arg, t, t_args};
use crate::model::{Lang, REFERENCE_YEAR};

/// What the data page lists and cites.
pub struct DataView<'a> {
    /// The published data files, by name, in the order offered.
    pub files: &'a [&'static str],
    pub public_url: &'a str,
    pub dataset_version: &'a str,
}

/// The Fluent id of what each published file is.
fn describe(file: &str) -> Option<&'static str> {
    Some(match file {
        "practices.csv" => "data-file-practices",
        "sources.csv" => "data-file-sources",
        "translations.csv" => "data-file-translations",
        "figures.csv" => "data-file-figures",
        "links.csv" => "data-file-links",
        "CHANGELOG.md" => "data-file-changelog",
        "vocabularies.csv" => "data-file-vocabularies",
        "countries.csv" => "data-file-countries",
        "currencies.csv" => "data-file-currencies",
        "fx_usd_annual.csv" => "data-file-fx",
        "us_cpi_annual.csv" => "data-file-cpi",
        "synonyms.csv" => "data-file-synonyms",
        "datapackage.json" => "data-file-datapackage",
        "README.md" => "data-file-readme",
        "LICENSE" => "data-file-licence",
        _ => return None,
    })
}

pub fn data_page(site: &DataView<'_>, lang: Lang) -> Markup {
    let files = site.files;
    let title = t(lang, "data-title");
    let year = REFERENCE_YEAR.to_string();
    // A citation is quoted as published: its words stay English.
    let citation_lang = (lang != Lang::En).then_some("en");
    let body = html! {
        h1 { (title) }
        p.lede {
            (t_args(lang, "data-lede", &[("site", Arg::from(SITE_NAME)), ("version", Arg::from(site.dataset_version))]))
        }
        section #everything {
            h2 { (t(lang, "data-everything")) }
            ul.downloads {
                li {
                    a href=(links::localized("/practices.csv", lang)) download { (t(lang, "data-all-csv")) }
                    " — " (t_args(lang, "data-all-csv-text", &[("year", Arg::from(&year))]))
                }
                li {
                    a href=(links::localized("/practices.json", lang)) { (t(lang, "data-all-json")) }
                    " — " (t(lang, "data-all-json-text"))
                }
            }
            p {
                (t(lang, "data-every-search")) " "
                a href=(format!("/practices.csv?country=MX&lang={}", lang.code())) { code { "/practices.csv?country=MX" } }
            }
        }
        section #releases {
            h2 { (t(lang, "changes-title")) }
            p {
                a href=(links::localized("/changes", lang)) { (t(lang, "data-changes-link")) }
                " · "
                a href=(links::localized("/changes.atom", lang)) type="application/atom+xml" { (t(lang, "changes-follow")) }
            }
        }
        section #package {
            h2 { (t(lang, "data-package")) }
            p { (t(lang, "data-package-intro")) }
            ul.downloads {
                @for file in files {
                    li {
                        a href=(format!("/data/{file}")) { code { (file) } }
                        @if let Some(key) = describe(file) { " — " (t(lang, key)) }
                    }
                }
                li { a href="/data/CITATION.cff" { code { "CITATION.cff" } } " — " (t(lang, "data-file-citation")) }
            }
        }
        section #cite {
            h2 { (t(lang, "about-cite")) }
            p.cite lang=[citation_lang] {
                "ATD Atlas contributors. " i { "ATD Atlas: alternatives to immigration detention" }
                " [dataset], version " (site.dataset_version) ". " (site.public_url) "/data. Licensed CC BY 4.0."
            }
            p { (t(lang, "data-cite-advice")) }
            p { a href=(links::localized("/about", lang) + "#method") { (t(lang, "about-method")) } }
        }
    };
    layout(&title, lang, &Here::new("/data", ""), body)
}
