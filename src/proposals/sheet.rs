//! `data/practices.csv` as moderation sees it: its header (columns by name, never by
//! position), one record by id, and the one-row edit an accepted proposal makes — the rest
//! of the file byte for byte as it was, written atomically (temporary file, fsync, rename).

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

use crate::store::proposals::{Proposal, ProposalKind};

/// What a proposal needs to know about the current file.
#[derive(Debug, Clone, Default)]
pub struct SheetFacts {
    /// The header names, in file order.
    pub header: Vec<String>,
    /// Every id in the file.
    pub ids: HashSet<String>,
    /// `(iso2, programme)` of every record, folded for comparison, with its id.
    pub names: Vec<(String, String, String)>,
    /// The source address of every record, with its id.
    pub sources: Vec<(String, String)>,
    /// The record asked for (a correction's base), as `(column, value)` in header order.
    pub row: Option<Vec<(String, String)>>,
}

impl SheetFacts {
    /// The id of a record with the same country and programme name, if any.
    pub fn same_name(&self, iso2: &str, programme: &str) -> Option<&str> {
        let (iso2, programme) = (fold(iso2), fold(programme));
        self.names
            .iter()
            .find(|(i, p, _)| *i == iso2 && *p == programme)
            .map(|(_, _, id)| id.as_str())
    }
}

/// Lower case with spaces collapsed: how two names are compared for a likely duplicate.
pub(super) fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Reads the file's header and ids, and the record `want` if given.
pub fn read_facts(bytes: &[u8], want: Option<&str>) -> anyhow::Result<SheetFacts> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .context("cannot read the header of practices.csv")?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name);
    let source_at = at("source_url");
    let (Some(id_at), iso2_at, programme_at) = (at("id"), at("iso2"), at("programme")) else {
        bail!("practices.csv has no `id` column");
    };
    let mut facts = SheetFacts {
        header: header.clone(),
        ..SheetFacts::default()
    };
    for record in reader.records() {
        let record = record.context("cannot read practices.csv")?;
        let id = record.get(id_at).unwrap_or("").trim().to_string();
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        facts
            .names
            .push((fold(cell(iso2_at)), fold(cell(programme_at)), id.clone()));
        let source = cell(source_at).trim();
        if !source.is_empty() {
            facts.sources.push((source.to_string(), id.clone()));
        }
        if want == Some(id.as_str()) {
            let row = header
                .iter()
                .enumerate()
                .map(|(i, h)| (h.clone(), record.get(i).unwrap_or("").to_string()))
                .collect();
            facts.row = Some(row);
        }
        facts.ids.insert(id);
    }
    Ok(facts)
}

/// The file with `proposal` applied: a new record appended, or the changed cells of one
/// record replaced. Every other byte stays as it was, so the diff is one row.
pub fn apply(bytes: &[u8], proposal: &Proposal) -> anyhow::Result<Vec<u8>> {
    match proposal.kind {
        ProposalKind::New => append(bytes, proposal),
        ProposalKind::Correction => correct(bytes, proposal),
    }
}

fn header_of(bytes: &[u8]) -> anyhow::Result<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    Ok(reader
        .headers()
        .context("cannot read the header of practices.csv")?
        .iter()
        .map(|h| h.trim().to_string())
        .collect())
}

/// The line ending the file uses (`\r\n` if its first line ends so).
fn terminator(bytes: &[u8]) -> &'static [u8] {
    match bytes.iter().position(|&b| b == b'\n') {
        Some(i) if i > 0 && bytes[i - 1] == b'\r' => b"\r\n",
        _ => b"\n",
    }
}

/// One record as the file writes them: quoted only where needed.
fn serialise(fields: &[String], end: &[u8]) -> anyhow::Result<Vec<u8>> {
    let terminator = if end == b"\r\n" {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(terminator)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    writer.write_record(fields)?;
    writer.into_inner().context("cannot write a CSV record")
}

fn append(bytes: &[u8], proposal: &Proposal) -> anyhow::Result<Vec<u8>> {
    let facts = read_facts(bytes, None)?;
    if facts.ids.contains(&proposal.practice_id) {
        bail!(
            "practices.csv already has a practice with id `{}`; was {} accepted before?",
            proposal.practice_id,
            proposal.reference
        );
    }
    let fields: Vec<String> = facts
        .header
        .iter()
        .map(|column| proposal.value(column).unwrap_or("").to_string())
        .collect();
    let end = terminator(bytes);
    let mut out = bytes.to_vec();
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.extend_from_slice(end);
    }
    out.extend_from_slice(&serialise(&fields, end)?);
    Ok(out)
}

