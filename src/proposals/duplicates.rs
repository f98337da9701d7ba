//! Likely duplicates: records of practices.csv a new proposal may repeat — a close name in
//! the same country, or the same source address written another way.

use super::sheet::{SheetFacts, fold};

impl SheetFacts {
    /// Ids of records in the same country whose programme name is close to `programme`
    /// (a typo, "Program"/"Programme", a word more or less) but not the same.
    pub fn close_names(&self, iso2: &str, programme: &str) -> Vec<&str> {
        let (iso2, programme) = (fold(iso2), fold(programme));
        if programme.chars().count() < 4 {
            return Vec::new();
        }
        self.names
            .iter()
            .filter(|(i, p, _)| *i == iso2 && *p != programme)
            .filter(|(_, p, _)| strsim::normalized_levenshtein(p, &programme) >= CLOSE_NAME)
            .map(|(_, _, id)| id.as_str())
            .collect()
    }

    /// Ids of records whose source address is `url` (scheme, `www.`, case of the host and a
    /// trailing `/` aside).
    pub fn same_source(&self, url: &str) -> Vec<&str> {
        let key = address_key(url);
        if key.is_empty() {
            return Vec::new();
        }
        self.sources
            .iter()
            .filter(|(url, _)| address_key(url) == key)
            .map(|(_, id)| id.as_str())
            .collect()
    }
}

/// How alike two folded names must be (normalised Levenshtein) to be called close.
const CLOSE_NAME: f64 = 0.85;

/// A source address as compared for duplicates: without scheme, `www.` or trailing `/`,
/// its host in lower case.
fn address_key(url: &str) -> String {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        host.to_lowercase()
    } else {
        format!("{}/{path}", host.to_lowercase())
    }
}
