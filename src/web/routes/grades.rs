//! `GET /grades`: the legend of the figures' grade badge and the measures, in the page language.

use axum::extract::State;
use axum::response::Response;

use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

pub async fn grades(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    page(views::grades_page(&state.reference, lang))
}
