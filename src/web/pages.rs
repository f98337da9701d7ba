//! HTML page handlers: search, practice record, about, stylesheet, not found.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::{Query, QueryRejection};
use maud::Markup;

use super::error::{AppError, Format};
use super::params::{self, RawSearchParams, SearchRequest};
use super::{AppState, views};
use crate::model::{Lang, Practice, PracticeId};
use crate::search::SearchResults;

/// The language asked for in a URL's `lang` parameter, even when the rest of it is unreadable.
pub fn lang_of(uri: &Uri) -> Lang {
    uri.query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(Lang::from_code)
        .unwrap_or_default()
}

/// Reads the search parameters; an undecodable query string is the only way to get a 400.
pub fn search_request(
    raw: Result<Query<RawSearchParams>, QueryRejection>,
    format: Format,
) -> Result<SearchRequest, AppError> {
    match raw {
        Ok(Query(raw)) => Ok(params::parse(&raw)),
        Err(rejection) => Err(AppError::bad_request(
            format,
            format!("This search address could not be read ({rejection}). Try a new search."),
        )),
    }
}

/// Runs a search and loads the records of its hits, off the async executor.
pub async fn run_search(
    state: &AppState,
    request: &SearchRequest,
) -> anyhow::Result<(SearchResults, Vec<Practice>)> {
    let state = state.clone();
    let query = request.query.clone();
    tokio::task::spawn_blocking(move || {
        let results = state.index.search(&query)?;
        let ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
        let practices = state.store.practices_by_ids(&ids)?;
        Ok((results, practices))
    })
    .await?
}

pub async fn search(
    State(state): State<AppState>,
    uri: Uri,
    raw: Result<Query<RawSearchParams>, QueryRejection>,
) -> Result<Markup, AppError> {
    let format = Format::Html(lang_of(&uri));
    let request = search_request(raw, format)?;
    let format = Format::Html(request.lang);
    let (results, practices) = run_search(&state, &request)
        .await
        .map_err(|err| AppError::internal(format, &err))?;
    let range_values = super::research::range_values(&state, &request.query)
        .await
        .map_err(|err| AppError::internal(format, &err))?;
    Ok(views::search_page(&views::SearchView {
        request: &request,
        results: &results,
        practices: &practices,
        reference: &state.reference,
        range_values: Some(&range_values),
    }))
}

/// Loads one practice; an id that cannot exist is simply not found.
pub async fn load_practice(
    state: &AppState,
    raw_id: &str,
    format: Format,
) -> Result<Practice, AppError> {
    let missing = || AppError::not_found(format, "There is no practice with this address.");
    let id = PracticeId::parse(raw_id).ok_or_else(missing)?;
    let store = state.store.clone();
    let found = tokio::task::spawn_blocking(move || store.practice(&id))
        .await
        .map_err(|err| AppError::internal(format, &err.into()))?
        .map_err(|err| AppError::internal(format, &err))?;
    found.ok_or_else(missing)
}

pub async fn practice(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Markup, AppError> {
    let lang = lang_of(&uri);
    let practice = load_practice(&state, &id, Format::Html(lang)).await?;
    let all = super::research::all_practices(&state, Format::Html(lang)).await?;
    let similar = crate::similar::most_similar(&practice, &all, 5);
    let accessed = super::research::today();
    let info = views::CiteInfo {
        public_url: &state.site.public_url,
        dataset_version: &state.site.dataset_version,
        year: super::research::release_year(),
        accessed: &accessed,
    };
    let tools = views::record_tools(&practice, &similar, &state.reference, &info, lang);
    Ok(views::practice_page(
        &practice,
        &state.reference,
        lang,
        tools,
    ))
}

pub async fn about(State(state): State<AppState>, uri: Uri) -> Result<Markup, AppError> {
    let lang = lang_of(&uri);
    let store = state.store.clone();
    let release = tokio::task::spawn_blocking(move || store.release())
        .await
        .map_err(|err| AppError::internal(Format::Html(lang), &err.into()))?
        .map_err(|err| AppError::internal(Format::Html(lang), &err))?;
    Ok(views::about_page(&state.reference, release.as_ref(), lang))
}

pub async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        views::STYLESHEET,
    )
        .into_response()
}

pub async fn not_found(uri: Uri) -> AppError {
    let format = if uri.path().starts_with("/api/") {
        Format::Json
    } else {
        Format::Html(lang_of(&uri))
    };
    AppError::not_found(format, "There is no page at this address.")
}
