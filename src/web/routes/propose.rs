//! `GET /propose` (the form; `?practice=` prefills a correction from practices.csv),
//! `POST /propose` (303 to the receipt, or the form again with every typed value and the
//! errors beside their fields) and `GET /propose/received` (the reference and what next).

use std::net::SocketAddr;
use std::time::Duration;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::changes;
use crate::model::{Lang, PracticeId};
use crate::proposals::{
    Desk, Draft, ErrorKind, FieldError, Reason, Warning, decoy_reference, sheet,
};
use crate::store::proposals::{ProposalKind, Status};
use crate::web::error::{AppError, set_retry_after};
use crate::web::proposal_intake::{
    Outcome, client, cross_site, forbidden, proposal_body, status_path,
};
use crate::web::rate_limit::ClientAddr;
use crate::web::request::PageLang;
use crate::web::state::AppState;
use crate::web::views::{self, ProposeView};

#[derive(Debug, Deserialize)]
pub struct FormQuery {
    practice: Option<String>,
}

/// `GET /propose`: the empty form, or a correction's form prefilled with the record.
pub async fn form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    query: Result<Query<FormQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let practice = query
        .ok()
        .and_then(|Query(q)| q.practice)
        .filter(|p| !p.is_empty());
    let (facts, desk) = match state.sheet_facts(practice.clone()).await {
        Some(facts) => (facts, state.proposals.desk()),
        None => (sheet::SheetFacts::default(), Desk::Unavailable),
    };
    let mut draft = Draft {
        practice: practice.clone(),
        ..Draft::default()
    };
    let mut correcting = None;
    if let Some(id) = practice.as_ref().filter(|_| desk != Desk::Unavailable) {
        let Some(row) = &facts.row else {
            return Err(AppError::no_practice());
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
    let markup = views::propose_page(&ProposeView {
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
        set_retry_after(response.headers_mut(), Duration::from_secs(60));
    }
    response
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
                    kind: ErrorKind::Invalid(Reason::Other),
                    detail: "is not valid text (UTF-8); retype it".into(),
                });
                lossy
            }
        };
        match name.as_str() {
            "practice" => draft.practice = Some(value).filter(|v| !v.is_empty()),
            "submitter" => draft.submitter = value,
            "email" => draft.email = value,
            "why" => draft.why = value,
            "why_source" => draft.why_source = value,
            "lang" => {}
            // Any filled copy counts (`website=x&website=` is still a bot).
            views::HONEYPOT if !value.is_empty() => honeypot = value,
            views::HONEYPOT => {}
            column => draft.push(column, &value),
        }
    }
    // The form sends an empty value for each list besides its ticked boxes, so a list with no
    // box ticked arrives as empty; a post without the list at all (not from the form) leaves a
    // correction's list as it is rather than emptying it.
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

/// `POST /propose`: the receipt (303 to it), or the form again with every typed value.
pub async fn submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    found: Option<Extension<ClientAddr>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    if cross_site(&headers, &state.site.public_url) {
        return Err(forbidden());
    }
    let body = proposal_body(body)?;
    let (draft, honeypot, errors) = parse_form(&body);
    if !honeypot.is_empty() {
        tracing::info!("a proposal filled the honeypot field; not stored");
        // The same redirect a stored proposal gets, reference and all: a bot cannot tell.
        let to = format!(
            "/propose/received?ref={}&token={}&lang={}",
            decoy_reference(),
            crate::store::proposals::new_status_token().unwrap_or_default(),
            lang.code()
        );
        return Ok(Redirect::to(&to).into_response());
    }
    let Some(facts) = state.sheet_facts(draft.practice.clone()).await else {
        let facts = sheet::SheetFacts::default();
        let desk = match state.proposals.desk() {
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
    let outcome = state
        .receive_proposal(
            draft.clone(),
            errors,
            &facts,
            client(found.as_ref(), peer.as_ref()),
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
        Outcome::Stored {
            reference,
            token,
            checked,
        } => {
            let mut to = format!(
                "/propose/received?ref={reference}&token={token}&lang={}",
                lang.code()
            );
            let same: Vec<&str> = checked.warnings.iter().map(Warning::duplicate_of).collect();
            if !same.is_empty() {
                to.push_str(&format!(
                    "&same={}",
                    crate::web::urls::encode(&same.join(","))
                ));
            }
            Redirect::to(&to).into_response()
        }
        Outcome::Invalid(errors) => page(&errors, Desk::Open, StatusCode::UNPROCESSABLE_ENTITY),
        Outcome::TooMany(wait) => {
            let mut response = page(&[], Desk::TooMany, StatusCode::TOO_MANY_REQUESTS);
            set_retry_after(response.headers_mut(), wait);
            response
        }
        Outcome::Full => {
            let mut response = page(&[], Desk::Full, StatusCode::SERVICE_UNAVAILABLE);
            set_retry_after(response.headers_mut(), Duration::from_secs(3600));
            response
        }
        Outcome::NotSaved => page(&[], Desk::SaveFailed, StatusCode::SERVICE_UNAVAILABLE),
        Outcome::Closed(desk) => page(&[], desk, closed_status(desk)),
    })
}

