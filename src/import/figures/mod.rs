//! `figures.csv`, read beside a practices file: every published figure with its measure,
//! period, unit, quoted source and grade. Bad rows become [`Problem`]s naming the figures
//! file, line and column and what to do; valid ones wait to be claimed by their practice
//! (or stay country-level facts).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::problem::Problem;
use super::scan::{self, LineIndex};
use super::suggest::shown;
use crate::model::{Figure, Reference};

mod row;

pub use row::FIGURE_COLUMNS;
use row::{figure_row, file_columns};

/// The figures file of a practices file: `figures.csv` beside `practices.csv`, and
/// `<name>.figures.csv` beside any other `<name>.csv`.
pub fn figures_path(practices: &Path) -> PathBuf {
    let dir = practices.parent().unwrap_or(Path::new(""));
    let stem = practices
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "practices" {
        return dir.join("figures.csv");
    }
    dir.join(format!("{stem}.figures.csv"))
}

/// A valid figure and the line it is on.
#[derive(Debug, Clone)]
pub struct Located {
    pub line: u64,
    pub figure: Figure,
}

/// The valid figures of one file: those of practices wait to be claimed; country-level
/// ones (no practice) are kept apart.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// The file as named in messages.
    pub file: String,
    by_practice: HashMap<String, Vec<Located>>,
    country: Vec<Figure>,
    count: usize,
}

impl Figures {
    /// Keeps a valid figure read on `line` (a practice's to be claimed, or a country fact)
    /// unless its id is in `seen` already; notes the line of each `superseded_by`.
    fn keep(
        &mut self,
        line: u64,
        figure: Figure,
        seen: &mut HashMap<String, u64>,
        superseding: &mut Vec<(u64, String)>,
    ) -> Result<(), String> {
        if let Some(first) = seen.insert(figure.id.clone(), line) {
            return Err(format!(
                "id `{}` is also on line {first}; ids must be unique, rename one",
                figure.id
            ));
        }
        if let Some(later) = &figure.grade.superseded_by {
            superseding.push((line, later.clone()));
        }
        self.count += 1;
        match figure.practice_id.clone() {
            Some(id) => self
                .by_practice
                .entry(id.to_string())
                .or_default()
                .push(Located { line, figure }),
            None => self.country.push(figure),
        }
        Ok(())
    }

    /// No figures file (allowed: a practices file may hold its costs itself).
    pub fn missing(file: &str) -> Figures {
        Figures {
            file: file.to_string(),
            ..Figures::default()
        }
    }

    /// Hands over the figures of a practice, with their lines, in file order.
    pub fn take(&mut self, id: &str) -> Vec<Located> {
        self.by_practice.remove(id).unwrap_or_default()
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

    /// The figures about a country with no practice, in file order.
    pub fn take_country_level(&mut self) -> Vec<Figure> {
        std::mem::take(&mut self.country)
    }

    /// How many valid figures the file holds.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Reads the figures file of `practices`, or notes that there is none.
pub fn read_figures_of(
    practices: &Path,
    reference: &Reference,
    this_year: i32,
) -> (Figures, Vec<Problem>) {
    let path = figures_path(practices);
    let file = path.display().to_string();
    match std::fs::read(&path) {
        Ok(bytes) => parse_figures(&file, &bytes, reference, this_year),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            (Figures::missing(&file), Vec::new())
        }
        Err(err) => {
            let problem = at(&file, None, None, format!("cannot read the file: {err}"));
            (Figures::missing(&file), vec![problem])
        }
    }
}

fn at(file: &str, line: Option<u64>, column: Option<&str>, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        line,
        record: None,
        column: column.map(str::to_string),
        message,
    }
}

/// Parses a figures file: the valid rows, and a problem for every bad one (including ids
/// used twice and `superseded_by` naming no figure of the file).
pub fn parse_figures(
    file: &str,
    bytes: &[u8],
    reference: &Reference,
    this_year: i32,
) -> (Figures, Vec<Problem>) {
    let mut figures = Figures::missing(file);
    let mut problems = Vec::new();
    let (body, _) = scan::strip_bom(bytes);
    let lines = LineIndex::new(body);
    if let Some(&(offset, _)) = scan::invalid_utf8(body).first() {
        let message = "is not valid UTF-8; re-save the file as 'CSV UTF-8'".to_string();
        problems.push(at(file, Some(lines.line_of(offset)), None, message));
        return (figures, problems);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut records = reader.records();
    let (header, positions) = match read_header(file, records.next()) {
        Ok(found) => found,
        Err(problem) => {
            problems.push(problem);
            return (figures, problems);
        }
    };
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut superseding: Vec<(u64, String)> = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(at(file, None, None, format!("cannot read the CSV: {err}")));
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
            problems.push(at(file, Some(line), None, message));
            continue;
        }
        let cells: Vec<&str> = positions
            .iter()
            .map(|&i| record.get(i).unwrap_or(""))
            .collect();
        match figure_row(&cells, reference, this_year) {
            Ok(figure) => {
                if let Err(message) = figures.keep(line, figure, &mut seen, &mut superseding) {
                    problems.push(at(file, Some(line), Some("id"), message));
                }
            }
            Err(found) => {
                for (column, message) in found {
                    problems.push(at(file, Some(line), Some(column), message));
                }
            }
        }
    }
    let ids: HashSet<&String> = seen.keys().collect();
    problems.extend(unknown_later_figures(file, &ids, superseding));
    (figures, problems)
}

/// The header record: its column names and where each file column is, or the problem.
fn read_header(
    file: &str,
    first: Option<csv::Result<csv::StringRecord>>,
) -> Result<(Vec<String>, Vec<usize>), Problem> {
    let expected = file_columns().join(",");
    let header: Vec<String> = match first {
        Some(Ok(record)) => record.iter().map(|n| n.trim().to_string()).collect(),
        _ => {
            let message = format!("has no header; the first line must be {expected}");
            return Err(at(file, None, None, message));
        }
    };
    let positions =
        header_positions(&header, &expected).map_err(|message| at(file, Some(1), None, message))?;
    Ok((header, positions))
}

/// A problem for each `superseded_by` (line, id) that names no figure of the file.
fn unknown_later_figures(
    file: &str,
    ids: &HashSet<&String>,
    superseding: Vec<(u64, String)>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (line, later) in superseding {
        if !ids.contains(&later) {
            let message = format!(
                "names `{}`, which is no figure of this file; write the id of the later figure or empty the cell",
                shown(&later)
            );
            problems.push(at(file, Some(line), Some("superseded_by"), message));
        }
    }
    problems
}

/// Where each file column is; every one exactly once, nothing else.
fn header_positions(header: &[String], expected: &str) -> Result<Vec<usize>, String> {
    if let Some(extra) = header
        .iter()
        .find(|h| !file_columns().contains(&h.as_str()))
    {
        return Err(format!(
            "unknown column `{}`; the header must be {expected}",
            shown(extra)
        ));
    }
    let mut positions = Vec::new();
    for column in file_columns() {
        let at: Vec<usize> = (0..header.len())
            .filter(|&i| header[i] == *column)
            .collect();
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

#[cfg(test)]
mod tests;
