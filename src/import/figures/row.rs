//! One row of `figures.csv` → one checked [`Figure`], or its problems by column: each cell
//! by itself, then by the kind of its measure, its bound, its period and its grade.

use super::super::cell;
use super::super::suggest::shown;
use crate::model::{Figure, Grade, MeasureKind, Reference, Source, Vocab, Vocabularies};

/// The columns of `figures.csv`, in the order they are written.
pub const FIGURE_COLUMNS: [&str; 26] = [
    "id",
    "practice_id",
    "iso2",
    "measure",
    "value",
    "bound",
    "value_high",
    "currency",
    "unit",
    "period_start",
    "period_end",
    "period_basis",
    "scope",
    "sample_size",
    "source_url",
    "source_title",
    "publisher",
    "published",
    "locator",
    "source_type",
    "origin",
    "original",
    "independent",
    "superseded_by",
    "checked",
    "note",
];

pub(super) fn file_columns() -> &'static [&'static str] {
    &FIGURE_COLUMNS
}

type Found = Vec<(&'static str, String)>;

/// The cells of one row by column name, normalised, with the problems found so far.
struct Row {
    cells: Vec<String>,
    problems: Found,
}

impl Row {
    /// Normalises the cells of one row (in file-column order) and notes the required ones
    /// left empty.
    fn new(raw: &[&str]) -> Row {
        let mut row = Row {
            cells: Vec::with_capacity(raw.len()),
            problems: Vec::new(),
        };
        for (column, value) in file_columns().iter().zip(raw) {
            match cell::normalise(value) {
                Ok(value) => row.cells.push(value),
                Err(message) => {
                    row.problem(column, message);
                    row.cells.push(String::new());
                }
            }
        }
        row.required("id", "an id (lower-case letters, digits, hyphens)");
        row.required(
            "iso2",
            "the country it is about (ISO 3166-1 alpha-2, like GB)",
        );
        row.required("measure", "a measure (a key of vocabularies.csv `measure`)");
        row.required("value", "a value, as the source states it");
        row.required("bound", "a bound: exact, approx, upper, lower or range");
        row.required("source_url", "the address of the page that states it");
        row.required("source_title", "the title of the page that states it");
        row.required(
            "locator",
            "the sentence that states the figure, copied exactly from the page",
        );
        row.required("source_type", "who produced the figure (`source_type`)");
        row.required("origin", "its origin: primary or secondary");
        row.required(
            "independent",
            "whether its producer is independent: yes, no or unknown",
        );
        row.required("checked", "the day it was read on the page (YYYY-MM-DD)");
        row
    }

    fn get(&self, name: &str) -> &str {
        file_columns()
            .iter()
            .position(|c| *c == name)
            .map_or("", |i| self.cells[i].as_str())
    }

    fn problem(&mut self, column: &'static str, message: String) {
        self.problems.push((column, message));
    }

    fn reported(&self, column: &str) -> bool {
        self.problems.iter().any(|(c, _)| *c == column)
    }

    fn required(&mut self, column: &'static str, what: &str) {
        if self.get(column).is_empty() && !self.reported(column) {
            self.problem(column, format!("is empty; every figure needs {what}"));
        }
    }

    /// A validator on a cell; `None` (and a problem) on failure.
    fn check<T>(
        &mut self,
        column: &'static str,
        validate: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        if self.reported(column) {
            return None;
        }
        match validate(self.get(column)) {
            Ok(value) => Some(value),
            Err(message) => {
                self.problem(column, message);
                None
            }
        }
    }
}

/// One row's cells (in file-column order) → a figure, or the problems by column.
pub(super) fn figure_row(
    raw: &[&str],
    reference: &Reference,
    this_year: i32,
) -> Result<Figure, Found> {
    let mut row = Row::new(raw);
    let vocabularies = &reference.vocabularies;
    let key = |vocab| move |v: &str| cell::vocab_key(v, vocab, vocabularies);
    let id = row.check("id", figure_id);
    let practice_id = row.check("practice_id", optional(cell::practice_id));
    let iso2 = row.check("iso2", |v| {
        cell::country(v, &reference.countries).map(|c| c.iso2.clone())
    });
    let measure = row.check("measure", key(Vocab::Measure)).flatten();
    let value = row.check("value", cell::amount).flatten();
    let bound = row.check("bound", key(Vocab::Bound)).flatten();
    let high = row.check("value_high", cell::amount).flatten();
    let currency = row
        .check("currency", |v| cell::currency(v, &reference.money))
        .flatten();
    let unit = row.check("unit", key(Vocab::CostUnit)).flatten();
    let start = row.check("period_start", |v| cell::partial_date(v, this_year));
    let end = row.check("period_end", |v| cell::partial_date(v, this_year));
    let basis = row.check("period_basis", key(Vocab::YearBasis)).flatten();
    let sample_size = row.check("sample_size", cell::count).flatten();
    let source_url = row.check("source_url", cell::web_url);
    row.check("published", |v| cell::partial_date(v, this_year));
    let source_type = row.check("source_type", key(Vocab::SourceType)).flatten();
    let origin = row.check("origin", key(Vocab::Origin)).flatten();
    let independent = row.check("independent", key(Vocab::Independence)).flatten();
    let superseded_by = row.check("superseded_by", optional(figure_id));
    let checked = row.check("checked", |v| cell::date(v, this_year));
    let kind = measure.as_deref().and_then(measure_kind(vocabularies));
    amounts_agree(&mut row, kind, bound.as_deref(), value, high);
    let dated = matches!((&start, &end), (Some(Some(_)), Some(Some(_))));
    period_agrees(&mut row, dated, basis.is_some());
    grade_agrees(&mut row, &origin, &id, &superseded_by);

    let text = |name: &str| row.get(name).to_string();
    // Every value below was checked above; a missing one means its problem is already listed.
    let figure = || {
        Some(Figure {
            id: id?,
            practice_id: practice_id?,
            iso2: iso2?,
            measure: measure?,
            value: value?,
            bound: bound?,
            value_high: high,
            currency,
            unit,
            period_start: text("period_start"),
            period_end: text("period_end"),
            period_basis: basis,
            scope: text("scope"),
            sample_size,
            source: Source {
                title: text("source_title"),
                url: source_url?,
                publisher: text("publisher"),
                published: text("published"),
                locator: text("locator"),
                supports: Vec::new(),
                checked: checked?,
            },
            grade: Grade {
                source_type: source_type?,
                origin: origin?,
                original: text("original"),
                independent: independent?,
                superseded_by: superseded_by?,
            },
            note: text("note"),
        })
    };
    match figure() {
        Some(figure) if row.problems.is_empty() => Ok(figure),
        _ => Err(row.problems),
    }
}

/// What sort of number a measure is, by the vocabularies.
fn measure_kind(vocabularies: &Vocabularies) -> impl Fn(&str) -> Option<MeasureKind> + '_ {
    |measure| vocabularies.measure_kind(measure)
}

