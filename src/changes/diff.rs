//! What changed between two practices files (or two figures files): rows added, removed
//! and changed, field by field, each row named by its id and a one-line title.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};

/// One practice row as text cells by column name, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub cells: Vec<(String, String)>,
}

impl Row {
    pub fn get(&self, column: &str) -> &str {
        self.cells
            .iter()
            .find(|(c, _)| c == column)
            .map_or("", |(_, v)| v.as_str())
    }

    /// "Programme (Country)", for the changelog.
    pub(super) fn title(&self) -> String {
        format!("{} ({})", self.get("programme"), self.get("country"))
    }

    /// A figure row as the changelog names it: "atd_cost_per_day 38 USD per_family, 2017
    /// (us-family-case-management-program)"; the owner is the country code for a country fact.
    fn figure_title(&self) -> String {
        let value = match self.get("value_high") {
            "" => self.get("value").to_string(),
            high => format!("{}–{high}", self.get("value")),
        };
        let period = match (self.get("period_start"), self.get("period_end")) {
            (start, end) if start == end || end.is_empty() => start.to_string(),
            (start, end) => format!("{start}–{end}"),
        };
        let owner = match self.get("practice_id") {
            "" => self.get("iso2"),
            practice => practice,
        };
        let words: Vec<&str> = [
            self.get("measure"),
            &value,
            self.get("currency"),
            self.get("unit"),
        ]
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect();
        format!("{}, {period} ({owner})", words.join(" "))
    }
}

/// One changed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub column: String,
    pub old: String,
    pub new: String,
}

/// A practice that is in both files, with the cells that differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub id: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
}

/// A practice in only one of the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub title: String,
}

/// What one release added, removed and changed, in the new file's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub added: Vec<Listed>,
    pub removed: Vec<Listed>,
    pub changed: Vec<Changed>,
    /// The figures (rows of `figures.csv`) the release added, removed and changed.
    pub figures: RowChanges,
}

/// Rows added, removed and changed (practices while a diff is made, figures in a release),
/// each named by its id and a one-line title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowChanges {
    pub added: Vec<Listed>,
    pub removed: Vec<Listed>,
    pub changed: Vec<Changed>,
}

impl RowChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.figures.is_empty()
    }
}

/// Reads a practices CSV as rows of text cells (no validation: a diff shows what is there).
pub fn read_rows(path: &Path) -> anyhow::Result<Vec<Row>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    rows_of(&bytes).with_context(|| format!("cannot read {} as CSV", path.display()))
}

pub(super) fn rows_of(bytes: &[u8]) -> anyhow::Result<Vec<Row>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body);
    let header: Vec<String> = reader
        .headers()?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let Some(id_at) = header.iter().position(|h| h == "id") else {
        bail!("the header has no `id` column");
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        let id = record.get(id_at).unwrap_or("").trim().to_string();
        if id.is_empty() {
            continue;
        }
        let cells = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), record.get(i).unwrap_or("").trim().to_string()))
            .collect();
        rows.push(Row { id, cells });
    }
    Ok(rows)
}

/// Added, removed and changed practices between `old` and `new`. A column only one file has
/// counts as empty in the other (or as the value its absence means: `text_lang` is `en`).
pub fn diff(old: &[Row], new: &[Row]) -> Changes {
    let rows = diff_rows(old, new, Row::title);
    Changes {
        added: rows.added,
        removed: rows.removed,
        changed: rows.changed,
        figures: RowChanges::default(),
    }
}

/// Added, removed and changed figures between two figures files (rows of `figures.csv`).
pub fn diff_figures(old: &[Row], new: &[Row]) -> RowChanges {
    diff_rows(old, new, Row::figure_title)
}

fn diff_rows(old: &[Row], new: &[Row], title: fn(&Row) -> String) -> RowChanges {
    let old_by_id: HashMap<&str, &Row> = old.iter().map(|r| (r.id.as_str(), r)).collect();
    let new_ids: HashMap<&str, ()> = new.iter().map(|r| (r.id.as_str(), ())).collect();
    let mut changes = RowChanges::default();
    for row in new {
        let Some(before) = old_by_id.get(row.id.as_str()) else {
            changes.added.push(Listed {
                id: row.id.clone(),
                title: title(row),
            });
            continue;
        };
        let fields = changed_fields(before, row);
        if !fields.is_empty() {
            changes.changed.push(Changed {
                id: row.id.clone(),
                title: title(row),
                fields,
            });
        }
    }
    for row in old {
        if !new_ids.contains_key(row.id.as_str()) {
            changes.removed.push(Listed {
                id: row.id.clone(),
                title: title(row),
            });
        }
    }
    changes
}

/// Columns added after the first release, with the value every row of a file without them
/// has (the importer's rule, `import::header::Col::when_absent`): a row that only gains the
/// column with that value has not changed.
const VALUE_WHEN_ABSENT: [(&str, &str); 1] = [("text_lang", "en")];

/// `column` of `row`, or the value a file without that column means.
fn value_of<'a>(row: &'a Row, column: &str) -> &'a str {
    match row.cells.iter().find(|(c, _)| c == column) {
        Some((_, value)) => value,
        None => VALUE_WHEN_ABSENT
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, value)| value),
    }
}

fn changed_fields(old: &Row, new: &Row) -> Vec<FieldChange> {
    let mut columns: Vec<&str> = new.cells.iter().map(|(c, _)| c.as_str()).collect();
    for (column, _) in &old.cells {
        if !columns.contains(&column.as_str()) {
            columns.push(column);
        }
    }
    columns
        .into_iter()
        .filter(|c| value_of(old, c) != value_of(new, c))
        .map(|c| FieldChange {
            column: c.to_string(),
            old: old.get(c).to_string(),
            new: new.get(c).to_string(),
        })
        .collect()
}
