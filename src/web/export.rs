//! Exports of a search: every matching row, streamed, as spreadsheet-safe CSV or raw JSON.
//!
//! `/practices.csv?…` and `/practices.json?…` take the search page's parameters and return
//! all matching rows in the search's order (paging is ignored). The CSV is for spreadsheets:
//! UTF-8 with a BOM, dot decimals, and text cells that a spreadsheet would run as a formula
//! neutralised with a leading `'` (OWASP CSV injection). The JSON carries the raw values.

use std::borrow::Cow;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::{Query, QueryRejection};
use serde::Serialize;
use tokio::sync::mpsc;

use super::AppState;
use super::api::PracticeWire;
use super::error::{AppError, Format};
use super::pages::{page_lang, search_request};
use super::params::{self, RawSearchParams, SearchRequest};
use crate::model::{Practice, REFERENCE_YEAR};

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
        name: "detention_cost_per_day",
        numeric: true,
        value: |p, _| num(p.cost.detention_per_day),
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
        name: "url",
        numeric: false,
        value: |p, base| format!("{base}/practices/{}", p.id),
    },
];

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

/// Finds every matching id first (so a failing search is a clean error), then streams the
/// rows in batches from a blocking task; a client that goes away stops the task.
async fn export(state: AppState, request: SearchRequest, kind: Kind) -> Result<Response, AppError> {
    let format = match kind {
        Kind::Csv => Format::Html(request.lang),
        Kind::Json => Format::Json,
    };
    let ids = matching_ids(&state, &request)
        .await
        .map_err(|err| AppError::internal(format, &err))?;
    let mut query = request.query.clone();
    query.page = 1;
    let query_string = params::query_string(&query, request.lang);
    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        let send = |chunk: anyhow::Result<Vec<u8>>| {
            let item = chunk.map(Bytes::from).map_err(std::io::Error::other);
            tx.blocking_send(item).is_ok()
        };
        if kind == Kind::Json {
            let head = JsonHead {
                total: ids.len(),
                query: &query_string,
                dataset_version: &state.site.dataset_version,
                usd_reference_year: REFERENCE_YEAR,
            };
            let opening = serde_json::to_vec(&head).map(|mut v| {
                v.pop(); // reopen the object to append the rows
                v.extend_from_slice(b",\"rows\":[");
                v
            });
            if !send(opening.map_err(Into::into)) {
                return;
            }
        }
        let mut first = true;
        for batch in ids.chunks(BATCH) {
            let chunk = state
                .store
                .practices_by_ids(batch)
                .and_then(|rows| match kind {
                    Kind::Csv => csv_chunk(&rows, &state.site.public_url, first),
                    Kind::Json => json_chunk(&rows, first),
                });
            let failed = chunk.is_err();
            if !send(chunk) || failed {
                return;
            }
            first = false;
        }
        let closing = match kind {
            Kind::Csv if first => csv_chunk(&[], &state.site.public_url, true),
            Kind::Csv => return,
            Kind::Json => Ok(b"]}".to_vec()),
        };
        send(closing);
    });
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
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

/// Every id the search matches, in its order.
async fn matching_ids(state: &AppState, request: &SearchRequest) -> anyhow::Result<Vec<String>> {
    let state = state.clone();
    let query = request.query.clone();
    tokio::task::spawn_blocking(move || {
        let limit = state.index.generation().info.practices as usize;
        state.index.all_ids(&query, limit.max(1))
    })
    .await?
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