fn correct(bytes: &[u8], proposal: &Proposal) -> anyhow::Result<Vec<u8>> {
    let header = header_of(bytes)?;
    let Some(id_at) = header.iter().position(|h| h == "id") else {
        bail!("practices.csv has no `id` column");
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let mut found: Option<(usize, csv::StringRecord)> = None;
    let mut end_of_found = bytes.len();
    for record in reader.records() {
        let record = record.context("cannot read practices.csv")?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        if found.is_some() {
            end_of_found = start;
            break;
        }
        if record.get(id_at).map(str::trim) == Some(proposal.practice_id.as_str()) {
            found = Some((start, record));
        }
    }
    let Some((start, record)) = found else {
        bail!(
            "practices.csv has no practice `{}` any more; it was renamed or removed since {} was sent",
            proposal.practice_id,
            proposal.reference
        );
    };
    let mut fields: Vec<String> = record.iter().map(str::to_string).collect();
    fields.resize(header.len().max(fields.len()), String::new());
    for cell in proposal.cells.iter().filter(|c| c.changed) {
        let Some(at) = header.iter().position(|h| *h == cell.column) else {
            bail!(
                "practices.csv has no column `{}` any more; edit the file by hand",
                cell.column
            );
        };
        let before = cell.before.as_deref().unwrap_or("");
        if fields[at].trim() != before.trim() {
            bail!(
                "column `{}` of `{}` was changed since {} was sent (it was {:?}, it is now {:?}); \
                 reject it or edit the file by hand",
                cell.column,
                proposal.practice_id,
                proposal.reference,
                before,
                fields[at]
            );
        }
        fields[at] = cell.value.clone();
    }
    let old = &bytes[start..end_of_found];
    let end: &[u8] = if old.ends_with(b"\r\n") {
        b"\r\n"
    } else if old.ends_with(b"\n") {
        b"\n"
    } else {
        b""
    };
    let mut row = serialise(&fields, if end.is_empty() { b"\n" } else { end })?;
    if end.is_empty() {
        row.pop();
    }
    let mut out = Vec::with_capacity(bytes.len() + row.len());
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(&row);
    out.extend_from_slice(&bytes[end_of_found..]);
    Ok(out)
}

/// Replaces `path` with `bytes`: a temporary file beside it, fsync, rename, fsync of the
/// folder. Readers see the old file or the new one, never half of it; its permissions stay.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically_observed(path, bytes, |_| Ok(()))
}

const PARTIAL_SUFFIX: &str = ".partial";

/// `.practices.csv.` for `…/practices.csv`: the start of its temporary copies' names.
fn partial_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// Removes the temporary copies of `path` a stopped write left beside it (call it only
/// when no other write of `path` can be running). Returns how many there were.
pub fn remove_partial_copies(path: &Path) -> anyhow::Result<usize> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = partial_prefix(path);
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(PARTIAL_SUFFIX) {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// How far [`write_atomically_observed`] has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStage {
    /// The temporary copy is written and synced; the file is still the old one.
    Synced,
    /// The copy is renamed over the file; the folder is not synced yet.
    Renamed,
    /// The folder is synced: the new file is durable.
    FolderSynced,
}

