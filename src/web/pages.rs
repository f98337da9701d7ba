//! HTML page handlers: search, practice record, about, stylesheet, not found.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::{Query, QueryRejection};
use maud::Markup;

use super::error::{AppError, Format};
use super::params::{self, RawSearchParams, SearchRequest};
use super::{AppState, views};
use crate::model::{Lang, Practice, PracticeId};
use crate::search::SearchResults;

/// The language asked for in a URL's `lang` parameter, even when the rest of it is unreadable.
fn lang_param(uri: &Uri) -> Option<Lang> {
    uri.query()
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(Lang::from_code)
}

/// The page language: the URL's `lang` when it names one of ours (links always carry it),
/// else the browser's `Accept-Language` (a first visit), else English.
pub fn page_lang(uri: &Uri, headers: &HeaderMap) -> Lang {
    lang_param(uri).unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::En, crate::i18n::negotiate)
    })
}

/// A page whose language may have come from `Accept-Language`: caches must key on it.
pub fn page(markup: Markup) -> Response {
    (
        [(header::VARY, HeaderValue::from_static("Accept-Language"))],
        markup,
    )
        .into_response()
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

/// What a search gathers besides its results and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pictures {
    /// The figures behind the search page's range pictures.
    Ranges,
    None,
}

/// Runs a search and loads the records of its hits, off the async executor.
pub async fn run_search(
    state: &AppState,
    request: &SearchRequest,
    pictures: Pictures,
) -> anyhow::Result<(SearchResults, Vec<Practice>)> {
    let state = state.clone();
    let query = request.query.clone();
    tokio::task::spawn_blocking(move || {
        let results = match pictures {
            Pictures::Ranges => state.index.search_with_ranges(&query)?,
            Pictures::None => state.index.search(&query)?,
        };
        let ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
        let practices = state.store.practices_by_ids(&ids)?;
        Ok((results, practices))
    })
    .await?
}

pub async fn search(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    raw: Result<Query<RawSearchParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
    let format = Format::Html(lang);
    let mut request = search_request(raw, format)?;
    request.lang = lang;
    let (results, practices) = run_search(&state, &request, Pictures::Ranges)
        .await
        .map_err(|err| AppError::internal(format, &err))?;
    let suggestions = if results.total == 0 {
        let state = state.clone();
        let query = request.query.clone();
        tokio::task::spawn_blocking(move || state.lexicon.suggest(&state.index, &query))
            .await
            .unwrap_or_default()
    } else {
        views::Suggestions::default()
    };
    Ok(page(views::search_page(&views::SearchView {
        request: &request,
        results: &results,
        practices: &practices,
        reference: &state.reference,
        range_values: results.ranges.as_deref(),
        suggestions: &suggestions,
    })))
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
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
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
    Ok(page(views::practice_page(
        &practice,
        &state.reference,
        lang,
        tools,
    )))
}

pub async fn about(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
    let store = state.store.clone();
    let release = tokio::task::spawn_blocking(move || store.release())
        .await
        .map_err(|err| AppError::internal(Format::Html(lang), &err.into()))?
        .map_err(|err| AppError::internal(Format::Html(lang), &err))?;
    Ok(page(views::about_page(
        &state.reference,
        release.as_ref(),
        state.index.synonyms(),
        lang,
    )))
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

/// The progressive-enhancement script: live results as one types (see `assets/enhance.js`).
pub async fn script() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        views::SCRIPT,
    )
        .into_response()
}

pub async fn not_found(uri: Uri, headers: HeaderMap) -> AppError {
    let format = if uri.path().starts_with("/api/") {
        Format::Json
    } else {
        Format::Html(page_lang(&uri, &headers))
    };
    AppError::not_found(format, "There is no page at this address.")
}
