//! The one web error type: user errors and internal ones, each rendered as an HTML page or JSON.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::views;
use super::wire::ErrorWire;
use crate::model::Lang;

/// How the client wants errors: pages for people, JSON for the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html(Lang),
    Json,
}

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub title: &'static str,
    pub message: String,
    pub format: Format,
}

impl AppError {
    pub fn not_found(format: Format, message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::NOT_FOUND,
            title: "Not found",
            message: message.into(),
            format,
        }
    }

    pub fn bad_request(format: Format, message: impl Into<String>) -> AppError {
        AppError {
            status: StatusCode::BAD_REQUEST,
            title: "Bad request",
            message: message.into(),
            format,
        }
    }

    /// The answer to a practice id that names no record.
    pub fn no_practice(format: Format) -> AppError {
        AppError::not_found(format, "There is no practice with this address.")
    }

    /// Logs the cause and shows the user nothing internal.
    pub fn internal(format: Format, cause: &anyhow::Error) -> AppError {
        tracing::error!("internal error: {cause:#}");
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            title: "Something went wrong",
            message: "The server could not answer this request. Please try again in a moment."
                .into(),
            format,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self.format {
            Format::Json => {
                let body = ErrorWire::new(self.status.as_u16(), self.title, &self.message);
                (self.status, Json(body)).into_response()
            }
            Format::Html(lang) => {
                let page = views::error_page(self.status.as_u16(), self.title, &self.message, lang);
                (self.status, page).into_response()
            }
        }
    }
}

/// A handler panic becomes a plain 500 page, never a dropped connection.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AppError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        title: "Something went wrong",
        message: "The server could not answer this request. Please try again in a moment.".into(),
        format: Format::Html(Lang::En),
    }
    .into_response()
}
