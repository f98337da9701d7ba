//! `links.csv`, read beside a practices file: records that describe one programme (a
//! successor, a phase, a part), each link with the note that says which page states it. Bad
//! rows become [`Problem`]s naming the links file, line and column; a link to an id the
//! practices file lacks refuses the import like any bad row.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::cell;
use super::problem::Problem;
use super::scan::{self, LineIndex};
use super::suggest::shown;
use crate::model::{Link, Practice, PracticeId, Relation};

/// The columns of `links.csv`, in the order they are written.
pub const LINK_COLUMNS: [&str; 4] = ["practice_id", "relation", "other_id", "note"];

/// `links.csv` beside `practices.csv`; `<name>.links.csv` beside any other `<name>.csv`.
pub fn links_path(practices: &Path) -> PathBuf {
    let dir = practices.parent().unwrap_or(Path::new(""));
    let stem = practices
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "practices" {
        return dir.join("links.csv");
    }
    dir.join(format!("{stem}.links.csv"))
}

/// One valid row: `subject relation object`, and where it is.
#[derive(Debug, Clone)]
struct Row {
    line: u64,
    subject: PracticeId,
    relation: Relation,
    object: PracticeId,
}

/// The valid rows of one links file, handed to the practices they name as those are read.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// The file as named in messages.
    pub file: String,
    rows: Vec<Row>,
    /// Row indexes by the ids they name (either side).
    by_practice: HashMap<String, Vec<usize>>,
    /// Ids of the practices file seen so far.
    seen: HashSet<String>,
}

impl Links {
    /// Keeps a valid row for both its records, unless `pairs` (each pair of records, in
    /// either order, with its first line) links them already.
    fn keep(&mut self, row: Row, pairs: &mut HashMap<(String, String), u64>) -> Result<(), String> {
        let (a, b) = (row.subject.to_string(), row.object.to_string());
        let pair = if a < b { (a, b) } else { (b, a) };
        if let Some(first) = pairs.get(&pair) {
            return Err(format!(
                "links `{}` and `{}` again (already on line {first}); keep one row per pair",
                pair.0, pair.1
            ));
        }
        pairs.insert(pair, row.line);
        let index = self.rows.len();
        for id in [&row.subject, &row.object] {
            self.by_practice
                .entry(id.to_string())
                .or_default()
                .push(index);
        }
        self.rows.push(row);
        Ok(())
    }

    pub fn empty(file: &str) -> Links {
        Links {
            file: file.to_string(),
            ..Links::default()
        }
    }

    /// Gives `p` its links, from its own side, in file order.
    pub fn attach(&mut self, p: &mut Practice) {
        let id = p.id.as_str();
        self.seen.insert(id.to_string());
        for &i in self.by_practice.get(id).into_iter().flatten() {
            let row = &self.rows[i];
            let outgoing = row.subject.as_str() == id;
            let other = if outgoing { &row.object } else { &row.subject };
            p.links.push(Link {
                relation: row.relation,
                outgoing,
                other: other.clone(),
            });
        }
    }

    /// A problem for every id named by a link that the practices file does not have.
    pub fn unclaimed(&self, practices_file: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        for row in &self.rows {
            for (column, id) in [("practice_id", &row.subject), ("other_id", &row.object)] {
                if !self.seen.contains(id.as_str()) {
                    let message = format!(
                        "`{}` is not a practice id of {practices_file}; fix the id or remove the row",
                        id.as_str()
                    );
                    problems.push(Problem::at(&self.file, row.line, Some(column), message));
                }
            }
        }
        problems
    }
}

