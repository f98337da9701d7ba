//! The fast behaviour tests, in process: the importer on fixtures, the site and API through
//! the router on the real shipped data (search, records, research tools, languages, exports'
//! content), hostile input and output safety, the memory of recent searches, relevance, and
//! snapshots of what is published. Seconds: `cargo test --test it`. The slow and
//! system-level tests are `tests/system/`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

#[path = "../common/binary.rs"]
mod binary;
mod data_quality;
mod detention_costs;
mod errors;
mod evidence_views;
mod feeds;
mod hostile;
mod i18n_search;
mod import_fixtures;
mod interface_language;
mod output_safety;
mod page_cache;
mod places;
#[path = "../common/proposals.rs"]
mod proposals;
mod propose;
mod published;
mod record_language;
mod relevance;
mod research;
mod status;
#[path = "../common/support.rs"]
mod support;
mod translations;
mod units;
mod web;
mod whole_dataset;