/// A validator for a cell that may be empty: empty is `None`.
fn optional<T>(
    validate: impl Fn(&str) -> Result<T, String>,
) -> impl Fn(&str) -> Result<Option<T>, String> {
    move |v| {
        if v.is_empty() {
            return Ok(None);
        }
        validate(v).map(Some)
    }
}

/// The value is what its measure's kind allows; a range's high end is above its low end.
fn amounts_agree(
    row: &mut Row,
    kind: Option<MeasureKind>,
    bound: Option<&str>,
    value: Option<f64>,
    high: Option<f64>,
) {
    if let (Some(kind), Some(value)) = (kind, value) {
        by_kind(row, kind, value, high);
    }
    if let (Some(bound), Some(value)) = (bound, value) {
        range(row, bound, value, high);
    }
}

/// A dated period says where its dates come from; a period has both ends or neither.
fn period_agrees(row: &mut Row, dated: bool, basis: bool) {
    if dated {
        period(row, basis);
    } else if !row.reported("period_start") && !row.reported("period_end") {
        one_sided_period(row);
    }
}

/// A secondary figure names its original; a figure is not superseded by itself.
fn grade_agrees(
    row: &mut Row,
    origin: &Option<String>,
    id: &Option<String>,
    superseded_by: &Option<Option<String>>,
) {
    if origin.as_deref() == Some("secondary") && row.get("original").is_empty() {
        row.problem(
            "original",
            "is empty but origin is secondary; name the document the page quotes (title, \
             producer, date) — a secondary figure always names its original"
                .into(),
        );
    }
    if let (Some(id), Some(Some(later))) = (id, superseded_by)
        && id == later
    {
        row.problem(
            "superseded_by",
            "names the figure itself; write the id of the later figure that replaces it".into(),
        );
    }
}

