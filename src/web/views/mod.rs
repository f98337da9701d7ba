//! HTML views (maud): pure functions from data to markup, one layout for every page.
//!
//! Views never see a store, a searcher or a request; the handlers in `web::routes` pass them
//! data. From `web` they use only `params` (the search as read) and `urls` (links).
//! Record text is always escaped by maud; nothing here uses `PreEscaped` with data.

mod about_page;
mod api_docs_page;
mod atom;
mod changes_page;
mod charts;
mod compare_page;
mod contribute_page;
mod country_page;
mod data_page;
mod error_page;
mod figures;
mod follow_page;
mod format;
mod insights_page;
mod layout;
mod links;
mod practice_page;
mod range_pictures;
mod record_tools;
mod search_page;
mod strings;

#[cfg(test)]
mod tests;

use maud::{Markup, html};

use crate::model::{Practice, Reference};
use crate::search::SearchResults;
use crate::search::suggest::Suggestions;
use crate::web::params::SearchRequest;

pub use about_page::about_page;
pub use api_docs_page::api_docs_page;
pub use atom::{changes_feed, practices_feed};
pub use changes_page::changes_page;
pub use compare_page::{CompareView, compare_page};
pub use contribute_page::{ContributeView, Desk, HONEYPOT, Receipt, contribute_page, receipt_page};
pub use country_page::country_page;
pub use data_page::{DataView, data_page};
pub use error_page::error_page;
pub use follow_page::{FollowView, follow_page};
pub use insights_page::insights_page;
pub use layout::SCRIPT_PATH;
pub use practice_page::practice_page;
pub use range_pictures::RangeValues;
pub use record_tools::{CiteInfo, bibtex, plain as plain_citation, record_tools, ris};
pub use search_page::{results_fragment, search_page, search_terms};

/// The site stylesheet, served by the router at [`STYLESHEET_PATH`].
pub const STYLESHEET: &str = include_str!("../assets/site.css");
pub const STYLESHEET_PATH: &str = "/static/site.css";
/// The enhancement script, served at [`SCRIPT_PATH`].
pub const SCRIPT: &str = include_str!("../assets/enhance.js");

/// Everything the search page shows.
pub struct SearchView<'a> {
    /// The query, its language and how the parameters were read.
    pub request: &'a SearchRequest,
    /// Hits, total, facet counts and warnings.
    pub results: &'a SearchResults,
    /// The hits' records, matched to hits by id (a hit without a record is skipped).
    pub practices: &'a [Practice],
    pub reference: &'a Reference,
    /// Figures for the histograms beside the range filters; none shows no pictures.
    pub range_values: Option<&'a RangeValues>,
    /// What to offer when nothing matched (empty otherwise).
    pub suggestions: &'a Suggestions,
}

/// Stands in for markup inside a translated sentence (see [`with_slot`]).
pub const SLOT: &str = "\u{E000}";

/// A translated sentence with markup (a link, a `<bdi>`) where the translation put [`SLOT`];
/// the words around it are escaped as usual.
pub fn with_slot(sentence: &str, markup: Markup) -> Markup {
    match sentence.split_once(SLOT) {
        Some((before, after)) => html! { (before) (markup) (after) },
        None => html! { (sentence) },
    }
}
