//! Proposals from the field: `/contribute` (the form, a correction prefilled with
//! `?practice=`), `/contribute/received` (the receipt) and `POST /api/v1/submissions` (the
//! same rules as JSON, for partner organisations). Cross-site posts are refused, each address
//! may send a few per hour, and the pending queue is capped; the published data never changes
//! here — a moderator accepts from the command line.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{AppError, Format};
use super::guard::{RateLimiter, client_key};
use super::pages::page_lang;
use super::{AppState, views};
use crate::config::Limits;
use crate::model::{Lang, PracticeId};
use crate::store::submissions::{NewSubmission, PendingCaps, SubmissionStore};
use crate::submissions::{self, Checked, Draft, ErrorKind, FieldError, Warning, sheet};
use views::{ContributeView, Desk};

/// The largest proposal read, whatever the server-wide body limit (413 beyond).
pub const MAX_SUBMISSION_BYTES: usize = 64 * 1024;

/// Buckets of the per-address submission limit kept at most (memory stays bounded).
const MAX_TRACKED_SUBMITTERS: usize = 16_384;

/// The submissions side of the site: where proposals go and how many may come.
pub struct Contributions {
    desk: Store,
    limiter: RateLimiter,
    caps: PendingCaps,
    practices_csv: PathBuf,
}

enum Store {
    Off,
    Unavailable,
    Open(Arc<SubmissionStore>),
}

impl Contributions {
    /// A read-only mirror: `/contribute` explains how to contribute another way.
    pub fn off(practices_csv: PathBuf) -> Contributions {
        Contributions::with_store(Store::Off, practices_csv, &Limits::default())
    }

    /// Opens (creating if needed) the submissions database. A missing folder, an unwritable
    /// or damaged file never stops the site: `/contribute` then says proposals cannot be
    /// received, and everything else works.
    pub fn open(db: &Path, practices_csv: PathBuf, limits: &Limits) -> Contributions {
        let store = match SubmissionStore::open(db) {
            Ok(store) => Store::Open(Arc::new(store)),
            Err(err) => {
                tracing::warn!("proposals cannot be received: {err:#}");
                Store::Unavailable
            }
        };
        Contributions::with_store(store, practices_csv, limits)
    }

    fn with_store(desk: Store, practices_csv: PathBuf, limits: &Limits) -> Contributions {
        let per_hour = f64::from(limits.submissions_per_hour.max(1));
        Contributions {
            desk,
            limiter: RateLimiter::new(per_hour / 3600.0, per_hour, MAX_TRACKED_SUBMITTERS),
            caps: PendingCaps {
                per_client: limits.max_pending_per_client.max(1),
                total: limits.max_pending.max(1),
            },
            practices_csv,
        }
    }

