//! Proposals from the field: a new practice or a correction, checked by the importer's own
//! rules (a one-row CSV with the published file's header goes through `import`), turned into
//! the cells a moderator accepts into `data/practices.csv`. No IO here but the sheet module's.
//!
//! Over 500 lines: a proposal's checks (the desk, the row built by column name, the
//! importer's rules, ids, likely duplicates) are one path from the form to checked cells; its
//! IO is apart, in `sheet`.

mod duplicates;
pub mod sheet;

use unicode_normalization::UnicodeNormalization;

use crate::import::{self, Limits};
use crate::model::{Lang, PracticeId, Reference};
use crate::store::proposals::{Cell, ProposalKind};
use sheet::SheetFacts;

/// Whether proposals can be taken now (the form and the JSON endpoint show it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk {
    /// Proposals are received.
    Open,
    /// A read-only mirror: no proposals here (`serve --proposals off`).
    Off,
    /// The proposals database is missing, unwritable or damaged.
    Unavailable,
    /// This proposal was valid but could not be saved (a full disk, say): typed values kept.
    SaveFailed,
    /// This address sent its hourly share of proposals: typed values kept.
    TooMany,
    /// Too many proposals wait for a moderator: typed values kept.
    Full,
}

/// Multi-valued columns: the form sends one value per ticked box; the CSV joins them with `;`.
pub const LIST_COLUMNS: [&str; 3] = ["populations", "atd_types", "cap_stages"];

/// Columns a proposer never types: the id is made from the name, the country from `iso2`,
/// and `last_verified` is the day a moderator checked the record (set by `accept`).
/// (`text_lang`, the language of the proposal's text, is picked: see [`TEXT_LANG`].)
pub const DERIVED_COLUMNS: [&str; 3] = ["id", "country", "last_verified"];

/// The column naming the language a record's text is written in. A proposer picks it; left
/// out (or empty), a new record's is the language of the form it came through
/// ([`Draft::lang`]) and a correction keeps the record's.
pub const TEXT_LANG: &str = "text_lang";

/// Longest name or organisation, and email address, a submitter may leave.
pub const MAX_SUBMITTER_CHARS: usize = 200;
pub const MAX_EMAIL_CHARS: usize = 254;

/// What a person sent: the practice's cells by column name, and how to reach them.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The practice a correction is for; `None` proposes a new practice.
    pub practice: Option<String>,
    /// `(column, value)`; list columns already joined with `;`.
    pub fields: Vec<(String, String)>,
    pub submitter: String,
    pub email: String,
    /// A correction: why the values change, and the address of the source that says so
    /// (both required when a figure changes).
    pub why: String,
    pub why_source: String,
    /// The language of the form (or English for the API): a new record's `text_lang` when
    /// the proposer does not say which language they wrote in.
    pub lang: Lang,
}

impl Draft {
    pub fn value(&self, column: &str) -> &str {
        self.fields
            .iter()
            .find(|(c, _)| c == column)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Adds a value, joining repeated list columns with `;`.
    pub fn push(&mut self, column: &str, value: &str) {
        if let Some((_, existing)) = self.fields.iter_mut().find(|(c, _)| c == column) {
            if LIST_COLUMNS.contains(&column) && !value.is_empty() {
                if !existing.is_empty() {
                    existing.push(';');
                }
                existing.push_str(value);
            } else if !LIST_COLUMNS.contains(&column) {
                *existing = value.to_string();
            }
            return;
        }
        self.fields.push((column.to_string(), value.to_string()));
    }
}

/// Why a field was not accepted, for the message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A required field is empty.
    Required,
    /// The importer refused the value: why, as a kind the form words in each language (the
    /// importer's own message, in English, stays in `detail`).
    Invalid(Reason),
    /// The name or email cannot be kept (too long, control characters, not an address).
    Contact,
    /// A correction that changes nothing.
    NothingChanged,
    /// The practice to correct is not (or no longer) in the atlas.
    UnknownPractice,
}

/// Why a typed value was refused, as the form says it in every language (its own Fluent
/// messages, not a translation of the importer's English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Starts like a spreadsheet formula.
    Formula,
    /// Holds a control, zero-width or other invisible character.
    Invisible,
    /// A line break in a one-line field.
    LineBreak,
    /// Not a number at all.
    NotANumber,
    /// Below zero.
    Negative,
    /// A number, but not the year or whole number the field takes, or out of its range.
    OutOfRange,
    /// Not an http(s) address.
    NotAnAddress,
    /// Nothing more specific to say than the field's own message.
    Other,
}

