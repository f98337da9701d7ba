//! Every address no route serves: a 404, as JSON on the API's side and as a page elsewhere.

use axum::http::{HeaderMap, Uri};

use crate::web::error::{AppError, Format};
use crate::web::request::{page_lang, wants_json};

pub async fn not_found(uri: Uri, headers: HeaderMap) -> AppError {
    let format = if wants_json(uri.path()) {
        Format::Json
    } else {
        Format::Html(page_lang(&uri, &headers))
    };
    AppError::not_found(format, "There is no page at this address.")
}
