//! The JSON API and its wire format: the only place that decides what JSON looks like.

use axum::Json;
use axum::extract::{Path, State};
use axum_extra::extract::{Query, QueryRejection};
use serde::Serialize;
use utoipa::ToSchema;

use super::AppState;
use super::error::{AppError, Format};
use super::pages::{load_practice, run_search, search_request};
use super::params::{self, RawSearchParams};
use crate::model::{Lang, Practice, REFERENCE_YEAR, Reference, Source};
use crate::search::{FacetCounts, Hit};

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<PracticeWire>,
    pub facets: Vec<FacetWire>,
    /// The next page of this search, or null on the last page.
    pub next_url: Option<String>,
    pub warnings: Vec<String>,
    pub index_generation: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetWire {
    pub facet: &'static str,
    pub values: Vec<FacetValueWire>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValueWire {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

/// A practice as published: raw values as sourced, derived figures named as such.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeWire {
    pub id: String,
    pub url: String,
    pub country: String,
    pub iso2: String,
    pub region: String,
    pub subregion: String,
    pub programme: String,
    pub kind: String,
    pub organisation: String,
    pub organisation_type: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: String,
    pub populations: Vec<String>,
    pub atd_types: Vec<String>,
    pub cap_stages: Vec<String>,
    pub participants: Option<u64>,
    pub participants_note: String,
    pub cost_per_day: Option<f64>,
    /// `exact`, `upper`, `lower` or `range`; carried by every figure derived from `cost_per_day`.
    pub cost_bound: Option<String>,
    /// The high end when `cost_bound` is `range`.
    pub cost_per_day_high: Option<f64>,
    pub cost_currency: Option<String>,
    pub cost_unit: Option<String>,
    pub cost_year: Option<i32>,
    /// `stated` by the source, or `publication`: the source's publication year, assumed.
    /// Every dollar figure below rests on `cost_year`, so it carries this basis.
    pub cost_year_basis: Option<String>,
    pub detention_cost_per_day: Option<f64>,
    pub detention_cost_bound: Option<String>,
    pub detention_cost_per_day_high: Option<f64>,
    pub cost_per_day_usd: Option<f64>,
    pub detention_cost_per_day_usd: Option<f64>,
    /// Constant US dollars of `usd_reference_year`.
    pub cost_per_day_usd_constant: Option<f64>,
    pub detention_cost_per_day_usd_constant: Option<f64>,
    pub saving_per_day_usd_constant: Option<f64>,
    pub usd_reference_year: i32,
    pub outcome_compliance_pct: Option<f64>,
    pub outcome_other: String,
    pub summary: String,
    pub source_title: String,
    pub source_url: String,
    /// When the row's facts were last checked against its sources (`YYYY-MM-DD`).
    pub last_verified: String,
    /// Every source of the practice and the columns each one supports.
    pub sources: Vec<SourceWire>,
    /// A highlighted excerpt for this search, when the search had text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<SnippetWire>,
}

/// One source of a practice: where the figures it supports can be checked.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceWire {
    pub title: String,
    pub url: String,
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when the source gives none.
    pub published: String,
    pub locator: String,
    /// Practice columns whose values this source supports.
    pub supports: Vec<String>,
    pub checked: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SnippetWire {
    pub text: String,
    /// Byte ranges `[start, end)` of matched words in `text`.
    pub highlights: Vec<[usize; 2]>,
}

impl SourceWire {
    fn from_source(s: &Source) -> SourceWire {
        SourceWire {
            title: s.title.clone(),
            url: s.url.clone(),
            publisher: s.publisher.clone(),
            published: s.published.clone(),
            locator: s.locator.clone(),
            supports: s.supports.clone(),
            checked: s.checked.clone(),
        }
    }
}

impl PracticeWire {
    pub(super) fn from_practice(p: &Practice, hit: Option<&Hit>) -> PracticeWire {
        let snippet = hit
            .filter(|h| !h.snippet.highlights.is_empty())
            .map(|h| SnippetWire {
                text: h.snippet.text.clone(),
                highlights: h
                    .snippet
                    .highlights
                    .iter()
                    .map(|r| [r.start, r.end])
                    .collect(),
            });
        PracticeWire {
            id: p.id.to_string(),
            url: format!("/practices/{}", p.id),
            country: p.country.clone(),
            iso2: p.iso2.clone(),
            region: p.region.clone(),
            subregion: p.subregion.clone(),
            programme: p.programme.clone(),
            kind: p.kind.clone(),
            organisation: p.organisation.clone(),
            organisation_type: p.organisation_type.clone(),
            start_year: p.start_year,
            end_year: p.end_year,
            status: p.status.clone(),
            populations: p.populations.clone(),
            atd_types: p.atd_types.clone(),
            cap_stages: p.cap_stages.clone(),
            participants: p.participants,
            participants_note: p.participants_note.clone(),
            cost_per_day: p.cost.per_day,
            cost_bound: p.cost.bound.clone(),
            cost_per_day_high: p.cost.per_day_high,
            cost_currency: p.cost.currency.clone(),
            cost_unit: p.cost.unit.clone(),
            cost_year: p.cost.year,
            cost_year_basis: p.cost.year_basis.clone(),
            detention_cost_per_day: p.cost.detention_per_day,
            detention_cost_bound: p.cost.detention_bound.clone(),
            detention_cost_per_day_high: p.cost.detention_per_day_high,
            cost_per_day_usd: p.derived.per_day_usd,
            detention_cost_per_day_usd: p.derived.detention_per_day_usd,
            cost_per_day_usd_constant: p.derived.per_day_usd_constant,
            detention_cost_per_day_usd_constant: p.derived.detention_per_day_usd_constant,
            saving_per_day_usd_constant: p.derived.saving_per_day_usd_constant,
            usd_reference_year: REFERENCE_YEAR,
            outcome_compliance_pct: p.outcome_compliance_pct,
            outcome_other: p.outcome_other.clone(),
            summary: p.summary.clone(),
            source_title: p.source_title.clone(),
            source_url: p.source_url.clone(),
            last_verified: p.last_verified.clone(),
            sources: p.sources.iter().map(SourceWire::from_source).collect(),
            snippet,
        }
    }
}

fn facet_wire(counts: &FacetCounts, reference: &Reference, lang: Lang) -> FacetWire {
    let label = |value: &str| match counts.facet.vocab() {
        Some(vocab) => reference.vocabularies.label(vocab, value, lang).to_string(),
        None => reference.countries.name(value, lang).to_string(),
    };
    FacetWire {
        facet: counts.facet.param(),
        values: counts
            .values
            .iter()
            .map(|v| FacetValueWire {
                label: label(&v.value),
                value: v.value.clone(),
                count: v.count,
                selected: v.selected,
            })
            .collect(),
    }
}

/// Searches the practices: the search page's parameters, one page of results with facets.
#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "practices",
    params(RawSearchParams),
    responses(
        (status = 200, description = "One page of matching practices, facet counts and the next page's URL", body = SearchResponse),
        (status = 400, description = "The query string could not be decoded", body = super::openapi::ErrorWire)
    )
)]
pub async fn search(
    State(state): State<AppState>,
    raw: Result<Query<RawSearchParams>, QueryRejection>,
) -> Result<Json<SearchResponse>, AppError> {
    let request = search_request(raw, Format::Json)?;
    let (results, practices) = run_search(&state, &request, super::pages::Pictures::None)
        .await
        .map_err(|err| AppError::internal(Format::Json, &err))?;
    let q = &request.query;
    let shown_through = q.offset() + results.hits.len();
    let next_url = (shown_through < results.total && !results.hits.is_empty()).then(|| {
        params::search_url(
            "/api/v1/search",
            &params::with_page(q, q.page + 1),
            request.lang,
        )
    });
    let results_wire = practices
        .iter()
        .map(|p| {
            let hit = results.hits.iter().find(|h| h.id == p.id.as_str());
            PracticeWire::from_practice(p, hit)
        })
        .collect();
    let warnings = request
        .warnings
        .iter()
        .chain(&results.warnings)
        .map(ToString::to_string)
        .collect();
    Ok(Json(SearchResponse {
        total: results.total,
        page: q.page,
        per_page: q.per_page,
        results: results_wire,
        facets: results
            .facets
            .iter()
            .map(|f| facet_wire(f, &state.reference, request.lang))
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
    params(("id" = String, Path, description = "The practice's stable id, e.g. `us-family-case-management-program`")),
    responses(
        (status = 200, description = "The practice with its derived dollar figures", body = PracticeWire),
        (status = 404, description = "No practice has this id", body = super::openapi::ErrorWire)
    )
)]
pub async fn practice(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PracticeWire>, AppError> {
    let practice = load_practice(&state, &id, Format::Json).await?;
    Ok(Json(PracticeWire::from_practice(&practice, None)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
    pub index_generation: u64,
    pub data_generation: i64,
    pub practices: u64,
}

/// Whether the database and the index are open, and their generations.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "practices",
    responses(
        (status = 200, description = "The service is up", body = Health),
        (status = 500, description = "The database could not be read", body = super::openapi::ErrorWire)
    )
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let generation = state.index.generation();
    let store = state.store.clone();
    let release = tokio::task::spawn_blocking(move || store.release())
        .await
        .map_err(|err| AppError::internal(Format::Json, &err.into()))?
        .map_err(|err| AppError::internal(Format::Json, &err))?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        index_generation: generation.info.generation,
        data_generation: release.map_or(0, |r| r.generation),
        practices: generation.info.practices,
    }))
}