/// Columns that hold a number (years, counts, amounts, percentages).
const NUMBER_COLUMNS: [&str; 7] = [
    "start_year",
    "end_year",
    "cost_year",
    "participants",
    "cost_per_day",
    "detention_cost_per_day",
    "outcome_compliance_pct",
];

/// The kind of problem with `value` typed into `column`, read from the value itself.
pub fn reason(column: &str, value: &str) -> Reason {
    let value = value.trim();
    if value
        .chars()
        .any(|c| import::forbidden_character(c).is_some())
    {
        return Reason::Invisible;
    }
    if value.contains(['\n', '\r']) && column != "summary" && column != "outcome_other" {
        return Reason::LineBreak;
    }
    if NUMBER_COLUMNS.contains(&column) {
        return match value.replace(',', "").parse::<f64>() {
            Err(_) => Reason::NotANumber,
            Ok(n) if n < 0.0 => Reason::Negative,
            Ok(_) => Reason::OutOfRange,
        };
    }
    if column == "source_url" && !(value.starts_with("https://") || value.starts_with("http://")) {
        return Reason::NotAnAddress;
    }
    if import::formula_like(value) {
        return Reason::Formula;
    }
    Reason::Other
}

/// One problem, attached to the field it concerns (`column` is a form field name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub column: String,
    pub kind: ErrorKind,
    /// The importer's own words (English), or ours.
    pub detail: String,
}

/// A valid proposal, ready for the proposals database.
#[derive(Debug, Clone)]
pub struct Checked {
    pub kind: ProposalKind,
    pub practice_id: String,
    /// Every column of the file's header, in its order.
    pub cells: Vec<Cell>,
    /// Said to the moderator (and the submitter): a likely duplicate, for instance.
    pub warnings: Vec<Warning>,
    /// A correction's reason and supporting source, as typed (trimmed); empty for a new one.
    pub why: String,
    pub why_source: String,
}

impl Checked {
    pub fn changed_columns(&self) -> Vec<&str> {
        self.cells
            .iter()
            .filter(|c| c.changed)
            .map(|c| c.column.as_str())
            .collect()
    }
}

/// Something a moderator should look at that is no reason to refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A practice with the same country and programme name exists: its id.
    SameName(String),
    /// A practice in the same country has a close name: its id.
    CloseName(String),
    /// A practice already cites the same source address: its id.
    SameSource(String),
}

impl Warning {
    /// For the moderator (stored in the proposals database).
    pub fn describe(&self) -> String {
        match self {
            Warning::SameName(id) => {
                format!("possible duplicate: `{id}` has the same country and programme name")
            }
            Warning::CloseName(id) => {
                format!("possible duplicate: `{id}` is in the same country with a close name")
            }
            Warning::SameSource(id) => {
                format!("possible duplicate: `{id}` cites the same source address")
            }
        }
    }

    /// The record the proposal may duplicate.
    pub fn duplicate_of(&self) -> &str {
        match self {
            Warning::SameName(id) | Warning::CloseName(id) | Warning::SameSource(id) => id,
        }
    }
}