    fn desk(&self) -> Desk {
        match self.desk {
            Store::Off => Desk::Off,
            Store::Unavailable => Desk::Unavailable,
            Store::Open(_) => Desk::Open,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct FormQuery {
    practice: Option<String>,
}

/// `GET /contribute`: the empty form, or a correction's form prefilled with the record.
pub async fn form(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<FormQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
    let practice = query
        .ok()
        .and_then(|Query(q)| q.practice)
        .filter(|p| !p.is_empty());
    let (facts, desk) = match read_facts(&state, practice.clone()).await {
        Some(facts) => (facts, state.contributions.desk()),
        None => (sheet::SheetFacts::default(), Desk::Unavailable),
    };
    let mut draft = Draft {
        practice: practice.clone(),
        ..Draft::default()
    };
    let mut correcting = None;
    if let Some(id) = practice.as_ref().filter(|_| desk != Desk::Unavailable) {
        let Some(row) = &facts.row else {
            return Err(AppError::not_found(
                Format::Html(lang),
                "There is no practice with this address.",
            ));
        };
        for (column, value) in row {
            draft.push(column, value);
        }
        correcting = Some(draft.value("programme").to_string());
        tracing::debug!(practice = %id, "correction form");
    }
    let status = closed_status(desk);
    Ok(form_page(
        &state,
        lang,
        &facts,
        &draft,
        &[],
        correcting.as_deref(),
        desk,
        status,
    ))
}

fn closed_status(desk: Desk) -> StatusCode {
    match desk {
        Desk::Unavailable | Desk::SaveFailed | Desk::Full => StatusCode::SERVICE_UNAVAILABLE,
        Desk::TooMany => StatusCode::TOO_MANY_REQUESTS,
        Desk::Open | Desk::Off => StatusCode::OK,
    }
}

#[allow(clippy::too_many_arguments)]
fn form_page(
    state: &AppState,
    lang: Lang,
    facts: &sheet::SheetFacts,
    draft: &Draft,
    errors: &[FieldError],
    correcting: Option<&str>,
    desk: Desk,
    status: StatusCode,
) -> Response {
    let markup = views::contribute_page(&ContributeView {
        lang,
        reference: &state.reference,
        columns: &facts.header,
        draft,
        errors,
        correcting,
        desk,
    });
    let mut response = (status, markup).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::TOO_MANY_REQUESTS {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    response
}

/// The practices file's header and ids (and one record), read off the executor; `None`
/// (logged) when the file cannot be read, so proposals are then not taken.
async fn read_facts(state: &AppState, practice: Option<String>) -> Option<sheet::SheetFacts> {
    let csv = state.contributions.practices_csv.clone();
    let read = tokio::task::spawn_blocking(move || {
        let bytes =
            std::fs::read(&csv).with_context(|| format!("cannot read {}", csv.display()))?;
        sheet::read_facts(&bytes, practice.as_deref())
    })
    .await;
    match read {
        Ok(Ok(facts)) => Some(facts),
        Ok(Err(err)) => {
            tracing::warn!("proposals cannot be checked: {err:#}");
            None
        }
        Err(err) => {
            tracing::warn!("proposals cannot be checked: {err}");
            None
        }
    }
}

/// Cross-site posts are refused: a browser says where a form came from (`Sec-Fetch-Site`,
/// else `Origin`); a request without either (a script, a partner's server) is not a browser
/// being tricked. There are no cookies, so this is the whole CSRF defence.
fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let origin_host = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/');
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

/// The address a client is limited by (tests through the router have none: one client).
fn client(peer: Option<&Extension<ConnectInfo<SocketAddr>>>) -> IpAddr {
    peer.map_or(
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        |Extension(ConnectInfo(addr))| client_key(addr.ip()),
    )
}

/// The form body: `column=value` pairs. A value that is not UTF-8 is kept (lossily, so the
/// person sees it again) and reported beside its field.
fn parse_form(body: &[u8]) -> (Draft, String, Vec<FieldError>) {
    let mut draft = Draft::default();
    let mut honeypot = String::new();
    let mut errors = Vec::new();
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let name = decode(name).unwrap_or_default();
        let value = match decode(value) {
            Ok(value) => value,
            Err(lossy) => {
                errors.push(FieldError {
                    column: name.clone(),
                    kind: ErrorKind::Invalid,
                    detail: "is not valid text (UTF-8); retype it".into(),
                });
                lossy
            }
        };
        match name.as_str() {
            "practice" => draft.practice = Some(value).filter(|v| !v.is_empty()),
            "submitter" => draft.submitter = value,
            "email" => draft.email = value,
            "lang" => {}
            views::HONEYPOT => honeypot = value,
            column => draft.push(column, &value),
        }
    }
    // An unticked box sends nothing: a list with no box ticked is an empty list, not "as before".
    for column in submissions::LIST_COLUMNS {
        if draft.fields.iter().all(|(c, _)| c != column) {
            draft.push(column, "");
        }
    }
    (draft, honeypot, errors)
}

/// Percent-decoding with `+` as space; `Err` holds the lossy text when it is not UTF-8.
fn decode(raw: &[u8]) -> Result<String, String> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
    String::from_utf8(bytes).map_err(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// What became of a proposal.
enum Outcome {
    Stored(String, Checked),
    Invalid(Vec<FieldError>),
    TooMany(Duration),
    Full,
    NotSaved,
    Closed(Desk),
}

/// Checks and stores a draft: the one path of the form and the JSON endpoint.
async fn receive(
    state: &AppState,
    draft: Draft,
    mut errors: Vec<FieldError>,
    facts: &sheet::SheetFacts,
    client: IpAddr,
    lang: Lang,
) -> Outcome {
    let contributions = &state.contributions;
    let Store::Open(store) = &contributions.desk else {
        return Outcome::Closed(contributions.desk());
    };
    let checked = match submissions::check(&draft, facts, &state.reference) {
        Ok(checked) if errors.is_empty() => checked,
        Ok(_) => return Outcome::Invalid(errors),
        Err(more) => {
            errors.extend(more);
            return Outcome::Invalid(errors);
        }
    };
    // Only valid proposals count: a person fixing mistakes is not held back.
    if let Err(wait) = contributions.limiter.take(client, Instant::now()) {
        return Outcome::TooMany(wait);
    }
    let new = NewSubmission {
        kind: checked.kind,
        practice_id: checked.practice_id.clone(),
        cells: checked.cells.clone(),
        submitter: draft.submitter.trim().to_string(),
        email: draft.email.trim().to_string(),
        client: client.to_string(),
        lang: lang.code().to_string(),
        warnings: checked.warnings.iter().map(Warning::describe).collect(),
    };
    let store = store.clone();
    let caps = contributions.caps;
    let saved = tokio::task::spawn_blocking(move || store.submit(&new, caps)).await;
    match saved {
        Ok(Ok(Ok(reference))) => {
            tracing::info!(%reference, kind = checked.kind.as_str(), "proposal received");
            Outcome::Stored(reference, checked)
        }
        Ok(Ok(Err(_full))) => Outcome::Full,
        Ok(Err(err)) => {
            // The cause (a full disk, say), never the proposal's content.
            tracing::error!("a proposal could not be saved: {err:#}");
            Outcome::NotSaved
        }
        Err(err) => {
            tracing::error!("a proposal could not be saved: {err}");
            Outcome::NotSaved
        }
    }
}

/// `POST /contribute`: the receipt (303 to it), or the form again with every typed value.
pub async fn submit(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    body: Bytes,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
    let format = Format::Html(lang);
    if cross_site(&headers) {
        return Err(forbidden(format));
    }
    if body.len() > MAX_SUBMISSION_BYTES {
        return Err(too_large(format));
    }
    let (draft, honeypot, errors) = parse_form(&body);
    if !honeypot.is_empty() {
        tracing::info!("a proposal filled the honeypot field; not stored");
        return Ok(
            Redirect::to(&format!("/contribute/received?lang={}", lang.code())).into_response(),
        );
    }
    let Some(facts) = read_facts(&state, draft.practice.clone()).await else {
        let facts = sheet::SheetFacts::default();
        let desk = match state.contributions.desk() {
            Desk::Open => Desk::SaveFailed,
            closed => closed,
        };
        let status = closed_status(desk);
        return Ok(form_page(
            &state,
            lang,
            &facts,
            &draft,
            &[],
            None,
            desk,
            status,
        ));
    };
    let correcting = facts
        .row
        .as_ref()
        .and_then(|row| row.iter().find(|(c, _)| c == "programme"))
        .map(|(_, v)| v.clone());
    let outcome = receive(
        &state,
        draft.clone(),
        errors,
        &facts,
        client(peer.as_ref()),
        lang,
    )
    .await;
    let page = |errors: &[FieldError], desk: Desk, status: StatusCode| {
        form_page(
            &state,
            lang,
            &facts,
            &draft,
            errors,
            correcting.as_deref(),
            desk,
            status,
        )
    };
    Ok(match outcome {
        Outcome::Stored(reference, checked) => {
            let mut to = format!("/contribute/received?ref={reference}&lang={}", lang.code());
            if let Some(Warning::SameName(id)) = checked.warnings.first() {
                to.push_str(&format!("&same={}", super::params::encode(id)));
            }
            Redirect::to(&to).into_response()
        }
        Outcome::Invalid(errors) => page(&errors, Desk::Open, StatusCode::UNPROCESSABLE_ENTITY),
        Outcome::TooMany(wait) => {
            let mut response = page(&[], Desk::TooMany, StatusCode::TOO_MANY_REQUESTS);
            set_retry_after(&mut response, wait);
            response
        }
        Outcome::Full => {
            let mut response = page(&[], Desk::Full, StatusCode::SERVICE_UNAVAILABLE);
            set_retry_after(&mut response, Duration::from_secs(3600));
            response
        }
        Outcome::NotSaved => page(&[], Desk::SaveFailed, StatusCode::SERVICE_UNAVAILABLE),
        Outcome::Closed(desk) => page(&[], desk, closed_status(desk)),
    })
}

fn set_retry_after(response: &mut Response, wait: Duration) {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if let Ok(value) = HeaderValue::from_str(&secs.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

fn forbidden(format: Format) -> AppError {
    AppError {
        status: StatusCode::FORBIDDEN,
        title: "Forbidden",
        message: "Proposals are accepted only from this site's own form.".into(),
        format,
    }
}

fn too_large(format: Format) -> AppError {
    AppError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        title: "Too large",
        message: "This proposal is too large. Shorten the longest fields and send it again.".into(),
        format,
    }
}

#[derive(Debug, Deserialize)]
pub struct ReceiptQuery {
    #[serde(rename = "ref")]
    reference: Option<String>,
    same: Option<String>,
}

/// `GET /contribute/received`: the reference and what happens next.
pub async fn received(
    uri: Uri,
    headers: HeaderMap,
    query: Result<Query<ReceiptQuery>, QueryRejection>,
) -> Response {
    let lang = page_lang(&uri, &headers);
    let query = query.ok().map(|Query(q)| q);
    let reference = query
        .as_ref()
        .and_then(|q| q.reference.as_deref())
        .filter(|r| is_reference(r));
    let same = query
        .as_ref()
        .and_then(|q| q.same.as_deref())
        .filter(|id| PracticeId::parse(id).is_some());
    views::receipt_page(&views::Receipt {
        lang,
        reference,
        same_as: same,
    })
    .into_response()
}

/// `S-2026-0007`.
fn is_reference(text: &str) -> bool {
    let mut parts = text.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("S"), Some(year), Some(number), None)
            if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())
                && (4..=9).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
    )
}

/// A proposal as JSON: a new practice, or a correction of `practice`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRequest {
    /// The id of the practice to correct; absent for a new practice.
    pub practice: Option<String>,
    /// Cells by CSV column name (`iso2`, `programme`, `kind`, …, `source_url`). Lists
    /// (`populations`, `atd_types`, `cap_stages`) as arrays of vocabulary keys or `;`-joined.
    #[schema(value_type = Object)]
    pub fields: BTreeMap<String, serde_json::Value>,
    /// Who proposes it (kept for the moderators only).
    pub submitter: Option<String>,
    /// A contact email (kept for the moderators only; never published or returned).
    pub email: Option<String>,
}

/// A proposal received: pending until a moderator accepts or rejects it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionReceipt {
    /// The reference to quote, e.g. `S-2026-0007`.
    pub reference: String,
    pub status: &'static str,
    /// `new` or `correction`.
    pub kind: &'static str,
    /// The practice's id (made from country and name for a new practice).
    pub practice_id: String,
    /// The columns the proposal fills in or changes.
    pub changed: Vec<String>,
    /// Points for the moderators that are no reason to refuse (a likely duplicate).
    pub warnings: Vec<String>,
}

