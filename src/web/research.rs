//! Handlers of the research tools: compare, country pages, insights, exports, the data
//! downloads and the citation helpers (dataset version, access date).

use std::path::Path as FsPath;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::{Query, QueryRejection};
use serde::Deserialize;
use tower_http::cors::{Any, CorsLayer};

use super::error::{AppError, Format};
use super::pages::{page, page_lang};
use super::{AppState, export, views};
use crate::model::{Lang, Practice, PracticeId};

/// Most practices one comparison shows side by side.
pub const MAX_COMPARE: usize = 4;

/// The dataset's own citation file, published at `/data/CITATION.cff`.
pub const CITATION_CFF: &str = include_str!("../../CITATION.cff");

/// Files of `data/` offered for download, with their media types.
const DATA_FILES: &[(&str, &str)] = &[
    ("practices.csv", "text/csv; charset=utf-8"),
    ("sources.csv", "text/csv; charset=utf-8"),
    ("CHANGELOG.md", "text/markdown; charset=utf-8"),
    ("vocabularies.csv", "text/csv; charset=utf-8"),
    ("countries.csv", "text/csv; charset=utf-8"),
    ("currencies.csv", "text/csv; charset=utf-8"),
    ("fx_usd_annual.csv", "text/csv; charset=utf-8"),
    ("us_cpi_annual.csv", "text/csv; charset=utf-8"),
    ("synonyms.csv", "text/csv; charset=utf-8"),
    ("datapackage.json", "application/json"),
    ("README.md", "text/markdown; charset=utf-8"),
    ("LICENSE", "text/plain; charset=utf-8"),
];

/// CORS for the API and the downloads: researchers fetch them from notebooks and other sites.
/// Any origin, reading only, no credentials.
pub fn read_only_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD])
}

pub fn routes() -> Router<AppState> {
    let cors = read_only_cors();
    let open = Router::new()
        .route("/practices.csv", get(export::csv))
        .route("/practices.json", get(export::json))
        .route("/data/{file}", get(data_file))
        .layer(cors);
    Router::new()
        .route("/compare", get(compare))
        .route("/countries/{iso2}", get(country))
        .route("/insights", get(insights))
        .route("/data", get(data_page))
        .merge(open)
}

/// The `version` of `datapackage.json`, or "unversioned" when it cannot be read.
pub fn dataset_version(data_dir: &FsPath) -> String {
    let read = std::fs::read(data_dir.join("datapackage.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    read.as_ref()
        .and_then(|v| v["version"].as_str())
        .filter(|v| !v.is_empty())
        .unwrap_or("unversioned")
        .to_string()
}

/// The year the dataset version was released, from `CITATION.cff`'s `date-released`.
pub fn release_year() -> &'static str {
    CITATION_CFF
        .lines()
        .find_map(|l| l.strip_prefix("date-released:"))
        .map(|v| v.trim().trim_matches('"'))
        .and_then(|v| v.get(..4))
        .unwrap_or("n.d.")
}

/// Today's date in UTC as `YYYY-MM-DD`, for "accessed on" in citations.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_date((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Every practice, off the async executor.
pub async fn all_practices(state: &AppState, format: Format) -> Result<Vec<Practice>, AppError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || store.all_practices())
        .await
        .map_err(|err| AppError::internal(format, &err.into()))?
        .map_err(|err| AppError::internal(format, &err))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompareParams {
    /// Practice ids, repeated (`ids=a&ids=b`, from checkboxes) or comma-separated (`ids=a,b`).
    pub ids: Vec<String>,
    pub lang: Option<String>,
}

/// The ids asked for, in order, without repeats; the second value says whether more than
/// [`MAX_COMPARE`] were given.
pub fn compare_ids(raw: &[String]) -> (Vec<String>, bool) {
    let mut ids: Vec<String> = Vec::new();
    for id in raw.iter().flat_map(|v| v.split(',')) {
        let id = id.trim().to_ascii_lowercase();
        if !id.is_empty() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    let too_many = ids.len() > MAX_COMPARE;
    ids.truncate(MAX_COMPARE);
    (ids, too_many)
}

async fn compare(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    raw: Result<Query<CompareParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
    let Query(params) = raw.map_err(|r| {
        AppError::bad_request(
            Format::Html(lang),
            format!("This comparison address could not be read ({r})."),
        )
    })?;
    let (ids, too_many) = compare_ids(&params.ids);
    let valid: Vec<String> = ids
        .iter()
        .filter(|id| PracticeId::parse(id).is_some())
        .cloned()
        .collect();
    let store = state.store.clone();
    let found = tokio::task::spawn_blocking(move || store.practices_by_ids(&valid))
        .await
        .map_err(|err| AppError::internal(Format::Html(lang), &err.into()))?
        .map_err(|err| AppError::internal(Format::Html(lang), &err))?;
    let missing: Vec<String> = ids
        .iter()
        .filter(|id| !found.iter().any(|p| p.id.as_str() == id.as_str()))
        .cloned()
        .collect();
    Ok(page(views::compare_page(&views::CompareView {
        practices: &found,
        missing: &missing,
        too_many,
        reference: &state.reference,
        lang,
    })))
}

async fn country(
    State(state): State<AppState>,
    Path(iso2): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
    let format = Format::Html(lang);
    let code = iso2.trim().to_ascii_uppercase();
    let Some(country) = state.reference.countries.get(&code).cloned() else {
        return Err(AppError::not_found(
            format,
            "There is no country with this code. Country pages use two-letter ISO codes, e.g. /countries/MX.",
        ));
    };
    let practices: Vec<Practice> = all_practices(&state, format)
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

async fn insights(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = page_lang(&uri, &headers);
    let practices = all_practices(&state, Format::Html(lang)).await?;
    Ok(page(views::insights_page(
        &practices,
        &state.reference,
        lang,
    )))
}

async fn data_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    page(views::data_page(&state.site, page_lang(&uri, &headers)))
}

/// One published data file, by its name in the allow-list; anything else is not found.
async fn data_file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    if file == "CITATION.cff" {
        return file_response("text/yaml; charset=utf-8", CITATION_CFF.as_bytes().to_vec());
    }
    let Some((name, media)) = DATA_FILES.iter().find(|(name, _)| *name == file) else {
        return AppError::not_found(Format::Html(Lang::En), "There is no such data file.")
            .into_response();
    };
    let path = state.site.data_dir.join(name);
    match tokio::fs::read(&path).await {
        Ok(bytes) => file_response(media, bytes),
        Err(err) => {
            AppError::internal(Format::Html(Lang::En), &anyhow::Error::new(err)).into_response()
        }
    }
}

fn file_response(media: &'static str, bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The published data file names, for the data page.
pub fn data_file_names() -> impl Iterator<Item = &'static str> {
    DATA_FILES.iter().map(|(name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(19_723), (2024, 1, 1));
        assert_eq!(civil_date(19_782), (2024, 2, 29));
        assert_eq!(civil_date(20_414), (2025, 11, 22));
    }

    #[test]
    fn compare_ids_split_dedupe_and_cap() {
        let (ids, many) = compare_ids(&["a-1,b-2".into(), "A-1".into(), " c-3 ".into()]);
        assert_eq!(ids, ["a-1", "b-2", "c-3"]);
        assert!(!many);
        let (ids, many) = compare_ids(&["a,b,c,d,e".into()]);
        assert_eq!(ids.len(), MAX_COMPARE);
        assert!(many);
    }
}
