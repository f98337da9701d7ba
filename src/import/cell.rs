//! One cell at a time: normalising text, and validating each kind of value (ids, years,
//! numbers, codes, vocabulary keys, URLs). Pure functions; an `Err` is the message for the user.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::suggest::{closest, did_you_mean, shown};
use crate::clock::current_year;
use crate::model::{
    Countries, Country, Lang, MoneyTables, PracticeId, Vocab, Vocabularies, is_web_url,
};

/// The first year a practice, or a cost, may be dated.
pub const MIN_YEAR: i32 = 1950;

/// Whether `value` is a calendar date `YYYY-MM-DD` from `MIN_YEAR` to this year.
pub fn is_date(value: &str) -> bool {
    date(value, current_year()).is_ok()
}

/// Why a character may not be in a cell at all, or `None` when it may.
///
/// Controls break the CSV, the database or the terminal; bidi controls reorder the text shown
/// around them ("Trojan Source"); zero-width characters make look-alike values that never match.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\0' => Some("NUL"),
        '\u{1}'..='\u{1f}' | '\u{7f}' => Some("ASCII control"),
        '\u{80}'..='\u{9f}' => Some("C1 control"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some("bidi control"),
        '\u{200b}'..='\u{200d}' | '\u{feff}' => Some("zero-width character"),
        // Invisible format characters that carry no meaning in this data: direction marks,
        // word joiner and invisible operators, soft hyphen, deprecated format controls,
        // interlinear annotation, tag characters. They slip past duplicate detection.
        '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{180e}' | '\u{200e}' | '\u{200f}' => {
            Some("invisible format character")
        }
        '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{fff9}'..='\u{fffb}' => {
            Some("invisible format character")
        }
        '\u{e0000}'..='\u{e007f}' => Some("tag character"),
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => Some("invisible filler"),
        _ => None,
    }
}

/// The cell as stored: checked for forbidden characters, NFC, line breaks as `\n`, outer
/// whitespace (including no-break spaces) trimmed.
pub fn normalise(raw: &str) -> Result<String, String> {
    // Most cells are plain printable ASCII, which holds no forbidden character: a byte test
    // the compiler vectorises, where decoding and matching each character was a fifth of an
    // import's instructions.
    let plain = raw
        .bytes()
        .all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r'));
    if let Some((at, c, what)) = (!plain)
        .then(|| {
            raw.chars()
                .enumerate()
                .find_map(|(i, c)| forbidden(c).map(|what| (i + 1, c, what)))
        })
        .flatten()
    {
        return Err(format!(
            "contains a control character U+{:04X} ({what}) at character {at}; remove it",
            u32::from(c)
        ));
    }
    // Most cells are already NFC with `\n` breaks; skip the copies then (a 100k-row file has
    // 2.5 million cells).
    let nfc: Cow<str> = if plain || is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.nfc().collect())
    };
    if !nfc.contains('\r') {
        return Ok(nfc.trim().to_string());
    }
    let unified = nfc.replace("\r\n", "\n").replace('\r', "\n");
    Ok(unified.trim().to_string())
}

/// A practice id: a lower-case slug, with a suggestion when one can be made from the value.
pub fn practice_id(value: &str) -> Result<PracticeId, String> {
    if let Some(id) = PracticeId::parse(value) {
        return Ok(id);
    }
    let slug = slugify(value);
    let hint = PracticeId::parse(&slug).map(|id| id.to_string());
    Err(format!(
        "'{}' is not a valid id: use 3 to 80 lower-case letters, digits and hyphens, like 'us-ice-isap'{}",
        shown(value),
        did_you_mean(hint.as_deref())
    ))
}