/// [`write_atomically`], calling `passed` after each stage (the crash tests stop there).
pub fn write_atomically_observed(
    path: &Path,
    bytes: &[u8],
    passed: impl Fn(WriteStage) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(&partial_prefix(path))
        .suffix(PARTIAL_SUFFIX)
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write a temporary file in {}", dir.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(temp.path(), meta.permissions())?;
    }
    passed(WriteStage::Synced)?;
    temp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    passed(WriteStage::Renamed)?;
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    passed(WriteStage::FolderSynced)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::proposals::{Cell, Status};

    const FILE: &str = "id,programme,summary\n\
        a-one,First,\"Has, a comma\"\n\
        b-two,Second,Plain\n\
        c-three,Third,\"Line\nbreak\"\n";

    fn proposal(kind: ProposalKind, id: &str, cells: Vec<Cell>) -> Proposal {
        Proposal {
            reference: "S-2026-0001".into(),
            kind,
            practice_id: id.into(),
            cells,
            submitter: String::new(),
            email: String::new(),
            lang: "en".into(),
            warnings: Vec::new(),
            status: Status::Pending,
            received_at: String::new(),
            decided_at: None,
            decided_by: None,
            decision_note: None,
            why: String::new(),
            why_source: String::new(),
            duplicate_of: Vec::new(),
        }
    }

    fn cell(column: &str, value: &str, before: Option<&str>) -> Cell {
        Cell {
            column: column.into(),
            value: value.into(),
            before: before.map(str::to_string),
            changed: true,
        }
    }

    #[test]
    fn a_new_record_is_appended_by_column_name() {
        let cells = vec![
            cell("summary", "Needs \"quotes\", and commas", None),
            cell("id", "d-four", None),
            cell("programme", "Fourth", None),
            cell("not_a_column", "ignored", None),
        ];
        let out = apply(
            FILE.as_bytes(),
            &proposal(ProposalKind::New, "d-four", cells),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            format!("{FILE}d-four,Fourth,\"Needs \"\"quotes\"\", and commas\"\n")
        );
    }

    #[test]
    fn a_correction_rewrites_only_its_record_and_cells() {
        let cells = vec![cell("summary", "Now plain", Some("Has, a comma"))];
        let out = apply(
            FILE.as_bytes(),
            &proposal(ProposalKind::Correction, "a-one", cells),
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, FILE.replace("\"Has, a comma\"", "Now plain"));
        let last = vec![cell("summary", "x", Some("Line\nbreak"))];
        let out = apply(
            FILE.as_bytes(),
            &proposal(ProposalKind::Correction, "c-three", last),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            FILE.replace("\"Line\nbreak\"", "x")
        );
    }

    #[test]
    fn columns_are_matched_by_name_whatever_the_file_adds_or_reorders() {
        // Columns appended after these proposals were made (say `cost_bound`, `last_verified`):
        // a new row leaves them empty, a correction keeps them as they are.
        let file = "summary,id,programme,cost_bound,last_verified\n\
                    Plain,a-one,First,upper,2025-01-01\n";
        let new = vec![cell("id", "b-two", None), cell("programme", "Second", None)];
        let out = apply(file.as_bytes(), &proposal(ProposalKind::New, "b-two", new)).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with("\n,b-two,Second,,\n")
        );
        let fix = vec![cell("programme", "First, renamed", Some("First"))];
        let out = apply(
            file.as_bytes(),
            &proposal(ProposalKind::Correction, "a-one", fix),
        )
        .unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with("\nPlain,a-one,\"First, renamed\",upper,2025-01-01\n")
        );
    }

    #[test]
    fn a_cell_changed_meanwhile_or_a_known_id_is_refused() {
        let stale = vec![cell("summary", "x", Some("Something else"))];
        let err = apply(
            FILE.as_bytes(),
            &proposal(ProposalKind::Correction, "b-two", stale),
        )
        .unwrap_err();
        assert!(err.to_string().contains("was changed since"), "{err}");
        let again = apply(
            FILE.as_bytes(),
            &proposal(ProposalKind::New, "a-one", vec![cell("id", "a-one", None)]),
        )
        .unwrap_err();
        assert!(again.to_string().contains("already has"), "{again}");
    }

    #[test]
    fn the_shipped_file_reads_back_byte_for_byte_when_rewritten_unchanged() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/practices.csv")).unwrap();
        let facts = read_facts(&bytes, None).unwrap();
        for id in &facts.ids {
            let same = apply(&bytes, &proposal(ProposalKind::Correction, id, Vec::new())).unwrap();
            assert!(same == bytes, "rewriting {id} unchanged altered the file");
        }
    }

    #[test]
    fn atomic_writes_replace_the_file_and_keep_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("practices.csv");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
