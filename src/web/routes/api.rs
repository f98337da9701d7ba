//! The JSON API's handlers: search, one practice, health. Their shapes are in `wire`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::Uri;

use crate::web::error::AppError;
use crate::web::params::{RawFigureParams, RawSearchParams};
use crate::web::request::{RawSearch, lang_param, search_request};
use crate::web::state::{AppState, Pictures};
use crate::web::urls;
use crate::web::wire::{
    DetentionPairWire, ErrorWire, FacetWire, FigureWire, FiguresResponse, Health, PracticeWire,
    SearchResponse,
};

/// Searches the practices: the search page's parameters, one page of results with facets.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "practices",
    params(RawSearchParams),
    responses(
        (status = 200, description = "One page of matching practices, facet counts and the next page's URL", body = SearchResponse),
        (status = 400, description = "The query string could not be decoded", body = ErrorWire)
    )
)]
pub async fn search(
    State(state): State<AppState>,
    raw: RawSearch,
) -> Result<Json<SearchResponse>, AppError> {
    let request = search_request(raw, &state.reference)?;
    let (results, practices) = state.search(&request, Pictures::None).await?;
    let q = &request.query;
    let shown_through = q.offset() + results.hits.len();
    let next_url = (shown_through < results.total && !results.hits.is_empty()).then(|| {
        urls::search_url(
            "/api/v1/search",
            &urls::with_page(q, q.page + 1),
            request.lang,
        )
    });
    let results_wire = practices
        .iter()
        .map(|p| {
            let hit = results.hits.iter().find(|h| h.id == p.id.as_str());
            PracticeWire::from_practice(p, hit, request.lang)
        })
        .collect();
    let mut warnings: Vec<String> = request
        .warnings
        .iter()
        .chain(&results.warnings)
        .map(ToString::to_string)
        .collect();
    if results.hits.is_empty() && results.total > 0 {
        let last = results.total.div_ceil(q.per_page.max(1));
        warnings.push(format!(
            "page {} is past the end: the last page is {last}",
            q.page
        ));
    }
    Ok(Json(SearchResponse {
        total: results.total,
        page: q.page,
        per_page: q.per_page,
        results: results_wire,
        facets: results
            .facets
            .iter()
            .map(|f| FacetWire::from_counts(f, &state.reference, request.lang))
            .collect(),
        next_url,
        warnings,
        index_generation: results.generation,
    }))
}

/// One practice by its stable id.
#[utoipa::path(
    get,
    path = "/api/v1/practices/{id}",
    tag = "practices",
    params(
        ("id" = String, Path, description = "The practice's stable id, e.g. `us-family-case-management-program`"),
        ("lang" = Option<String>, Query, description = "`en`, `es` or `fr`: add the record's text in that language (`translation`) when it has a translation into it, each field marked `machine` or `human`; the other fields stay the original, in the language `text_lang` names")
    ),
    responses(
        (status = 200, description = "The practice with its derived dollar figures", body = PracticeWire),
        (status = 404, description = "No practice has this id", body = ErrorWire)
    )
)]
pub async fn practice(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Json<PracticeWire>, AppError> {
    let lang = lang_param(&uri).unwrap_or_default();
    let practice = state
        .practice(&id)
        .await?
        .ok_or_else(AppError::no_practice)?;
    let country_figures = state.country_facts(&practice.iso2).await?;
    let mut record = PracticeWire::from_practice(&practice, None, lang);
    record.against_detention = Some(DetentionPairWire::all(
        &practice,
        &country_figures,
        &state.reference.money,
    ));
    Ok(Json(record))
}

/// The figures a filter selects — of practices and of countries — in file order, each with
/// its quoted source and grade.
#[utoipa::path(
    get,
    path = "/api/v1/figures",
    tag = "practices",
    params(RawFigureParams),
    responses(
        (status = 200, description = "The matching figures", body = FiguresResponse),
        (status = 400, description = "The query string could not be decoded", body = ErrorWire)
    )
)]
pub async fn figures(
    State(state): State<AppState>,
    raw: Result<axum_extra::extract::Query<RawFigureParams>, axum_extra::extract::QueryRejection>,
) -> Result<Json<FiguresResponse>, AppError> {
    let axum_extra::extract::Query(filter) =
        raw.map_err(|rejection| AppError::bad_request("error-unreadable-search", rejection))?;
    let figures: Vec<FigureWire> = state
        .figures()
        .await?
        .iter()
        .filter(|f| filter.matches(f))
        .map(FigureWire::from_figure)
        .collect();
    Ok(Json(FiguresResponse {
        total: figures.len(),
        figures,
    }))
}

/// Whether the database and the index are open, and their generations.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "practices",
    responses(
        (status = 200, description = "The service is up", body = Health),
        (status = 500, description = "The database could not be read", body = ErrorWire)
    )
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let generation = state.index.generation();
    let release = state.release().await?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        index_generation: generation.info.generation,
        data_generation: release.map_or(0, |r| r.generation),
        practices: generation.info.practices,
    }))
}
