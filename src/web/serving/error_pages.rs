//! The one place an error becomes an answer: every `AppError` a handler, the fallback, the
//! guard, the rebuilding router or a panic returns is rendered here, as a page in the
//! request's language or, on the API side (`request::wants_json`), as `wire::ErrorWire`.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;

use crate::web::error::{AppError, Format};
use crate::web::request::{page_lang, wants_json};

/// `app` with its errors rendered (the outermost layer, so refusals and panics pass too).
pub fn apply(app: Router) -> Router {
    app.layer(middleware::from_fn(render))
}

async fn render(request: Request, next: Next) -> Response {
    let format = if wants_json(request.uri().path()) {
        Format::Json
    } else {
        Format::Html
    };
    let lang = page_lang(request.uri(), request.headers());
    let mut response = next.run(request).await;
    let Some(error) = response.extensions_mut().remove::<AppError>() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    let (rendered, body) = error.render(format, lang).into_parts();
    // Keep what the layers inside added (security headers); the body and its type are new.
    for name in [header::CONTENT_LENGTH, header::CONTENT_ENCODING] {
        parts.headers.remove(name);
    }
    for (name, value) in &rendered.headers {
        parts.headers.insert(name.clone(), value.clone());
    }
    // The words may have come from Accept-Language.
    parts
        .headers
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    parts.status = rendered.status;
    Response::from_parts(parts, body)
}
