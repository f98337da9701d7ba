//! `GET /practices/{id}`: one practice's record page, with similar practices and citation tools.

use axum::extract::{Path, State};
use axum::response::Response;

use crate::model::Practice;
use crate::web::citation;
use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

/// Similar practices listed under a record.
const SIMILAR: usize = 5;

pub async fn practice(
    State(state): State<AppState>,
    Path(id): Path<String>,
    PageLang(lang): PageLang,
) -> Result<Response, AppError> {
    let practice = state
        .practice(&id)
        .await?
        .ok_or_else(AppError::no_practice)?;
    // Scored against the generation's profiles: only these few records are read.
    let similar = state.similar(&practice.id, SIMILAR).await?;
    let similar: Vec<&Practice> = similar.iter().collect();
    let accessed = citation::today();
    let info = views::CiteInfo {
        public_url: &state.site.public_url,
        dataset_version: &state.site.dataset_version,
        year: citation::release_year(),
        accessed: &accessed,
    };
    let tools = views::record_tools(&practice, &similar, &state.reference, &info, lang);
    let country_figures = state.country_facts(&practice.iso2).await?;
    let linked = state.linked(&practice).await?;
    let unreleased = state.unreleased().await?;
    // The last accepted proposal of this record decides: a correction after its addition.
    let pending = unreleased
        .iter()
        .rev()
        .find(|accepted| accepted.id == practice.id.as_str());
    let related = views::Related {
        country_figures: &country_figures,
        today: &accessed,
        linked: linked.iter().collect(),
        unreleased: pending,
    };
    Ok(page(views::practice_page(
        &practice,
        &state.reference,
        lang,
        tools,
        &related,
    )))
}
