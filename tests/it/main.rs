//! One integration-test binary: the importer on fixtures, the lifecycle of data and index, and
//! the web app through its router on the real shipped data.

mod i18n_search;
mod import_fixtures;
mod lifecycle;
mod relevance;
mod support;
mod web;
