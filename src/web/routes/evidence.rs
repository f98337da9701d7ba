//! `GET /evidence`: the evidence map, by population or (`?by=measure`) by measure, from the
//! overview kept per data generation (not every record per request).

use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::{Query, QueryRejection};
use serde::Deserialize;

use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MapParams {
    /// `population` (the default) or `measure`; anything else is the default (the first
    /// of repeated values counts).
    pub by: Vec<String>,
}

pub async fn evidence(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    raw: Result<Query<MapParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(params) = raw.map_err(|r| AppError::bad_request("error-unreadable-address", r))?;
    let overview = state.overview().await?;
    let axis = views::EvidenceAxis::from_param(params.by.first().map(String::as_str));
    Ok(page(views::evidence_map_page(
        &overview,
        &state.reference,
        axis,
        lang,
    )))
}
