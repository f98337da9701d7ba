//! Exports of a search: every matching row, streamed, as spreadsheet-safe CSV or raw JSON.
//!
//! `/practices.csv?…` and `/practices.json?…` take the search page's parameters and return
//! all matching rows in the search's order (paging is ignored). The CSV is for spreadsheets:
//! UTF-8 with a BOM, dot decimals, and text cells that a spreadsheet would run as a formula
//! neutralised with a leading `'` (OWASP CSV injection). The JSON carries the raw values.

use std::borrow::Cow;
use std::io::{self, Seek, SeekFrom, Write};

use anyhow::Context;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::{Query, QueryRejection};
use serde::Serialize;
use tokio::io::AsyncReadExt;
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{mpsc, oneshot};

use super::AppState;
use super::api::PracticeWire;
use super::error::{AppError, Format};
use super::pages::{page_lang, search_request};
use super::params::{self, RawSearchParams, SearchRequest};
use crate::model::{Practice, REFERENCE_YEAR};
use crate::store::Snapshot;

/// Rows loaded from the store per chunk sent to the client.
const BATCH: usize = 50;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV column: its header, whether it holds numbers (never neutralised), and its value.
struct Column {
    name: &'static str,
    numeric: bool,
    value: fn(&Practice, &str) -> String,
}

fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The export columns: the shipped CSV's columns, then the derived dollar figures and the
/// record's stable URL. Multi-valued tags are joined with `;` as in `data/practices.csv`.
const COLUMNS: &[Column] = &[
    Column {
        name: "id",
        numeric: false,
        value: |p, _| p.id.to_string(),
    },
    Column {
        name: "country",
        numeric: false,
        value: |p, _| p.country.clone(),
    },
    Column {
        name: "iso2",
        numeric: false,
        value: |p, _| p.iso2.clone(),
    },
    Column {
        name: "region",
        numeric: false,
        value: |p, _| p.region.clone(),
    },
    Column {
        name: "subregion",
        numeric: false,
        value: |p, _| p.subregion.clone(),
    },
    Column {
        name: "programme",
        numeric: false,
        value: |p, _| p.programme.clone(),
    },
    Column {
        name: "kind",
        numeric: false,
        value: |p, _| p.kind.clone(),
    },
    Column {
        name: "organisation",
        numeric: false,
        value: |p, _| p.organisation.clone(),
    },
    Column {
        name: "organisation_type",
        numeric: false,
        value: |p, _| p.organisation_type.clone(),
    },
    Column {
        name: "start_year",
        numeric: true,
        value: |p, _| num(p.start_year),
    },
    Column {
        name: "end_year",
        numeric: true,
        value: |p, _| num(p.end_year),
    },
    Column {
        name: "status",
        numeric: false,
        value: |p, _| p.status.clone(),
    },
    Column {
        name: "populations",
        numeric: false,
        value: |p, _| p.populations.join(";"),
    },
    Column {
        name: "atd_types",
        numeric: false,
        value: |p, _| p.atd_types.join(";"),
    },
    Column {
        name: "cap_stages",
        numeric: false,
        value: |p, _| p.cap_stages.join(";"),
    },
    Column {
        name: "participants",
        numeric: true,
        value: |p, _| num(p.participants),
    },
    Column {
        name: "participants_note",
        numeric: false,
        value: |p, _| p.participants_note.clone(),
    },
    Column {
        name: "cost_per_day",
        numeric: true,
        value: |p, _| num(p.cost.per_day),
    },
    Column {
        name: "cost_bound",
        numeric: false,
        value: |p, _| p.cost.bound.clone().unwrap_or_default(),
    },
    Column {
        name: "cost_per_day_high",
        numeric: true,
        value: |p, _| num(p.cost.per_day_high),
    },
    Column {
        name: "cost_currency",
        numeric: false,
        value: |p, _| p.cost.currency.clone().unwrap_or_default(),
    },
    Column {
        name: "cost_unit",
        numeric: false,
        value: |p, _| p.cost.unit.clone().unwrap_or_default(),
    },
    Column {
        name: "cost_year",
        numeric: true,
        value: |p, _| num(p.cost.year),
    },
    Column {
        name: "cost_year_basis",
        numeric: false,
        value: |p, _| p.cost.year_basis.clone().unwrap_or_default(),
    },
    Column {
        name: "detention_cost_per_day",
        numeric: true,
        value: |p, _| num(p.cost.detention_per_day),
    },
    Column {
        name: "detention_cost_bound",
        numeric: false,
        value: |p, _| p.cost.detention_bound.clone().unwrap_or_default(),
    },
    Column {
        name: "detention_cost_per_day_high",
        numeric: true,
        value: |p, _| num(p.cost.detention_per_day_high),
    },
    Column {
        name: "cost_per_day_usd",
        numeric: true,
        value: |p, _| num(p.derived.per_day_usd),
    },
    Column {
        name: "detention_cost_per_day_usd",
        numeric: true,
        value: |p, _| num(p.derived.detention_per_day_usd),
    },
    Column {
        name: "cost_per_day_usd_constant",
        numeric: true,
        value: |p, _| num(p.derived.per_day_usd_constant),
    },
    Column {
        name: "detention_cost_per_day_usd_constant",
        numeric: true,
        value: |p, _| num(p.derived.detention_per_day_usd_constant),
    },
    Column {
        name: "saving_per_day_usd_constant",
        numeric: true,
        value: |p, _| num(p.derived.saving_per_day_usd_constant),
    },
    Column {
        name: "usd_reference_year",
        numeric: true,
        value: |_, _| REFERENCE_YEAR.to_string(),
    },
    Column {
        name: "outcome_compliance_pct",
        numeric: true,
        value: |p, _| num(p.outcome_compliance_pct),
    },
    Column {
        name: "outcome_other",
        numeric: false,
        value: |p, _| p.outcome_other.clone(),
    },
    Column {
        name: "summary",
        numeric: false,
        value: |p, _| p.summary.clone(),
    },
    Column {
        name: "source_title",
        numeric: false,
        value: |p, _| p.source_title.clone(),
    },
    Column {
        name: "source_url",
        numeric: false,
        value: |p, _| p.source_url.clone(),
    },
    Column {
        name: "last_verified",
        numeric: false,
        value: |p, _| p.last_verified.clone(),
    },
    Column {
        name: "sources",
        numeric: false,
        value: |p, _| sources_cell(p),
    },
    Column {
        name: "url",
        numeric: false,
        value: |p, base| format!("{base}/practices/{}", p.id),
    },
];

