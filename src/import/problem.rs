//! `Problem`: one thing wrong with an import file (practices or sources), with its place.

use std::fmt;

/// One thing wrong with an import file, located as precisely as it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user named it.
    pub file: String,
    /// The physical line (1-based) where the record starts; `None` for whole-file problems.
    pub line: Option<u64>,
    /// The data record (1 = first row after the header); differs from `line` after cells
    /// with embedded line breaks.
    pub record: Option<u64>,
    pub column: Option<String>,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record {
            write!(f, " (record {record})")?;
        }
        if let Some(column) = &self.column {
            let sep = if self.line.is_some() { "," } else { "" };
            write!(f, "{sep} column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}
