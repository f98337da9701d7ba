//! Data releases: what changed between two practices files (and their figures files), field
//! by field, and the changelog (`data/CHANGELOG.md`) that records each release — written by
//! `atd-atlas diff`, read back at import so every practice knows the release it was added and
//! last changed in.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::model::ReleaseMarks;
use anyhow::{Context, bail};

/// The first lines of a new changelog.
const PREAMBLE: &str = "# ATD Atlas data changelog\n\n\
Each release of the data, newest first: the practices it added, removed and changed, field \
by field, and the figures (rows of `figures.csv`) it added, removed and changed. The version \
is the `version` of `datapackage.json` and `CITATION.cff`. Entries are written by \
`atd-atlas diff OLD.csv NEW.csv`.\n";

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
    fn title(&self) -> String {
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
    pub figures: FigureChanges,
}

/// Figures added, removed and changed, each named by its id and a one-line title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FigureChanges {
    pub added: Vec<Listed>,
    pub removed: Vec<Listed>,
    pub changed: Vec<Changed>,
}

impl FigureChanges {
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

/// A release as the changelog records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// Semantic version, like `1.1.0`.
    pub version: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub changes: Changes,
}

/// The changelog's section of accepted proposals that no release holds yet.
const UNRELEASED: &str = "Unreleased";

/// An accepted proposal waiting for the next release: a line of the changelog's "Unreleased"
/// section (written by `proposals accept`), moved into the release's entry by `diff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// `YYYY-MM-DD`: the day a moderator accepted it.
    pub date: String,
    /// The proposal's reference, like `S-2026-0007`.
    pub reference: String,
    /// A new practice (`true`) or a correction of one (`false`).
    pub added: bool,
    pub id: String,
    /// "Programme (Country)", as in the releases' lists.
    pub title: String,
}

impl Accepted {
    /// `- 2026-12-06 S-2026-0007 added `id`: Programme (Country)`.
    fn line(&self) -> String {
        format!(
            "- {} {} {} `{}`: {}\n",
            self.date,
            self.reference,
            if self.added { "added" } else { "changed" },
            self.id,
            one_line(&self.title)
        )
    }

    fn parse(line: &str) -> Option<Accepted> {
        let rest = line.strip_prefix("- ")?;
        let (date, rest) = rest.split_once(' ')?;
        let (reference, rest) = rest.split_once(' ')?;
        let (kind, rest) = rest.split_once(" `")?;
        let (id, title) = rest.split_once("`: ")?;
        let added = match kind {
            "added" => true,
            "changed" => false,
            _ => return None,
        };
        let dated = date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
        dated.then(|| Accepted {
            date: date.to_string(),
            reference: reference.to_string(),
            added,
            id: id.to_string(),
            title: title.to_string(),
        })
    }
}

/// The title of practice `id` in a practices CSV: "Programme (Country)".
pub fn title_in(csv: &[u8], id: &str) -> Option<String> {
    let rows = rows_of(csv).ok()?;
    rows.iter().find(|r| r.id == id).map(Row::title)
}

/// The accepted proposals no release holds yet (the "Unreleased" section), in the order
/// they were accepted.
pub fn unreleased(changelog: &str) -> Vec<Accepted> {
    let mut inside = false;
    let mut accepted = Vec::new();
    for line in changelog.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            inside = heading.trim() == UNRELEASED;
        } else if inside {
            accepted.extend(Accepted::parse(line));
        }
    }
    accepted
}

/// The "Unreleased" section of these accepted proposals, in Markdown.
pub fn render_unreleased(accepted: &[Accepted]) -> String {
    let mut out = format!(
        "## {UNRELEASED}\n\nAccepted proposals, published at their next import; `atd-atlas diff` \
         moves them into the next release.\n\n"
    );
    for a in accepted {
        out.push_str(&a.line());
    }
    out
}

/// `changelog` with `accepted` added to its "Unreleased" section (made at the top, above the
/// newest release, when there is none); a proposal already there is not listed twice.
pub fn with_accepted(changelog: &str, accepted: &Accepted) -> String {
    let mut all = unreleased(changelog);
    all.retain(|a| a.reference != accepted.reference);
    all.push(accepted.clone());
    at_top(&without_unreleased(changelog), &render_unreleased(&all))
}

