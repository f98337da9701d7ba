//! The OpenAPI 3.1 document of the JSON API and exports, generated from the handlers' and
//! `wire` types' annotations (utoipa), served at `/openapi.json` and read by `/api/docs`.
//! The one route module that names others' handlers (in `paths`).

use std::sync::OnceLock;

use axum::Json;
use axum::response::Response;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::{api, export, submissions};
use crate::web::request::{PageLang, page};
use crate::web::views;
use crate::web::wire::{
    ErrorDetailWire, ErrorWire, ExportWire, FacetValueWire, FacetWire, FigureSourceWire,
    FigureWire, FiguresResponse, GradeWire, Health, LinkWire, PracticeWire, SearchResponse,
    SnippetWire, SourceWire, SubmissionProblem, SubmissionProblems, SubmissionReceipt,
    SubmissionRequest, TranslatedFieldWire, TranslationWire,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "ATD Atlas API",
        description = "JSON API of ATD Atlas, a database of alternatives to immigration detention. \
            Every search parameter of the web site works here. Reading is open to all; proposals \
            (`POST /api/v1/submissions`) wait for a moderator and change nothing until one accepts them. Raw values as recorded; derived dollar figures \
            are named as such (`*_usd` at the cost year's rate, `*_usd_constant` in constant US dollars of \
            `usd_reference_year`). Data licence: CC BY 4.0.",
        license(name = "Data: CC-BY-4.0", identifier = "CC-BY-4.0")
    ),
    paths(
        api::search,
        api::practice,
        api::figures,
        api::health,
        export::json,
        export::csv,
        submissions::api_submit,
    ),
    components(schemas(
        SearchResponse, FacetWire, FacetValueWire, PracticeWire, SourceWire, LinkWire, SnippetWire, TranslationWire, TranslatedFieldWire,
        FigureWire, FigureSourceWire, GradeWire, FiguresResponse, Health,
        ExportWire, ErrorWire, ErrorDetailWire, SubmissionRequest, SubmissionReceipt,
        SubmissionProblems, SubmissionProblem
    )),
    tags(
        (name = "practices", description = "Search, records and exports"),
        (name = "submissions", description = "Proposed practices and corrections, for a moderator to accept")
    ),
    modifiers(&Refusals)
)]
struct ApiDoc;

/// The refusals every operation can meet before its handler runs (the serving guard, and
/// start-up while the index is rebuilt), added to each so client generators know them.
struct Refusals;

impl Modify for Refusals {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let refusals = [
            (
                "429",
                "Too many requests from this client address (for proposals: its hourly share is used); retry after `Retry-After` seconds",
            ),
            (
                "503",
                "The server is busy, a request took too long, or the index is being rebuilt (for proposals also: a read-only mirror, the submissions store unavailable, or too many waiting for a moderator); retry after `Retry-After` seconds",
            ),
        ];
        for item in openapi.paths.paths.values_mut() {
            for operation in [item.get.as_mut(), item.post.as_mut()]
                .into_iter()
                .flatten()
            {
                add_refusals(operation, &refusals);
            }
        }
    }
}

/// Adds each refusal to an operation that does not describe that status itself.
fn add_refusals(operation: &mut utoipa::openapi::path::Operation, refusals: &[(&str, &str)]) {
    for (status, description) in refusals.iter().copied() {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(refusal(description)));
    }
}

fn refusal(description: &str) -> utoipa::openapi::Response {
    let seconds = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1));
    let text = ObjectBuilder::new().schema_type(Type::String);
    ResponseBuilder::new()
        .description(description)
        .header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(Some(seconds))
                .description(Some("Seconds to wait before trying again"))
                .build(),
        )
        .content(
            "text/plain",
            ContentBuilder::new().schema(Some(text)).build(),
        )
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(Ref::from_schema_name("ErrorWire"))))
                .build(),
        )
        .build()
}

/// The document, built once.
pub fn document() -> &'static serde_json::Value {
    static DOC: OnceLock<serde_json::Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())
}

/// The document itself.
pub async fn openapi_json() -> Json<serde_json::Value> {
    Json(document().clone())
}

/// The API's documentation page, read from the document.
pub async fn docs(PageLang(lang): PageLang) -> Response {
    page(views::api_docs_page(document(), lang))
}
