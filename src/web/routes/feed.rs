//! `GET /practices.atom?…`: a search (the parameters of `/`) as an Atom feed of its
//! practices, newest additions first, so a search can be followed; `GET /follow?…`: the
//! page that names the search, explains feeds and gives the feed's address.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::web::error::AppError;
use crate::web::params::RawSearchParams;
use crate::web::request::{PageLang, RawSearch, page, search_request};
use crate::web::state::AppState;
use crate::web::urls;
use crate::web::views;

/// A search as an Atom feed: the practices it finds, newest additions first, each entry with
/// the release that added it. The feed's title names the search.
#[utoipa::path(
    get,
    path = "/practices.atom",
    tag = "feeds",
    params(RawSearchParams),
    responses(
        (status = 200, description = "An Atom 1.0 feed of every practice the search finds (paging ignored)", content_type = "application/atom+xml", body = String),
        (status = 400, description = "The query string could not be decoded", content_type = "text/html", body = String)
    )
)]
pub async fn practices_atom(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    raw: RawSearch,
) -> Result<Response, AppError> {
    let request = search_request(raw, &state.reference)?;
    let (_, ids) = state.matching_ids(&request.query).await?;
    let practices = state.practices_by_ids(&ids).await?;
    let releases = state.releases().await?;
    let unreleased = state.unreleased().await?;
    let query = urls::query_string_without_lang(&request.query);
    let terms = views::search_terms(&request.query, &state.reference, lang);
    let xml = views::practices_feed(
        &practices,
        &releases,
        &unreleased,
        &state.site.public_url,
        &query,
        &terms,
        &state.reference,
        lang,
    );
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

pub async fn follow(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    raw: RawSearch,
) -> Result<Response, AppError> {
    let request = search_request(raw, &state.reference)?;
    let (_, ids) = state.matching_ids(&request.query).await?;
    Ok(page(views::follow_page(&views::FollowView {
        query: &request.query,
        total: ids.len() as u64,
        reference: &state.reference,
        public_url: &state.site.public_url,
        lang,
    })))
}
