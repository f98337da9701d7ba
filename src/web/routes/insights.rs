//! `GET /insights`: the whole dataset in charts, drawn from its overview (kept per data
//! generation).

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
    let overview = state.overview().await?;
    Ok(page(views::insights_page(
        &overview,
        &state.reference,
        lang,
    )))
}
