//! What handlers read from a request besides its path: the page language (an extractor),
//! the search in the query string, whether the client wants JSON, and the `Vary` a page
//! whose language may come from `Accept-Language` must carry.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::{Query, QueryRejection};

use super::error::AppError;
use super::params::{self, RawSearchParams, SearchRequest};
use crate::model::{Lang, Reference};

/// The language asked for in a URL's `lang` parameter, even when the rest of it is unreadable.
pub fn lang_param(uri: &Uri) -> Option<Lang> {
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

/// The page language as an extractor (see [`page_lang`]); never fails.
#[derive(Debug, Clone, Copy)]
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PageLang(page_lang(&parts.uri, &parts.headers)))
    }
}

/// Whether a path belongs to the machine-readable side, whose errors are JSON: the API, the
/// health probe and the `.json` documents (the export, the OpenAPI document).
pub fn wants_json(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path.ends_with(".json")
}

/// A page whose language may have come from `Accept-Language`: caches must key on it.
pub fn page(markup: impl IntoResponse) -> Response {
    (
        [(header::VARY, HeaderValue::from_static("Accept-Language"))],
        markup,
    )
        .into_response()
}

/// The query string as sent, or why it could not be decoded.
pub type RawSearch = Result<Query<RawSearchParams>, QueryRejection>;

/// Reads the search parameters; an undecodable query string is the only way to get a 400.
/// Filter values that are none of the atlas's are dropped with a warning.
pub fn search_request(raw: RawSearch, reference: &Reference) -> Result<SearchRequest, AppError> {
    match raw {
        Ok(Query(raw)) => {
            let mut request = params::parse(&raw);
            params::ignore_unknown_values(&mut request, reference);
            Ok(request)
        }
        Err(rejection) => Err(AppError::bad_request("error-unreadable-search", rejection)),
    }
}