/// `^[a-z0-9-]{3,100}$`.
fn figure_id(value: &str) -> Result<String, String> {
    let ok_len = (3..=100).contains(&value.len());
    let ok_chars = value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok_len && ok_chars {
        return Ok(value.to_string());
    }
    Err(format!(
        "'{}' is not a figure id; use 3 to 100 lower-case letters, digits and hyphens, like \
         gb-detention-cost-per-day-2019-q1",
        shown(value)
    ))
}

/// The checks a measure's kind asks for: money has a currency (and, but for a budget, a
/// unit); a percentage stays within 0–100; a count is whole; nothing else has a currency.
fn by_kind(row: &mut Row, kind: MeasureKind, value: f64, high: Option<f64>) {
    let measure = row.get("measure").to_string();
    if kind.is_money() {
        if row.get("currency").is_empty() && !row.reported("currency") {
            row.problem(
                "currency",
                format!(
                    "is empty but `{measure}` is money; add the ISO 4217 code the source uses, like EUR"
                ),
            );
        }
        if kind != MeasureKind::MoneyTotal && row.get("unit").is_empty() && !row.reported("unit") {
            row.problem(
                "unit",
                format!(
                    "is empty but `{measure}` is money per person, family, place or case; add \
                     the unit the source states (per_person, per_place …)"
                ),
            );
        }
        return;
    }
    if !row.get("currency").is_empty() && !row.reported("currency") {
        row.problem(
            "currency",
            format!("has a value but `{measure}` is not money; empty it"),
        );
    }
    match kind {
        MeasureKind::Percent => {
            for (column, v) in [("value", Some(value)), ("value_high", high)] {
                if let Some(v) = v.filter(|v| *v > 100.0) {
                    row.problem(
                        column,
                        format!("{v} is over 100 but `{measure}` is a percentage; write a share from 0 to 100"),
                    );
                }
            }
        }
        MeasureKind::Count => {
            for (column, v) in [("value", Some(value)), ("value_high", high)] {
                if let Some(v) = v.filter(|v| v.fract() != 0.0) {
                    row.problem(
                        column,
                        format!("{v} is not a whole number but `{measure}` is a count; write the count as stated (put \"about\" in bound)"),
                    );
                }
            }
        }
        _ => {}
    }
}

/// A `range` has a high end above the value, and nothing else has one.
fn range(row: &mut Row, bound: &str, value: f64, high: Option<f64>) {
    match (bound, high) {
        ("range", Some(top)) if top <= value => row.problem(
            "value_high",
            format!("{top} is not above value {value}; the high end of the range goes here"),
        ),
        ("range", None) if !row.reported("value_high") => row.problem(
            "value_high",
            "is empty but bound is range; write the high end of the range here".into(),
        ),
        (b, Some(_)) if b != "range" => row.problem(
            "value_high",
            "has a value but bound is not range; empty it or set bound to range".into(),
        ),
        _ => {}
    }
}

/// A period runs forwards and says where it comes from.
fn period(row: &mut Row, has_basis: bool) {
    let (start, end) = (
        row.get("period_start").to_string(),
        row.get("period_end").to_string(),
    );
    // Compare only the parts both give (2019 vs 2019-06 are the same year).
    let width = start.len().min(end.len());
    if end[..width] < start[..width] {
        let message = format!("{end} is before period_start {start}; swap them or fix one");
        row.problem("period_end", message);
    }
    if !has_basis && !row.reported("period_basis") {
        row.problem(
            "period_basis",
            "is empty but the figure has a period; write stated (the page names it) or \
             publication (the page's publication year, assumed)"
                .into(),
        );
    }
}

/// A period has both ends or none; with none there is no basis.
fn one_sided_period(row: &mut Row) {
    let (start, end) = (
        row.get("period_start").is_empty(),
        row.get("period_end").is_empty(),
    );
    if start != end {
        let (column, other) = if start {
            ("period_start", "period_end")
        } else {
            ("period_end", "period_start")
        };
        row.problem(
            column,
            format!("is empty but {other} has a value; a single year goes in both"),
        );
    }
    if start && end && !row.get("period_basis").is_empty() {
        row.problem(
            "period_basis",
            "has a value but the figure has no period; empty it".into(),
        );
    }
}
