//! One integration-test binary: the importer on fixtures, the lifecycle of data and index, the
//! web app through its router on the real shipped data, and the reliability and security
//! matrix (crash, recovery, limits, reindex, hostile input, output safety, read-only
//! filesystem, nginx; see RELIABILITY.md).

mod bench_smoke;
mod cli;
mod crash;
mod exports;
mod hostile;
mod i18n_search;
mod import_fixtures;
mod lifecycle;
mod limits;
mod net;
mod nginx;
mod output_safety;
mod page_cache;
#[path = "../common/programs.rs"]
mod programs;
mod readonly_fs;
mod recovery;
mod reindex;
mod relevance;
mod replicas;
mod research;
mod startup;
mod support;
mod system_programs;
mod web;
