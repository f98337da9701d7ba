//! The data page: the full dataset download (CSV, Frictionless Data Package, CITATION.cff,
//! licence), the exports of any search, and how to cite.

use maud::{Markup, html};

use super::layout::{SITE_NAME, layout};
use super::links::{self, Here};
use crate::model::{Lang, REFERENCE_YEAR};
use crate::web::Site;

/// What each published file is.
fn describe(file: &str) -> &'static str {
    match file {
        "practices.csv" => {
            "The practices as compiled (UTF-8, one row per practice; tags separated by “;”). Described by datapackage.json."
        }
        "vocabularies.csv" => {
            "The controlled vocabularies, with labels and definitions in English, Spanish and French."
        }
        "countries.csv" => "ISO 3166-1 countries with UN M49 regions and names in three languages.",
        "currencies.csv" => "ISO 4217 currencies.",
        "fx_usd_annual.csv" => {
            "Annual average exchange rates, units of each currency per US dollar, with sources."
        }
        "us_cpi_annual.csv" => "US consumer price index (CPI-U) annual averages, with source.",
        "datapackage.json" => {
            "Frictionless Data Package: every column's type, constraints and meaning, and the licences."
        }
        "README.md" => {
            "How the data was compiled, column by column, and the method for dollar figures."
        }
        "LICENSE" => {
            "The data licence: Creative Commons Attribution 4.0 International (CC BY 4.0)."
        }
        _ => "",
    }
}

pub fn data_page(site: &Site, lang: Lang) -> Markup {
    let files: Vec<&str> = crate::web::research::data_file_names().collect();
    let body = html! {
        h1 { "Download the data" }
        p.lede {
            (SITE_NAME) " data, version " (site.dataset_version) ", under CC BY 4.0. "
            "Every file below is what this site serves; nothing is behind a login."
        }
        section #everything {
            h2 { "Everything, ready for a spreadsheet" }
            ul.downloads {
                li {
                    a href="/practices.csv" download { "All practices as CSV" }
                    " — opens cleanly in Excel or LibreOffice: UTF-8 with a byte-order mark, dot decimals, "
                    "cost columns in the original currency, in US dollars of the cost year and in constant "
                    (REFERENCE_YEAR) " US dollars. Text cells that a spreadsheet would run as a formula start with an apostrophe."
                }
                li {
                    a href="/practices.json" { "All practices as JSON" }
                    " — the same rows with raw values, for scripts."
                }
            }
            p {
                "Every search has the same two downloads for exactly its results: add "
                code { ".csv" } " or " code { ".json" } " to " code { "/practices" }
                " and keep the search parameters, e.g. "
                a href="/practices.csv?country=MX" { code { "/practices.csv?country=MX" } } "."
            }
        }
        section #package {
            h2 { "The dataset as published" }
            p { "The source files with their Frictionless Data Package description (validated with the " code { "frictionless" } " tool):" }
            ul.downloads {
                @for file in &files {
                    li { a href=(format!("/data/{file}")) { code { (file) } } " — " (describe(file)) }
                }
                li { a href="/data/CITATION.cff" { code { "CITATION.cff" } } " — how to cite the dataset (Citation File Format)." }
            }
        }
        section #cite {
            h2 { "How to cite" }
            p.cite {
                "ATD Atlas contributors. " i { "ATD Atlas: alternatives to immigration detention" }
                " [dataset], version " (site.dataset_version) ". " (site.public_url) "/data. Licensed CC BY 4.0."
            }
            p { "Add the date you accessed it. Each record page has a ready citation for that record (text, BibTeX and RIS)." }
            p { a href=(links::localized("/about#method", lang)) { "How the dollar figures are computed" } }
        }
    };
    layout("Download the data", lang, &Here::new("/data", ""), body)
}