fn slugify(value: &str) -> String {
    let lower: String = value
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    lower
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// An optional year in `MIN_YEAR..=this_year`.
pub fn year(value: &str, this_year: i32) -> Result<Option<i32>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    let digits = value.bytes().all(|b| b.is_ascii_digit());
    let parsed = if digits {
        value.parse::<i32>().ok()
    } else {
        None
    };
    let Some(year) = parsed else {
        return Err(format!(
            "'{}' is not a year; write the year alone as four digits, like 2019",
            shown(value)
        ));
    };
    if year < MIN_YEAR {
        return Err(format!(
            "{year} is before {MIN_YEAR}; years run from {MIN_YEAR} to {this_year}"
        ));
    }
    if year > this_year {
        return Err(format!(
            "{year} is in the future; years run from {MIN_YEAR} to {this_year}"
        ));
    }
    Ok(Some(year))
}

/// A calendar date `YYYY-MM-DD` from `MIN_YEAR` to the end of `this_year`.
pub fn date(value: &str, this_year: i32) -> Result<String, String> {
    match partial_date(value, this_year) {
        Ok(Some(3)) => Ok(value.to_string()),
        Err(message) if message.contains("outside") => Err(message),
        _ => Err(format!(
            "'{}' is not a full date; write it as YYYY-MM-DD, like 2026-11-30",
            shown(value)
        )),
    }
}

/// An optional `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the number of parts given, or `None` when
/// empty.
pub fn partial_date(value: &str, this_year: i32) -> Result<Option<usize>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || {
        format!(
            "'{}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, like 2018-04-13",
            shown(value)
        )
    };
    let parts: Vec<&str> = value.split('-').collect();
    let widths_ok = matches!(parts.as_slice(), [y] if y.len() == 4)
        || matches!(parts.as_slice(), [y, m] if y.len() == 4 && m.len() == 2)
        || matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2);
    if !widths_ok || !parts.iter().all(|p| all_digits(p)) {
        return Err(bad());
    }
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let year = numbers[0] as i32;
    if !(MIN_YEAR..=this_year).contains(&year) {
        return Err(format!(
            "year {year} is outside {MIN_YEAR}..{this_year}; check the date '{}'",
            shown(value)
        ));
    }
    if let Some(&month) = numbers.get(1)
        && !(1..=12).contains(&month)
    {
        return Err(bad());
    }
    if let (Some(&month), Some(&day)) = (numbers.get(1), numbers.get(2))
        && !(1..=days_in_month(year, month)).contains(&day)
    {
        return Err(format!(
            "'{}' is not a day of the calendar; check the day and month",
            shown(value)
        ));
    }
    Ok(Some(parts.len()))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An optional amount of money per day: a plain non-negative decimal.
pub fn amount(value: &str) -> Result<Option<f64>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    let amount = number(value)?;
    if amount > MAX_AMOUNT {
        return Err(format!(
            "'{}' is too large for a cost per day in any currency; check the figure",
            shown(value)
        ));
    }
    Ok(Some(amount))
}

/// Why a one-line field's text would be unsafe where it is shown, or `None`: a line break
/// (titles, listings and the moderators' list show one line; a break could forge a line).
pub fn multi_line(value: &str) -> Option<String> {
    value
        .contains('\n')
        .then(|| "is shown on one line; remove the line break".to_string())
}

/// Whether a spreadsheet would run `value` as a formula: it starts with `=`, `+`, `-` or
/// `@` (after the trimming `normalise` does). The importer stores such text as written
/// (C22); the proposal form refuses it (see `proposals::check`).
pub fn formula_like(value: &str) -> bool {
    matches!(value.chars().next(), Some('=' | '+' | '-' | '@'))
}

/// An optional percentage in `0..=100`.
pub fn percent(value: &str) -> Result<Option<f64>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    let pct = number(value)?;
    if pct > 100.0 {
        return Err(format!(
            "{} is over 100; write a percentage from 0 to 100",
            shown(value)
        ));
    }
    Ok(Some(pct))
}

/// The most participants one programme may report: more than any country detains or
/// supervises (a larger figure is a typo or an attack).
pub const MAX_PARTICIPANTS: u64 = 10_000_000;

/// The largest amount per day in any currency (a million US dollars is about 4·10^10
/// Iranian rials; nothing real comes near this).
pub const MAX_AMOUNT: f64 = 1e12;