/// Checks `draft` against the file as it is now (`facts`) with the importer's rules.
pub fn check(
    draft: &Draft,
    facts: &SheetFacts,
    reference: &Reference,
) -> Result<Checked, Vec<FieldError>> {
    let mut errors = contact_errors(draft);
    let base = match &draft.practice {
        Some(id) => match &facts.row {
            Some(row) => Some(row.clone()),
            None => {
                errors.push(FieldError {
                    column: "practice".into(),
                    kind: ErrorKind::UnknownPractice,
                    detail: format!("there is no practice `{}` to correct", shown(id)),
                });
                return Err(errors);
            }
        },
        None => None,
    };
    let row = proposed_row(draft, facts, base.as_deref(), reference);
    errors.extend(importer_errors(
        &facts.header,
        &row,
        reference,
        base.is_some(),
    ));
    let cells = cells(&row, base.as_deref());
    errors.extend(formula_errors(&cells, &errors));
    if base.is_some() {
        errors.extend(why_errors(draft, &cells));
    }
    if base.is_some() && !cells.iter().any(|c| c.changed) {
        errors.push(FieldError {
            column: "practice".into(),
            kind: ErrorKind::NothingChanged,
            detail: "nothing was changed; edit the fields that are wrong".into(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let value = |column: &str| {
        row.iter()
            .find(|(c, _)| c == column)
            .map_or("", |(_, v)| v.as_str())
    };
    let practice_id = value("id").to_string();
    let warnings = match base {
        Some(_) => Vec::new(),
        None => likely_duplicates(
            facts,
            value("iso2"),
            value("programme"),
            value("source_url"),
        ),
    };
    let correction = draft.practice.is_some();
    Ok(Checked {
        kind: if correction {
            ProposalKind::Correction
        } else {
            ProposalKind::New
        },
        practice_id,
        cells,
        warnings,
        why: if correction { draft.why.trim() } else { "" }.to_string(),
        why_source: if correction {
            draft.why_source.trim()
        } else {
            ""
        }
        .to_string(),
    })
}

/// The `text_lang` of a record proposed through a form in `form_lang` (a stored proposal's
/// `lang`): that language, or English for a code the atlas does not have.
pub fn text_lang_of(form_lang: &str) -> &'static str {
    Lang::from_code(form_lang).unwrap_or_default().code()
}

/// Records already in the atlas a new proposal may repeat: the same name in the same
/// country, a close name there, or the same source address; each record once, the
/// strongest reason first.
fn likely_duplicates(facts: &SheetFacts, iso2: &str, programme: &str, url: &str) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = Vec::new();
    let found = facts
        .same_name(iso2, programme)
        .map(|id| Warning::SameName(id.to_string()))
        .into_iter()
        .chain(
            facts
                .close_names(iso2, programme)
                .into_iter()
                .map(|id| Warning::CloseName(id.to_string())),
        )
        .chain(
            facts
                .same_source(url)
                .into_iter()
                .map(|id| Warning::SameSource(id.to_string())),
        );
    for warning in found {
        if !warnings
            .iter()
            .any(|w| w.duplicate_of() == warning.duplicate_of())
        {
            warnings.push(warning);
        }
    }
    warnings
}

/// The whole row the proposal proposes, in the file's column order: the base record (or
/// empty cells) with the draft's values on top, and the derived columns filled in.
fn proposed_row(
    draft: &Draft,
    facts: &SheetFacts,
    base: Option<&[(String, String)]>,
    reference: &Reference,
) -> Vec<(String, String)> {
    let mut row: Vec<(String, String)> = facts
        .header
        .iter()
        .map(|column| {
            let old = base
                .and_then(|b| b.iter().find(|(c, _)| c == column))
                .map_or(String::new(), |(_, v)| v.clone());
            let typed = draft.fields.iter().find(|(c, _)| c == column);
            let value = match typed {
                // An empty language is one not given: the default below (or the record's).
                Some((_, v)) if column == TEXT_LANG && v.trim().is_empty() => old,
                Some((_, v)) if column == TEXT_LANG => v.trim().to_ascii_lowercase(),
                Some((_, v)) if !DERIVED_COLUMNS.contains(&column.as_str()) => v.clone(),
                _ => old,
            };
            (column.clone(), value)
        })
        .collect();
    let iso2 = row
        .iter()
        .find(|(c, _)| c == "iso2")
        .map_or(String::new(), |(_, v)| v.trim().to_ascii_uppercase());
    let iso2_changed = base.is_none_or(|b| {
        b.iter()
            .find(|(c, _)| c == "iso2")
            .is_none_or(|(_, v)| v.trim() != iso2)
    });
    for (column, value) in &mut row {
        match column.as_str() {
            "country" if iso2_changed => {
                *value = reference
                    .countries
                    .get(&iso2)
                    .map_or(String::new(), |c| c.name.get(Lang::En).to_string());
            }
            "id" if base.is_none() => {
                *value = new_id(&iso2, draft.value("programme"), facts);
            }
            // A new record is checked against its source by the moderator who accepts it;
            // until then it carries the day it was proposed.
            "last_verified" if base.is_none() => *value = crate::clock::today(),
            // A new record whose proposer did not say which language its text is in: the
            // form's (a person writes in the language of the page they read, most often).
            TEXT_LANG if base.is_none() && value.is_empty() => {
                *value = draft.lang.code().to_string();
            }
            _ => {}
        }
    }
    row
}

/// The submitted row's one source, as the provenance rule reads it: the address the submitter
/// gives stands for every figure of the row until a moderator has read it there (`accept`
/// then records what it supports in sources.csv).
fn submitted_sources(row: &[(String, String)]) -> import::Sources {
    let value = |name: &str| {
        row.iter()
            .find(|(c, _)| c == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let line = source_line(
        value("id"),
        value("source_title"),
        value("source_url"),
        "the proposal",
        &import::figure_columns(),
    );
    let mut bytes = import::sources::SOURCE_COLUMNS.join(",").into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(&line);
    // A bad title or address is the practice row's own problem, reported by its columns.
    import::parse_sources("proposal sources", &bytes, crate::clock::current_year()).0
}

/// One line of sources.csv: `id`'s source at `url`, supporting `columns`, checked today.
pub fn source_line(id: &str, title: &str, url: &str, locator: &str, columns: &[&str]) -> Vec<u8> {
    let today = crate::clock::today();
    let supports = columns.join(";");
    let fields = [
        id,
        title,
        url,
        "",
        "",
        locator,
        supports.as_str(),
        today.as_str(),
    ];
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory fails only on invalid state, which a fresh writer is not in.
    let _ = writer.write_record(fields);
    writer.into_inner().unwrap_or_default()
}

/// The importer's verdict on the row, as problems per form field.
fn importer_errors(
    header: &[String],
    row: &[(String, String)],
    reference: &Reference,
    correction: bool,
) -> Vec<FieldError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let values: Vec<&str> = row.iter().map(|(_, v)| v.as_str()).collect();
    let written = writer
        .write_record(header)
        .and_then(|()| writer.write_record(&values));
    let bytes = match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => {
            return vec![FieldError {
                column: String::new(),
                kind: ErrorKind::Invalid(Reason::Other),
                detail: "the proposal could not be read".into(),
            }];
        }
    };
    let sources = submitted_sources(row);
    let Err(problems) =
        import::parse_practices("proposal", &bytes, sources, reference, &Limits::default())
    else {
        return Vec::new();
    };
    problems
        .into_iter()
        .map(|problem| {
            let column = problem.column.unwrap_or_default();
            // A submitter never types these: point at the field they come from.
            let column = match column.as_str() {
                "id" if !correction => "programme".to_string(),
                "country" => "iso2".to_string(),
                _ => column,
            };
            let typed = row
                .iter()
                .find(|(c, _)| *c == column)
                .map_or("", |(_, v)| v.as_str());
            let kind = if problem.message.starts_with("is empty") {
                ErrorKind::Required
            } else {
                ErrorKind::Invalid(reason(&column, typed))
            };
            FieldError {
                column,
                kind,
                detail: problem.message,
            }
        })
        .collect()
}

/// Text a spreadsheet would run as a formula, in a cell the submitter filled or changed
/// (and that has no other problem): refused, so an accepted proposal never brings a formula
/// into the published files. The importer stores such text as written when a maintainer
/// puts it there (C22); the public form is stricter.
fn formula_errors(cells: &[Cell], already: &[FieldError]) -> Vec<FieldError> {
    cells
        .iter()
        .filter(|c| c.changed && import::formula_like(&c.value))
        .filter(|c| !already.iter().any(|e| e.column == c.column))
        .map(|c| FieldError {
            column: c.column.clone(),
            kind: ErrorKind::Invalid(Reason::Formula),
            detail: format!(
                "starts with '{}', which a spreadsheet would run as a formula; start it with \
                 a word or a number",
                c.value.chars().next().unwrap_or('=')
            ),
        })
        .collect()
}

/// The cells to store: each with whether it changes the base record (or is filled in).
fn cells(row: &[(String, String)], base: Option<&[(String, String)]>) -> Vec<Cell> {
    row.iter()
        .map(|(column, value)| {
            let before = base.map(|b| {
                b.iter()
                    .find(|(c, _)| c == column)
                    .map_or(String::new(), |(_, v)| v.clone())
            });
            let changed = match &before {
                Some(old) => old.trim() != value.trim(),
                None => !value.trim().is_empty(),
            };
            Cell {
                column: column.clone(),
                value: value.trim().to_string(),
                before,
                changed,
            }
        })
        .collect()
}

/// Longest reason, and source address, kept.
const MAX_WHY_CHARS: usize = 2000;
const MAX_SOURCE_CHARS: usize = 2000;

/// Columns whose change needs a reason and a source: the ones a source supports (the
/// importer's figure columns) and the results given as text.
fn needs_a_reason(column: &str) -> bool {
    column == "outcome_other" || import::figure_columns().contains(&column)
}

/// A correction that changes a figure (years, status, participants, costs, outcomes) says
/// why and which source supports the new value, for the moderator who reads it.
/// The problems with a correction's reason and source, given its changed `cells`.
fn why_errors(draft: &Draft, cells: &[Cell]) -> Vec<FieldError> {
    let why = draft.why.trim();
    let source = draft.why_source.trim();
    let required = cells.iter().any(|c| c.changed && needs_a_reason(&c.column));
    let mut errors = Vec::new();
    let mut refuse = |column: &str, kind: ErrorKind, detail: &str| {
        errors.push(FieldError {
            column: column.into(),
            kind,
            detail: detail.into(),
        });
    };
    if why.is_empty() && required {
        refuse(
            "why",
            ErrorKind::Required,
            "is empty; say why the figures change",
        );
    } else if why.chars().count() > MAX_WHY_CHARS || has_hidden(why) {
        refuse(
            "why",
            ErrorKind::Invalid(Reason::Invisible),
            "at most 2000 characters, without control or invisible characters",
        );
    }
    if source.is_empty() && required {
        refuse(
            "why_source",
            ErrorKind::Required,
            "is empty; give the address of the source",
        );
    } else if !source.is_empty() && !is_address(source) {
        refuse(
            "why_source",
            ErrorKind::Invalid(Reason::NotAnAddress),
            "is not a web address starting with http:// or https://",
        );
    }
    errors
}

/// Control (but line breaks and tabs), bidi and zero-width characters: the importer's list.
fn has_hidden(text: &str) -> bool {
    text.chars()
        .any(|c| import::forbidden_character(c).is_some())
}

fn is_address(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.len() > "https://".len()
        && text.chars().count() <= MAX_SOURCE_CHARS
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn contact_errors(draft: &Draft) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut refuse = |column: &str, detail: &str| {
        errors.push(FieldError {
            column: column.into(),
            kind: ErrorKind::Contact,
            detail: detail.into(),
        });
    };
    if draft.submitter.chars().count() > MAX_SUBMITTER_CHARS || has_controls(&draft.submitter) {
        refuse(
            "submitter",
            "a name or organisation of at most 200 characters, without control characters",
        );
    }
    let email = draft.email.trim();
    if !email.is_empty() && !looks_like_email(email) {
        refuse(
            "email",
            "an email address like name@example.org, or nothing",
        );
    }
    errors
}

fn has_controls(text: &str) -> bool {
    text.chars().any(|c| c.is_control() || is_format_trick(c))
}

/// Bidi overrides, zero-width and other invisible format characters (the importer's list):
/// they disguise what text says.
fn is_format_trick(c: char) -> bool {
    !c.is_control() && import::forbidden_character(c).is_some()
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    email.chars().count() <= MAX_EMAIL_CHARS
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || is_format_trick(c)
                || matches!(c, '<' | '>' | '"' | ',')
        })
}