/// Reads the links file of `practices`; no file means no links.
pub fn read_links_of(practices: &Path) -> (Links, Vec<Problem>) {
    let path = links_path(practices);
    let file = path.display().to_string();
    match std::fs::read(&path) {
        Ok(bytes) => parse_links(&file, &bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => (Links::empty(&file), Vec::new()),
        Err(err) => {
            let message = format!("cannot read the file: {err}; check its permissions");
            (
                Links::empty(&file),
                vec![Problem::whole_file(&file, message)],
            )
        }
    }
}

/// Parses a links file: the valid rows, and a problem for every bad one.
pub fn parse_links(file: &str, bytes: &[u8]) -> (Links, Vec<Problem>) {
    let mut links = Links::empty(file);
    let mut problems = Vec::new();
    let (body, _) = scan::strip_bom(bytes);
    let lines = LineIndex::new(body);
    if let Some(&(offset, _)) = scan::invalid_utf8(body).first() {
        let message = "is not valid UTF-8; re-save the file as 'CSV UTF-8'".to_string();
        problems.push(Problem::at(file, lines.line_of(offset), None, message));
        return (links, problems);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut records = reader.records();
    if let Err(problem) = super::problem::exact_header(file, records.next(), &LINK_COLUMNS) {
        problems.push(problem);
        return (links, problems);
    }
    // Each pair of records, in either order, is linked once.
    let mut pairs: HashMap<(String, String), u64> = HashMap::new();
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
        if record.len() != LINK_COLUMNS.len() {
            let message = format!(
                "has {} fields, expected {}; quote cells that contain commas",
                record.len(),
                LINK_COLUMNS.len()
            );
            problems.push(Problem::at(file, line, None, message));
            continue;
        }
        let cells: Vec<&str> = record.iter().collect();
        let row = match link_row(&cells) {
            Ok(row) => Row { line, ..row },
            Err(found) => {
                for (column, message) in found {
                    problems.push(Problem::at(file, line, Some(column), message));
                }
                continue;
            }
        };
        if let Err(message) = links.keep(row, &mut pairs) {
            problems.push(Problem::at(file, line, Some("other_id"), message));
        }
    }
    (links, problems)
}

/// One row's cells (in [`LINK_COLUMNS`] order) → the link, or the problems by column.
fn link_row(raw: &[&str]) -> Result<Row, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let mut cells: Vec<String> = Vec::with_capacity(raw.len());
    for (column, value) in LINK_COLUMNS.iter().zip(raw) {
        match cell::normalise(value) {
            Ok(value) => cells.push(value),
            Err(message) => {
                problems.push((*column, message));
                cells.push(String::new());
            }
        }
    }
    let [subject, relation, object, note] = [0, 1, 2, 3].map(|i| cells[i].as_str());
    let id = |column: &'static str, value: &str, problems: &mut Vec<_>| {
        let parsed = PracticeId::parse(value);
        if parsed.is_none() {
            let message = format!(
                "'{}' is not a practice id (lower-case letters, digits, hyphens)",
                shown(value)
            );
            problems.push((column, message));
        }
        parsed
    };
    let subject = id("practice_id", subject, &mut problems);
    let object = id("other_id", object, &mut problems);
    let relation = Relation::from_key(relation);
    if relation.is_none() {
        let keys = Relation::ALL.map(Relation::key).join(", ");
        let message = format!(
            "'{}' is not a relation; use one of {keys}",
            shown(cells[1].as_str())
        );
        problems.push(("relation", message));
    }
    if note.is_empty() {
        let message = "is empty; say which page states the relation and quote it".to_string();
        problems.push(("note", message));
    }
    let (Some(subject), Some(relation), Some(object)) = (subject, relation, object) else {
        return Err(problems);
    };
    if subject == object {
        let message = "is the practice itself; a record cannot be linked to itself".to_string();
        problems.push(("other_id", message));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Row {
        line: 0,
        subject,
        relation,
        object,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "practice_id,relation,other_id,note\n";

    fn messages(problems: &[Problem]) -> Vec<String> {
        problems
            .iter()
            .map(|p| {
                format!(
                    "{}:{}",
                    p.line.unwrap_or(0),
                    p.column.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn bad_rows_are_refused_each_with_its_line_and_column() {
        let file = format!(
            "{HEADER}a-one,successor_of,a-two,page says so\n\
             a-one,follows,a-three,page says so\n\
             a-four,part_of,a-four,page says so\n\
             a-two,phase_of,a-one,page says so\n\
             a-five,part_of,a-six,\n"
        );
        let (links, problems) = parse_links("links.csv", file.as_bytes());
        assert_eq!(
            messages(&problems),
            ["3:relation", "4:other_id", "5:other_id", "6:note"]
        );
        assert!(
            problems[0]
                .message
                .contains("successor_of, phase_of, part_of")
        );
        assert!(problems[2].message.contains("already on line 2"));
        assert_eq!(links.rows.len(), 1);
    }

    #[test]
    fn each_side_sees_the_link_from_its_own_side_and_missing_ids_are_refused() {
        let file = format!("{HEADER}b-new,successor_of,b-old,page\nb-new,part_of,b-gone,page\n");
        let (mut links, problems) = parse_links("links.csv", file.as_bytes());
        assert!(problems.is_empty());
        let practice = |id: &str| {
            let mut p = crate::import::tests::sample_practice();
            p.id = PracticeId::parse(id).unwrap();
            p
        };
        let (mut new, mut old) = (practice("b-new"), practice("b-old"));
        links.attach(&mut new);
        links.attach(&mut old);
        assert_eq!(
            new.links.iter().map(Link::role).collect::<Vec<_>>(),
            ["successor_of", "part_of"]
        );
        assert_eq!(
            old.links.iter().map(Link::role).collect::<Vec<_>>(),
            ["predecessor_of"]
        );
        assert_eq!(old.links[0].other.as_str(), "b-new");
        let missing = links.unclaimed("practices.csv");
        assert_eq!(messages(&missing), ["3:other_id"]);
        assert!(missing[0].message.contains("`b-gone` is not a practice id"));
    }
}
