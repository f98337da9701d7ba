//! `GET /static/…`: the stylesheet and the progressive-enhancement script (see `assets/`).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::web::views;

pub async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", views::STYLESHEET)
}

/// Live results as one types (see `assets/enhance.js`).
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", views::SCRIPT)
}

/// A compiled-in file, cached for an hour.
fn asset(media: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body,
    )
        .into_response()
}
