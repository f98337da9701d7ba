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
    let (practices, elsewhere): (Vec<Practice>, Vec<Practice>) = state
        .practices()
        .await?
        .into_iter()
        .partition(|p| p.iso2 == code);
    // A country with none is shown what its neighbours do: its sub-region's practices, or
    // its region's when the sub-region has none either.
    let nearby = if practices.is_empty() {
        views::nearby(&country, elsewhere)
    } else {
        views::Nearby::default()
    };
    let figures = state.figures().await?;
    Ok(page(views::country_page(
        &country,
        &practices,
        &nearby,
        &figures,
        &state.reference,
        lang,
    )))
}