/// `/contribute` and `/contribute/received`, the form's first addresses: 308 to the same
/// place under `/propose`, the query kept (a POST stays a POST).
pub async fn moved(uri: Uri) -> Redirect {
    let path = uri.path().replacen("/contribute", "/propose", 1);
    let to = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path,
    };
    Redirect::permanent(&to)
}

#[derive(Debug, Deserialize)]
pub struct ReceiptQuery {
    #[serde(rename = "ref")]
    reference: Option<String>,
    token: Option<String>,
    same: Option<String>,
}

/// `GET /propose/received`: the reference and what happens next.
pub async fn received(
    PageLang(lang): PageLang,
    query: Result<Query<ReceiptQuery>, QueryRejection>,
) -> Response {
    let query = query.ok().map(|Query(q)| q);
    let reference = query
        .as_ref()
        .and_then(|q| q.reference.as_deref())
        .filter(|r| is_reference(r));
    let same: Vec<String> = query
        .as_ref()
        .and_then(|q| q.same.as_deref())
        .map(|ids| {
            ids.split(',')
                .filter(|id| PracticeId::parse(id).is_some())
                .take(10)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let status = reference.zip(
        query
            .as_ref()
            .and_then(|q| q.token.as_deref())
            .filter(|t| is_token(t)),
    );
    let status_path = status.map(|(reference, token)| status_path(reference, token));
    views::receipt_page(&views::Receipt {
        lang,
        reference,
        status_path: status_path.as_deref(),
        duplicates: &same,
    })
    .into_response()
}

/// `GET /propose/status/{reference}/{token}`: what became of a proposal, for whoever holds
/// the address its receipt gave. Any other token (or reference) is the plain 404 of an
/// unknown page: nothing says whether the reference exists.
pub async fn status(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path((reference, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let not_found = || AppError::not_found("error-no-page");
    if !is_reference(&reference) || !is_token(&token) {
        return Err(not_found());
    }
    let Some(proposal) = state.proposal_status(reference, token.clone()).await? else {
        return Err(not_found());
    };
    let published = match proposal.status {
        Status::Accepted => state.practice(&proposal.practice_id).await?.is_some(),
        Status::Pending | Status::Rejected => false,
    };
    let in_changelog = match proposal.status {
        Status::Accepted => state
            .released_file("CHANGELOG.md")
            .await?
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| changes::where_accepted(&text, &proposal.reference)),
        Status::Pending | Status::Rejected => None,
    };
    let outcome = match proposal.status {
        Status::Pending => views::ProposalOutcome::Received,
        Status::Rejected => views::ProposalOutcome::Rejected {
            on: proposal.decided_at.clone().unwrap_or_default(),
            reason: proposal.decision_note.clone().unwrap_or_default(),
        },
        Status::Accepted => views::ProposalOutcome::Accepted {
            on: proposal.decided_at.clone().unwrap_or_default(),
            published,
            in_changelog,
        },
    };
    let page = views::proposal_status_page(&views::ProposalStatus {
        lang,
        reference: &proposal.reference,
        here: &status_path(&proposal.reference, &token),
        correction: proposal.kind == ProposalKind::Correction,
        practice_id: &proposal.practice_id,
        programme: proposal.value("programme").unwrap_or(""),
        programme_lang: proposal
            .value("text_lang")
            .and_then(Lang::from_code)
            .unwrap_or_default(),
        received_on: &proposal.received_at,
        outcome,
        duplicates: &proposal.duplicate_of,
    });
    Ok(page.into_response())
}

/// 32 lowercase hex digits: the shape of a status token.
fn is_token(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
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

#[cfg(test)]
mod tests {
    use super::*;

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