/// A new practice's id: `iso2-programme-words` as a slug, unique in the file.
pub fn new_id(iso2: &str, programme: &str, facts: &SheetFacts) -> String {
    let mut slug = String::new();
    let words = format!("{iso2} {programme}");
    for c in words.nfd() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !unicode_normalization::char::is_combining_mark(c) && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug: String = slug.trim_matches('-').chars().take(72).collect();
    slug = slug.trim_end_matches('-').to_string();
    if slug.len() < 3 {
        slug = format!("practice-{}", slug)
            .trim_end_matches('-')
            .to_string();
    }
    let mut id = slug.clone();
    let mut n = 2;
    while facts.ids.contains(&id) || PracticeId::parse(&id).is_none() {
        id = format!("{slug}-{n}");
        n += 1;
    }
    id
}

/// Text made harmless for a moderator's terminal: control characters (escape sequences
/// included), bidi overrides and zero-width characters become visible `\u{…}` escapes.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n' && c != '\t') || is_format_trick(c) {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`for_terminal`] for a one-line listing: line breaks and tabs are shown as escapes too,
/// so a value can never forge a line of its own (a proposal stored before the importer
/// refused line breaks in one-line fields, say).
pub fn for_one_line(text: &str) -> String {
    for_terminal(text)
        .replace('\n', "\\u{000a}")
        .replace('\t', "\\u{0009}")
}

/// A reference shaped like a real one (`S-2026-0413`) for the receipt a trapped bot is
/// shown; never stored, so it names no proposal.
pub fn decoy_reference() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("S-{}-{:04}", crate::clock::current_year(), 1 + nanos % 9000)
}

/// A value quoted in a message, shortened.
fn shown(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    for_terminal(&short)
}

#[cfg(test)]
mod tests;
