//! The one web error: a status, a Fluent message (id and arguments) and, for refusals, when
//! to come back. Handlers and middleware only return it; `serving::error_pages` renders it
//! once per request, as a page in the request's language or as `wire::ErrorWire`.

use std::time::Duration;

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::views;
use super::wire::ErrorWire;
use crate::i18n::{Arg, t, t_args};
use crate::model::Lang;

/// How an error is rendered: a page for people, JSON for the API side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
}

/// What went wrong, in words chosen only when the request's language is known.
#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    /// Fluent id of the title (by default `error-title-<status>`).
    title: &'static str,
    /// Fluent id of the message.
    message: &'static str,
    /// The message's arguments, as text.
    args: Vec<(&'static str, String)>,
    /// Sent as `Retry-After` (whole seconds, at least one).
    pub retry_after: Option<Duration>,
}

impl AppError {
    /// An error with `status`, the status's own title and the message `message_id`.
    pub fn new(status: StatusCode, message_id: &'static str) -> AppError {
        AppError {
            status,
            title: title_id(status),
            message: message_id,
            args: Vec::new(),
            retry_after: None,
        }
    }

    pub fn not_found(message_id: &'static str) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, message_id)
    }

    /// A request that could not be read; `reason` is the decoder's own words.
    pub fn bad_request(message_id: &'static str, reason: impl ToString) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, message_id).with_arg("reason", reason)
    }

    /// The answer to a practice id that names no record.
    pub fn no_practice() -> AppError {
        AppError::not_found("error-no-practice")
    }

    /// The user sees nothing internal; the cause was logged where it was known.
    pub fn internal() -> AppError {
        AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
    }

    /// A refusal the client may retry after `wait`.
    pub fn refused(status: StatusCode, message_id: &'static str, wait: Duration) -> AppError {
        AppError::new(status, message_id).retry_after(wait)
    }

    /// The same error with another title (a Fluent id).
    pub fn titled(mut self, title_id: &'static str) -> AppError {
        self.title = title_id;
        self
    }

    pub fn with_arg(mut self, name: &'static str, value: impl ToString) -> AppError {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn retry_after(mut self, wait: Duration) -> AppError {
        self.retry_after = Some(wait);
        self
    }

    /// The title and message in `lang`.
    pub fn words(&self, lang: Lang) -> (String, String) {
        let args: Vec<(&str, Arg<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, Arg::from(value)))
            .collect();
        (t(lang, self.title), t_args(lang, self.message, &args))
    }

    /// The whole answer in `format` and `lang`, with `Retry-After` when set.
    pub fn render(&self, format: Format, lang: Lang) -> Response {
        let (title, message) = self.words(lang);
        let mut response = match format {
            Format::Json => {
                let body = ErrorWire::new(self.status.as_u16(), &title, &message);
                (self.status, Json(body)).into_response()
            }
            Format::Html => {
                let page = views::error_page(self.status.as_u16(), &title, &message, lang);
                (self.status, page).into_response()
            }
        };
        if let Some(wait) = self.retry_after {
            set_retry_after(response.headers_mut(), wait);
        }
        response
    }
}

/// The default title of a status (`error-title-<status>`; every status we answer has one).
fn title_id(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "error-title-400",
        403 => "error-title-403",
        404 => "error-title-404",
        413 => "error-title-413",
        414 => "error-title-414",
        429 => "error-title-429",
        431 => "error-title-431",
        503 => "error-title-503",
        _ => "error-title-500",
    }
}

/// A failure below the handler (the store, the index, a task): logged with its cause here,
/// shown to the user as a plain 500.
impl From<anyhow::Error> for AppError {
    fn from(cause: anyhow::Error) -> AppError {
        tracing::error!("internal error: {cause:#}");
        AppError::internal()
    }
}

/// The error travels to the rendering layer inside an empty response (the request's format
/// and language are known there, not here).
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// `Retry-After` in whole seconds, at least one: the one place it is written.
pub fn set_retry_after(headers: &mut HeaderMap, wait: Duration) {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if let Ok(value) = HeaderValue::from_str(&secs.max(1).to_string()) {
        headers.insert(header::RETRY_AFTER, value);
    }
}

/// A handler panic becomes a plain 500, never a dropped connection.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AppError::internal().into_response()
}
