//! ATD Atlas: a searchable database of alternatives to immigration detention.
//!
//! Data flows `import` (CSV → validated [`model::Practice`]) → `store` (SQLite, the truth)
//! → `search` (a tantivy index generation, a cache) → `web` (axum + maud pages, JSON, CSV).
//! `cli` wires the layers together. See `ARCHITECTURE.md`.

pub mod bench;
pub mod changes;
pub mod cli;
pub mod clock;
pub mod config;
pub mod faults;
pub mod i18n;
pub mod import;
pub mod model;
pub mod moderation;
pub mod overview;
pub mod proposals;
pub mod search;
pub mod similar;
pub mod spreadsheet;
pub mod store;
pub mod web;
