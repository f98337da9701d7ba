//! The practice id: the stable name of a record in citations and URLs.

use std::fmt;

/// A practice id: `[a-z0-9-]{3,80}`, stable forever (it is in citations and URLs).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PracticeId(String);

impl PracticeId {
    pub fn parse(raw: &str) -> Option<PracticeId> {
        let ok_len = (3..=80).contains(&raw.len());
        let ok_chars = raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        (ok_len && ok_chars).then(|| PracticeId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PracticeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
