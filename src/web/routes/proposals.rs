//! `POST /api/v1/proposals`: a proposal as JSON for partner organisations, under the
//! same rules as the form (the importer's checks, the limits, cross-site refusal); its first
//! address, `POST /api/v1/submissions`, still answers and is marked deprecated.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Extension;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::model::Lang;
use crate::proposals::{
    Desk, Draft, ErrorKind, FieldError, Reason, TEXT_LANG, Warning, for_one_line,
};
use crate::web::error::AppError;
use crate::web::proposal_intake::{
    Outcome, client, cross_site, forbidden, proposal_body, status_path,
};
use crate::web::rate_limit::ClientAddr;
use crate::web::state::AppState;
use crate::web::wire::{
    ErrorWire, ProposalProblem, ProposalProblems, ProposalReceipt, ProposalRequest,
};

#[utoipa::path(
    post,
    path = "/api/v1/proposals",
    tag = "proposals",
    request_body = ProposalRequest,
    responses(
        (status = 201, description = "Received; pending until a moderator acts", body = ProposalReceipt),
        (status = 400, description = "The body is not a JSON proposal", body = ErrorWire),
        (status = 403, description = "A cross-site browser request", body = ErrorWire),
        (status = 413, description = "Larger than 64 KiB", body = ErrorWire),
        (status = 415, description = "Not sent as application/json", body = ErrorWire),
        (status = 422, description = "Every problem with the proposal, by field", body = ProposalProblems)
    )
)]
pub async fn api_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    found: Option<Extension<ClientAddr>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    if cross_site(&headers, &state.site.public_url) {
        return Err(forbidden());
    }
    // JSON only when it says so: a form or text/plain post (which a browser may send
    // cross-site without asking) is not read as a proposal.
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| {
            let media = media.trim().to_ascii_lowercase();
            media == "application/json" || media.ends_with("+json")
        });
    if !json {
        return Err(AppError::new(
            axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "error-json-only",
        ));
    }
    let body = proposal_body(body)?;
    let request: ProposalRequest = serde_json::from_slice(&body)
        .map_err(|err| AppError::bad_request("error-not-a-proposal", err))?;
    let (draft, errors) = draft_from_json(request);
    let Some(facts) = state.sheet_facts(draft.practice.clone()).await else {
        return Err(unavailable());
    };
    let outcome = state
        .receive_proposal(
            draft,
            errors,
            &facts,
            client(found.as_ref(), peer.as_ref()),
            Lang::En,
        )
        .await;
    match outcome {
        Outcome::Stored {
            reference,
            token,
            checked,
        } => {
            let status_url = format!(
                "{}{}?lang={}",
                state.site.public_url.trim_end_matches('/'),
                status_path(&reference, &token),
                Lang::En.code()
            );
            let receipt = ProposalReceipt {
                status_url,
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
            Ok((StatusCode::CREATED, Json(receipt)).into_response())
        }
        Outcome::Invalid(errors) => {
            let errors = errors
                .into_iter()
                .map(|e| ProposalProblem {
                    field: e.column,
                    message: e.detail,
                })
                .collect();
            let problems = Json(ProposalProblems { errors });
            Ok((StatusCode::UNPROCESSABLE_ENTITY, problems).into_response())
        }
        Outcome::TooMany(wait) => Err(AppError::refused(
            StatusCode::TOO_MANY_REQUESTS,
            "error-too-many-proposals",
            wait,
        )),
        Outcome::Full => Err(AppError::refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "error-moderation-queue-full",
            Duration::from_secs(3600),
        )),
        Outcome::NotSaved | Outcome::Closed(Desk::Unavailable) => Err(unavailable()),
        Outcome::Closed(_) => Err(AppError::refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "error-read-only-mirror",
            Duration::from_secs(86_400),
        )),
    }
}

// The endpoint's first address, answered exactly as `api_submit`; the OpenAPI document marks
// it deprecated (from the `#[deprecated]` below) so partners move to the new one. (A `///`
// comment here would become the operation's description.)
#[utoipa::path(
    post,
    path = "/api/v1/submissions",
    tag = "proposals",
    request_body = ProposalRequest,
    responses(
        (status = 201, description = "Received; pending until a moderator acts", body = ProposalReceipt),
        (status = 400, description = "The body is not a JSON proposal", body = ErrorWire),
        (status = 403, description = "A cross-site browser request", body = ErrorWire),
        (status = 413, description = "Larger than 64 KiB", body = ErrorWire),
        (status = 415, description = "Not sent as application/json", body = ErrorWire),
        (status = 422, description = "Every problem with the proposal, by field", body = ProposalProblems)
    )
)]
#[deprecated = "the first address of `POST /api/v1/proposals`"]
pub async fn api_submit_old_address(
    state: State<AppState>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    found: Option<Extension<ClientAddr>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    api_submit(state, headers, peer, found, body).await
}

/// Proposals cannot be received now (the practices file or the proposals store failed).
fn unavailable() -> AppError {
    AppError::refused(
        StatusCode::SERVICE_UNAVAILABLE,
        "error-proposals-unavailable",
        Duration::from_secs(60),
    )
}

/// The JSON fields as the form would send them: numbers as typed, lists joined with `;`.
fn draft_from_json(request: ProposalRequest) -> (Draft, Vec<FieldError>) {
    let mut draft = Draft {
        practice: request.practice.filter(|p| !p.is_empty()),
        submitter: request.submitter.unwrap_or_default(),
        email: request.email.unwrap_or_default(),
        why: request.why.unwrap_or_default(),
        why_source: request.why_source.unwrap_or_default(),
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
                kind: ErrorKind::Invalid(Reason::Other),
                detail: "must be a string, a number or an array of strings".into(),
            }),
        }
    }
    // Said apart from the cells, it is one of them: the language the record's text is in.
    match request.text_lang.as_deref().map(str::trim) {
        None => {}
        Some(code) if Lang::from_code(code).is_some() => draft.push(TEXT_LANG, code),
        Some(other) => errors.push(FieldError {
            column: TEXT_LANG.into(),
            kind: ErrorKind::Invalid(Reason::Other),
            detail: format!(
                "'{}' is not a language of the atlas; write en, es or fr, the one the \
                 proposal's text is written in (left out: English for a new practice, the \
                 record's own for a correction)",
                for_one_line(other)
            ),
        }),
    }
    (draft, errors)
}
