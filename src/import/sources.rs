//! `sources.csv`, read beside a practices file: each practice's sources and the columns each
//! one supports. Bad rows become [`Problem`]s naming the sources file, line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::cell;
use super::header::Col;
use super::problem::Problem;
use super::scan::{self, LineIndex};
use super::suggest::{closest, did_you_mean, shown};
use crate::model::{PracticeId, Source};

/// The columns of `sources.csv`, in the order they are written.
pub const SOURCE_COLUMNS: [&str; 8] = [
    "practice_id",
    "title",
    "url",
    "publisher",
    "published",
    "locator",
    "supports",
    "checked",
];

/// The practice columns a source must support when they are filled (figures, dates, status).
pub fn figure_columns() -> [&'static str; 11] {
    Col::FIGURES.map(Col::name)
}

/// The sources file of a practices file: `sources.csv` beside `practices.csv`, and
/// `<name>.sources.csv` beside any other `<name>.csv` (so test and synthetic files can sit
/// side by side in one folder).
pub fn sources_path(practices: &Path) -> PathBuf {
    let dir = practices.parent().unwrap_or(Path::new(""));
    let stem = practices
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "practices" {
        return dir.join("sources.csv");
    }
    dir.join(format!("{stem}.sources.csv"))
}

/// One valid row of the sources file and where it is.
#[derive(Debug, Clone)]
struct Located {
    line: u64,
    source: Source,
}

/// The valid source rows of one file, grouped by practice id, waiting to be claimed by the
/// practices they belong to.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The file as named in messages.
    pub file: String,
    /// False when there is no sources file at all (every figure is then unsupported).
    pub present: bool,
    by_practice: HashMap<String, Vec<Located>>,
}

impl Sources {
    /// No sources file: `file` names where it was looked for.
    pub fn missing(file: &str) -> Sources {
        Sources {
            file: file.to_string(),
            present: false,
            by_practice: HashMap::new(),
        }
    }

    /// Hands over the sources of a practice, in file order.
    pub fn take(&mut self, id: &str) -> Vec<Source> {
        self.by_practice
            .remove(id)
            .unwrap_or_default()
            .into_iter()
            .map(|l| l.source)
            .collect()
    }

    /// The rows never claimed, as (line, practice id), in line order.
    pub fn unclaimed(&self) -> Vec<(u64, String)> {
        let mut rows: Vec<(u64, String)> = self
            .by_practice
            .iter()
            .flat_map(|(id, rows)| rows.iter().map(move |r| (r.line, id.clone())))
            .collect();
        rows.sort();
        rows
    }
}

/// Reads the sources file of `practices`, or notes that there is none.
pub fn read_sources_of(practices: &Path, this_year: i32) -> (Sources, Vec<Problem>) {
    let path = sources_path(practices);
    let file = path.display().to_string();
    match std::fs::read(&path) {
        Ok(bytes) => parse_sources(&file, &bytes, this_year),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            (Sources::missing(&file), Vec::new())
        }
        Err(err) => {
            let problem = Problem::whole_file(&file, format!("cannot read the file: {err}"));
            (Sources::missing(&file), vec![problem])
        }
    }
}

/// Parses a sources file: the valid rows, and a problem for every bad one.
pub fn parse_sources(file: &str, bytes: &[u8], this_year: i32) -> (Sources, Vec<Problem>) {
    let mut sources = Sources {
        file: file.to_string(),
        present: true,
        by_practice: HashMap::new(),
    };
    let mut problems = Vec::new();
    let (body, _) = scan::strip_bom(bytes);
    let lines = LineIndex::new(body);
    if let Some(&(offset, _)) = scan::invalid_utf8(body).first() {
        let message = "is not valid UTF-8; re-save the file as 'CSV UTF-8'".to_string();
        let problem = Problem::at(file, lines.line_of(offset), None, message);
        return (sources, vec![problem]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(|n| n.trim().to_string()).collect(),
        _ => {
            let message = format!(
                "has no header; the first line must be {}",
                SOURCE_COLUMNS.join(",")
            );
            return (sources, vec![Problem::whole_file(file, message)]);
        }
    };
    let positions = match header_positions(&header) {
        Ok(positions) => positions,
        Err(message) => return (sources, vec![Problem::at(file, 1, None, message)]),
    };
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let message = format!("cannot read the CSV: {err}");
                problems.push(Problem::whole_file(file, message));
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
        if record.len() != header.len() {
            let message = format!(
                "has {} fields, expected {}; quote cells that contain commas",
                record.len(),
                header.len()
            );
            problems.push(Problem::at(file, line, None, message));
            continue;
        }
        let cells: Vec<&str> = positions
            .iter()
            .map(|&i| record.get(i).unwrap_or(""))
            .collect();
        match source_row(&cells, this_year) {
            Ok((id, source)) => sources
                .by_practice
                .entry(id)
                .or_default()
                .push(Located { line, source }),
            Err(found) => {
                for (column, message) in found {
                    problems.push(Problem::at(file, line, Some(column), message));
                }
            }
        }
    }
    (sources, problems)
}

/// Where each of [`SOURCE_COLUMNS`] is; every one exactly once, nothing else.
fn header_positions(header: &[String]) -> Result<Vec<usize>, String> {
    let expected = SOURCE_COLUMNS.join(",");
    if let Some(extra) = header
        .iter()
        .find(|h| !SOURCE_COLUMNS.contains(&h.as_str()))
    {
        return Err(format!(
            "unknown column `{}`; the header must be {expected}",
            shown(extra)
        ));
    }
    let mut positions = Vec::new();
    for column in SOURCE_COLUMNS {
        let at: Vec<usize> = (0..header.len()).filter(|&i| header[i] == column).collect();
        match at.as_slice() {
            [one] => positions.push(*one),
            [] => {
                return Err(format!(
                    "column `{column}` is missing; the header must be {expected}"
                ));
            }
            _ => {
                return Err(format!(
                    "column `{column}` appears more than once; keep one"
                ));
            }
        }
    }
    Ok(positions)
}

