//! `GET /compare?ids=…`: up to [`MAX_COMPARE`] practices side by side.

use axum::extract::State;
use axum::response::Response;
use axum_extra::extract::{Query, QueryRejection};
use serde::Deserialize;

use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;

/// Most practices one comparison shows side by side.
pub const MAX_COMPARE: usize = 4;

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

pub async fn compare(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    raw: Result<Query<CompareParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(params) = raw.map_err(|r| AppError::bad_request("error-unreadable-comparison", r))?;
    let (ids, too_many) = compare_ids(&params.ids);
    let found = state.practices_by_ids(&ids).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
