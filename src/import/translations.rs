//! `translations.csv`, read beside a practices file: each practice's free text in Spanish and
//! French, checked against the English it was made from. Bad rows become [`Problem`]s naming
//! the translations file, line and column; a translation whose English changed since is kept
//! and marked stale (it "may be out of date"), never refused.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::cell;
use super::problem::Problem;
use super::scan::{self, LineIndex};
use super::suggest::shown;
use crate::model::{Lang, Practice, PracticeId, TextField, Translation, TranslationMethod};

/// The columns of `translations.csv`, in the order they are written.
pub const TRANSLATION_COLUMNS: [&str; 6] = [
    "practice_id",
    "field",
    "lang",
    "text",
    "method",
    "source_sha256",
];

/// `translations.csv` beside `practices.csv`; `<name>.translations.csv` beside any other
/// `<name>.csv` (as for sources).
pub fn translations_path(practices: &Path) -> PathBuf {
    let dir = practices.parent().unwrap_or(Path::new(""));
    let stem = practices
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "practices" {
        return dir.join("translations.csv");
    }
    dir.join(format!("{stem}.translations.csv"))
}

/// Hex SHA-256 of an English text, as `source_sha256` records it.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The numbers of a text, separators between digits removed ("1,200", "1.200" and "1 200"
/// are all `1200`; "99.4" and "99,4" are `994`), sorted: a translation must have the same.
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            current.push(c);
            continue;
        }
        let joins = is_digit_separator(c)
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !joins && !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        found.push(current);
    }
    found.sort();
    found
}

fn is_digit_separator(c: char) -> bool {
    matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'')
}

/// One valid row and where it is.
#[derive(Debug, Clone)]
struct Row {
    line: u64,
    translation: Translation,
    source_sha256: String,
}

/// A stale translation, for `atd-atlas check` to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub line: u64,
    pub practice: String,
    pub field: TextField,
    pub lang: Lang,
}

/// The valid rows of one translations file, by practice id, waiting to be claimed.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// The file as named in messages.
    pub file: String,
    by_practice: HashMap<String, Vec<Row>>,
    /// Translations whose English changed since they were made, found while attaching.
    pub stale: Vec<Stale>,
}

impl Translations {
    pub fn empty(file: &str) -> Translations {
        Translations {
            file: file.to_string(),
            ..Translations::default()
        }
    }

    /// Gives `p` its translations, marking those whose English changed as stale. A problem
    /// for each that cannot stand: a field that is empty in English, or numbers that differ
    /// from the English it was made from.
    pub fn attach(&mut self, p: &mut Practice) -> Vec<Problem> {
        let rows = self.by_practice.remove(p.id.as_str()).unwrap_or_default();
        let mut problems = Vec::new();
        for row in rows {
            let english = row.translation.field.of(p);
            let field = row.translation.field.name();
            if english.is_empty() {
                let message = format!(
                    "translates `{field}` of `{}`, which is empty in practices.csv; remove this row",
                    p.id.as_str()
                );
                problems.push(at(&self.file, row.line, Some("field"), message));
                continue;
            }
            let mut translation = row.translation;
            if sha256_hex(english) != row.source_sha256 {
                translation.stale = true;
                self.stale.push(Stale {
                    line: row.line,
                    practice: p.id.to_string(),
                    field: translation.field,
                    lang: translation.lang,
                });
            } else if numbers(english) != numbers(&translation.text) {
                let message = format!(
                    "has the numbers {} but the English `{field}` of `{}` has {}; a translation \
                     keeps every number of the original (separators may follow the language)",
                    listed(&numbers(&translation.text)),
                    p.id.as_str(),
                    listed(&numbers(english)),
                );
                problems.push(at(&self.file, row.line, Some("text"), message));
                continue;
            }
            p.translations.push(translation);
        }
        problems
    }

    /// A problem for every row whose practice is not in the practices file.
    pub fn unclaimed(&self, practices_file: &str) -> Vec<Problem> {
        let mut rows: Vec<(u64, &str)> = self
            .by_practice
            .iter()
            .flat_map(|(id, rows)| rows.iter().map(move |r| (r.line, id.as_str())))
            .collect();
        rows.sort();
        rows.into_iter()
            .map(|(line, id)| {
                let message = format!(
                    "practice `{}` is not in {practices_file}; fix the id or remove the row",
                    shown(id)
                );
                at(&self.file, line, Some("practice_id"), message)
            })
            .collect()
    }
}

fn listed(numbers: &[String]) -> String {
    if numbers.is_empty() {
        return "none".to_string();
    }
    numbers.join(", ")
}

/// Reads the translations file of `practices`; no file means no translations.
pub fn read_translations_of(practices: &Path) -> (Translations, Vec<Problem>) {
    let path = translations_path(practices);
    let file = path.display().to_string();
    match std::fs::read(&path) {
        Ok(bytes) => parse_translations(&file, &bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            (Translations::empty(&file), Vec::new())
        }
        Err(err) => {
            let message = format!("cannot read the file: {err}; check its permissions");
            (Translations::empty(&file), vec![whole_file(&file, message)])
        }
    }
}