/// An optional whole number of people or families, at most [`MAX_PARTICIPANTS`].
pub fn count(value: &str) -> Result<Option<u64>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    if all_digits(value) {
        return match value.parse::<u64>() {
            Ok(n) if n <= MAX_PARTICIPANTS => Ok(Some(n)),
            _ => Err(format!(
                "{} is over {MAX_PARTICIPANTS} (10 million); check the figure, a count of \
                 people or families in this one programme",
                shown(value)
            )),
        };
    }
    number(value)?;
    Err(format!(
        "'{}' is not a whole number; write a count like 950 and put details in participants_note",
        shown(value)
    ))
}

/// A plain non-negative decimal (`12`, `12.5`); every other spelling gets a message saying how
/// to write it, because a guess (is `1,500` 1500 or 1.5?) would silently corrupt a figure.
pub fn number(value: &str) -> Result<f64, String> {
    let shown = shown(value);
    if is_plain_decimal(value) {
        let parsed = value.parse::<f64>().ok().filter(|n| n.is_finite());
        return parsed.ok_or_else(|| format!("'{shown}' is too large"));
    }
    let lower = value.to_lowercase();
    if [
        "nan", "inf", "+inf", "-inf", "infinity", "-", "?", "n/a", "na", "none", "null", "unknown",
    ]
    .contains(&lower.as_str())
    {
        return Err(format!(
            "'{shown}' is not a number; leave the cell empty when the source gives no figure"
        ));
    }
    if let Some(rest) = value.strip_prefix('-')
        && is_plain_decimal(rest)
    {
        return Err(format!(
            "'{shown}' is negative; costs, counts and rates can't be below 0"
        ));
    }
    if let Some(rest) = value.strip_prefix('+')
        && is_plain_decimal(rest)
    {
        return Err(format!("'{shown}' has a '+' sign; write just {rest}"));
    }
    // `1,5` is a decimal comma; `1,500` is ambiguous and handled as grouping below.
    if let Some((int, frac)) = value.split_once(',')
        && all_digits(int)
        && all_digits(frac)
        && frac.len() != 3
    {
        return Err(format!(
            "'{shown}' has a decimal comma; use a dot for decimals: {int}.{frac}"
        ));
    }
    if ['.', ',', ' ', '\u{a0}', '\u{202f}', '\'', '’', '_']
        .into_iter()
        .any(|sep| is_grouped(value, sep))
    {
        return Err(format!(
            "'{shown}' has a thousands separator or a decimal comma; write plain digits and use a dot \
             for decimals (1500, or 1.5 if the comma marks decimals)"
        ));
    }
    if is_scientific(value) {
        return Err(format!(
            "'{shown}' is in scientific notation; write the number out in full"
        ));
    }
    if value.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!(
            "'{shown}' is not a plain number; write only the number, like 12.5, with no currency, \
             unit, % sign or words"
        ));
    }
    Err(format!(
        "'{shown}' is not a number; write it like 12.5, or leave the cell empty"
    ))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `12`, `12.5` (digits on both sides of at most one dot).
fn is_plain_decimal(s: &str) -> bool {
    match s.split_once('.') {
        Some((int, frac)) => all_digits(int) && all_digits(frac),
        None => all_digits(s),
    }
}

/// Digits grouped in threes by `sep`, as in `1,500` or `1 500.25`.
fn is_grouped(s: &str, sep: char) -> bool {
    // An optional decimal part follows the last `.` or `,` that is not the group separator.
    let int = match s.rsplit_once(|c| (c == '.' || c == ',') && c != sep) {
        Some((int, frac)) if all_digits(frac) => int,
        _ => s,
    };
    let groups: Vec<&str> = int.split(sep).collect();
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && all_digits(first)
        && rest.iter().all(|g| g.len() == 3 && all_digits(g))
}

fn is_scientific(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.trim_start_matches(['+', '-']);
    is_plain_decimal(mantissa) && all_digits(exponent)
}

