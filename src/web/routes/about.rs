//! `GET /about`: what the atlas is, its method, its sources and the release it serves.

use axum::extract::State;
use axum::response::Response;

use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

pub async fn about(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
) -> Result<Response, AppError> {
    let release = state.release().await?;
    Ok(page(views::about_page(
        &state.reference,
        release.as_ref(),
        state.index.synonyms(),
        &state.site.public_url,
        lang,
    )))
}
