//! `GET /insights`: the whole dataset in charts.

use axum::extract::State;
use axum::response::Response;

use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

pub async fn insights(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
) -> Result<Response, AppError> {
    let practices = state.practices().await?;
    Ok(page(views::insights_page(
        &practices,
        &state.reference,
        lang,
    )))
}