/// Why a proposal was refused: every problem, by column.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionProblems {
    pub errors: Vec<SubmissionProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubmissionProblem {
    /// The column (or `practice`, `submitter`, `email`); empty for the whole proposal.
    pub field: String,
    pub message: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/submissions",
    tag = "submissions",
    request_body = SubmissionRequest,
    responses(
        (status = 201, description = "Received; pending until a moderator acts", body = SubmissionReceipt),
        (status = 400, description = "The body is not a JSON proposal", body = super::openapi::ErrorWire),
        (status = 403, description = "A cross-site browser request", body = super::openapi::ErrorWire),
        (status = 413, description = "Larger than 64 KiB", body = super::openapi::ErrorWire),
        (status = 422, description = "Every problem with the proposal, by field", body = SubmissionProblems)
    )
)]
pub async fn api_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    body: Bytes,
) -> Result<Response, AppError> {
    if cross_site(&headers) {
        return Err(forbidden(Format::Json));
    }
    if body.len() > MAX_SUBMISSION_BYTES {
        return Err(too_large(Format::Json));
    }
    let request: SubmissionRequest = serde_json::from_slice(&body).map_err(|err| {
        AppError::bad_request(Format::Json, format!("The body is not a proposal: {err}"))
    })?;
    let (draft, errors) = draft_from_json(request);
    let Some(facts) = read_facts(&state, draft.practice.clone()).await else {
        let mut response = AppError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            title: "Unavailable",
            message: "Proposals cannot be received right now; try again later.".into(),
            format: Format::Json,
        }
        .into_response();
        set_retry_after(&mut response, Duration::from_secs(60));
        return Ok(response);
    };
    let outcome = receive(
        &state,
        draft,
        errors,
        &facts,
        client(peer.as_ref()),
        Lang::En,
    )
    .await;
    let refuse = |status: StatusCode, message: &str, wait: Option<Duration>| {
        let mut response = AppError {
            status,
            title: if status == StatusCode::TOO_MANY_REQUESTS {
                "Too many requests"
            } else {
                "Unavailable"
            },
            message: message.to_string(),
            format: Format::Json,
        }
        .into_response();
        if let Some(wait) = wait {
            set_retry_after(&mut response, wait);
        }
        response
    };
    Ok(match outcome {
        Outcome::Stored(reference, checked) => {
            let receipt = SubmissionReceipt {
                reference,
                status: "pending",
                kind: checked.kind.as_str(),
                practice_id: checked.practice_id.clone(),
                changed: checked
                    .changed_columns()
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
                warnings: checked.warnings.iter().map(Warning::describe).collect(),
            };
            (StatusCode::CREATED, Json(receipt)).into_response()
        }
        Outcome::Invalid(errors) => {
            let errors = errors
                .into_iter()
                .map(|e| SubmissionProblem {
                    field: e.column,
                    message: e.detail,
                })
                .collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(SubmissionProblems { errors }),
            )
                .into_response()
        }
        Outcome::TooMany(wait) => refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many proposals from this address; try again later.",
            Some(wait),
        ),
        Outcome::Full => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many proposals are waiting for a moderator; try again later.",
            Some(Duration::from_secs(3600)),
        ),
        Outcome::NotSaved | Outcome::Closed(Desk::Unavailable) => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "Proposals cannot be received right now; try again later.",
            Some(Duration::from_secs(60)),
        ),
        Outcome::Closed(_) => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "This site is a read-only mirror and takes no proposals.",
            Some(Duration::from_secs(86_400)),
        ),
    })
}

