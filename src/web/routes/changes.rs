//! `GET /changes` and `GET /changes.atom`: the data releases, as a page and as a feed.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

pub async fn changes(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
) -> Result<Response, AppError> {
    let releases = state.releases().await?;
    Ok(page(views::changes_page(&releases, &state.reference, lang)))
}

pub async fn changes_atom(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
) -> Result<Response, AppError> {
    let releases = state.releases().await?;
    let xml = views::changes_feed(&releases, &state.site.public_url, lang);
    Ok(atom(xml))
}

/// An Atom document as a response.
fn atom(xml: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}
