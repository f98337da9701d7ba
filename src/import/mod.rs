//! CSV import: `practices.csv` bytes → validated, normalised [`Practice`]s with derived costs,
//! or every problem found, each with file, line, record and column. Nothing partial: one bad
//! row refuses the whole file. Valid rows are handed to a sink as they are read (memory
//! bounded by the file, not the records); the sink's owner throws them away on problems.
//!
//! Stages: byte checks (`scan`: size, encoding, quoting) → header (`header`) → per-row
//! cell normalisation and validation (`cell`, `row`) → checks across rows (duplicate ids).
//!
//! Over 500 lines: reading practices.csv is one pipeline with one report of problems
//! (encoding, quoting, header, each row, then the files beside it, claimed by their practice).
//! The stages that stand alone have their own files (`scan`, `header`, `row`, `cell`, one per
//! file beside practices.csv); what stays here is the order they run in and the report they share.

mod cell;
pub mod figures;
mod header;
pub mod links;
mod problem;
mod provenance;
pub mod reference;
mod row;
mod scan;
pub mod sources;
mod suggest;
mod synonyms;
pub mod translations;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

pub use cell::{forbidden as forbidden_character, formula_like, is_date};
pub use reference::load_reference;
pub use synonyms::load_synonyms;

use crate::clock::current_year;
use crate::model::{Figure, Headline, Practice, PracticeId, Reference};
pub use figures::{FIGURE_COLUMNS, Figures, figures_path, parse_figures};
use header::{Col, Header, join_and};
pub use problem::Problem;
use row::Cells;
use scan::{LineIndex, QuoteIssueKind, Scan};
pub use sources::{Sources, figure_columns, parse_sources, sources_path};
use suggest::shown;
pub use translations::{Stale, translations_path};

/// At most this many problems are listed; the rest are counted in one final entry.
pub const MAX_PROBLEMS: usize = 100;

/// Caps that keep a hostile or mistaken file from exhausting memory or time.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_rows: usize,
    pub max_field_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_rows: 100_000,
            max_field_bytes: 64 * 1024,
        }
    }
}

/// What a valid import holds besides the practices handed to the sink.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub practices: u64,
    /// Every figure of the figures file (those of practices travel with them).
    pub figures: usize,
    /// The figures about a country with no practice (a detention cost), in file order.
    pub country_figures: Vec<Figure>,
}

/// Where each valid practice goes as soon as its row is read, in file order (e.g. an open
/// database transaction). An error stops the import.
pub type Sink<'a> = dyn FnMut(Practice) -> anyhow::Result<()> + 'a;

/// Parse → validate → normalise → derive. `Ok` only if every row is valid; otherwise every
/// problem (at most [`MAX_PROBLEMS`], then one "… and N more problems" entry), sorted by line.
/// `sources` are the rows of the practices' sources file (see [`parse_sources`]); a figure
/// no source supports is a problem.
pub fn parse_practices(
    file_name: &str,
    bytes: &[u8],
    sources: Sources,
    reference: &Reference,
    limits: &Limits,
) -> Result<Vec<Practice>, Vec<Problem>> {
    let mut practices = Vec::new();
    let outcome = stream_parsed(file_name, bytes, sources, reference, limits, &mut |p| {
        practices.push(p);
        Ok(())
    });
    match outcome {
        Ok(Ok(_)) => Ok(practices),
        Ok(Err(problems)) => Err(problems),
        // The sink above never fails.
        Err(err) => Err(vec![Report::new(file_name).internal(&err)]),
    }
}