/// Parses a translations file: the valid rows, and a problem for every bad one.
pub fn parse_translations(file: &str, bytes: &[u8]) -> (Translations, Vec<Problem>) {
    let mut translations = Translations::empty(file);
    let mut problems = Vec::new();
    let (body, _) = scan::strip_bom(bytes);
    let lines = LineIndex::new(body);
    if let Some(&(offset, _)) = scan::invalid_utf8(body).first() {
        let message = "is not valid UTF-8; re-save the file as 'CSV UTF-8'".to_string();
        problems.push(at(file, lines.line_of(offset), None, message));
        return (translations, problems);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut records = reader.records();
    let expected = TRANSLATION_COLUMNS.join(",");
    match records.next() {
        Some(Ok(header)) if header.iter().map(str::trim).eq(TRANSLATION_COLUMNS) => {}
        Some(Ok(_)) => {
            let message = format!("the header must be exactly {expected}");
            problems.push(at(file, 1, None, message));
            return (translations, problems);
        }
        _ => {
            let message = format!("has no header; the first line must be {expected}");
            problems.push(whole_file(file, message));
            return (translations, problems);
        }
    }
    let mut first_line: HashMap<(String, TextField, Lang), u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(whole_file(file, format!("cannot read the CSV: {err}")));
                break;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let start = record
            .position()
            .map_or(0, |p| scan::record_start(body, p.byte()));
        let line = lines.line_of(start);
        if record.len() != TRANSLATION_COLUMNS.len() {
            let message = format!(
                "has {} fields, expected {}; quote cells that contain commas",
                record.len(),
                TRANSLATION_COLUMNS.len()
            );
            problems.push(at(file, line, None, message));
            continue;
        }
        let cells: Vec<&str> = record.iter().collect();
        match translation_row(&cells) {
            Ok((id, row)) => {
                let key = (id.clone(), row.translation.field, row.translation.lang);
                if let Some(first) = first_line.get(&key) {
                    let message = format!(
                        "repeats the {} `{}` of `{}` already on line {first}; keep one",
                        row.translation.lang.code(),
                        row.translation.field.name(),
                        shown(&id)
                    );
                    problems.push(at(file, line, Some("practice_id"), message));
                    continue;
                }
                first_line.insert(key, line);
                translations
                    .by_practice
                    .entry(id)
                    .or_default()
                    .push(Row { line, ..row });
            }
            Err(found) => {
                for (column, message) in found {
                    problems.push(at(file, line, Some(column), message));
                }
            }
        }
    }
    (translations, problems)
}

/// One row's cells (in [`TRANSLATION_COLUMNS`] order) → the practice id and its translation,
/// or the problems by column.
fn translation_row(raw: &[&str]) -> Result<(String, Row), Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let mut cells: Vec<String> = Vec::with_capacity(raw.len());
    for (column, value) in TRANSLATION_COLUMNS.iter().zip(raw) {
        match cell::normalise(value) {
            Ok(value) => cells.push(value),
            Err(message) => {
                problems.push((*column, message));
                cells.push(String::new());
            }
        }
    }
    let [id, field, lang, text, method, sha] = [0, 1, 2, 3, 4, 5].map(|i| cells[i].as_str());
    if PracticeId::parse(id).is_none() {
        let message = format!(
            "'{}' is not a practice id (lower-case letters, digits, hyphens)",
            shown(id)
        );
        problems.push(("practice_id", message));
    }
    let field = TextField::from_name(field).ok_or_else(|| {
        let names = TextField::ALL.map(TextField::name).join(", ");
        format!(
            "'{}' is not a translatable field; use one of {names}",
            shown(field)
        )
    });
    let lang = match Lang::from_code(lang) {
        Some(Lang::En) => Err("is `en`: English is the original, not a translation; \
                               use `es` or `fr`"
            .to_string()),
        Some(lang) => Ok(lang),
        None => Err(format!(
            "'{}' is not a language; use `es` or `fr`",
            shown(lang)
        )),
    };
    if text.is_empty() {
        problems.push((
            "text",
            "is empty; write the translation or remove the row".into(),
        ));
    }
    let method = TranslationMethod::from_name(method).ok_or_else(|| {
        format!(
            "'{}' is not a method; use `machine` for generated text, `human` once a person \
             has reviewed it",
            shown(method)
        )
    });
    if sha.len() != 64
        || !sha
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        problems.push((
            "source_sha256",
            "is not 64 lower-case hex digits; write the SHA-256 of the English text it was \
             made from"
                .into(),
        ));
    }
    let (field, lang, method) = match (field, lang, method) {
        (Ok(field), Ok(lang), Ok(method)) if problems.is_empty() => (field, lang, method),
        (field, lang, method) => {
            problems.extend(field.err().map(|m| ("field", m)));
            problems.extend(lang.err().map(|m| ("lang", m)));
            problems.extend(method.err().map(|m| ("method", m)));
            return Err(problems);
        }
    };
    let row = Row {
        line: 0,
        translation: Translation {
            field,
            lang,
            text: text.to_string(),
            method,
            stale: false,
        },
        source_sha256: sha.to_string(),
    };
    Ok((id.to_string(), row))
}