/// `changelog` without its "Unreleased" section.
fn without_unreleased(changelog: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in changelog.split_inclusive('\n') {
        if let Some(heading) = line.strip_prefix("## ") {
            inside = heading.trim() == UNRELEASED;
        }
        if !inside {
            out.push_str(line);
        }
    }
    out
}

/// `section` as the first section of `changelog` (a new file starts with the preamble).
fn at_top(changelog: &str, section: &str) -> String {
    let text = if changelog.trim().is_empty() {
        PREAMBLE
    } else {
        changelog
    };
    let at = text.find("\n## ").map_or(text.len(), |i| i + 1);
    let (head, tail) = text.split_at(at);
    let head = head.trim_end_matches('\n');
    let tail = if tail.is_empty() {
        String::new()
    } else {
        format!("\n{tail}")
    };
    format!("{head}\n\n{section}{tail}")
}

/// Reads a practices CSV as rows of text cells (no validation: a diff shows what is there).
pub fn read_rows(path: &Path) -> anyhow::Result<Vec<Row>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    rows_of(&bytes).with_context(|| format!("cannot read {} as CSV", path.display()))
}

fn rows_of(bytes: &[u8]) -> anyhow::Result<Vec<Row>> {
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
/// counts as empty in the other.
pub fn diff(old: &[Row], new: &[Row]) -> Changes {
    let rows = diff_rows(old, new, Row::title);
    Changes {
        added: rows.added,
        removed: rows.removed,
        changed: rows.changed,
        figures: FigureChanges::default(),
    }
}

/// Added, removed and changed figures between two figures files (rows of `figures.csv`).
pub fn diff_figures(old: &[Row], new: &[Row]) -> FigureChanges {
    diff_rows(old, new, Row::figure_title)
}

fn diff_rows(old: &[Row], new: &[Row], title: fn(&Row) -> String) -> FigureChanges {
    let old_by_id: HashMap<&str, &Row> = old.iter().map(|r| (r.id.as_str(), r)).collect();
    let new_ids: HashMap<&str, ()> = new.iter().map(|r| (r.id.as_str(), ())).collect();
    let mut changes = FigureChanges::default();
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

fn changed_fields(old: &Row, new: &Row) -> Vec<FieldChange> {
    let mut columns: Vec<&str> = new.cells.iter().map(|(c, _)| c.as_str()).collect();
    for (column, _) in &old.cells {
        if !columns.contains(&column.as_str()) {
            columns.push(column);
        }
    }
    columns
        .into_iter()
        .filter(|c| old.get(c) != new.get(c))
        .map(|c| FieldChange {
            column: c.to_string(),
            old: old.get(c).to_string(),
            new: new.get(c).to_string(),
        })
        .collect()
}

/// The changelog entry of a release, in Markdown.
pub fn render(release: &Release) -> String {
    let c = &release.changes;
    let f = &c.figures;
    let mut out = format!(
        "## {} ({})\n\nAdded: {} · Removed: {} · Changed: {}",
        release.version,
        release.date,
        c.added.len(),
        c.removed.len(),
        c.changed.len()
    );
    if !f.is_empty() {
        out.push_str(&format!(
            " · Figures added: {} · Figures removed: {} · Figures changed: {}",
            f.added.len(),
            f.removed.len(),
            f.changed.len()
        ));
    }
    out.push('\n');
    list_section(&mut out, "Added", &c.added);
    list_section(&mut out, "Removed", &c.removed);
    changed_section(&mut out, "Changed", &c.changed);
    list_section(&mut out, "Figures added", &f.added);
    list_section(&mut out, "Figures removed", &f.removed);
    changed_section(&mut out, "Figures changed", &f.changed);
    out
}

fn changed_section(out: &mut String, heading: &str, items: &[Changed]) {
    if !items.is_empty() {
        out.push_str(&format!("\n### {heading}\n\n"));
        for changed in items {
            out.push_str(&format!(
                "- `{}`: {}\n",
                changed.id,
                one_line(&changed.title)
            ));
            for field in &changed.fields {
                out.push_str(&format!(
                    "  - `{}`: {} → {}\n",
                    field.column,
                    shown(&field.old),
                    shown(&field.new)
                ));
            }
        }
    }
}

fn list_section(out: &mut String, heading: &str, items: &[Listed]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {heading}\n\n"));
    for item in items {
        out.push_str(&format!("- `{}`: {}\n", item.id, one_line(&item.title)));
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell as the changelog shows it: "(empty)", or the text as a JSON string (one line,
/// quotes and line breaks escaped, so it reads back exactly).
fn shown(value: &str) -> String {
    if value.is_empty() {
        return "(empty)".to_string();
    }
    serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

fn unshown(text: &str) -> String {
    if text == "(empty)" {
        return String::new();
    }
    serde_json::from_str(text).unwrap_or_else(|_| text.to_string())
}

/// `changelog` with `release` inserted as its newest entry (a new file starts with the
/// preamble); the accepted proposals of its "Unreleased" section move into the entry, under
/// "Accepted proposals". Refuses a version the changelog already has: a release is never
/// rewritten.
pub fn with_entry(changelog: &str, release: &Release) -> anyhow::Result<String> {
    let existing = parse(changelog);
    if existing.iter().any(|r| r.version == release.version) {
        bail!(
            "the changelog already has release {}; raise `version` in datapackage.json and \
             CITATION.cff, or pass --version",
            release.version
        );
    }
    let mut entry = render(release);
    let accepted = unreleased(changelog);
    if !accepted.is_empty() {
        entry.push_str("\n### Accepted proposals\n\n");
        for a in &accepted {
            entry.push_str(&a.line());
        }
    }
    Ok(at_top(&without_unreleased(changelog), &entry))
}

/// The releases a changelog records, newest first; lines it does not recognise are skipped.
pub fn parse(changelog: &str) -> Vec<Release> {
    let mut releases: Vec<Release> = Vec::new();
    let mut section = "";
    let mut unreleased = false;
    for line in changelog.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            unreleased = heading.trim() == UNRELEASED;
            if unreleased {
                continue;
            }
            let (version, date) = heading.split_once(' ').unwrap_or((heading, ""));
            releases.push(Release {
                version: version.to_string(),
                date: date.trim_matches(|c| c == '(' || c == ')').to_string(),
                changes: Changes::default(),
            });
            section = "";
            continue;
        }
        if let Some(heading) = line.strip_prefix("### ") {
            section = match heading.trim() {
                "Added" => "added",
                "Removed" => "removed",
                "Changed" => "changed",
                "Figures added" => "figures added",
                "Figures removed" => "figures removed",
                "Figures changed" => "figures changed",
                _ => "",
            };
            continue;
        }
        let Some(release) = releases.last_mut().filter(|_| !unreleased) else {
            continue;
        };
        parse_item(&mut release.changes, section, line);
    }
    releases
}

fn parse_item(changes: &mut Changes, section: &str, line: &str) {
    if let Some(field) = line.strip_prefix("  - `") {
        let Some((column, rest)) = field.split_once("`: ") else {
            return;
        };
        let Some((old, new)) = rest.split_once(" → ") else {
            return;
        };
        let changed = if section == "figures changed" {
            &mut changes.figures.changed
        } else {
            &mut changes.changed
        };
        if let Some(last) = changed.last_mut() {
            last.fields.push(FieldChange {
                column: column.to_string(),
                old: unshown(old),
                new: unshown(new),
            });
        }
        return;
    }
    let Some(item) = line.strip_prefix("- `") else {
        return;
    };
    let Some((id, title)) = item.split_once("`: ") else {
        return;
    };
    let listed = Listed {
        id: id.to_string(),
        title: title.to_string(),
    };
    let unchanged = |listed: Listed| Changed {
        id: listed.id,
        title: listed.title,
        fields: Vec::new(),
    };
    match section {
        "added" => changes.added.push(listed),
        "removed" => changes.removed.push(listed),
        "changed" => changes.changed.push(unchanged(listed)),
        "figures added" => changes.figures.added.push(listed),
        "figures removed" => changes.figures.removed.push(listed),
        "figures changed" => changes.figures.changed.push(unchanged(listed)),
        _ => {}
    }
}

/// For each practice id, the release it was last added in and the release it last changed
/// in (its addition counts as a change), from releases listed newest first.
pub fn marks(releases: &[Release]) -> BTreeMap<String, ReleaseMarks> {
    let mut marks: BTreeMap<String, ReleaseMarks> = BTreeMap::new();
    for release in releases.iter().rev() {
        let c = &release.changes;
        for added in &c.added {
            marks.insert(
                added.id.clone(),
                ReleaseMarks {
                    added_in: release.version.clone(),
                    changed_in: release.version.clone(),
                },
            );
        }
        for changed in &c.changed {
            let mark = marks.entry(changed.id.clone()).or_default();
            mark.changed_in = release.version.clone();
        }
        for removed in &c.removed {
            marks.remove(&removed.id);
        }
    }
    marks
}

/// The `version` of `datapackage.json` in `data_dir`: the data's release version.
pub fn data_version(data_dir: &Path) -> anyhow::Result<String> {
    let path = data_dir.join("datapackage.json");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let package: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    match package["version"].as_str() {
        Some(version) if !version.is_empty() => Ok(version.to_string()),
        _ => bail!("{} has no `version`", path.display()),
    }
}

/// The changelog beside a practices file (`CHANGELOG.md` in its folder).
pub fn changelog_path(practices: &Path) -> std::path::PathBuf {
    practices
        .parent()
        .unwrap_or(Path::new(""))
        .join("CHANGELOG.md")
}

/// The accepted proposals waiting in the changelog beside `practices` (see [`unreleased`]).
pub fn unreleased_beside(practices: &Path) -> anyhow::Result<Vec<Accepted>> {
    let path = changelog_path(practices);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(unreleased(&text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The releases of the changelog beside `practices`; none when there is no changelog.
pub fn releases_beside(practices: &Path) -> anyhow::Result<Vec<Release>> {
    let path = changelog_path(practices);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(parse(&text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(csv: &str) -> Vec<Row> {
        rows_of(csv.as_bytes()).unwrap()
    }

    const OLD: &str = "id,country,programme,cost_unit,summary\n\
        a-one,Chile,One,,First.\n\
        b-two,Peru,Two,per_person,Second.\n\
        c-three,Cuba,Three,,Third.\n";
    const NEW: &str = "id,country,programme,cost_unit,summary,last_verified\n\
        a-one,Chile,One,per_person,First.,2026-11-30\n\
        c-three,Cuba,Three,,Third.,\n\
        d-four,Fiji,Four,,\"Fourth, \"\"quoted\"\"\nline.\",2026-11-30\n";

    #[test]
    fn a_diff_lists_added_removed_and_changed_fields() {
        let changes = diff(&rows(OLD), &rows(NEW));
        assert_eq!(changes.added.len(), 1);
        assert_eq!(changes.added[0].title, "Four (Fiji)");
        assert_eq!(changes.removed[0].id, "b-two");
        assert_eq!(changes.changed.len(), 1);
        assert_eq!(
            changes.changed[0].fields,
            vec![
                FieldChange {
                    column: "cost_unit".into(),
                    old: String::new(),
                    new: "per_person".into()
                },
                FieldChange {
                    column: "last_verified".into(),
                    old: String::new(),
                    new: "2026-11-30".into()
                },
            ]
        );
    }

    #[test]
    fn an_entry_reads_back_as_the_same_release() {
        let release = Release {
            version: "1.1.0".into(),
            date: "2026-11-30".into(),
            changes: diff(&rows(OLD), &rows(NEW)),
        };
        let text = with_entry("", &release).unwrap();
        assert!(text.starts_with("# ATD Atlas data changelog\n"));
        assert_eq!(parse(&text), vec![release.clone()]);
        let older = Release {
            version: "1.0.0".into(),
            date: "2026-11-21".into(),
            changes: Changes::default(),
        };
        let both = with_entry(&with_entry("", &older).unwrap(), &release).unwrap();
        let versions: Vec<String> = parse(&both).into_iter().map(|r| r.version).collect();
        assert_eq!(versions, ["1.1.0", "1.0.0"]);
        let again = with_entry(&both, &release).unwrap_err();
        assert!(format!("{again}").contains("already has release 1.1.0"));
    }

    const OLD_FIGURES: &str = "id,practice_id,iso2,measure,value,value_high,currency,unit,period_start,period_end\n\
        f-one,a-one,CL,atd_cost_per_day,38,,USD,per_family,2017,2017\n\
        f-two,,CL,detention_cost_per_day,120,,USD,per_person,2019,2020\n";
    const NEW_FIGURES: &str = "id,practice_id,iso2,measure,value,value_high,currency,unit,period_start,period_end\n\
        f-one,a-one,CL,atd_cost_per_day,40,,USD,per_family,2017,2017\n\
        f-three,,PE,compliance_pct,75,80,,,2012,2012\n";

    #[test]
    fn figures_are_diffed_and_read_back_beside_the_practices() {
        let figures = diff_figures(&rows(OLD_FIGURES), &rows(NEW_FIGURES));
        let ids = |items: &[Listed]| items.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&figures.added), ["f-three"]);
        assert_eq!(figures.added[0].title, "compliance_pct 75–80, 2012 (PE)");
        assert_eq!(ids(&figures.removed), ["f-two"]);
        assert_eq!(
            figures.removed[0].title,
            "detention_cost_per_day 120 USD per_person, 2019–2020 (CL)"
        );
        assert_eq!(figures.changed.len(), 1);
        assert_eq!(
            figures.changed[0].fields,
            [FieldChange {
                column: "value".into(),
                old: "38".into(),
                new: "40".into()
            }]
        );
        let mut changes = diff(&rows(OLD), &rows(NEW));
        changes.figures = figures;
        let release = Release {
            version: "1.3.0".into(),
            date: "2026-12-06".into(),
            changes,
        };
        let text = with_entry("", &release).unwrap();
        assert!(text.contains("· Figures added: 1 · Figures removed: 1 · Figures changed: 1\n"));
        assert!(text.contains("\n### Figures changed\n\n- `f-one`: "));
        assert_eq!(parse(&text), vec![release]);
    }

    #[test]
    fn marks_follow_the_releases_in_order() {
        let first = Release {
            version: "1.0.0".into(),
            date: "2026-11-21".into(),
            changes: diff(&[], &rows(OLD)),
        };
        let second = Release {
            version: "1.1.0".into(),
            date: "2026-11-30".into(),
            changes: diff(&rows(OLD), &rows(NEW)),
        };
        let marks = marks(&[second, first]);
        let mark = |id: &str| {
            marks
                .get(id)
                .map(|m| (m.added_in.as_str(), m.changed_in.as_str()))
        };
        assert_eq!(mark("a-one"), Some(("1.0.0", "1.1.0")));
        assert_eq!(mark("c-three"), Some(("1.0.0", "1.0.0")));
        assert_eq!(mark("d-four"), Some(("1.1.0", "1.1.0")));
        assert_eq!(mark("b-two"), None);
    }

    fn accepted(reference: &str, id: &str, added: bool) -> Accepted {
        Accepted {
            date: "2026-12-06".into(),
            reference: reference.into(),
            added,
            id: id.into(),
            title: format!("Programme {id} (Chile)"),
        }
    }

    #[test]
    fn accepted_proposals_wait_under_unreleased_until_a_release_takes_them() {
        let old = Release {
            version: "1.0.0".into(),
            date: "2026-11-01".into(),
            changes: diff(&rows(OLD), &rows(NEW)),
        };
        let changelog = with_entry("", &old).unwrap();
        let one = with_accepted(&changelog, &accepted("S-2026-0001", "e-five", true));
        let two = with_accepted(&one, &accepted("S-2026-0002", "a-one", false));
        let again = with_accepted(&two, &accepted("S-2026-0002", "a-one", false));
        assert_eq!(again, two, "a proposal is listed once");
        assert_eq!(
            unreleased(&two),
            vec![
                accepted("S-2026-0001", "e-five", true),
                accepted("S-2026-0002", "a-one", false)
            ]
        );
        assert!(two.find("## Unreleased").unwrap() < two.find("## 1.0.0").unwrap());
        assert_eq!(parse(&two), parse(&changelog), "no release of its own");

        let next = Release {
            version: "1.1.0".into(),
            date: "2026-12-10".into(),
            changes: Changes::default(),
        };
        let released = with_entry(&two, &next).unwrap();
        assert!(unreleased(&released).is_empty(), "{released}");
        assert!(!released.contains("## Unreleased"));
        let entry =
            &released[released.find("## 1.1.0").unwrap()..released.find("## 1.0.0").unwrap()];
        assert!(entry.contains("### Accepted proposals"), "{entry}");
        assert!(
            entry.contains("- 2026-12-06 S-2026-0001 added `e-five`: Programme e-five (Chile)")
        );
        assert_eq!(
            parse(&released)
                .iter()
                .map(|r| r.version.as_str())
                .collect::<Vec<_>>(),
            ["1.1.0", "1.0.0"]
        );
    }
}
