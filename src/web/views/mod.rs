//! HTML views (maud): pure functions from data to markup, one layout for every page.
//!
//! Views never see a store, a searcher or a request; the handlers in `web` pass them data.
//! Record text is always escaped by maud; nothing here uses `PreEscaped` with data.

mod about_page;
mod error_page;
mod format;
mod layout;
mod links;
mod practice_page;
mod search_page;
mod strings;

#[cfg(test)]
mod tests;

use crate::model::{Practice, Reference};
use crate::search::SearchResults;
use crate::web::params::SearchRequest;

pub use about_page::about_page;
pub use error_page::error_page;
pub use practice_page::practice_page;
pub use search_page::{results_fragment, search_page};

/// The site stylesheet, served by the router at [`STYLESHEET_PATH`].
pub const STYLESHEET: &str = include_str!("../assets/site.css");
pub const STYLESHEET_PATH: &str = "/static/site.css";

/// Everything the search page shows.
pub struct SearchView<'a> {
    /// The query, its language and how the parameters were read.
    pub request: &'a SearchRequest,
    /// Hits, total, facet counts and warnings.
    pub results: &'a SearchResults,
    /// The hits' records, matched to hits by id (a hit without a record is skipped).
    pub practices: &'a [Practice],
    pub reference: &'a Reference,
}
