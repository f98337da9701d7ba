//! The moderation commands (`atd-atlas proposals …`): list, show (a diff for corrections),
//! accept into `data/practices.csv` after checking the whole file again, reject, and export
//! the pending ones as a spreadsheet-safe CSV. Everything a submitter wrote is shown through
//! [`for_terminal`], so no escape sequence reaches the moderator's terminal.
//!
//! Over 500 lines: each command is short, and `accept`'s recoverable steps (intent, the
//! atomic replacements of practices.csv, sources.csv and CHANGELOG.md, the decision, a retry
//! finishing a stopped one) must be read together to be trusted.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Subcommand, ValueEnum};

use crate::changes;
use crate::config::Paths;
use crate::import::{self, Limits};
use crate::proposals::sheet::WriteStage;
use crate::proposals::{self, TEXT_LANG, for_one_line, for_terminal, sheet, source_line};
use crate::store::proposals::{
    AddressMatch, Cell, Filter, Intent, ModerationLock, PlannedFile, Proposal, ProposalKind,
    ProposalStore, Status,
};

#[derive(Debug, Clone, Subcommand)]
pub enum Moderation {
    /// List proposals, oldest first.
    List {
        /// Only those with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
    /// Show one proposal: every proposed cell, or for a correction the changed cells.
    Show { reference: String },
    /// Check again, write the row into practices.csv (one row changes), mark it accepted.
    /// Then `atd-atlas import` publishes it.
    Accept {
        reference: String,
        /// Who accepts it (default: $USER).
        #[arg(long, env = "ATD_MODERATOR")]
        by: Option<String>,
        /// Why, for the record.
        #[arg(long, default_value = "")]
        note: String,
        /// The title of the source a correction names for its new figures (its `why_source`),
        /// read there by the moderator: sources.csv records the figures against it.
        #[arg(long)]
        source_title: Option<String>,
    },
    /// Mark a proposal rejected, or every pending one the filters match (a flood);
    /// practices.csv is not touched.
    Reject {
        /// The proposal (or give filters instead).
        reference: Option<String>,
        /// Why it was rejected.
        #[arg(long)]
        reason: String,
        /// Who rejects it (default: $USER).
        #[arg(long, env = "ATD_MODERATOR")]
        by: Option<String>,
        /// Only those sent from this address, /24 (IPv4) or /64 (IPv6).
        #[arg(long)]
        from: Option<String>,
        /// Only those received at or after this time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC).
        #[arg(long)]
        since: Option<String>,
        /// Only those received before this time (same forms).
        #[arg(long)]
        until: Option<String>,
        /// Only those with this text in a cell, the name or the email (case ignored).
        #[arg(long)]
        text: Option<String>,
        /// List what the filters match, reject nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Delete rejected proposals decided more than the given days ago, contact details
    /// and all, and give the space back.
    Purge {
        #[arg(long, default_value_t = 30)]
        older_than_days: u32,
    },
    /// The pending proposals as CSV (no contact details; safe to open in a spreadsheet).
    Export {
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Pending,
    Accepted,
    Rejected,
}

impl From<StatusArg> for Status {
    fn from(arg: StatusArg) -> Status {
        match arg {
            StatusArg::Pending => Status::Pending,
            StatusArg::Accepted => Status::Accepted,
            StatusArg::Rejected => Status::Rejected,
        }
    }
}

/// A moderator's accept: who, why, and the title of the source a correction names.
#[derive(Debug, Clone, Copy, Default)]
pub struct Decision<'a> {
    pub by: &'a str,
    pub note: &'a str,
    pub source_title: Option<&'a str>,
}

/// Runs one moderation command against the proposals database `db`.
pub fn run(paths: &Paths, db: &Path, action: Moderation) -> anyhow::Result<()> {
    if !db.exists() {
        bail!(
            "there is no proposals database at {}; nothing has been submitted yet \
             (or pass --proposals-db)",
            db.display()
        );
    }
    let store = ProposalStore::open(db)?;
    let mut out = std::io::stdout().lock();
    match action {
        Moderation::List { status } => list(&store, status.map(Status::from), &mut out),
        Moderation::Show { reference } => show(&store, paths, &reference, &mut out),
        Moderation::Accept {
            reference,
            by,
            note,
            source_title,
        } => {
            let by = moderator(by);
            let decision = Decision {
                by: &by,
                note: &note,
                source_title: source_title.as_deref(),
            };
            let finished = accept(&store, paths, &reference, &decision)?;
            for earlier in finished.iter().filter(|r| **r != reference) {
                writeln!(
                    out,
                    "finished accepting {earlier}, which an earlier accept had left part way"
                )?;
            }
            let how = if finished.contains(&reference) {
                "finished (an earlier accept had stopped part way)"
            } else {
                "written"
            };
            writeln!(
                out,
                "accepted {reference}: {how} to {} and listed under \"Unreleased\" in {}; run \
                 `atd-atlas import` to publish it (the next `atd-atlas diff` puts it in a release)",
                paths.practices_csv().display(),
                changes::changelog_path(&paths.practices_csv()).display()
            )?;
            Ok(())
        }
        Moderation::Reject {
            reference: Some(reference),
            reason,
            by,
            from: None,
            since: None,
            until: None,
            text: None,
            dry_run: false,
        } => {
            let said = reject(&store, &reference, &moderator(by), &reason)?;
            writeln!(out, "rejected {reference}; {said}")?;
            Ok(())
        }
        Moderation::Reject {
            reference: Some(_), ..
        } => bail!("give a reference or filters (--from, --since, --until, --text), not both"),
        Moderation::Reject {
            reference: None,
            reason,
            by,
            from,
            since,
            until,
            text,
            dry_run,
        } => {
            let filter = filter(from, since, until, text)?;
            reject_matching(&store, &filter, &moderator(by), &reason, dry_run, &mut out)
        }
        Moderation::Purge { older_than_days } => {
            let turn = store.lock_moderation()?;
            let purged = store.purge_rejected(&turn, older_than_days)?;
            writeln!(
                out,
                "purged {purged} rejected proposal{} decided more than {older_than_days} days ago",
                if purged == 1 { "" } else { "s" }
            )?;
            Ok(())
        }
        Moderation::Export { out: Some(file) } => {
            let mut bytes = Vec::new();
            export(&store, &paths.practices_csv(), &mut bytes)?;
            sheet::write_atomically(&file, &bytes)
        }
        Moderation::Export { out: None } => export(&store, &paths.practices_csv(), &mut out),
    }
}

/// The filters of a bulk reject, checked; at least one is required.
fn filter(
    from: Option<String>,
    since: Option<String>,
    until: Option<String>,
    text: Option<String>,
) -> anyhow::Result<Filter> {
    if from.is_none() && since.is_none() && until.is_none() && text.is_none() {
        bail!("give a reference, or filters (--from, --since, --until, --text) to reject a flood");
    }
    let from = from
        .map(|f| AddressMatch::parse(&f))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    for time in [&since, &until].into_iter().flatten() {
        let stamp = time.len() == 20 && time.ends_with('Z') && time.as_bytes()[10] == b'T';
        let valid = import::is_date(time) || stamp && import::is_date(&time[..10]);
        if !valid {
            bail!("`{time}` is not a time; write 2026-12-06 or 2026-12-06T14:00:00Z (UTC)");
        }
    }
    Ok(Filter {
        from,
        since,
        until,
        text: text.filter(|t| !t.is_empty()),
    })
}

/// Rejects every pending proposal `filter` matches (or lists them, `dry_run`), in one
/// transaction, in the moderators' turn.
fn reject_matching(
    store: &ProposalStore,
    filter: &Filter,
    by: &str,
    reason: &str,
    dry_run: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let turn = store.lock_moderation()?;
    let matched = store.pending_matching(filter)?;
    for s in &matched {
        writeln!(
            out,
            "{}  {}  {}",
            s.reference,
            s.received_at,
            for_one_line(&clip(s.value("programme").unwrap_or(""), 60))
        )?;
    }
    if dry_run {
        writeln!(
            out,
            "{} pending proposals match; none rejected (--dry-run)",
            matched.len()
        )?;
        return Ok(());
    }
    let references: Vec<String> = matched.into_iter().map(|s| s.reference).collect();
    let rejected = store.reject_all(&turn, &references, by, reason)?;
    writeln!(
        out,
        "rejected {} pending proposal{}; practices.csv was not changed",
        rejected.len(),
        if rejected.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

fn moderator(by: Option<String>) -> String {
    by.or_else(|| std::env::var("USER").ok())
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

fn load(store: &ProposalStore, reference: &str) -> anyhow::Result<Proposal> {
    store.get(reference)?.with_context(|| {
        format!("there is no proposal {reference}; see `atd-atlas proposals list`")
    })
}

fn list(store: &ProposalStore, status: Option<Status>, out: &mut impl Write) -> anyhow::Result<()> {
    let all = store.list(status)?;
    if all.is_empty() {
        writeln!(out, "no proposals")?;
        return Ok(());
    }
    for s in all {
        let changed = s.cells.iter().filter(|c| c.changed).count();
        // (!) marks any warning; a likely duplicate names the record, so it can be opened.
        let flag = match (s.warnings.is_empty(), s.duplicate_of.is_empty()) {
            (true, _) => String::new(),
            (false, true) => "  (!)".to_string(),
            (false, false) => format!(
                "  (!) may duplicate {}",
                for_one_line(&s.duplicate_of.join(", "))
            ),
        };
        writeln!(
            out,
            "{}  {:<8}  {:<10}  {:<2}  {}  {}  {changed} cells  {}{flag}",
            s.reference,
            s.status.as_str(),
            s.kind.as_str(),
            // The language of its text ("" for an old correction: the record's).
            for_one_line(text_lang(&s)),
            s.received_at,
            for_one_line(&s.practice_id),
            for_one_line(&clip(s.value("programme").unwrap_or(""), 60)),
        )?;
    }
    Ok(())
}

fn clip(text: &str, max: usize) -> String {
    let mut short: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        short.push('…');
    }
    short
}

fn show(
    store: &ProposalStore,
    paths: &Paths,
    reference: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let s = load(store, reference)?;
    writeln!(
        out,
        "{}: {} ({})",
        s.reference,
        s.kind.as_str(),
        s.status.as_str()
    )?;
    writeln!(out, "practice:  {}", for_terminal(&s.practice_id))?;
    writeln!(out, "received:  {} (form in {})", s.received_at, s.lang)?;
    let text_in = match text_lang(&s) {
        "" => "the record's language (unchanged)",
        lang => lang,
    };
    writeln!(out, "text in:   {}", for_terminal(text_in))?;
    if !s.submitter.is_empty() || !s.email.is_empty() {
        writeln!(
            out,
            "from:      {} {}",
            for_terminal(&s.submitter),
            for_terminal(&s.email)
        )?;
    }
    if let (Some(at), Some(by)) = (&s.decided_at, &s.decided_by) {
        let note = s.decision_note.as_deref().unwrap_or("");
        writeln!(
            out,
            "decided:   {at} by {} {}",
            for_terminal(by),
            for_terminal(note)
        )?;
    }
    for warning in &s.warnings {
        writeln!(out, "warning:   {}", for_terminal(warning))?;
    }
    if !s.why.is_empty() {
        writeln!(out, "why:       {}", for_terminal(&s.why))?;
    }
    if !s.why_source.is_empty() {
        writeln!(out, "source:    {}", for_terminal(&s.why_source))?;
    }
    let current = current_row(paths, &s);
    writeln!(out)?;
    for cell in s.cells.iter().filter(|c| c.changed) {
        let value = for_terminal(&cell.value);
        match s.kind {
            ProposalKind::New => writeln!(out, "  {}: {value}", cell.column)?,
            ProposalKind::Correction => {
                let before = for_terminal(cell.before.as_deref().unwrap_or(""));
                writeln!(out, "  {}:", cell.column)?;
                writeln!(out, "    - {before}")?;
                writeln!(out, "    + {value}")?;
                let now = current
                    .as_ref()
                    .and_then(|row| row.iter().find(|(c, _)| *c == cell.column))
                    .map(|(_, v)| v.as_str());
                if now.is_some_and(|now| now.trim() != cell.before.as_deref().unwrap_or("").trim())
                {
                    writeln!(
                        out,
                        "    ! the file now says: {}",
                        for_terminal(now.unwrap_or(""))
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The record a correction is for, as the file says now (`None` if it cannot be read).
fn current_row(paths: &Paths, s: &Proposal) -> Option<Vec<(String, String)>> {
    if s.kind != ProposalKind::Correction {
        return None;
    }
    let bytes = std::fs::read(paths.practices_csv()).ok()?;
    sheet::read_facts(&bytes, Some(&s.practice_id)).ok()?.row
}

/// Writes an accepted proposal into practices.csv (and its source into sources.csv) as one
/// recoverable step, in the moderators' turn (another accept or reject waits):
///
/// 1. any accept a stop left unfinished is finished first (see `finish`);
/// 2. the edited files must pass the whole import check, or nothing is written;
/// 3. the intent — the decision and every file as it is and as it will be — is committed;
/// 4. each file is replaced atomically (temporary copy, fsync, rename, folder fsync);
/// 5. the decision is recorded and the intent forgotten, in one transaction.
///
/// A stop before 3 changes nothing; after it, the next `accept` (of this proposal or any
/// other) recognises which files already hold their new bytes and finishes the rest.
/// Returns the references whose accepts were finished from an earlier intent.
pub fn accept(
    store: &ProposalStore,
    paths: &Paths,
    reference: &str,
    decision: &Decision<'_>,
) -> anyhow::Result<Vec<String>> {
    let Decision { by, note, .. } = *decision;
    let turn = store.lock_moderation()?;
    let mut finished = Vec::new();
    for intent in store.unfinished_accepts()? {
        finish(store, &turn, &intent)?;
        finished.push(intent.reference);
    }
    if finished.iter().any(|r| r == reference) {
        return Ok(finished);
    }
    let proposal = load(store, reference)?;
    if proposal.status != Status::Pending {
        bail!("{reference} is already {}", proposal.status.as_str());
    }
    let planned = plan_accept(paths, &proposal, decision.source_title)?;
    store.record_intent(&turn, reference, by, note, &planned)?;
    crate::faults::point("accept::intent_recorded")?;
    finish(
        store,
        &turn,
        &Intent {
            reference: reference.to_string(),
            by: by.to_string(),
            note: note.to_string(),
            started_at: String::new(),
            files: planned,
        },
    )?;
    Ok(finished)
}

/// The files `proposal` changes, checked: sources.csv with its source, practices.csv with
/// its row, both passing the whole import check together.
fn plan_accept(
    paths: &Paths,
    proposal: &Proposal,
    source_title: Option<&str>,
) -> anyhow::Result<Vec<PlannedFile>> {
    let reference = &proposal.reference;
    let reference_tables = import::load_reference(&paths.data_dir).with_context(|| {
        format!(
            "cannot load the reference tables in {}",
            paths.data_dir.display()
        )
    })?;
    let csv = paths.practices_csv();
    let bytes = std::fs::read(&csv).with_context(|| format!("cannot read {}", csv.display()))?;
    let checked_today = in_its_language(verified_today(proposal, &bytes));
    let proposal = &checked_today;
    let edited = sheet::apply(&bytes, proposal)?;
    let sources_csv = import::sources_path(&csv);
    let sources_before = read_if_present(&sources_csv)?;
    let sources = with_proposal_source(sources_before.clone(), proposal, source_title)?;
    let file_name = csv.display().to_string();
    let (parsed_sources, source_problems) = import::parse_sources(
        &sources_csv.display().to_string(),
        &sources,
        crate::clock::current_year(),
    );
    let problems = match import::parse_practices(
        &file_name,
        &edited,
        parsed_sources,
        &reference_tables,
        &Limits::default(),
    ) {
        Ok(_) => source_problems,
        Err(mut problems) => {
            problems.extend(source_problems);
            problems
        }
    };
    if !problems.is_empty() {
        let listed: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        bail!(
            "{reference} no longer passes the import check; nothing was written:\n{}",
            for_terminal(&listed.join("\n"))
        );
    }
    let changelog = changelog_with(&csv, &edited, proposal)?;
    // Sources first, so that a sources.csv left new beside an old practices.csv is what the
    // retry expects; the order no longer matters for safety (the intent covers all three).
    Ok(vec![
        PlannedFile {
            path: sources_csv,
            before: sources_before,
            after: sources,
        },
        PlannedFile {
            path: csv,
            before: Some(bytes),
            after: edited,
        },
        changelog,
    ])
}

/// The proposal with `last_verified` set to today: the moderator accepting it has just
/// checked it against its source (the public is never asked for that date). A correction's
/// cell is compared with the file as it is now, so this cell never reads as a conflict.
fn verified_today(proposal: &Proposal, practices_csv: &[u8]) -> Proposal {
    let mut proposal = proposal.clone();
    let now = match proposal.kind {
        ProposalKind::Correction => sheet::read_facts(practices_csv, Some(&proposal.practice_id))
            .ok()
            .and_then(|facts| facts.row)
            .and_then(|row| row.into_iter().find(|(c, _)| c == "last_verified"))
            .map(|(_, v)| v),
        ProposalKind::New => None,
    };
    if let Some(cell) = proposal
        .cells
        .iter_mut()
        .find(|c| c.column == "last_verified")
    {
        cell.value = crate::clock::today();
        cell.changed = true;
        if proposal.kind == ProposalKind::Correction {
            cell.before = Some(now.unwrap_or_default());
        }
    }
    proposal
}

/// A new record with its `text_lang`: the language its proposer picked, or, for a proposal
/// received before they could pick one (no such cell, or an empty one), the language of the
/// form it came through. A correction keeps the record's language unless its proposer
/// changed it (a changed cell, written as any other).
fn in_its_language(mut proposal: Proposal) -> Proposal {
    if proposal.kind != ProposalKind::New {
        return proposal;
    }
    let lang = text_lang(&proposal).to_string();
    match proposal.cells.iter_mut().find(|c| c.column == TEXT_LANG) {
        Some(cell) => cell.value = lang,
        None => proposal.cells.push(Cell {
            column: TEXT_LANG.to_string(),
            value: lang,
            before: None,
            changed: true,
        }),
    }
    proposal
}

/// The language a proposal's text is written in, as `accept` will record it: its
/// `text_lang` cell, else (a new record proposed before the cell existed) its form's
/// language; empty for a correction that does not say (the record keeps its own).
fn text_lang(proposal: &Proposal) -> &str {
    match proposal.value(TEXT_LANG).filter(|v| !v.trim().is_empty()) {
        Some(lang) => lang,
        None if proposal.kind == ProposalKind::New => proposals::text_lang_of(&proposal.lang),
        None => "",
    }
}

/// CHANGELOG.md with the accepted proposal in its "Unreleased" section, dated today: the
/// record is published at the next import and enters the next release (`atd-atlas diff`).
fn changelog_with(csv: &Path, edited: &[u8], proposal: &Proposal) -> anyhow::Result<PlannedFile> {
    let path = changes::changelog_path(csv);
    let before = read_if_present(&path)?;
    let text = match &before {
        Some(bytes) => String::from_utf8(bytes.clone())
            .with_context(|| format!("{} is not UTF-8", path.display()))?,
        None => String::new(),
    };
    let id = &proposal.practice_id;
    let accepted = changes::Accepted {
        date: crate::clock::today(),
        reference: proposal.reference.clone(),
        added: proposal.kind == ProposalKind::New,
        id: id.clone(),
        title: changes::title_in(edited, id).unwrap_or_else(|| id.clone()),
    };
    Ok(PlannedFile {
        path,
        before,
        after: changes::with_accepted(&text, &accepted).into_bytes(),
    })
}

fn read_if_present(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Where a planned file is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileState {
    /// As it was when the accept was checked.
    Before,
    /// Already holding the accept's bytes.
    After,
    /// Changed by someone else since.
    Other,
}

fn file_state(file: &PlannedFile) -> anyhow::Result<FileState> {
    let now = read_if_present(&file.path)?;
    Ok(if now.as_deref() == Some(file.after.as_slice()) {
        FileState::After
    } else if now == file.before {
        FileState::Before
    } else {
        FileState::Other
    })
}

/// Brings every file of `intent` to its new bytes (those already there are left alone),
/// removes temporary copies a stop left, then records the decision.
fn finish(store: &ProposalStore, turn: &ModerationLock, intent: &Intent) -> anyhow::Result<()> {
    for (position, file) in intent.files.iter().enumerate() {
        match file_state(file)? {
            FileState::After => {}
            FileState::Before => {
                let points = FILE_POINTS.get(position).copied().unwrap_or(NO_POINTS);
                sheet::write_atomically_observed(&file.path, &file.after, |stage| match stage {
                    WriteStage::Synced => points[0].map_or(Ok(()), crate::faults::point),
                    WriteStage::Renamed => points[1].map_or(Ok(()), crate::faults::point),
                    WriteStage::FolderSynced => points[2].map_or(Ok(()), crate::faults::point),
                })?;
            }
            FileState::Other => bail!(
                "{} was changed by someone else since {} began to be accepted{}; the accept \
                 cannot be finished safely. Check whether its row is in the file, then run \
                 `atd-atlas proposals reject {}` (the file is left as it is)",
                file.path.display(),
                intent.reference,
                if intent.started_at.is_empty() {
                    String::new()
                } else {
                    format!(" (at {})", intent.started_at)
                },
                intent.reference
            ),
        }
        sheet::remove_partial_copies(&file.path)?;
    }
    crate::faults::point("accept::files_written")?;
    store.finish_accept(turn, &intent.reference)
}

type Points = [Option<&'static str>; 3];
const NO_POINTS: Points = [None, None, None];
/// The fault points of each planned file's write, in [`plan_accept`]'s order.
const FILE_POINTS: [Points; 2] = [
    [
        Some("accept::sources_synced"),
        Some("accept::sources_renamed"),
        Some("accept::sources_folder_synced"),
    ],
    [
        Some("accept::practices_synced"),
        Some("accept::practices_renamed"),
        Some("accept::practices_folder_synced"),
    ],
];

/// Rejects a pending proposal and says truthfully what happened to the files. If an
/// accept of it stopped part way, the reject goes ahead only when none of that accept's
/// changes is in the files (otherwise `accept` must finish it, or someone must edit by hand).
fn reject(
    store: &ProposalStore,
    reference: &str,
    by: &str,
    reason: &str,
) -> anyhow::Result<String> {
    let turn = store.lock_moderation()?;
    let intent = store
        .unfinished_accepts()?
        .into_iter()
        .find(|i| i.reference == reference);
    let Some(intent) = intent else {
        store.decide(reference, Status::Rejected, by, reason)?;
        return Ok("practices.csv was not changed".to_string());
    };
    let states = intent
        .files
        .iter()
        .map(file_state)
        .collect::<anyhow::Result<Vec<_>>>()?;
    if let Some(written) = intent
        .files
        .iter()
        .zip(&states)
        .find(|(_, state)| **state == FileState::After)
    {
        bail!(
            "{reference} was being accepted when that accept stopped, and {} already holds \
             its changes; run `atd-atlas proposals accept {reference}` to finish it (then \
             correct the file by hand if it should not be published)",
            written.0.path.display()
        );
    }
    store.drop_intent(&turn, reference)?;
    store.decide(reference, Status::Rejected, by, reason)?;
    if states.iter().all(|s| *s == FileState::Before) {
        return Ok(
            "an accept of it had stopped before writing anything; practices.csv was not changed"
                .to_string(),
        );
    }
    let changed: Vec<String> = intent
        .files
        .iter()
        .zip(&states)
        .filter(|(_, state)| **state == FileState::Other)
        .map(|(f, _)| f.path.display().to_string())
        .collect();
    Ok(format!(
        "an accept of it had stopped part way, and {} changed by someone else since; \
         they were left as they are: check that its row is not in them",
        changed.join(" and ")
    ))
}

/// sources.csv with the proposal's source appended, supporting the figure columns the
/// proposal fills (a new practice) or changes (a correction): what the moderator has just
/// checked against it.
fn with_proposal_source(
    now: Option<Vec<u8>>,
    proposal: &Proposal,
    source_title: Option<&str>,
) -> anyhow::Result<Vec<u8>> {
    let mut bytes = now.unwrap_or_else(|| {
        let mut header = import::sources::SOURCE_COLUMNS.join(",").into_bytes();
        header.push(b'\n');
        header
    });
    let figures = import::figure_columns();
    let supported: Vec<&str> = proposal
        .cells
        .iter()
        .filter(|c| figures.contains(&c.column.as_str()))
        .filter(|c| match proposal.kind {
            ProposalKind::New => !c.value.trim().is_empty() && c.value.trim() != "unknown",
            ProposalKind::Correction => c.changed && !c.value.trim().is_empty(),
        })
        .map(|c| c.column.as_str())
        .collect();
    if supported.is_empty() && proposal.kind == ProposalKind::Correction {
        if source_title.is_some() {
            bail!(
                "{} changes no figure, so no source is recorded: accept it without --source-title",
                proposal.reference
            );
        }
        return Ok(bytes);
    }
    let (title, url) = supporting_source(proposal, source_title)?;
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    let locator = format!("proposal {}", proposal.reference);
    bytes.extend_from_slice(&source_line(
        &proposal.practice_id,
        title,
        url,
        &locator,
        &supported,
    ));
    Ok(bytes)
}

/// The source an accept records the proposal's figures against: the row's own, or, for a
/// correction that names another (`why_source`), that one, under the title the moderator
/// read there. Recording the row's old source for a figure it never gave would be untrue.
fn supporting_source<'a>(
    proposal: &'a Proposal,
    given_title: Option<&'a str>,
) -> anyhow::Result<(&'a str, &'a str)> {
    let own_title = proposal.value("source_title").unwrap_or("");
    let own_url = proposal.value("source_url").unwrap_or("");
    let named = proposal.why_source.trim();
    let names_another =
        proposal.kind == ProposalKind::Correction && !named.is_empty() && named != own_url.trim();
    let given = given_title.map(str::trim).filter(|t| !t.is_empty());
    match (names_another, given) {
        (false, None) => Ok((own_title, own_url)),
        (false, Some(_)) => bail!(
            "{} names no source of its own beside the record's, so --source-title has nothing \
             to name: accept it without",
            proposal.reference
        ),
        (true, Some(title)) => Ok((title, named)),
        (true, None) => bail!(
            "{} changes figures on the strength of {named}, not the record's own source: read \
             them there, then accept with --source-title \"<its title>\" so that sources.csv \
             records the new figures against it",
            proposal.reference
        ),
    }
}

/// The export's own columns before the file's: named `proposal_…` so that none can take the
/// name of a practices.csv column (`kind`, `id`, `status` are both a proposal's and a row's).
const EXPORT_COLUMNS: [&str; 9] = [
    "proposal_reference",
    "proposal_kind",
    "proposal_practice_id",
    "proposal_received_at",
    "proposal_changed_columns",
    "proposal_warnings",
    "proposal_duplicate_of",
    "proposal_why",
    "proposal_why_source",
];

/// The pending proposals as CSV: the proposal's own columns (reference, kind, practice,
/// when, which cells changed, warnings, likely duplicates, a correction's reason and
/// source), then the file's columns. Text cells are made spreadsheet-safe; contact details
/// are never in it. No two columns share a name.
pub fn export(
    store: &ProposalStore,
    practices_csv: &Path,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(practices_csv)
        .with_context(|| format!("cannot read {}", practices_csv.display()))?;
    let header = sheet::read_facts(&bytes, None)?.header;
    let mut names: Vec<&str> = EXPORT_COLUMNS.to_vec();
    names.extend(header.iter().map(String::as_str));
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = names.iter().find(|name| !seen.insert(**name)) {
        bail!(
            "{} names column `{twice}` twice; the export needs each name once",
            practices_csv.display()
        );
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&names)?;
    for s in store.list(Some(Status::Pending))? {
        let changed: Vec<&str> = s
            .cells
            .iter()
            .filter(|c| c.changed)
            .map(|c| c.column.as_str())
            .collect();
        let mut row: Vec<String> = vec![
            s.reference.clone(),
            s.kind.as_str().to_string(),
            s.practice_id.clone(),
            s.received_at.clone(),
            changed.join(";"),
            s.warnings.join("; "),
            s.duplicate_of.join(";"),
            s.why.clone(),
            s.why_source.clone(),
        ];
        row.extend(header.iter().map(|c| match c.as_str() {
            // What `accept` will write, also for a proposal received before it was asked.
            TEXT_LANG => text_lang(&s).to_string(),
            _ => s.value(c).unwrap_or("").to_string(),
        }));
        let safe: Vec<String> = row
            .iter()
            .map(|cell| crate::spreadsheet::neutralise(cell).into_owned())
            .collect();
        writer.write_record(&safe)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::proposals::{Cell, NewProposal, PendingCaps};

    #[test]
    fn the_list_keeps_one_line_per_proposal_whatever_the_text_holds() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProposalStore::open(&dir.path().join("s.sqlite3")).unwrap();
        // As a proposal stored before the importer refused line breaks in a programme name.
        let forged = "Real name\nS-2026-0099  accepted  fake\tcolumns";
        let new = NewProposal {
            kind: ProposalKind::New,
            practice_id: "ke-x\ny".into(),
            cells: vec![Cell {
                column: "programme".into(),
                value: forged.into(),
                before: None,
                changed: true,
            }],
            submitter: String::new(),
            email: String::new(),
            client: "a".into(),
            lang: "en".into(),
            warnings: Vec::new(),
            ..NewProposal::default()
        };
        let caps = PendingCaps {
            per_client: 9,
            per_prefix: 9,
            total: 9,
        };
        store.submit(&new, caps).unwrap().unwrap();
        let mut out = Vec::new();
        list(&store, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains("Real name\\u{000a}S-2026-0099"), "{text}");
        assert!(text.contains("fake\\u{0009}columns"), "{text}");
    }

    #[test]
    fn the_list_names_the_record_a_proposal_may_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProposalStore::open(&dir.path().join("s.sqlite3")).unwrap();
        let caps = PendingCaps {
            per_client: 9,
            per_prefix: 9,
            total: 9,
        };
        let new = |warnings: Vec<String>, duplicate_of: Vec<String>| NewProposal {
            practice_id: "ke-x".into(),
            client: "a".into(),
            lang: "en".into(),
            warnings,
            duplicate_of,
            ..NewProposal::default()
        };
        let warned = vec!["possible duplicate: `ke-y` cites the same source address".into()];
        store
            .submit(&new(warned, vec!["ke-y".into()]), caps)
            .unwrap()
            .unwrap();
        store
            .submit(&new(Vec::new(), Vec::new()), caps)
            .unwrap()
            .unwrap();
        let mut out = Vec::new();
        list(&store, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].ends_with("(!) may duplicate ke-y"), "{text}");
        assert!(!lines[1].contains("(!)"), "{text}");
    }
}
