//! `GET /countries/{iso2}`: one country's practices and figures.

use axum::extract::{Path, State};
use axum::response::Response;

use crate::model::Practice;
use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

pub async fn country(
    State(state): State<AppState>,
    Path(iso2): Path<String>,
    PageLang(lang): PageLang,
) -> Result<Response, AppError> {
    let code = iso2.trim().to_ascii_uppercase();
    let Some(country) = state.reference.countries.get(&code).cloned() else {
        return Err(AppError::not_found("error-no-country"));
    };
    let practices: Vec<Practice> = state
        .practices()
        .await?
        .into_iter()
        .filter(|p| p.iso2 == code)
        .collect();
    Ok(page(views::country_page(
        &country,
        &practices,
        &state.reference,
        lang,
    )))
}