/// One line per source: "title | url | locator | supports a;b".
fn sources_cell(p: &Practice) -> String {
    let lines: Vec<String> = p
        .sources
        .iter()
        .map(|s| {
            format!(
                "{} | {} | {} | supports {}",
                s.title,
                s.url,
                s.locator,
                s.supports.join(";")
            )
        })
        .collect();
    lines.join("\n")
}

/// The export's header row.
pub fn csv_header() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.name).collect()
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP; tab and CR included).
fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\0')
}

/// Whether a text cell needs a leading `'`: it starts with a trigger, possibly after
/// whitespace, or it is already a `'` in front of such a text (so the prefix stays reversible).
fn needs_quote_prefix(text: &str) -> bool {
    let first = text.chars().next();
    let first_visible = text.trim_start().chars().next();
    if first.is_some_and(is_trigger) || first_visible.is_some_and(is_trigger) {
        return true;
    }
    text.strip_prefix('\'').is_some_and(needs_quote_prefix)
}

/// A text cell made safe to open in a spreadsheet: `'` in front of anything formula-like.
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if needs_quote_prefix(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The inverse of [`spreadsheet_safe`], for readers who want the stored text back.
pub fn spreadsheet_unsafe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => cell,
    }
}

/// One practice as a CSV record: text cells neutralised, numbers as they are (dot decimals).
pub fn csv_record(p: &Practice, base_url: &str) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| {
            let value = (c.value)(p, base_url);
            if c.numeric {
                value
            } else {
                spreadsheet_safe(&value).into_owned()
            }
        })
        .collect()
}

fn csv_chunk(rows: &[Practice], base_url: &str, header: bool) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    if header {
        out.extend_from_slice(UTF8_BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    if header {
        writer.write_record(csv_header())?;
    }
    for p in rows {
        writer.write_record(csv_record(p, base_url))?;
    }
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}

/// The opening of the JSON export, before its rows.
#[derive(Serialize)]
struct JsonHead<'a> {
    total: usize,
    /// The search these rows answer, as a query string.
    query: &'a str,
    dataset_version: &'a str,
    usd_reference_year: i32,
}

fn json_chunk(rows: &[Practice], first: bool) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    for (i, p) in rows.iter().enumerate() {
        if !(first && i == 0) {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &PracticeWire::from_practice(p, None))?;
    }
    Ok(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Csv,
    Json,
}

