//! Text cells made safe to open in a spreadsheet (OWASP CSV injection): a `'` in front of
//! anything a spreadsheet would run as a formula, and the way back to the stored text. Used
//! by the CSV export (`web::wire`) and the moderators' export (`moderation`).

use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula (OWASP; tab and CR included).
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\0')
}

/// Whether a text cell needs a leading `'`: it starts with a trigger, possibly after
/// whitespace, or it is already a `'` in front of such a text (so the prefix stays reversible).
fn needs_quote_prefix(text: &str) -> bool {
    let first = text.chars().next();
    let first_visible = text.trim_start().chars().next();
    if first.is_some_and(is_trigger) || first_visible.is_some_and(is_trigger) {
        return true;
    }
    text.strip_prefix('\'').is_some_and(needs_quote_prefix)
}

/// A text cell made safe to open in a spreadsheet: `'` in front of anything formula-like.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_quote_prefix(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The inverse of [`neutralise`], for readers who want the stored text back.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_triggers_are_neutralised() {
        for (input, want) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\0x", "'\0x"),
            ("  =HYPERLINK(\"http://x\")", "'  =HYPERLINK(\"http://x\")"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("'=already", "''=already"),
            ("plain text", "plain text"),
            ("a=b", "a=b"),
            ("", ""),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(neutralise(input), want, "{input:?}");
            assert_eq!(restore(&neutralise(input)), input);
        }
    }

    proptest! {
        #[test]
        fn safe_cells_never_start_a_formula_and_round_trip(s in "\\PC*|[ \t\r=+@'-]{0,4}\\PC{0,8}") {
            let safe = neutralise(&s);
            let first = safe.chars().next();
            let visible = safe.trim_start().chars().next();
            prop_assert!(!first.is_some_and(is_trigger));
            prop_assert!(!visible.is_some_and(is_trigger));
            prop_assert_eq!(restore(&safe), s.as_str());
        }

        #[test]
        fn csv_cells_round_trip_quotes_commas_and_newlines(cells in proptest::collection::vec("[a-z,\"\n\r ]{0,12}", 1..6)) {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            let safe: Vec<String> = cells.iter().map(|c| neutralise(c).into_owned()).collect();
            w.write_record(&safe).unwrap();
            let bytes = w.into_inner().unwrap();
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
            let back: Vec<String> = r.records().next().unwrap().unwrap().iter()
                .map(|c| restore(c).to_string()).collect();
            prop_assert_eq!(back, cells);
        }
    }
}
