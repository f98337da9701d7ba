//! `GET /changes` and `GET /changes.atom`: the data releases, as a page and as a feed.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::changes::{Accepted, Release};
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
    // Each name is marked with its record's language as the atlas has it now (the changelog
    // records names, not languages); a record removed since is not guessed at.
    let text_langs = state.text_langs(listed_ids(&releases, &unreleased)).await?;
    Ok(page(views::changes_page(
        &views::ChangesView {
            releases: &releases,
            unreleased: &unreleased,
            text_langs: &text_langs,
        },
        &state.reference,
        lang,
    )))
}

/// Every record the page names, once.
fn listed_ids(releases: &[Release], unreleased: &[Accepted]) -> Vec<String> {
    let mut ids: Vec<String> = unreleased.iter().map(|a| a.id.clone()).collect();
    for release in releases {
        let c = &release.changes;
        ids.extend(c.added.iter().chain(&c.removed).map(|l| l.id.clone()));
        ids.extend(c.changed.iter().map(|ch| ch.id.clone()));
    }
    ids.sort_unstable();
    ids.dedup();
    ids
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
    let ids = unreleased.iter().map(|a| a.id.clone()).collect();
    let text_langs = state.text_langs(ids).await?;
    let xml = views::changes_feed(
        &releases,
        &unreleased,
        &text_langs,
        &state.site.public_url,
        lang,
    );
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
