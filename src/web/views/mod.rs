//! HTML views (maud): pure functions from data to markup, one layout for every page.
//!
//! Views never see a store, a searcher or a request; the handlers in `web::routes` pass them
//! data. From `web` they use only `params` (the search as read) and `urls` (links).
//! Record text is always escaped by maud; nothing here uses `PreEscaped` with data. This
//! file only declares the pages and re-exports what handlers call.

mod about_page;
mod api_docs_page;
mod atom;
mod changes_page;
mod charts;
mod compare_page;
mod country_page;
mod data_page;
mod detention;
mod error_page;
mod evidence;
mod evidence_map_page;
mod figures;
mod follow_page;
mod format;
mod grades_page;
mod insights_page;
mod layout;
mod links;
mod practice_page;
mod proposal_status_page;
mod propose_page;
mod range_pictures;
mod record_text;
mod record_tools;
mod search_page;
mod slot;
mod strings;

#[cfg(test)]
mod tests;

pub use about_page::about_page;
pub use api_docs_page::api_docs_page;
pub use atom::{changes_feed, practices_feed};
pub use changes_page::{ChangesView, changes_page};
pub use compare_page::{CompareView, compare_page};
pub use country_page::{Nearby, country_page};
pub use data_page::{DataView, data_page};
pub use error_page::error_page;
pub use evidence_map_page::{EvidenceAxis, evidence_map_page};
pub use follow_page::{FollowView, follow_page};
pub use grades_page::grades_page;
pub use insights_page::{COST_ROWS, insights_page};
pub use layout::{SCRIPT, SCRIPT_PATH, STYLESHEET, STYLESHEET_PATH};
pub use practice_page::{Related, practice_page};
pub use proposal_status_page::{ProposalOutcome, ProposalStatus, proposal_status_page};
pub use propose_page::{HONEYPOT, ProposeView, Receipt, propose_page, receipt_page};
pub use range_pictures::RangeValues;
pub use record_tools::{CiteInfo, bibtex, plain as plain_citation, record_tools, ris};
pub use search_page::{SearchView, results_fragment, search_page, search_terms};
