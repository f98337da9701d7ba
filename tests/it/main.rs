//! One integration-test binary: the importer on fixtures, the lifecycle of data and index, and
//! the web app through its router on the real shipped data.

mod import_fixtures;
mod lifecycle;
mod research;
mod support;
mod web;
