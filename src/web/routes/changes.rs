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
    let unreleased = state.unreleased().await?;
    Ok(page(views::changes_page(
        &releases,
        &unreleased,
        &state.reference,
        lang,
    )))
}

/// The data releases as an Atom feed: one entry per release, with what it added and changed.
#[utoipa::path(
    get,
    path = "/changes.atom",
    tag = "feeds",
    params(
        ("lang" = Option<String>, Query, description = "The language of the feed's labels (default: `Accept-Language`, else English)")
    ),
    responses(
        (status = 200, description = "An Atom 1.0 feed of the data releases, newest first", content_type = "application/atom+xml", body = String)
    )
)]
pub async fn changes_atom(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
) -> Result<Response, AppError> {
    let releases = state.releases().await?;
    let unreleased = state.unreleased().await?;
    let xml = views::changes_feed(&releases, &unreleased, &state.site.public_url, lang);
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