/// Every practice matching a search, as spreadsheet-safe CSV (UTF-8 with BOM).
#[utoipa::path(
    get,
    path = "/practices.csv",
    tag = "practices",
    params(RawSearchParams),
    responses(
        (status = 200, description = "All matching rows (paging ignored); text cells that start like a formula get a leading apostrophe", content_type = "text/csv", body = String),
        (status = 400, description = "The query string could not be decoded", content_type = "text/html", body = String)
    )
)]
pub async fn csv(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    raw: Result<Query<RawSearchParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let request = search_request(raw, Format::Html(page_lang(&uri, &headers)))?;
    export(state, request, Kind::Csv).await
}

/// Every practice matching a search, as JSON with raw values.
#[utoipa::path(
    get,
    path = "/practices.json",
    tag = "practices",
    params(RawSearchParams),
    responses(
        (status = 200, description = "All matching rows (paging ignored)", body = super::openapi::ExportWire),
        (status = 400, description = "The query string could not be decoded", body = super::openapi::ErrorWire)
    )
)]
pub async fn json(
    State(state): State<AppState>,
    raw: Result<Query<RawSearchParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let request = search_request(raw, Format::Json)?;
    export(state, request, Kind::Json).await
}

/// Finds every matching id first (so a failing search is a clean error), then reads the rows
/// from one database snapshot in a blocking task and streams them through an [`Outlet`].
async fn export(state: AppState, request: SearchRequest, kind: Kind) -> Result<Response, AppError> {
    let format = match kind {
        Kind::Csv => Format::Html(request.lang),
        Kind::Json => Format::Json,
    };
    let (data_generation, ids) = matching_ids(&state, &request)
        .await
        .map_err(|err| AppError::internal(format, &err))?;
    let mut query = request.query.clone();
    query.page = 1;
    let query_string = params::query_string(&query, request.lang);
    let (tx, rx) = mpsc::channel::<Bytes>(CHANNEL_CHUNKS);
    let (end_tx, end_rx) = oneshot::channel::<End>();
    tokio::task::spawn_blocking(move || {
        let mut outlet = Outlet::new(tx, end_tx);
        let rows = Rows {
            kind,
            ids,
            data_generation,
            query: &query_string,
            site: &state.site,
        };
        match state
            .store
            .snapshot(|snapshot| rows.write(snapshot, &mut outlet))
        {
            Ok(()) => outlet.finish(),
            Err(err) => outlet.fail(err),
        }
    });
    let stream = body_stream(rx, end_rx);
    let (content_type, disposition) = match kind {
        Kind::Csv => (
            "text/csv; charset=utf-8",
            "attachment; filename=\"atd-atlas-practices.csv\"",
        ),
        Kind::Json => (
            "application/json",
            "inline; filename=\"atd-atlas-practices.json\"",
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static(disposition),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// What one export writes: the matching ids of one index generation, read from one snapshot.
struct Rows<'a> {
    kind: Kind,
    ids: Vec<String>,
    /// The import the ids' index generation was built from.
    data_generation: i64,
    query: &'a str,
    site: &'a super::Site,
}

impl Rows<'_> {
    /// Writes the whole export from `snapshot`: every row comes from the same import, so an
    /// import committed meanwhile never mixes into it or cuts it short.
    fn write(self, snapshot: &Snapshot<'_>, outlet: &mut Outlet) -> anyhow::Result<()> {
        let current = snapshot.release()?.map(|r| r.generation);
        let ids = if current == Some(self.data_generation) {
            self.ids
        } else {
            // The index still lags an import: keep to the rows this snapshot holds, so the
            // count announced and the rows sent agree.
            snapshot.present(self.ids)?
        };
        if self.kind == Kind::Json {
            outlet.push(json_opening(ids.len(), self.query, self.site)?)?;
        }
        let mut first = true;
        for batch in ids.chunks(BATCH) {
            let rows = snapshot.practices_by_ids(batch)?;
            outlet.push(match self.kind {
                Kind::Csv => csv_chunk(&rows, &self.site.public_url, first)?,
                Kind::Json => json_chunk(&rows, first)?,
            })?;
            first = false;
        }
        match self.kind {
            Kind::Csv if first => outlet.push(csv_chunk(&[], &self.site.public_url, true)?),
            Kind::Csv => Ok(()),
            Kind::Json => outlet.push(b"]}".to_vec()),
        }
    }
}

/// The JSON export up to its first row.
fn json_opening(total: usize, query: &str, site: &super::Site) -> anyhow::Result<Vec<u8>> {
    let head = JsonHead {
        total,
        query,
        dataset_version: &site.dataset_version,
        usd_reference_year: REFERENCE_YEAR,
    };
    let mut bytes = serde_json::to_vec(&head)?;
    bytes.pop(); // reopen the object to append the rows
    bytes.extend_from_slice(b",\"rows\":[");
    Ok(bytes)
}

/// Chunks queued for the client in memory, per export.
const CHANNEL_CHUNKS: usize = 4;
/// Bytes per chunk read back from a spilled export.
const SPILL_READ: usize = 64 * 1024;

/// The client stopped reading (closed the connection): the export stops.
#[derive(Debug, thiserror::Error)]
#[error("the client went away")]
struct ClientGone;

/// How the writing of an export ended, sent once its chunks are all queued.
enum End {
    Done,
    /// The rest of the export, in a temporary file positioned at its start.
    Spilled(std::fs::File),
    Failed(io::Error),
}

/// Where an export's bytes go: straight to the client while it keeps up; once it falls
/// behind, into an anonymous temporary file that the response body reads after the
/// database snapshot is closed. So a slow client never holds the database (an import's
/// commit waits only for the reading, not for the download) nor a blocking thread, and
/// memory stays a few chunks per export however large the export or slow the client.
struct Outlet {
    tx: mpsc::Sender<Bytes>,
    end: oneshot::Sender<End>,
    spill: Option<std::fs::File>,
    /// Set when no temporary file could be made: the rows then wait for the client.
    no_spill: bool,
}

impl Outlet {
    fn new(tx: mpsc::Sender<Bytes>, end: oneshot::Sender<End>) -> Outlet {
        Outlet {
            tx,
            end,
            spill: None,
            no_spill: false,
        }
    }

    fn push(&mut self, chunk: Vec<u8>) -> anyhow::Result<()> {
        if self.tx.is_closed() {
            return Err(ClientGone.into());
        }
        if let Some(file) = &mut self.spill {
            file.write_all(&chunk)
                .context("cannot write the export's temporary file")?;
            return Ok(());
        }
        let chunk = Bytes::from(chunk);
        match self.tx.try_send(chunk.clone()) {
            Ok(()) => return Ok(()),
            Err(TrySendError::Closed(_)) => return Err(ClientGone.into()),
            Err(TrySendError::Full(_)) => {}
        }
        if !self.no_spill {
            match tempfile::tempfile() {
                Ok(mut file) => {
                    file.write_all(&chunk)
                        .context("cannot write the export's temporary file")?;
                    self.spill = Some(file);
                    return Ok(());
                }
                Err(err) => {
                    tracing::warn!(
                        "no temporary file for a slow export; it holds the database while the client reads: {err}"
                    );
                    self.no_spill = true;
                }
            }
        }
        self.tx.blocking_send(chunk).map_err(|_| ClientGone.into())
    }

    /// Hands over the spilled rest, if any (the snapshot is closed by now).
    fn finish(self) {
        let end = match self.spill {
            None => End::Done,
            Some(mut file) => match file.seek(SeekFrom::Start(0)) {
                Ok(_) => End::Spilled(file),
                Err(err) => End::Failed(err),
            },
        };
        let _ = self.end.send(end);
    }

    /// Ends the download with an error (the client sees it cut short, never a quiet end).
    fn fail(self, err: anyhow::Error) {
        if err.downcast_ref::<ClientGone>().is_some() {
            return;
        }
        tracing::error!("export failed: {err:#}");
        let _ = self
            .end
            .send(End::Failed(io::Error::other(format!("{err:#}"))));
    }
}

/// The response body: the queued chunks, then the spilled file read at the client's pace
/// (through tokio's file reads, so no thread waits on the client), or the error that cut
/// the export short. A writer that stopped without saying how (a panic) is an error too.
fn body_stream(
    rx: mpsc::Receiver<Bytes>,
    end: oneshot::Receiver<End>,
) -> impl futures_util::Stream<Item = io::Result<Bytes>> + Send + 'static {
    struct Reading {
        rx: mpsc::Receiver<Bytes>,
        end: Option<oneshot::Receiver<End>>,
        file: Option<tokio::fs::File>,
    }
    let start = Reading {
        rx,
        end: Some(end),
        file: None,
    };
    // Fused: the compression layer polls a finished body once more, and an unfold stream
    // panics when polled after its end.
    let chunks = futures_util::stream::unfold(start, |mut reading| async move {
        if let Some(chunk) = reading.rx.recv().await {
            return Some((Ok(chunk), reading));
        }
        if let Some(end) = reading.end.take() {
            match end.await {
                Ok(End::Done) => return None,
                Ok(End::Spilled(file)) => reading.file = Some(tokio::fs::File::from_std(file)),
                Ok(End::Failed(err)) => return Some((Err(err), reading)),
                Err(_) => return Some((Err(io::Error::other("the export stopped")), reading)),
            }
        }
        let file = reading.file.as_mut()?;
        let mut buf = vec![0; SPILL_READ];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), reading))
            }
            Err(err) => {
                reading.file = None;
                Some((Err(err), reading))
            }
        }
    });
    futures_util::StreamExt::fuse(chunks)
}

