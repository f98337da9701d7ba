//! `GET /`: the search page, with ways on ("did you mean", nearby filters) when nothing matched.

use axum::extract::State;
use axum::response::Response;

use crate::search::suggest::Suggestions;
use crate::web::citation;
use crate::web::error::AppError;
use crate::web::request::{PageLang, RawSearch, page, search_request};
use crate::web::state::{AppState, Pictures};
use crate::web::views;

pub async fn search(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    raw: RawSearch,
) -> Result<Response, AppError> {
    let mut request = search_request(raw, &state.reference)?;
    request.lang = lang;
    let (results, practices) = state.search(&request, Pictures::Ranges).await?;
    let suggestions = if results.total == 0 {
        state.suggestions(&request.query).await
    } else {
        Suggestions::default()
    };
    let today = citation::today();
    Ok(page(views::search_page(&views::SearchView {
        request: &request,
        results: &results,
        practices: &practices,
        reference: &state.reference,
        range_values: results.ranges.as_deref(),
        suggestions: &suggestions,
        today: &today,
    })))
}