/// An optional ISO 4217 code listed in the money tables, with a suggestion for near misses
/// (`eur`, `EURO`, `Euro`, `€`).
pub fn currency(value: &str, money: &MoneyTables) -> Result<Option<String>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    if money.is_currency(value) {
        return Ok(Some(value.to_string()));
    }
    let hint = currency_suggestion(value, money);
    let help = if hint.is_some() {
        String::new()
    } else {
        "; use a three-letter code such as USD or EUR".into()
    };
    Err(format!(
        "'{}' is not an ISO 4217 code{}{help}",
        shown(value),
        did_you_mean(hint.as_deref())
    ))
}

fn currency_suggestion(value: &str, money: &MoneyTables) -> Option<String> {
    let upper = value.to_uppercase();
    let known = |code: &str| money.is_currency(code).then(|| code.to_string());
    if let Some(code) = known(&upper) {
        return Some(code);
    }
    let symbol = match value {
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        "US$" => Some("USD"),
        "C$" | "CA$" => Some("CAD"),
        "A$" | "AU$" => Some("AUD"),
        "R$" => Some("BRL"),
        _ => None,
    };
    if let Some(code) = symbol.and_then(known) {
        return Some(code);
    }
    let lower = value.to_lowercase();
    let by_name = money.currencies.iter().find(|(_, name)| {
        let name = name.to_lowercase();
        name == lower || format!("{name}s") == lower
    });
    if let Some((code, _)) = by_name {
        return Some(code.clone());
    }
    // `EURO`, `USDollar`: a code followed by more letters.
    if let Some(code) = upper.get(..3).filter(|_| upper.len() > 3).and_then(known) {
        return Some(code);
    }
    let codes = money.currencies.keys().map(String::as_str);
    closest(value, codes).map(str::to_string)
}

/// An ISO 3166-1 alpha-2 code listed in countries.csv; names, alpha-3 codes and lower case get a
/// suggestion of the right code.
pub fn country<'a>(value: &str, countries: &'a Countries) -> Result<&'a Country, String> {
    if let Some(country) = countries.get(value) {
        return Ok(country);
    }
    let upper = value.to_uppercase();
    let shown = shown(value);
    if let Some(country) = countries.get(&upper) {
        return Err(format!(
            "'{shown}' must be upper case; did you mean '{}'?",
            country.iso2
        ));
    }
    if let Some(country) = countries.iter().find(|c| c.iso3 == upper) {
        return Err(format!(
            "'{shown}' is an ISO 3166-1 alpha-3 code; use the alpha-2 code: did you mean '{}'?",
            country.iso2
        ));
    }
    if let Some(code) = country_by_name(value, countries) {
        return Err(format!(
            "'{shown}' is a country name; iso2 takes the ISO 3166-1 alpha-2 code: did you mean '{code}'?"
        ));
    }
    Err(format!(
        "'{shown}' is not an ISO 3166-1 alpha-2 code listed in countries.csv; use a code like 'MX' for Mexico"
    ))
}

fn country_by_name(value: &str, countries: &Countries) -> Option<String> {
    let lower = value.to_lowercase();
    let mut all: Vec<&Country> = countries.iter().collect();
    // `Countries` iterates a hash map; sort so the same input always gets the same suggestion.
    all.sort_by(|a, b| a.iso2.cmp(&b.iso2));
    let exact = all
        .iter()
        .find(|c| c.name.all().iter().any(|name| name.to_lowercase() == lower));
    if let Some(country) = exact {
        return Some(country.iso2.clone());
    }
    let names = all.iter().flat_map(|c| c.name.all());
    let near = closest(value, names)?;
    all.iter()
        .find(|c| c.name.all().contains(&near))
        .map(|c| c.iso2.clone())
}

/// The language a row's free text is written in (`text_lang`): `en`, `es` or `fr`.
pub fn text_lang(value: &str) -> Result<Lang, String> {
    if value.is_empty() {
        return Err(
            "is empty; write the language the row's programme, summary and notes are \
                    written in: en, es or fr (leave the whole column out for a file written in \
                    English)"
                .to_string(),
        );
    }
    Lang::from_code(value).ok_or_else(|| {
        format!(
            "'{}' is not a language of the atlas; write en, es or fr, the one the row's \
             text is written in (the atlas publishes records in these three)",
            shown(value)
        )
    })
}