/// One row's cells (in [`SOURCE_COLUMNS`] order) → the practice id and its source, or the
/// problems by column.
fn source_row(
    raw: &[&str],
    this_year: i32,
) -> Result<(String, Source), Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let mut cells: Vec<String> = Vec::with_capacity(raw.len());
    for (column, value) in SOURCE_COLUMNS.iter().zip(raw) {
        let one_line = matches!(*column, "title" | "publisher");
        match cell::normalise(value) {
            Ok(value) if let Some(message) = cell::multi_line(&value).filter(|_| one_line) => {
                problems.push((*column, message));
                cells.push(String::new());
            }
            Ok(value) => cells.push(value),
            Err(message) => {
                problems.push((*column, message));
                cells.push(String::new());
            }
        }
    }
    let get = |name: &str| {
        SOURCE_COLUMNS
            .iter()
            .position(|c| *c == name)
            .map_or("", |i| cells[i].as_str())
    };
    for required in ["practice_id", "title", "url", "locator", "checked"] {
        if get(required).is_empty() && !problems.iter().any(|(c, _)| *c == required) {
            let message = format!("is empty; every source needs a {required}");
            problems.push((required, message));
        }
    }
    let id = get("practice_id");
    if !id.is_empty() && PracticeId::parse(id).is_none() {
        problems.push((
            "practice_id",
            format!(
                "'{}' is not a practice id (lower-case letters, digits, hyphens)",
                shown(id)
            ),
        ));
    }
    let url = get("url");
    if !url.is_empty()
        && let Err(message) = cell::web_url(url)
    {
        problems.push(("url", message));
    }
    if let Err(message) = cell::partial_date(get("published"), this_year) {
        problems.push(("published", message));
    }
    let checked = get("checked");
    if !checked.is_empty()
        && let Err(message) = cell::date(checked, this_year)
    {
        problems.push(("checked", message));
    }
    let supports = match supported_columns(get("supports")) {
        Ok(columns) => columns,
        Err(messages) => {
            problems.extend(messages.into_iter().map(|m| ("supports", m)));
            Vec::new()
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let source = Source {
        title: get("title").to_string(),
        url: url.to_string(),
        publisher: get("publisher").to_string(),
        published: get("published").to_string(),
        locator: get("locator").to_string(),
        supports,
        checked: checked.to_string(),
    };
    Ok((id.to_string(), source))
}

/// `start_year;status` → the column names, each a practices column, each once.
fn supported_columns(value: &str) -> Result<Vec<String>, Vec<String>> {
    let mut columns: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for item in value.split(';').map(str::trim).filter(|i| !i.is_empty()) {
        if Col::from_name(item).is_none() {
            let names = Col::FIGURES.map(Col::name);
            problems.push(format!(
                "'{}' is not a practices column; list columns like {}{}",
                shown(item),
                names.join(";"),
                did_you_mean(closest(item, Col::ALL.map(Col::name)))
            ));
            continue;
        }
        if !columns.iter().any(|c| c == item) {
            columns.push(item.to_string());
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "practice_id,title,url,publisher,published,locator,supports,checked";

    fn parse(rows: &str) -> (Sources, Vec<Problem>) {
        parse_sources("sources.csv", format!("{HEADER}\n{rows}").as_bytes(), 2026)
    }

    #[test]
    fn sources_are_grouped_by_practice_in_file_order() {
        let (mut sources, problems) = parse(
            "mx-a,First,https://example.org/1,Pub,2018-04,p. 3,start_year;status,2026-11-30\n\
             mx-b,Other,https://example.org/2,,,table 1,,2026-11-30\n\
             mx-a,Second,https://example.org/3,,2019,para 2,cost_per_day,2026-11-30\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let a = sources.take("mx-a");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].supports, ["start_year", "status"]);
        assert_eq!(a[1].title, "Second");
        assert_eq!(sources.unclaimed(), vec![(3, "mx-b".to_string())]);
    }

    #[test]
    fn bad_cells_are_named_by_line_and_column() {
        let (_, problems) = parse("Bad Id,,ftp://x,,18-04,,cost_per_dya,2026-13-01\n");
        let columns: Vec<&str> = problems
            .iter()
            .filter_map(|p| p.column.as_deref())
            .collect();
        for column in [
            "practice_id",
            "title",
            "url",
            "published",
            "locator",
            "supports",
            "checked",
        ] {
            assert!(columns.contains(&column), "{column} not in {problems:?}");
        }
        let supports = problems
            .iter()
            .find(|p| p.column.as_deref() == Some("supports"))
            .unwrap();
        assert!(
            supports.message.contains("did you mean 'cost_per_day'"),
            "{}",
            supports.message
        );
        assert!(problems.iter().all(|p| p.line == Some(2)));
    }

    #[test]
    fn a_wrong_header_is_one_problem() {
        let (_, problems) = parse_sources("s.csv", b"practice_id,title,url\n", 2026);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("column `publisher` is missing")
        );
    }

    #[test]
    fn the_sources_file_sits_beside_the_practices_file() {
        assert_eq!(
            sources_path(Path::new("data/practices.csv")),
            Path::new("data/sources.csv")
        );
        assert_eq!(
            sources_path(Path::new("/tmp/x/new.csv")),
            Path::new("/tmp/x/new.sources.csv")
        );
    }
}
