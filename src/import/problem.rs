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

impl Problem {
    /// A problem with the whole file (unreadable, no header).
    pub fn whole_file(file: &str, message: String) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            record: None,
            column: None,
            message,
        }
    }

    /// A problem at a physical `line` (and a `column` when one cell is at fault).
    pub fn at(file: &str, line: u64, column: Option<&str>, message: String) -> Problem {
        Problem {
            file: file.to_string(),
            line: Some(line),
            record: None,
            column: column.map(str::to_string),
            message,
        }
    }
}

/// The side files' rule for their first record: exactly `columns`, in order.
pub fn exact_header(
    file: &str,
    first: Option<csv::Result<csv::StringRecord>>,
    columns: &[&str],
) -> Result<(), Problem> {
    let expected = columns.join(",");
    match first {
        Some(Ok(header)) if header.iter().map(str::trim).eq(columns.iter().copied()) => Ok(()),
        Some(Ok(_)) => Err(Problem::at(
            file,
            1,
            None,
            format!("the header must be exactly {expected}"),
        )),
        _ => Err(Problem::whole_file(
            file,
            format!("has no header; the first line must be {expected}"),
        )),
    }
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
