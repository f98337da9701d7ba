//! What a citation of the dataset needs: its version, the year it was released and today's
//! date ("accessed on"). Pure, read from `datapackage.json` and `CITATION.cff`.

use std::path::Path;

/// The dataset's own citation file, published at `/data/CITATION.cff`.
pub const CITATION_CFF: &str = include_str!("../../CITATION.cff");

/// The `version` of `datapackage.json`, or "unversioned" when it cannot be read.
pub fn dataset_version(data_dir: &Path) -> String {
    let read = std::fs::read(data_dir.join("datapackage.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    read.as_ref()
        .and_then(|v| v["version"].as_str())
        .filter(|v| !v.is_empty())
        .unwrap_or("unversioned")
        .to_string()
}

/// The year the dataset version was released, from `CITATION.cff`'s `date-released`.
pub fn release_year() -> &'static str {
    CITATION_CFF
        .lines()
        .find_map(|l| l.strip_prefix("date-released:"))
        .map(|v| v.trim().trim_matches('"'))
        .and_then(|v| v.get(..4))
        .unwrap_or("n.d.")
}

/// Today's date in UTC as `YYYY-MM-DD`, for "accessed on" in citations: the importer's clock,
/// the one that dates sources and verifications.
pub use crate::clock::today;