/// [`parse_practices`], handing each valid practice to `sink` instead of keeping them all:
/// memory stays bounded by the file, not by the parsed records. The sink sees practices
/// only while no problem has been found; when the result is `Ok(Err(problems))` what it
/// received must be thrown away (e.g. the transaction rolled back). The outer `Err` is the
/// sink's own failure. `Ok(Ok(n))`: `n` practices, all handed over.
pub fn stream_parsed(
    file_name: &str,
    bytes: &[u8],
    sources: Sources,
    reference: &Reference,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> anyhow::Result<Result<u64, Vec<Problem>>> {
    let figures = Figures::missing(file_name);
    let imported = stream_parsed_with(file_name, bytes, sources, figures, reference, limits, sink)?;
    Ok(imported.map(|i| i.practices))
}

/// [`stream_parsed`] with the figures file's valid rows: each practice claims its figures
/// (its headline cost and compliance are chosen from them); the rest are country facts.
pub fn stream_parsed_with(
    file_name: &str,
    bytes: &[u8],
    mut sources: Sources,
    mut figures: Figures,
    reference: &Reference,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> anyhow::Result<Result<Imported, Vec<Problem>>> {
    let mut report = Report::new(file_name);
    let mut input = Input {
        sources: &mut sources,
        figures: &mut figures,
    };
    let sent = parse(
        &mut report,
        bytes,
        &mut input,
        reference,
        limits,
        current_year(),
        sink,
    )?;
    let imported = Imported {
        practices: sent,
        figures: figures.len(),
        country_figures: figures.take_country_level(),
    };
    Ok(report.finish(imported))
}

/// The files read beside a practices file, their rows waiting to be claimed.
struct Input<'a> {
    sources: &'a mut Sources,
    figures: &'a mut Figures,
}

/// Reads the file, refusing one over `max_file_bytes` without reading it all, then
/// [`parse_practices`]. Problems name the file by `path` as given.
pub fn read_practices(
    path: &Path,
    reference: &Reference,
    limits: &Limits,
) -> Result<Vec<Practice>, Vec<Problem>> {
    let mut practices = Vec::new();
    let outcome = stream_practices(path, reference, limits, &mut |p| {
        practices.push(p);
        Ok(())
    });
    match outcome {
        Ok(Ok(_)) => Ok(practices),
        Ok(Err(problems)) => Err(problems),
        Err(err) => Err(vec![
            Report::new(&path.display().to_string()).internal(&err),
        ]),
    }
}

/// [`read_practices`] streaming into `sink`, as [`stream_parsed`]. The sources are read from
/// the file [`sources_path`] names beside `path`, the figures from [`figures_path`].
pub fn stream_practices(
    path: &Path,
    reference: &Reference,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> anyhow::Result<Result<u64, Vec<Problem>>> {
    Ok(stream_import(path, reference, limits, sink)?.map(|i| i.practices))
}

/// [`stream_practices`], answering with the figures too ([`Imported`]).
pub fn stream_import(
    path: &Path,
    reference: &Reference,
    limits: &Limits,
    sink: &mut Sink<'_>,
) -> anyhow::Result<Result<Imported, Vec<Problem>>> {
    let file_name = path.display().to_string();
    let mut report = Report::new(&file_name);
    let bytes = match read_capped(path, limits.max_file_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            report.file(too_big(limits.max_file_bytes));
            return Ok(report.finish(Imported::default()));
        }
        Err(err) => {
            report.file(format!(
                "cannot read the file: {err}; check the path and permissions"
            ));
            return Ok(report.finish(Imported::default()));
        }
    };
    let (sources, mut problems) = sources::read_sources_of(path, current_year());
    let (figures, figure_problems) = figures::read_figures_of(path, reference, current_year());
    let (mut translations, translation_problems) = translations::read_translations_of(path);
    problems.extend(figure_problems);
    problems.extend(translation_problems);
    let (mut links, link_problems) = links::read_links_of(path);
    problems.extend(link_problems);
    if !problems.is_empty() {
        // Still validate the practices, so one run lists everything to fix.
        let checked = stream_parsed_with(
            &file_name,
            &bytes,
            sources,
            figures,
            reference,
            limits,
            &mut |_| Ok(()),
        )?;
        if let Err(more) = checked {
            problems.extend(more);
        }
        return Ok(Err(problems));
    }
    let mut translation_problems = Vec::new();
    let mut translated = |mut p: Practice| {
        translation_problems.extend(translations.attach(&mut p));
        links.attach(&mut p);
        if translation_problems.is_empty() {
            sink(p)?;
        }
        Ok(())
    };
    let checked = stream_parsed_with(
        &file_name,
        &bytes,
        sources,
        figures,
        reference,
        limits,
        &mut translated,
    )?;
    translation_problems.extend(translations.unclaimed(&file_name));
    translation_problems.extend(links.unclaimed(&file_name));
    Ok(with_beside(checked, translation_problems))
}

/// A practices file's outcome with the problems found in the files read beside it.
fn with_beside<T>(
    checked: Result<T, Vec<Problem>>,
    beside: Vec<Problem>,
) -> Result<T, Vec<Problem>> {
    match checked {
        Ok(done) if beside.is_empty() => Ok(done),
        Ok(_) => Err(beside),
        Err(mut problems) => {
            problems.extend(beside);
            Err(problems)
        }
    }
}

/// The translations of `path`'s practices whose original changed since they were made (each
/// "may be out of date"), for `atd-atlas check` to list. Empty when the files have problems.
pub fn stale_translations(path: &Path, reference: &Reference) -> Vec<Stale> {
    let (mut translations, problems) = translations::read_translations_of(path);
    if !problems.is_empty() {
        return Vec::new();
    }
    let mut attach = |mut p: Practice| {
        translations.attach(&mut p);
        Ok(())
    };
    let file_name = path.display().to_string();
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let (sources, _) = sources::read_sources_of(path, current_year());
    let limits = Limits::default();
    if stream_parsed(&file_name, &bytes, sources, reference, &limits, &mut attach).is_err() {
        return Vec::new();
    }
    let mut stale = translations.stale;
    stale.sort_by_key(|s| s.line);
    stale
}

/// The file's bytes, or `None` when it is over `max` bytes (checked before and while reading,
/// so a huge or growing file is never read whole).
fn read_capped(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() > max {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

fn too_big(max: u64) -> String {
    format!(
        "the file is larger than {} (max_file_bytes); split it or raise the limit \
         (`atd-atlas import --max-file-mib N`)",
        human_bytes(max)
    )
}

/// `64 MiB`, `64 KiB`, `1000 bytes`.
fn human_bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    match n {
        n if n >= KIB * KIB && n % (KIB * KIB) == 0 => format!("{} MiB", n / (KIB * KIB)),
        n if n >= KIB && n % KIB == 0 => format!("{} KiB", n / KIB),
        n => format!("{n} bytes"),
    }
}

/// The problems of one file, and the locations to attach to them.
struct Report {
    file: String,
    problems: Vec<Problem>,
}

impl Report {
    fn new(file: &str) -> Report {
        Report {
            file: file.to_string(),
            problems: Vec::new(),
        }
    }

    fn push(
        &mut self,
        line: Option<u64>,
        record: Option<u64>,
        column: Option<&str>,
        message: String,
    ) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            record,
            column: column.map(str::to_string),
            message,
        });
    }

    /// A problem in another file read with this one (the sources file).
    fn push_in(&mut self, file: &str, line: Option<u64>, column: Option<&str>, message: String) {
        self.problems.push(Problem {
            file: file.to_string(),
            line,
            record: None,
            column: column.map(str::to_string),
            message,
        });
    }

    fn file(&mut self, message: String) {
        self.push(None, None, None, message);
    }

    /// A failure that is not the file's fault, as a whole-file problem.
    fn internal(&self, err: &anyhow::Error) -> Problem {
        Problem {
            file: self.file.clone(),
            line: None,
            record: None,
            column: None,
            message: format!("{err:#}"),
        }
    }

    fn finish<T>(self, done: T) -> Result<T, Vec<Problem>> {
        let Report { file, mut problems } = self;
        if problems.is_empty() {
            return Ok(done);
        }
        // Stable: problems of one line keep the order they were found in (column order).
        problems.sort_by_key(|p| (p.file != file, p.line));
        if problems.len() > MAX_PROBLEMS {
            let more = problems.len() - MAX_PROBLEMS;
            problems.truncate(MAX_PROBLEMS);
            let noun = if more == 1 { "problem" } else { "problems" };
            problems.push(Problem {
                file,
                line: None,
                record: None,
                column: None,
                message: format!("… and {more} more {noun}"),
            });
        }
        Err(problems)
    }
}