/// Every id the search matches, in its order, and the import its index generation came from.
async fn matching_ids(
    state: &AppState,
    request: &SearchRequest,
) -> anyhow::Result<(i64, Vec<String>)> {
    let state = state.clone();
    let query = request.query.clone();
    tokio::task::spawn_blocking(move || state.index.all_ids_with_source(&query)).await?
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_triggers_are_neutralised() {
        for (input, want) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\0x", "'\0x"),
            ("  =HYPERLINK(\"http://x\")", "'  =HYPERLINK(\"http://x\")"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("'=already", "''=already"),
            ("plain text", "plain text"),
            ("a=b", "a=b"),
            ("", ""),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(spreadsheet_safe(input), want, "{input:?}");
            assert_eq!(spreadsheet_unsafe(&spreadsheet_safe(input)), input);
        }
    }

    /// Reads a whole export through the response body's stream.
    fn drain(rx: mpsc::Receiver<Bytes>, end: oneshot::Receiver<End>) -> io::Result<Vec<u8>> {
        use futures_util::StreamExt;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut all = Vec::new();
            let mut stream = std::pin::pin!(body_stream(rx, end));
            while let Some(piece) = stream.next().await {
                all.extend_from_slice(&piece?);
            }
            Ok(all)
        })
    }

    #[test]
    fn a_client_that_falls_behind_gets_every_chunk_in_order_from_the_spill() {
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, end_rx) = oneshot::channel();
        let mut outlet = Outlet::new(tx, end_tx);
        let chunks: Vec<Vec<u8>> = (0..40u8)
            .map(|n| vec![n; 10_000 + usize::from(n)])
            .collect();
        for chunk in &chunks {
            outlet.push(chunk.clone()).unwrap();
        }
        assert!(
            outlet.spill.is_some(),
            "nobody read: the rest went to the file"
        );
        // The writer is done before the client reads anything: no thread waits on it.
        outlet.finish();
        assert_eq!(drain(rx, end_rx).unwrap(), chunks.concat());
    }

    #[test]
    fn a_failed_or_vanished_writer_ends_the_body_with_an_error() {
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, end_rx) = oneshot::channel();
        let mut outlet = Outlet::new(tx, end_tx);
        outlet.push(b"id,country\n".to_vec()).unwrap();
        outlet.fail(anyhow::anyhow!("disk gone"));
        assert!(drain(rx, end_rx).is_err());

        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, end_rx) = oneshot::channel();
        drop(Outlet::new(tx, end_tx));
        assert!(drain(rx, end_rx).is_err(), "a panic is not a clean end");
    }

    #[test]
    fn a_client_gone_stops_the_export() {
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        let (end_tx, _end_rx) = oneshot::channel();
        drop(rx);
        let mut outlet = Outlet::new(tx, end_tx);
        let err = outlet.push(b"row".to_vec()).unwrap_err();
        assert!(err.downcast_ref::<ClientGone>().is_some());
    }

    proptest! {
        #[test]
        fn safe_cells_never_start_a_formula_and_round_trip(s in "\\PC*|[ \t\r=+@'-]{0,4}\\PC{0,8}") {
            let safe = spreadsheet_safe(&s);
            let first = safe.chars().next();
            let visible = safe.trim_start().chars().next();
            prop_assert!(!first.is_some_and(is_trigger));
            prop_assert!(!visible.is_some_and(is_trigger));
            prop_assert_eq!(spreadsheet_unsafe(&safe), s.as_str());
        }

        #[test]
        fn csv_cells_round_trip_quotes_commas_and_newlines(cells in proptest::collection::vec("[a-z,\"\n\r ]{0,12}", 1..6)) {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            let safe: Vec<String> = cells.iter().map(|c| spreadsheet_safe(c).into_owned()).collect();
            w.write_record(&safe).unwrap();
            let bytes = w.into_inner().unwrap();
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
            let back: Vec<String> = r.records().next().unwrap().unwrap().iter()
                .map(|c| spreadsheet_unsafe(c).to_string()).collect();
            prop_assert_eq!(back, cells);
        }
    }
}
