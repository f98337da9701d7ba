//! Byte-level checks that run before the CSV parser: BOMs, encoding, physical line numbers and quoting.
//!
//! The `csv` crate is lenient where a data file must not be: it reads an unclosed quote to the
//! end of the file as one cell, and keeps stray quotes as text. This module walks the bytes with
//! the same rules (RFC 4180, `,` and `"`, any of `\r\n`, `\r`, `\n` ending a record) and reports
//! those cases, so nothing is swallowed silently.

pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether the bytes look like UTF-16: a byte-order mark, or ASCII text padded with zero bytes.
pub fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    // Without a BOM, UTF-16 ASCII text has a zero in every other byte, e.g. `i\0d\0`.
    match bytes {
        [a, b, c, d, ..] => (*b == 0 && *d == 0 && *a != 0) || (*a == 0 && *c == 0 && *b != 0),
        _ => false,
    }
}

/// The bytes without a leading UTF-8 BOM, and the BOM's length (0 or 3).
pub fn strip_bom(bytes: &[u8]) -> (&[u8], usize) {
    match bytes.strip_prefix(UTF8_BOM) {
        Some(body) => (body, UTF8_BOM.len()),
        None => (bytes, 0),
    }
}

/// Maps byte offsets to 1-based physical line numbers; a line ends at `\r\n`, `\r` or `\n`.
///
/// `csv::Position::line` counts only `\n`, so a file saved with old-Mac `\r` endings would be
/// reported as one long line; counting here keeps every ending style consistent.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(bytes: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 2;
                }
                b'\r' | b'\n' => {
                    starts.push(i + 1);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        LineIndex { starts }
    }

    /// The line holding the byte at `offset` (a terminator belongs to the line it ends).
    pub fn line_of(&self, offset: usize) -> u64 {
        self.starts.partition_point(|&start| start <= offset) as u64
    }
}

/// Where a record really starts: the `csv` crate positions a record just after the previous
/// record's last consumed byte, which may be before blank lines or the `\n` of a `\r\n`.
pub fn record_start(bytes: &[u8], position: u64) -> usize {
    let mut at = usize::try_from(position)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    at
}

/// The first invalid UTF-8 byte of every line that has one: (offset, byte).
pub fn invalid_utf8(bytes: &[u8]) -> Vec<(usize, u8)> {
    let mut found = Vec::new();
    let mut from = 0;
    while from < bytes.len() {
        let Err(err) = std::str::from_utf8(&bytes[from..]) else {
            break;
        };
        let bad = from + err.valid_up_to();
        found.push((bad, bytes[bad]));
        // One report per line is enough to point the user at the encoding; skip to the next line.
        from = match bytes[bad..].iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(end) => bad + end + 1,
            None => bytes.len(),
        };
    }
    found
}