const EMPTY: &str = "file is empty; it needs a header row and at least one practice";

/// The whole pipeline; returns how many practices went to `sink`, meaningful only when
/// `report` stays empty.
fn parse(
    report: &mut Report,
    bytes: &[u8],
    input: &mut Input<'_>,
    reference: &Reference,
    limits: &Limits,
    this_year: i32,
    sink: &mut Sink<'_>,
) -> anyhow::Result<u64> {
    if bytes.len() as u64 > limits.max_file_bytes {
        report.file(too_big(limits.max_file_bytes));
        return Ok(0);
    }
    if scan::looks_utf16(bytes) {
        report.file("file is UTF-16; re-save as 'CSV UTF-8'".into());
        return Ok(0);
    }
    let (body, bom) = scan::strip_bom(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        report.file(EMPTY.into());
        return Ok(0);
    }
    let lines = LineIndex::new(body);
    let scanned = scan::scan(body);
    if !check_encoding(report, body, bom, &lines, &scanned) {
        return Ok(0);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut records = reader.records();
    let header_record = match records.next() {
        None => {
            report.file(EMPTY.into());
            return Ok(0);
        }
        Some(Err(err)) => {
            report.file(format!("cannot read the CSV: {err}"));
            return Ok(0);
        }
        Some(Ok(record)) => record,
    };
    let header_line = header_record
        .position()
        .map_or(1, |p| lines.line_of(scan::record_start(body, p.byte())));
    let raw_names: Vec<String> = header_record.iter().map(str::to_string).collect();
    if !check_quotes(report, &scanned, &raw_names, &lines) {
        return Ok(0);
    }
    let header = match header::map_header(&raw_names) {
        Ok(header) => header,
        Err(problems) => {
            for (column, message) in problems {
                report.push(Some(header_line), None, column.as_deref(), message);
            }
            return Ok(0);
        }
    };
    let rows = Rows {
        body,
        lines: &lines,
        header: &header,
        reference,
        limits,
        this_year,
    };
    rows.parse(report, records, input, sink)
}

/// Rejects a file that is not UTF-8, listing every line with a bad byte. True when it is fine.
fn check_encoding(
    report: &mut Report,
    body: &[u8],
    bom: usize,
    lines: &LineIndex,
    scanned: &Scan,
) -> bool {
    let bad = scan::invalid_utf8(body);
    for &(offset, byte) in &bad {
        let line = lines.line_of(offset);
        let message = format!(
            "line {line} is not valid UTF-8 (byte 0x{byte:02X} at byte offset {}); re-save the file as 'CSV UTF-8'",
            offset + bom
        );
        report.push(Some(line), scanned.record_of(offset), None, message);
    }
    bad.is_empty()
}

/// Reports quoting mistakes. False when a quote is never closed: the csv crate would read the
/// rest of the file as one cell, so nothing after it can be trusted.
fn check_quotes(report: &mut Report, scanned: &Scan, header: &[String], lines: &LineIndex) -> bool {
    let mut readable = true;
    for issue in &scanned.issues {
        let line = lines.line_of(issue.offset);
        let record = (issue.record > 0).then_some(issue.record);
        let column = header
            .get(issue.field)
            .filter(|_| issue.record > 0)
            .map(|n| n.trim());
        let message = match issue.kind {
            QuoteIssueKind::Unclosed => {
                readable = false;
                format!(
                    "a quote opened on line {line} is never closed, so the rest of the file would be \
                     read as one cell; add the closing quote (write a quote inside a quoted cell as \"\")"
                )
            }
            QuoteIssueKind::Stray => "has a quote inside a cell that does not start with one; \
                 wrap the whole cell in quotes and double the inner quote (\"\")"
                .to_string(),
            QuoteIssueKind::AfterClosing => "has text after a closing quote; \
                 wrap the whole cell in quotes and double any quote inside it (\"\")"
                .to_string(),
        };
        report.push(Some(line), record, column, message);
    }
    readable
}

/// Sources and figures naming no practice of the file (a figure with no practice is a
/// country fact, so one naming an unknown practice is a mistake).
fn report_unclaimed(report: &mut Report, ids: &HashMap<String, Vec<At>>, input: &Input<'_>) {
    let unknown =
        provenance::unknown_practices(input.sources, &report.file, |id| ids.contains_key(id));
    for (line, message) in unknown {
        report.push_in(
            &input.sources.file,
            Some(line),
            Some("practice_id"),
            message,
        );
    }
    for (line, id) in input.figures.unclaimed() {
        let message = format!(
            "`{}` is not a practice of {}; fix the id, or empty it (and keep iso2) for a country-level figure",
            shown(&id),
            report.file
        );
        report.push_in(
            &input.figures.file,
            Some(line),
            Some("practice_id"),
            message,
        );
    }
}

/// The data rows of a file whose header is known.
struct Rows<'a> {
    body: &'a [u8],
    lines: &'a LineIndex,
    header: &'a Header,
    reference: &'a Reference,
    limits: &'a Limits,
    this_year: i32,
}

