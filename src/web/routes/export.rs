//! Exports of a search: every matching row, streamed, as spreadsheet-safe CSV or raw JSON.
//!
//! `/practices.csv?…` and `/practices.json?…` take the search page's parameters and return
//! all matching rows in the search's order (paging is ignored). The CSV is for spreadsheets:
//! UTF-8 with a BOM, dot decimals, and text cells that a spreadsheet would run as a formula
//! neutralised with a leading `'` (OWASP CSV injection). The JSON carries the raw values.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::model::Lang;
use crate::store::Snapshot;
use crate::web::error::AppError;
use crate::web::params::{RawSearchParams, SearchRequest};
use crate::web::request::{RawSearch, search_request};
use crate::web::state::{AppState, Site};
use crate::web::stream::{self, Outlet};
use crate::web::urls;
use crate::web::wire::{ErrorWire, ExportWire, csv_chunk, json_chunk};

/// Rows loaded from the store per chunk sent to the client.
const BATCH: usize = 50;

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
pub async fn csv(State(state): State<AppState>, raw: RawSearch) -> Result<Response, AppError> {
    let request = search_request(raw, &state.reference)?;
    export(state, request, Kind::Csv).await
}

/// Every practice matching a search, as JSON with raw values.
#[utoipa::path(
    get,
    path = "/practices.json",
    tag = "practices",
    params(RawSearchParams),
    responses(
        (status = 200, description = "All matching rows (paging ignored)", body = ExportWire),
        (status = 400, description = "The query string could not be decoded", body = ErrorWire)
    )
)]
pub async fn json(State(state): State<AppState>, raw: RawSearch) -> Result<Response, AppError> {
    let request = search_request(raw, &state.reference)?;
    export(state, request, Kind::Json).await
}

/// Finds every matching id first (so a failing search is a clean error), then reads the rows
/// from one database snapshot in a blocking task and streams them (see [`stream`]).
async fn export(state: AppState, request: SearchRequest, kind: Kind) -> Result<Response, AppError> {
    let (data_generation, ids) = state.matching_ids(&request.query).await?;
    let mut query = request.query.clone();
    query.page = 1;
    let rows = Rows {
        kind,
        ids,
        data_generation,
        query: urls::query_string(&query, request.lang),
        site: state.site.clone(),
        lang: request.lang,
    };
    let body = stream::from_blocking(move |outlet| {
        state
            .store
            .snapshot(|snapshot| rows.write(snapshot, outlet))
    });
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
        body,
    )
        .into_response())
}

/// What one export writes: the matching ids of one index generation, read from one snapshot.
struct Rows {
    kind: Kind,
    ids: Vec<String>,
    /// The import the ids' index generation was built from.
    data_generation: i64,
    /// The search, as a query string.
    query: String,
    site: Arc<Site>,
    /// The language asked for: its translations go with each row.
    lang: Lang,
}

impl Rows {
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
        let base_url = &self.site.public_url;
        if self.kind == Kind::Json {
            outlet.push(ExportWire::opening(
                ids.len(),
                &self.query,
                &self.site.dataset_version,
            )?)?;
        }
        let mut first = true;
        for batch in ids.chunks(BATCH) {
            let rows = snapshot.practices_by_ids(batch)?;
            outlet.push(match self.kind {
                Kind::Csv => csv_chunk(&rows, base_url, first, self.lang)?,
                Kind::Json => json_chunk(&rows, first, self.lang)?,
            })?;
            first = false;
        }
        match self.kind {
            Kind::Csv if first => outlet.push(csv_chunk(&[], base_url, true, self.lang)?),
            Kind::Csv => Ok(()),
            Kind::Json => outlet.push(b"]}".to_vec()),
        }
    }
}