/// A quoting mistake, with the byte offset it was found at and the record (0 = header) and
/// field (0-based) it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteIssue {
    pub kind: QuoteIssueKind,
    pub offset: usize,
    pub record: u64,
    pub field: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteIssueKind {
    /// A quoted field whose closing quote never comes: the rest of the file would be one cell.
    Unclosed,
    /// A `"` inside a field that did not start with one.
    Stray,
    /// Text between a closing quote and the next `,` or line end, as in `"abc"def`.
    AfterClosing,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// What one pass over the bytes found: quoting mistakes and where each record starts.
#[derive(Debug, Default)]
pub struct Scan {
    pub issues: Vec<QuoteIssue>,
    /// Byte offset of every record, the header first; blank lines are not records.
    pub record_starts: Vec<usize>,
}

impl Scan {
    /// The data-record number (1 = first row after the header) holding the byte at `offset`.
    pub fn record_of(&self, offset: usize) -> Option<u64> {
        let index = self.record_starts.partition_point(|&start| start <= offset);
        // index 1 is the header; data records count from 1 after it.
        (index >= 2).then(|| index as u64 - 1)
    }
}

/// Walks the bytes once with the csv crate's rules, noting quoting mistakes and record starts.
pub fn scan(bytes: &[u8]) -> Scan {
    let mut found = Scan::default();
    let mut state = State::StartRecord;
    let (mut field, mut opened) = (0usize, 0usize);
    for (offset, &byte) in bytes.iter().enumerate() {
        if state == State::StartRecord {
            // Blank lines are skipped by the csv crate and are not records.
            if byte == b'\r' || byte == b'\n' {
                continue;
            }
            found.record_starts.push(offset);
            field = 0;
            state = State::StartField;
        }
        let record = found.record_starts.len() as u64 - 1;
        let mut issue = |kind| {
            found.issues.push(QuoteIssue {
                kind,
                offset,
                record,
                field,
            })
        };
        state = match (state, byte) {
            (State::StartField | State::Unquoted, b',') => {
                field += 1;
                State::StartField
            }
            (State::StartField | State::Unquoted, b'\r' | b'\n') => State::StartRecord,
            (State::StartField, b'"') => {
                opened = offset;
                State::Quoted
            }
            (State::StartField, _) => State::Unquoted,
            (State::Unquoted, b'"') => {
                issue(QuoteIssueKind::Stray);
                State::Unquoted
            }
            (State::Unquoted, _) => State::Unquoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::QuoteInQuoted, b',') => {
                field += 1;
                State::StartField
            }
            (State::QuoteInQuoted, b'\r' | b'\n') => State::StartRecord,
            (State::QuoteInQuoted, _) => {
                issue(QuoteIssueKind::AfterClosing);
                State::Unquoted
            }
            (State::StartRecord, _) => State::StartRecord,
        };
    }
    if state == State::Quoted {
        found.issues.push(QuoteIssue {
            kind: QuoteIssueKind::Unclosed,
            offset: opened,
            record: found.record_starts.len().saturating_sub(1) as u64,
            field,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_every_ending_style() {
        let index = LineIndex::new(b"a\r\nb\rc\nd");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(2), 1, "the \\n of \\r\\n ends line 1");
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(5), 3);
        assert_eq!(index.line_of(7), 4);
    }

    #[test]
    fn record_start_skips_blank_lines_and_lf_of_crlf() {
        assert_eq!(record_start(b"a\r\n\r\nb", 2), 5);
        assert_eq!(record_start(b"a", 99), 1);
    }

    #[test]
    fn utf16_is_recognised_with_and_without_bom() {
        assert!(looks_utf16(b"\xFF\xFEi\0d\0"));
        assert!(looks_utf16(b"\xFE\xFF\0i\0d"));
        assert!(looks_utf16(b"i\0d\0,\0"));
        assert!(!looks_utf16(b"id,country"));
        assert!(!looks_utf16(b"i"));
    }

    #[test]
    fn invalid_utf8_is_reported_once_per_line() {
        let found = invalid_utf8(b"ok\ncaf\xE9 \xE9\nfine\n\xC3");
        assert_eq!(found, vec![(6, 0xE9), (15, 0xC3)]);
    }

    #[test]
    fn quote_issues_are_found() {
        let kinds = |bytes: &[u8]| -> Vec<(QuoteIssueKind, usize, u64, usize)> {
            scan(bytes)
                .issues
                .into_iter()
                .map(|i| (i.kind, i.offset, i.record, i.field))
                .collect()
        };
        assert!(kinds(b"a,\"b,\"\"c\"\"\"\n\"x\ny\",z\n").is_empty());
        assert_eq!(
            kinds(b"a,b\nc,\"d\ne,f\n"),
            vec![(QuoteIssueKind::Unclosed, 6, 1, 1)]
        );
        assert_eq!(
            kinds(b"a,b\nc,d\"e\n"),
            vec![(QuoteIssueKind::Stray, 7, 1, 1)]
        );
        assert_eq!(
            kinds(b"a,b\n\"c\"d,e\n"),
            vec![(QuoteIssueKind::AfterClosing, 7, 1, 0)]
        );
        assert_eq!(
            kinds(b"a\n\n\nb,\"c"),
            vec![(QuoteIssueKind::Unclosed, 6, 1, 1)],
            "blank lines are not records"
        );
    }

    #[test]
    fn records_are_numbered_across_embedded_newlines() {
        let found = scan(b"h1,h2\n\"a\nb\",c\r\n\r\nd,e\n");
        assert_eq!(found.record_starts, vec![0, 6, 17]);
        assert_eq!(found.record_of(0), None);
        assert_eq!(found.record_of(8), Some(1));
        assert_eq!(found.record_of(18), Some(2));
    }
}
