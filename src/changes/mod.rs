//! Data releases: what changed between two practices files (and their figures files), field
//! by field, and the changelog (`data/CHANGELOG.md`) that records each release — written by
//! `atd-atlas diff`, read back at import so every practice knows the release it was added and
//! last changed in. This file declares the two parts (`diff`, `changelog`) and re-exports them.

mod changelog;
mod diff;

pub use changelog::{
    Accepted, InChangelog, Release, changelog_path, data_version, marks, parse, releases_beside,
    render, render_unreleased, title_in, unreleased, unreleased_beside, unreleased_notes,
    where_accepted, with_accepted, with_entry,
};
pub use diff::{
    Changed, Changes, FieldChange, Listed, Row, RowChanges, diff, diff_figures, read_rows,
};

#[cfg(test)]
mod tests;
