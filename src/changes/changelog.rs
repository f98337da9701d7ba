//! The changelog (`data/CHANGELOG.md`): each release written by `atd-atlas diff` and read
//! back at import (the release each practice was added and last changed in), and its
//! `## Unreleased` section of accepted proposals.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};

use super::diff::{Changed, Changes, FieldChange, Listed, Row, rows_of};
use crate::model::ReleaseMarks;

/// The first lines of a new changelog.
const PREAMBLE: &str = "# ATD Atlas data changelog\n\n\
Each release of the data, newest first: the practices it added, removed and changed, field \
by field, and the figures (rows of `figures.csv`) it added, removed and changed. The version \
is the `version` of `datapackage.json` and `CITATION.cff`. Entries are written by \
`atd-atlas diff OLD.csv NEW.csv`.\n";

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

/// The first sentence of the "Unreleased" section.
const UNRELEASED_INTRO: &str = "Accepted proposals, published at their next import; \
`atd-atlas diff` moves them into the next release.";

/// The "Unreleased" section of these accepted proposals, in Markdown.
pub fn render_unreleased(accepted: &[Accepted]) -> String {
    render_unreleased_with("", accepted)
}

/// The "Unreleased" section: its notes (a paragraph), then its accepted proposals.
fn render_unreleased_with(notes: &str, accepted: &[Accepted]) -> String {
    let mut out = format!("## {UNRELEASED}\n\n{UNRELEASED_INTRO}\n\n");
    if !notes.is_empty() {
        out.push_str(&format!("{notes}\n\n"));
    }
    for a in accepted {
        out.push_str(&a.line());
    }
    out
}

/// The notes of the "Unreleased" section: what a maintainer wrote there by hand for the next
/// release (a new column, say), neither its first sentence nor an accepted proposal. They
/// stay when a proposal is accepted and open the next release's entry.
pub fn unreleased_notes(changelog: &str) -> String {
    let mut inside = false;
    let mut notes = Vec::new();
    for line in changelog.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            inside = heading.trim() == UNRELEASED;
        } else if inside && !line.trim().is_empty() && line != UNRELEASED_INTRO {
            notes.extend(Accepted::parse(line).is_none().then_some(line));
        }
    }
    notes.join("\n")
}

/// `changelog` with `accepted` added to its "Unreleased" section (made at the top, above the
/// newest release, when there is none); a proposal already there is not listed twice, and
/// the section's notes stay.
pub fn with_accepted(changelog: &str, accepted: &Accepted) -> String {
    let mut all = unreleased(changelog);
    all.retain(|a| a.reference != accepted.reference);
    all.push(accepted.clone());
    let section = render_unreleased_with(&unreleased_notes(changelog), &all);
    at_top(&without_unreleased(changelog), &section)
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
    let mut entry = with_notes(render(release), &unreleased_notes(changelog));
    let accepted = unreleased(changelog);
    if !accepted.is_empty() {
        entry.push_str("\n### Accepted proposals\n\n");
        for a in &accepted {
            entry.push_str(&a.line());
        }
    }
    Ok(at_top(&without_unreleased(changelog), &entry))
}

/// A release's entry with `notes` as its first paragraph, after its counts line.
fn with_notes(entry: String, notes: &str) -> String {
    let counts_end = entry.match_indices('\n').nth(2).map(|(at, _)| at + 1);
    match counts_end {
        Some(at) if !notes.is_empty() => format!("{}\n{notes}\n{}", &entry[..at], &entry[at..]),
        _ => entry,
    }
}

/// Where an accepted proposal stands in a changelog: in a release, or waiting for one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InChangelog {
    /// Listed under "Accepted proposals" of this release (version, date), accepted on `accepted`.
    Released {
        version: String,
        date: String,
        accepted: String,
    },
    /// In the "Unreleased" section: accepted on this date, no release holds it yet.
    Unreleased { accepted: String },
}

/// Where the changelog lists proposal `reference`, if it does.
pub fn where_accepted(changelog: &str, reference: &str) -> Option<InChangelog> {
    let mut release: Option<(String, String)> = None;
    for line in changelog.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            release = (heading.trim() != UNRELEASED).then(|| {
                let (version, date) = heading.split_once(' ').unwrap_or((heading, ""));
                let date = date.trim_matches(|c| c == '(' || c == ')');
                (version.to_string(), date.to_string())
            });
            continue;
        }
        let Some(accepted) = Accepted::parse(line).filter(|a| a.reference == reference) else {
            continue;
        };
        return Some(match &release {
            Some((version, date)) => InChangelog::Released {
                version: version.clone(),
                date: date.clone(),
                accepted: accepted.date,
            },
            None => InChangelog::Unreleased {
                accepted: accepted.date,
            },
        });
    }
    None
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