fn at(file: &str, line: u64, column: Option<&str>, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        line: Some(line),
        record: None,
        column: column.map(str::to_string),
        message,
    }
}

fn whole_file(file: &str, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        line: None,
        record: None,
        column: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "practice_id,field,lang,text,method,source_sha256\n";

    fn row(id: &str, field: &str, lang: &str, text: &str, english: &str) -> String {
        format!(
            "{id},{field},{lang},\"{text}\",machine,{}\n",
            sha256_hex(english)
        )
    }

    fn practice(summary: &str) -> Practice {
        let mut p = crate::import::tests::sample_practice();
        p.summary = summary.to_string();
        p
    }

    #[test]
    fn numbers_ignore_separators_between_digits_only() {
        assert_eq!(
            numbers("1,200 people, 99.4% in 2017"),
            ["1200", "2017", "994"]
        );
        assert_eq!(
            numbers("1 200 personnes, 99,4 % en 2017"),
            ["1200", "2017", "994"]
        );
        assert_eq!(numbers("5, 10 and 15"), ["10", "15", "5"]);
        assert_ne!(numbers("1,200"), numbers("1,300"));
    }

    #[test]
    fn a_matching_translation_is_attached_and_a_changed_english_marks_it_stale() {
        let english = "About 1,200 people took part in 2019.";
        let csv = HEADER.to_string()
            + &row(
                "mx-test-programme",
                "summary",
                "es",
                "Unas 1.200 personas participaron en 2019.",
                english,
            )
            + &row(
                "mx-test-programme",
                "summary",
                "fr",
                "Environ 1 200 personnes en 2019.",
                "older text",
            );
        let (mut tr, problems) = parse_translations("translations.csv", csv.as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        let mut p = practice(english);
        assert!(tr.attach(&mut p).is_empty());
        let es = p.translation(TextField::Summary, Lang::Es).expect("es");
        assert!(!es.stale);
        let fr = p.translation(TextField::Summary, Lang::Fr).expect("fr");
        assert!(fr.stale);
        assert_eq!(tr.stale.len(), 1);
        assert_eq!(tr.stale[0].line, 3);
    }

    #[test]
    fn different_numbers_are_refused_with_line_and_column() {
        let english = "About 1,200 people took part in 2019.";
        let csv = HEADER.to_string()
            + &row(
                "mx-test-programme",
                "summary",
                "es",
                "Unas 1.300 personas en 2019.",
                english,
            );
        let (mut tr, _) = parse_translations("translations.csv", csv.as_bytes());
        let mut p = practice(english);
        let problems = tr.attach(&mut p);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
        assert_eq!(problems[0].column.as_deref(), Some("text"));
        assert!(
            problems[0].message.contains("1300"),
            "{}",
            problems[0].message
        );
        assert!(p.translations.is_empty());
    }

    #[test]
    fn bad_rows_are_refused_each_with_its_column() {
        let sha = sha256_hex("x");
        let csv = format!(
            "{HEADER}mx-test-programme,summary,de,Text,machine,{sha}\n\
             mx-test-programme,colour,es,Texto,machine,{sha}\n\
             mx-test-programme,summary,es,,machine,{sha}\n\
             mx-test-programme,summary,en,Text,machine,{sha}\n\
             mx-test-programme,summary,fr,Texte,guess,{sha}\n\
             mx-test-programme,summary,fr,Texte,machine,abc\n\
             mx-test-programme,outcome_other,es,Texto,machine,{sha}\n\
             mx-test-programme,outcome_other,es,Otro,machine,{sha}\n"
        );
        let (_, problems) = parse_translations("translations.csv", csv.as_bytes());
        let places: Vec<(u64, &str)> = problems
            .iter()
            .map(|p| (p.line.unwrap_or(0), p.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            places,
            [
                (2, "lang"),
                (3, "field"),
                (4, "text"),
                (5, "lang"),
                (6, "method"),
                (7, "source_sha256"),
                (9, "practice_id"),
            ]
        );
        assert!(
            problems[6].message.contains("line 8"),
            "{}",
            problems[6].message
        );
    }

    #[test]
    fn a_row_for_an_unknown_practice_is_refused() {
        let csv = HEADER.to_string() + &row("zz-nowhere", "summary", "es", "Texto", "Text");
        let (tr, problems) = parse_translations("translations.csv", csv.as_bytes());
        assert!(problems.is_empty());
        let unclaimed = tr.unclaimed("practices.csv");
        assert_eq!(unclaimed.len(), 1);
        assert_eq!(unclaimed[0].line, Some(2));
        assert!(unclaimed[0].message.contains("zz-nowhere"));
    }

    #[test]
    fn a_translation_of_an_empty_field_is_refused() {
        let csv =
            HEADER.to_string() + &row("mx-test-programme", "participants_note", "es", "Nota", "");
        let (mut tr, _) = parse_translations("translations.csv", csv.as_bytes());
        let mut p = practice("Text.");
        p.participants_note.clear();
        let problems = tr.attach(&mut p);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].column.as_deref(), Some("field"));
    }
}