/// An optional key of a vocabulary.
pub fn vocab_key(
    value: &str,
    vocab: Vocab,
    vocabularies: &Vocabularies,
) -> Result<Option<String>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    if vocabularies.contains(vocab, value) {
        return Ok(Some(value.to_string()));
    }
    Err(unknown_key(value, vocab, vocabularies))
}

/// A `;`-separated list of keys of a vocabulary: items trimmed, empty items ignored, each key once.
/// Returns the keys, or one message per bad item.
pub fn vocab_list(
    value: &str,
    vocab: Vocab,
    vocabularies: &Vocabularies,
) -> Result<Vec<String>, Vec<String>> {
    let mut keys: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for item in value.split(';').map(str::trim).filter(|i| !i.is_empty()) {
        if keys.iter().any(|k| k == item) {
            problems.push(format!(
                "'{}' is listed twice; list each key once",
                shown(item)
            ));
            continue;
        }
        if item.contains(',') {
            problems.push(format!(
                "'{}' contains a comma; separate keys with ';'",
                shown(item)
            ));
            continue;
        }
        match vocab_key(item, vocab, vocabularies) {
            Ok(_) => keys.push(item.to_string()),
            Err(message) => problems.push(message),
        }
    }
    if problems.is_empty() {
        Ok(keys)
    } else {
        Err(problems)
    }
}

fn unknown_key(value: &str, vocab: Vocab, vocabularies: &Vocabularies) -> String {
    let allowed: Vec<&str> = vocabularies.keys(vocab).collect();
    format!(
        "'{}' is not a known {}; allowed: {}{}",
        shown(value),
        vocab.name(),
        allowed.join(", "),
        did_you_mean(key_suggestion(value, vocab, vocabularies).as_deref())
    )
}

fn key_suggestion(value: &str, vocab: Vocab, vocabularies: &Vocabularies) -> Option<String> {
    let lower = value.to_lowercase();
    let snake: String = lower
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let terms = vocabularies.terms(vocab);
    // Someone typed the label ("Unaccompanied children", "niños") or the key in another case.
    let direct = terms.iter().find(|t| {
        t.key == snake
            || t.label
                .all()
                .iter()
                .any(|label| label.to_lowercase() == lower)
    });
    if let Some(term) = direct {
        return Some(term.key.clone());
    }
    closest(value, terms.iter().map(|t| t.key.as_str())).map(str::to_string)
}

