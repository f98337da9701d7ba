//! `GET /countries/{iso2}`: one country's practices and figures.

use axum::extract::{Path, State};
use axum::response::Response;

use crate::model::Country;
use crate::search::FacetName;
use crate::store::Area;
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
    let practices = state.practices_of_country(&code).await?;
    let nearby = if practices.is_empty() {
        nearby(&state, &country).await?
    } else {
        views::Nearby::default()
    };
    let figures = state.country_facts(&code).await?;
    Ok(page(views::country_page(
        &country,
        &practices,
        &nearby,
        &figures,
        &state.reference,
        lang,
    )))
}

/// What a country with no practice is shown of its neighbours: its sub-region's practices,
/// or its region's when the sub-region has none either.
async fn nearby(state: &AppState, country: &Country) -> Result<views::Nearby, AppError> {
    let areas = [
        (Area::Subregion, FacetName::Subregion, &country.subregion),
        (Area::Region, FacetName::Region, &country.region),
    ];
    for (area, facet, key) in areas {
        if key.is_empty() {
            continue;
        }
        let practices = state.practices_in_area(area, key).await?;
        if !practices.is_empty() {
            return Ok(views::Nearby {
                area: Some((facet, key.clone())),
                practices,
            });
        }
    }
    Ok(views::Nearby::default())
}
