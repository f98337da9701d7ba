//! `translations.csv`, read beside a practices file: each practice's free text in the
//! languages other than its own (`text_lang`), checked against the original it was made
//! from. Bad rows become [`Problem`]s naming the translations file, line and column; a
//! translation whose original changed since is kept and marked stale (it "may be out of
//! date"), never refused.

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

/// Hex SHA-256 of an original text, as `source_sha256` records it.
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
    /// Translations whose original changed since they were made, found while attaching.
    pub stale: Vec<Stale>,
}

impl Translations {
    /// Keeps a valid row of practice `id`, unless `first_line` holds its field and language
    /// already (the message names that line).
    fn keep(
        &mut self,
        id: String,
        row: Row,
        first_line: &mut HashMap<(String, TextField, Lang), u64>,
    ) -> Result<(), String> {
        let key = (id.clone(), row.translation.field, row.translation.lang);
        if let Some(first) = first_line.get(&key) {
            return Err(format!(
                "repeats the {} `{}` of `{}` already on line {first}; keep one",
                row.translation.lang.code(),
                row.translation.field.name(),
                shown(&id)
            ));
        }
        first_line.insert(key, row.line);
        self.by_practice.entry(id).or_default().push(row);
        Ok(())
    }

    pub fn empty(file: &str) -> Translations {
        Translations {
            file: file.to_string(),
            ..Translations::default()
        }
    }

    /// Gives `p` its translations, marking those whose original changed as stale. A problem
    /// for each that cannot stand: a translation into the record's own language, a field
    /// that is empty in the original, or numbers that differ from the original it was made
    /// from.
    pub fn attach(&mut self, p: &mut Practice) -> Vec<Problem> {
        let rows = self.by_practice.remove(p.id.as_str()).unwrap_or_default();
        let mut problems = Vec::new();
        for row in rows {
            let original = row.translation.field.of(p);
            let field = row.translation.field.name();
            if row.translation.lang == p.text_lang {
                let message = format!(
                    "is `{}`, the language `{}` is written in (its text_lang in \
                     practices.csv): a record is not translated into its own language; remove \
                     this row, or correct text_lang",
                    p.text_lang.code(),
                    p.id.as_str()
                );
                problems.push(Problem::at(&self.file, row.line, Some("lang"), message));
                continue;
            }
            if original.is_empty() {
                let message = format!(
                    "translates `{field}` of `{}`, which is empty in practices.csv; remove this row",
                    p.id.as_str()
                );
                problems.push(Problem::at(&self.file, row.line, Some("field"), message));
                continue;
            }
            let mut translation = row.translation;
            if sha256_hex(original) != row.source_sha256 {
                translation.stale = true;
                self.stale.push(Stale {
                    line: row.line,
                    practice: p.id.to_string(),
                    field: translation.field,
                    lang: translation.lang,
                });
            } else if numbers(original) != numbers(&translation.text) {
                let message = format!(
                    "has the numbers {} but the {} `{field}` of `{}` has {}; a translation \
                     keeps every number of the original (separators may follow the language)",
                    listed(&numbers(&translation.text)),
                    language_name(p.text_lang),
                    p.id.as_str(),
                    listed(&numbers(original)),
                );
                problems.push(Problem::at(&self.file, row.line, Some("text"), message));
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
                Problem::at(&self.file, line, Some("practice_id"), message)
            })
            .collect()
    }
}

/// A language as the importer's messages name it.
fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Es => "Spanish",
        Lang::Fr => "French",
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
            (
                Translations::empty(&file),
                vec![Problem::whole_file(&file, message)],
            )
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
        problems.push(Problem::at(file, lines.line_of(offset), None, message));
        return (translations, problems);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut records = reader.records();
    if let Err(problem) = super::problem::exact_header(file, records.next(), &TRANSLATION_COLUMNS) {
        problems.push(problem);
        return (translations, problems);
    }
    let mut first_line: HashMap<(String, TextField, Lang), u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(Problem::whole_file(
                    file,
                    format!("cannot read the CSV: {err}"),
                ));
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
            problems.push(Problem::at(file, line, None, message));
            continue;
        }
        let cells: Vec<&str> = record.iter().collect();
        match translation_row(&cells) {
            Ok((id, row)) => {
                if let Err(message) = translations.keep(id, Row { line, ..row }, &mut first_line) {
                    problems.push(Problem::at(file, line, Some("practice_id"), message));
                }
            }
            Err(found) => {
                for (column, message) in found {
                    problems.push(Problem::at(file, line, Some(column), message));
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
    let field = field_named(field);
    let lang = translation_lang(lang);
    if text.is_empty() {
        problems.push((
            "text",
            "is empty; write the translation or remove the row".into(),
        ));
    }
    let method = method_named(method);
    if !is_sha256(sha) {
        problems.push((
            "source_sha256",
            "is not 64 lower-case hex digits; write the SHA-256 of the original text it was \
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

fn field_named(name: &str) -> Result<TextField, String> {
    TextField::from_name(name).ok_or_else(|| {
        let names = TextField::ALL.map(TextField::name).join(", ");
        format!(
            "'{}' is not a translatable field; use one of {names}",
            shown(name)
        )
    })
}

/// A language of the atlas; whether it may translate a record is known only once the
/// record's own language is (see [`Translations::attach`]).
fn translation_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| {
        format!(
            "'{}' is not a language of the atlas; use `en`, `es` or `fr`",
            shown(code)
        )
    })
}

fn method_named(name: &str) -> Result<TranslationMethod, String> {
    TranslationMethod::from_name(name).ok_or_else(|| {
        format!(
            "'{}' is not a method; use `machine` for generated text, `human` once a person \
             has reviewed it",
            shown(name)
        )
    })
}

/// 64 lower-case hex digits.
fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests;