/// Where a row is, for its problems and for duplicate-id messages.
#[derive(Debug, Clone, Copy)]
struct At {
    line: u64,
    record: u64,
}

impl Rows<'_> {
    fn parse(
        &self,
        report: &mut Report,
        records: impl Iterator<Item = csv::Result<csv::StringRecord>>,
        input: &mut Input<'_>,
        sink: &mut Sink<'_>,
    ) -> anyhow::Result<u64> {
        let mut sent = 0u64;
        let mut ids: HashMap<String, Vec<At>> = HashMap::new();
        let mut rows = 0usize;
        for (index, record) in records.enumerate() {
            let record_no = index as u64 + 1;
            let record = match record {
                Ok(record) => record,
                Err(err) => {
                    report.file(format!("cannot read the CSV at record {record_no}: {err}"));
                    break;
                }
            };
            // Rows with nothing in them (Excel often leaves `,,,,` lines) carry no data.
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            rows += 1;
            if rows > self.limits.max_rows {
                let message = format!(
                    "the file has more than {} rows (max_rows); split it or raise the limit \
                     (`atd-atlas import --max-rows N`)",
                    self.limits.max_rows
                );
                report.file(message);
                break;
            }
            let start = record
                .position()
                .map_or(0, |p| scan::record_start(self.body, p.byte()));
            let at = At {
                line: self.lines.line_of(start),
                record: record_no,
            };
            let Some(mut practice) = self.row(report, &record, at, &mut ids) else {
                continue;
            };
            // Once anything is wrong nothing will be kept: only validate the rest. A repeated
            // id is reported at the end, so its second row must not reach the sink either
            // (nor claim sources: the first row has them).
            let first_of_id = ids.get(practice.id.as_str()).is_none_or(|at| at.len() == 1);
            if first_of_id {
                practice.sources = input.sources.take(practice.id.as_str());
                for (col, message) in provenance::unsupported(&practice, input.sources) {
                    report.push(Some(at.line), Some(at.record), Some(col.name()), message);
                }
                self.claim_figures(report, &mut practice, at, input.figures);
            }
            if report.problems.is_empty() && first_of_id {
                sink(practice)?;
                sent += 1;
            }
        }
        self.report_duplicates(report, &ids);
        report_unclaimed(report, &ids, input);
        if rows == 0 && report.problems.is_empty() {
            report.file("no practices: the file has a header but no rows; an import never deletes everything".into());
        }
        Ok(sent)
    }

    /// One record → a practice, or its problems in `report`.
    fn row(
        &self,
        report: &mut Report,
        record: &csv::StringRecord,
        at: At,
        ids: &mut HashMap<String, Vec<At>>,
    ) -> Option<Practice> {
        let mut here = |column: Option<&str>, message: String| {
            report.push(Some(at.line), Some(at.record), column, message);
        };
        if record.len() != self.header.width() {
            let message = format!(
                "record {} (line {}) has {} fields, expected {}; check for missing or extra commas \
                 (quote cells that contain commas)",
                at.record,
                at.line,
                record.len(),
                self.header.width()
            );
            here(None, message);
            return None;
        }
        let mut cells = Cells::default();
        let mut bad: Vec<Col> = Vec::new();
        for col in Col::ALL {
            let raw = match self.header.position(col) {
                Some(i) => record.get(i).unwrap_or(""),
                None => col.when_absent(),
            };
            match self.cell(raw) {
                Ok(value) => cells.set(col, value),
                Err(message) => {
                    here(Some(col.name()), message);
                    bad.push(col);
                }
            }
        }
        if let Some(id) = PracticeId::parse(cells.get(Col::Id)) {
            ids.entry(id.to_string()).or_default().push(at);
        }
        match row::practice(&cells, self.reference, self.this_year) {
            Ok(practice) if bad.is_empty() => Some(practice),
            Ok(_) => None,
            Err(mut problems) => {
                // A cell already reported (too long, control character) was blanked: don't
                // report it again as empty.
                problems.retain(|(col, _)| !bad.contains(col));
                problems.sort_by_key(|(col, _)| *col);
                for (col, message) in problems {
                    here(Some(col.name()), message);
                }
                None
            }
        }
    }

    /// Gives a practice its figures and the headline values chosen from them. A figure
    /// about another country than its practice's, or a headline the practices file also
    /// fills, is a problem: each figure lives in one place.
    fn claim_figures(
        &self,
        report: &mut Report,
        practice: &mut Practice,
        at: At,
        figures: &mut Figures,
    ) {
        let claimed = figures.take(practice.id.as_str());
        if claimed.is_empty() {
            return;
        }
        for located in &claimed {
            if located.figure.iso2 != practice.iso2 {
                let message = format!(
                    "is {} but practice `{}` is in {}; a practice's figures are about its country",
                    located.figure.iso2, practice.id, practice.iso2
                );
                report.push_in(&figures.file, Some(located.line), Some("iso2"), message);
            }
        }
        practice.figures = claimed.into_iter().map(|l| l.figure).collect();
        let headline = Headline::choose(&practice.figures);
        let legacy_cost = [
            (Col::CostPerDay, practice.cost.per_day.is_some()),
            (
                Col::DetentionCostPerDay,
                practice.cost.detention_per_day.is_some(),
            ),
        ];
        let figure_cost =
            headline.cost.per_day.is_some() || headline.cost.detention_per_day.is_some();
        let doubled = legacy_cost.map(|(col, filled)| (col, filled && figure_cost));
        let compliance_twice =
            practice.outcome_compliance_pct.is_some() && headline.compliance_pct.is_some();
        for (col, twice) in doubled
            .into_iter()
            .chain([(Col::OutcomeCompliancePct, compliance_twice)])
        {
            if twice {
                let message = format!(
                    "is filled here and in {} too; keep each figure in one place: the figures file (empty this cell)",
                    figures.file
                );
                report.push(Some(at.line), Some(at.record), Some(col.name()), message);
            }
        }
        if figure_cost {
            practice.cost = headline.cost;
            practice.derived =
                crate::model::DerivedCost::derive(&practice.cost, &self.reference.money);
        }
        if headline.compliance_pct.is_some() {
            practice.outcome_compliance_pct = headline.compliance_pct;
        }
    }

    /// The cap on cell size, then normalisation.
    fn cell(&self, raw: &str) -> Result<String, String> {
        if raw.len() > self.limits.max_field_bytes {
            return Err(format!(
                "is {} bytes, over the limit of {} (max_field_bytes); shorten it",
                raw.len(),
                human_bytes(self.limits.max_field_bytes as u64)
            ));
        }
        cell::normalise(raw)
    }

    /// "id `x` on lines 10 and 377", once per repeated id, at its second occurrence.
    fn report_duplicates(&self, report: &mut Report, ids: &HashMap<String, Vec<At>>) {
        for (id, places) in ids {
            let [_, second, ..] = places.as_slice() else {
                continue;
            };
            let lines: Vec<u64> = places.iter().map(|at| at.line).collect();
            let message = format!(
                "id `{}` on lines {}; ids must be unique, rename all but one",
                shown(id),
                join_and(&lines)
            );
            report.push(
                Some(second.line),
                Some(second.record),
                Some(Col::Id.name()),
                message,
            );
        }
    }
}

#[cfg(test)]
mod tests;