/// The source URL: absolute http(s), no spaces or characters that must be percent-encoded,
/// no user name or password, and a host that looks complete.
pub fn web_url(value: &str) -> Result<String, String> {
    let shown = shown(value);
    if !is_web_url(value) {
        return Err(format!(
            "'{shown}' is not a web address: URL must be http(s), like https://example.org/report"
        ));
    }
    if value.chars().any(char::is_whitespace) {
        return Err(format!(
            "'{shown}' contains a space: URL must not; write spaces as %20"
        ));
    }
    if let Some(c) = value
        .chars()
        .find(|c| matches!(c, '<' | '>' | '"' | '\\' | '`' | '{' | '}' | '|' | '^'))
    {
        return Err(format!(
            "'{shown}' contains '{c}': percent-encode it or copy the URL from the browser"
        ));
    }
    let rest = value.split_once("://").map_or("", |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(format!(
            "'{shown}' contains a user name or password before '@'; remove it"
        ));
    }
    let host = if authority.starts_with('[') {
        authority
    } else {
        authority.split(':').next().unwrap_or("")
    };
    if host.is_empty() || !(host.contains('.') || host.starts_with('[')) {
        return Err(format!(
            "'{shown}' has an incomplete host '{host}'; copy the full URL from the browser"
        ));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Labels, Term};

    fn vocabularies() -> Vocabularies {
        let mut v = Vocabularies::default();
        let term = |key: &str, en: &str, es: &str| Term {
            key: key.into(),
            label: Labels {
                en: en.into(),
                es: es.into(),
                fr: String::new(),
            },
            definition: Labels::default(),
            kind: String::new(),
        };
        for key in ["law", "policy", "programme"] {
            v.insert(Vocab::Kind, term(key, key, key));
        }
        v.insert(Vocab::Population, term("children", "Children", "Niños"));
        v.insert(
            Vocab::Population,
            term("unaccompanied_children", "Unaccompanied children", ""),
        );
        v.insert(Vocab::Population, term("families", "Families", "Familias"));
        v
    }

    fn money() -> MoneyTables {
        let mut m = MoneyTables::default();
        for (code, name) in [
            ("EUR", "Euro"),
            ("USD", "US Dollar"),
            ("MXN", "Mexican Peso"),
        ] {
            m.currencies.insert(code.into(), name.into());
        }
        m
    }

    fn countries() -> Countries {
        let mut c = Countries::default();
        for (iso2, iso3, en, es) in [
            ("MX", "MEX", "Mexico", "México"),
            ("US", "USA", "United States", "Estados Unidos"),
        ] {
            c.insert(Country {
                iso2: iso2.into(),
                iso3: iso3.into(),
                m49: String::new(),
                name: Labels {
                    en: en.into(),
                    es: es.into(),
                    fr: en.into(),
                },
                region: "americas".into(),
                subregion: String::new(),
            });
        }
        c
    }

    /// Asserts `result` is Ok(expected) or an Err containing `needle`.
    fn check<T: PartialEq + std::fmt::Debug>(
        input: &str,
        result: Result<T, String>,
        expected: Result<T, &str>,
    ) {
        match (result, expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "input {input:?}"),
            (Err(got), Err(needle)) => assert!(
                got.contains(needle),
                "input {input:?}: {got:?} lacks {needle:?}"
            ),
            (got, want) => panic!("input {input:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn dates_are_checked_part_by_part() {
        assert_eq!(date("2026-11-30", 2026), Ok("2026-11-30".to_string()));
        assert!(date("2026-11", 2026).is_err());
        assert!(date("2025-02-29", 2026).is_err());
        assert!(date("2024-02-29", 2026).is_ok());
        assert!(date("2027-01-01", 2026).is_err());
        assert_eq!(partial_date("2018", 2026), Ok(Some(1)));
        assert_eq!(partial_date("2018-04", 2026), Ok(Some(2)));
        assert_eq!(partial_date("", 2026), Ok(None));
        assert!(partial_date("2018-13", 2026).is_err());
        assert!(partial_date("18-04-2018", 2026).is_err());
    }

    #[test]
    fn invisible_format_characters_line_breaks_and_absurd_figures_are_refused() {
        for c in [
            '\u{200e}',
            '\u{200f}',
            '\u{2060}',
            '\u{2064}',
            '\u{00ad}',
            '\u{e0001}',
            '\u{e007f}',
        ] {
            let text = format!("Zzyzx{c}programme");
            assert!(normalise(&text).is_err(), "U+{:04X} accepted", u32::from(c));
        }
        // Letters with marks, other scripts and typographic spaces are text, not tricks.
        assert!(normalise("Programa de atención — «œuvre» 外国人 ا\u{a0}b").is_ok());
        assert!(multi_line("line one\nline two").is_some());
        assert!(multi_line("line one").is_none());
        for formula in ["=1+1", "+cmd", "-2+3", "@SUM(A1)"] {
            assert!(formula_like(formula), "{formula}");
        }
        assert!(!formula_like("1 = 1, plus @ and - inside"));
        assert_eq!(count("10000000"), Ok(Some(MAX_PARTICIPANTS)));
        assert!(count("10000001").is_err());
        assert!(
            count("18446744073709551615")
                .unwrap_err()
                .contains("10 million")
        );
        assert!(amount(&"9".repeat(309)).is_err());
        assert!(amount("1000000000001").is_err());
        assert_eq!(amount("1000000000000"), Ok(Some(MAX_AMOUNT)));
    }

    #[test]
    fn normalise_trims_composes_and_rejects_controls() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("  plain  ", Ok("plain")),
            ("\u{a0}nbsp\u{a0}", Ok("nbsp")),
            ("cafe\u{301}", Ok("café")),
            ("a\r\nb\rc\nd", Ok("a\nb\nc\nd")),
            ("tab\there", Ok("tab\there")),
            ("nul\0", Err("U+0000 (NUL) at character 4")),
            ("bell\u{7}", Err("U+0007")),
            ("evil\u{202e}txt", Err("U+202E (bidi control)")),
            ("iso\u{2066}late", Err("U+2066")),
            ("zero\u{200b}width", Err("U+200B (zero-width character)")),
            ("bom\u{feff}", Err("U+FEFF")),
            ("c1\u{85}", Err("U+0085")),
        ];
        for (input, want) in cases {
            check(input, normalise(input), want.map(str::to_string));
        }
    }

    #[test]
    fn years() {
        let cases: &[(&str, Result<Option<i32>, &str>)] = &[
            ("", Ok(None)),
            ("1950", Ok(Some(1950))),
            ("2020", Ok(Some(2020))),
            ("2025", Ok(Some(2025))),
            ("1949", Err("before 1950")),
            ("2026", Err("in the future")),
            ("2023-02-30", Err("is not a year")),
            ("2019.0", Err("is not a year")),
            ("-2019", Err("is not a year")),
            ("99999999999", Err("is not a year")),
            ("twenty", Err("is not a year")),
        ];
        for (input, want) in cases {
            check(input, year(input, 2025), *want);
        }
    }

    #[test]
    fn numbers() {
        let cases: &[(&str, Result<f64, &str>)] = &[
            ("12", Ok(12.0)),
            ("12.5", Ok(12.5)),
            ("0", Ok(0.0)),
            ("0.17", Ok(0.17)),
            ("1,5", Err("use a dot for decimals: 1.5")),
            ("1,500", Err("thousands separator")),
            ("1 500", Err("thousands separator")),
            ("1\u{a0}500", Err("thousands separator")),
            ("1.234,56", Err("thousands separator")),
            ("1'500", Err("thousands separator")),
            ("NaN", Err("is not a number")),
            ("inf", Err("is not a number")),
            ("-inf", Err("is not a number")),
            ("-5", Err("negative")),
            ("+5", Err("'+' sign")),
            ("1e3", Err("scientific notation")),
            ("12 USD", Err("not a plain number")),
            ("$12", Err("not a plain number")),
            ("95%", Err("not a plain number")),
            (".5", Err("not a plain number")),
            ("12.", Err("not a plain number")),
            ("abc", Err("is not a number")),
            (&"9".repeat(400), Err("too large")),
        ];
        for (input, want) in cases {
            check(input, number(input), *want);
        }
    }

    #[test]
    fn typed_numbers() {
        check("", amount(""), Ok(None));
        check("38", amount("38"), Ok(Some(38.0)));
        check("100", percent("100"), Ok(Some(100.0)));
        check("99.3", percent("99.3"), Ok(Some(99.3)));
        check("100.5", percent("100.5"), Err("over 100"));
        check("950", count("950"), Ok(Some(950)));
        check("12.5", count("12.5"), Err("not a whole number"));
        check("1,200", count("1,200"), Err("thousands separator"));
        check(
            "952 families",
            count("952 families"),
            Err("not a plain number"),
        );
        check(
            "99999999999999999999999",
            count("99999999999999999999999"),
            Err("is over 10000000"),
        );
    }

    #[test]
    fn currencies() {
        let money = money();
        let cases: &[(&str, Result<Option<String>, &str>)] = &[
            ("", Ok(None)),
            ("EUR", Ok(Some("EUR".into()))),
            (
                "EURO",
                Err("'EURO' is not an ISO 4217 code; did you mean 'EUR'?"),
            ),
            ("eur", Err("did you mean 'EUR'?")),
            ("Euros", Err("did you mean 'EUR'?")),
            ("€", Err("did you mean 'EUR'?")),
            ("mexican peso", Err("did you mean 'MXN'?")),
            ("XYZ", Err("use a three-letter code")),
        ];
        for (input, want) in cases {
            check(input, currency(input, &money), want.clone());
        }
    }

    #[test]
    fn country_codes() {
        let countries = countries();
        let iso2 = |v: &str| country(v, &countries).map(|c| c.iso2.clone());
        let cases: &[(&str, Result<String, &str>)] = &[
            ("MX", Ok("MX".into())),
            ("mx", Err("must be upper case; did you mean 'MX'?")),
            (
                "MEX",
                Err("alpha-3 code; use the alpha-2 code: did you mean 'MX'?"),
            ),
            (
                "Mexico",
                Err("country name; iso2 takes the ISO 3166-1 alpha-2 code: did you mean 'MX'?"),
            ),
            ("méxico", Err("did you mean 'MX'?")),
            ("Estados Unidso", Err("did you mean 'US'?")),
            (
                "XX",
                Err("not an ISO 3166-1 alpha-2 code listed in countries.csv"),
            ),
        ];
        for (input, want) in cases {
            check(input, iso2(input), want.clone());
        }
    }

    #[test]
    fn vocabulary_keys() {
        let v = vocabularies();
        let kind = |s: &str| vocab_key(s, Vocab::Kind, &v);
        check("law", kind("law"), Ok(Some("law".into())));
        check("", kind(""), Ok(None));
        check(
            "programe",
            kind("programe"),
            Err(
                "'programe' is not a known kind; allowed: law, policy, programme; did you mean 'programme'?",
            ),
        );
        check("Law", kind("Law"), Err("did you mean 'law'?"));
        check(
            "statute",
            kind("statute"),
            Err("allowed: law, policy, programme"),
        );
    }

    #[test]
    fn vocabulary_lists() {
        let v = vocabularies();
        let list = |s: &str| vocab_list(s, Vocab::Population, &v);
        assert_eq!(
            list(" children ; families;; "),
            Ok(vec!["children".into(), "families".into()])
        );
        assert_eq!(list(""), Ok(vec![]));
        let problems = |s: &str| list(s).expect_err(s);
        assert!(problems("children;children")[0].contains("listed twice"));
        assert!(problems("children, families")[0].contains("separate keys with ';'"));
        assert!(problems("niños")[0].contains("did you mean 'children'?"));
        assert!(
            problems("Unaccompanied children")[0]
                .contains("did you mean 'unaccompanied_children'?")
        );
        assert_eq!(problems("kids;elders;children").len(), 2);
    }

    #[test]
    fn urls() {
        let cases: &[(&str, Result<String, &str>)] = &[
            (
                "https://example.org/a?b=c#d",
                Ok("https://example.org/a?b=c#d".into()),
            ),
            (
                "http://example.org:8080/x",
                Ok("http://example.org:8080/x".into()),
            ),
            (
                "https://medium.com/@user/post",
                Ok("https://medium.com/@user/post".into()),
            ),
            ("javascript:alert(1)", Err("URL must be http(s)")),
            ("data:text/html,<b>x</b>", Err("URL must be http(s)")),
            ("/relative/path", Err("URL must be http(s)")),
            ("www.example.org", Err("URL must be http(s)")),
            ("ftp://example.org", Err("URL must be http(s)")),
            ("https://example.org/a b", Err("contains a space")),
            ("https://example.org/<script>", Err("contains '<'")),
            ("https://user:pw@example.org/", Err("user name or password")),
            ("https://localhost/", Err("incomplete host")),
            ("https://?q=1", Err("incomplete host")),
        ];
        for (input, want) in cases {
            check(input, web_url(input), want.clone());
        }
    }

    #[test]
    fn ids() {
        check(
            "us-ice-isap",
            practice_id("us-ice-isap").map(|i| i.to_string()),
            Ok("us-ice-isap".into()),
        );
        check(
            "US ICE ISAP",
            practice_id("US ICE ISAP").map(|i| i.to_string()),
            Err("did you mean 'us-ice-isap'?"),
        );
        check(
            "ab",
            practice_id("ab").map(|i| i.to_string()),
            Err("3 to 80 lower-case letters"),
        );
    }
}
