//! Number formatting for display: money, counts, percentages and years, per page language.
//!
//! Own code rather than an ICU crate: three languages and two decimal styles are all we need.

use crate::i18n::{Arg, t_args};
use crate::model::Lang;

/// French groups thousands with a narrow no-break space (as CLDR does), so numbers never wrap.
const FR_GROUP: char = '\u{202F}';
/// A true minus sign: screen readers read it as "minus", unlike a hyphen.
const MINUS: char = '\u{2212}';

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::En => (',', '.'),
        Lang::Es => ('.', ','),
        Lang::Fr => (FR_GROUP, ','),
    }
}

/// Inserts the group separator every three digits of a run of ASCII digits.
fn group_digits(digits: &str, group: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    out
}

/// A number with a fixed count of decimals, grouped and punctuated for `lang`.
pub fn decimal(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let (group, point) = separators(lang);
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut out = String::new();
    // "-0.00" after rounding is zero, not a negative amount.
    if value < 0.0 && fixed.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push(MINUS);
    }
    out.push_str(&group_digits(int_part, group));
    if !frac_part.is_empty() {
        out.push(point);
        out.push_str(frac_part);
    }
    out
}

/// An amount with two decimals: 1,234.56 / 1.234,56 / 1 234,56.
pub fn money(value: f64, lang: Lang) -> String {
    decimal(value, 2, lang)
}

/// An amount of US dollars: "US$ 1,234.56".
pub fn usd(value: f64, lang: Lang) -> String {
    format!("US$\u{A0}{}", money(value, lang))
}

/// An amount in a named currency: "AUD 38.00".
pub fn currency(value: f64, code: &str, lang: Lang) -> String {
    format!("{code}\u{A0}{}", money(value, lang))
}

/// A whole count: 12,345.
pub fn count(value: u64, lang: Lang) -> String {
    let (group, _) = separators(lang);
    group_digits(&value.to_string(), group)
}

/// A percentage with at most one decimal: "95%", "87.5%"; Spanish and French put a space
/// before the sign, as their style guides do.
pub fn percent(value: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = (value * 10.0).round() / 10.0;
    let decimals = if rounded.fract() == 0.0 { 0 } else { 1 };
    let number = decimal(rounded, decimals, lang);
    match lang {
        Lang::En => format!("{number}%"),
        Lang::Es | Lang::Fr => format!("{number}\u{A0}%"),
    }
}

/// A year span from optional ends; `None` when neither end is known.
pub fn years(start: Option<i32>, end: Option<i32>, lang: Lang) -> Option<String> {
    let year = |y: i32| y.to_string();
    match (start, end) {
        (Some(s), Some(e)) if s == e => Some(year(s)),
        (Some(s), Some(e)) => Some(format!("{s}–{e}")),
        (Some(s), None) => Some(t_args(
            lang,
            "years-from",
            &[("start", Arg::from(&year(s)))],
        )),
        (None, Some(e)) => Some(t_args(lang, "years-until", &[("end", Arg::from(&year(e)))])),
        (None, None) => None,
    }
}

/// The date of a timestamp like `2026-07-30T12:00:00Z`: ISO in English, day/month/year in
/// Spanish and French; anything that is not such a timestamp is shown as it is.
pub fn date(stamp: &str, lang: Lang) -> String {
    let b = stamp.as_bytes();
    let looks_like_date = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && stamp
            .get(..10)
            .is_some_and(|d| d.bytes().filter(u8::is_ascii_digit).count() == 8);
    if !looks_like_date {
        return stamp.to_string();
    }
    let (y, m, d) = (&stamp[..4], &stamp[5..7], &stamp[8..10]);
    match lang {
        Lang::En => format!("{y}-{m}-{d}"),
        Lang::Es | Lang::Fr => format!("{d}/{m}/{y}"),
    }
}

/// A number as a form field value: no grouping, no trailing ".0", a dot as decimal point
/// (what `<input type=number>` accepts in every locale).
pub fn input_value(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) if v.is_finite() => format!("{v}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_and_punctuates_per_language() {
        assert_eq!(money(1234.5, Lang::En), "1,234.50");
        assert_eq!(money(1234.5, Lang::Es), "1.234,50");
        assert_eq!(money(1234.5, Lang::Fr), "1\u{202F}234,50");
        assert_eq!(money(1_234_567.891, Lang::En), "1,234,567.89");
        assert_eq!(money(999.999, Lang::En), "1,000.00");
        assert_eq!(money(12.0, Lang::En), "12.00");
        assert_eq!(money(0.0, Lang::En), "0.00");
    }

    #[test]
    fn negatives_use_a_minus_sign_and_negative_zero_is_zero() {
        assert_eq!(money(-1234.5, Lang::En), "\u{2212}1,234.50");
        assert_eq!(money(-0.001, Lang::En), "0.00");
        assert_eq!(money(f64::NAN, Lang::En), "");
    }

    #[test]
    fn percentages_and_counts() {
        assert_eq!(percent(95.0, Lang::En), "95%");
        assert_eq!(percent(87.54, Lang::En), "87.5%");
        assert_eq!(percent(87.5, Lang::Fr), "87,5\u{A0}%");
        assert_eq!(count(12345, Lang::En), "12,345");
        assert_eq!(count(999, Lang::Es), "999");
        assert_eq!(usd(12.345, Lang::En), "US$\u{A0}12.35");
    }

    #[test]
    fn years_and_input_values() {
        let en = Lang::En;
        assert_eq!(
            years(Some(2010), Some(2015), en).as_deref(),
            Some("2010–2015")
        );
        assert_eq!(years(Some(2010), Some(2010), en).as_deref(), Some("2010"));
        assert_eq!(years(Some(2010), None, en).as_deref(), Some("from 2010"));
        assert_eq!(
            years(Some(2010), None, Lang::Es).as_deref(),
            Some("desde 2010")
        );
        assert_eq!(
            years(None, Some(2012), Lang::Fr).as_deref(),
            Some("jusqu’en 2012")
        );
        assert_eq!(years(None, None, en), None);
        assert_eq!(date("2026-07-30T12:00:00Z", Lang::Fr), "30/07/2026");
        assert_eq!(date("2026-07-30T12:00:00Z", en), "2026-07-30");
        assert_eq!(date("soon", Lang::Es), "soon");
        assert_eq!(input_value(Some(20.0)), "20");
        assert_eq!(input_value(Some(20.5)), "20.5");
        assert_eq!(input_value(None), "");
    }
}