/// The JSON fields as the form would send them: numbers as typed, lists joined with `;`.
fn draft_from_json(request: SubmissionRequest) -> (Draft, Vec<FieldError>) {
    let mut draft = Draft {
        practice: request.practice.filter(|p| !p.is_empty()),
        submitter: request.submitter.unwrap_or_default(),
        email: request.email.unwrap_or_default(),
        ..Draft::default()
    };
    let mut errors = Vec::new();
    for (column, value) in request.fields {
        let text = match value {
            serde_json::Value::Null => Some(String::new()),
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(|items| items.join(";")),
            _ => None,
        };
        match text {
            Some(text) => draft.push(&column, &text),
            None => errors.push(FieldError {
                column,
                kind: ErrorKind::Invalid,
                detail: "must be a string, a number or an array of strings".into(),
            }),
        }
    }
    (draft, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_same_origin_browser_posts_pass() {
        assert!(!cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!cross_site(&headers(&[
            ("origin", "http://atlas.example"),
            ("host", "atlas.example")
        ])));
        assert!(cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "atlas.example")
        ])));
        assert!(cross_site(&headers(&[("origin", "null"), ("host", "a")])));
        assert!(
            !cross_site(&headers(&[])),
            "a script or server, not a browser"
        );
    }

    #[test]
    fn form_bodies_decode_lists_and_report_bytes_that_are_not_text() {
        let (draft, honeypot, errors) =
            parse_form(b"programme=Casa+%C3%81gape&populations=children&populations=families&summary=%FF%FE&website=");
        assert_eq!(draft.value("programme"), "Casa Ágape");
        assert_eq!(draft.value("populations"), "children;families");
        assert_eq!(honeypot, "");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].column, "summary");
        assert!(
            !draft.value("summary").is_empty(),
            "kept for the person to see"
        );
    }

    #[test]
    fn references_have_one_shape() {
        assert!(is_reference("S-2026-0007"));
        assert!(!is_reference("S-2026-7"));
        assert!(!is_reference("<script>"));
        assert!(!is_reference("S-2026-0007-x"));
    }
}
