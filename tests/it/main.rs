//! One integration-test binary: the importer on fixtures, the lifecycle of data and index, and
//! the web app through its router on the real shipped data.

mod bench_smoke;
mod import_fixtures;
mod lifecycle;
mod support;
mod web;
