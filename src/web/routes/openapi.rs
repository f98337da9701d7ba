//! The OpenAPI 3.1 document of the JSON API and exports, generated from the handlers' and
//! `wire` types' annotations (utoipa), served at `/openapi.json` and read by `/api/docs`.
//! The one route module that names others' handlers (in `paths`).

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::{api, changes, data, export, feed, proposals};
use crate::model::{Lang, Reference, Vocab};
use crate::search::{FacetName, Sort};
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;
use crate::web::wire::{
    DetentionPairWire, ErrorDetailWire, ErrorWire, ExportWire, FacetValueWire, FacetWire,
    FigureSourceWire, FigureWire, FiguresResponse, GradeWire, Health, LinkWire, PracticeWire,
    ProposalProblem, ProposalProblems, ProposalReceipt, ProposalRequest, SearchResponse,
    SnippetWire, SourceWire, TranslatedFieldWire, TranslationWire,
};

// `proposals::api_submit_old_address` is deprecated on purpose: it is documented as such.
#[allow(deprecated)]
#[derive(OpenApi)]
#[openapi(
    info(
        title = "ATD Atlas API",
        description = "JSON API of ATD Atlas, a database of alternatives to immigration detention. \
            Every search parameter of the web site works here. Reading is open to all; proposals \
            (`POST /api/v1/proposals`) wait for a moderator and change nothing until one accepts them. Raw values as recorded; derived dollar figures \
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
        feed::practices_atom,
        changes::changes_atom,
        data::data_file,
        proposals::api_submit,
        proposals::api_submit_old_address,
    ),
    components(schemas(
        SearchResponse, FacetWire, FacetValueWire, PracticeWire, SourceWire, LinkWire, SnippetWire, TranslationWire, TranslatedFieldWire,
        FigureWire, FigureSourceWire, GradeWire, DetentionPairWire, FiguresResponse, Health,
        ExportWire, ErrorWire, ErrorDetailWire, ProposalRequest, ProposalReceipt,
        ProposalProblems, ProposalProblem
    )),
    tags(
        (name = "practices", description = "Search, records and exports"),
        (name = "feeds", description = "Atom feeds to follow a search or the data releases in a feed reader"),
        (name = "downloads", description = "The dataset's files as published, for spreadsheets and data tools"),
        (name = "proposals", description = "Proposed practices and corrections, for a moderator to accept")
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
                "The server is busy, a request took too long, or the index is being rebuilt (for proposals also: a read-only mirror, the proposals store unavailable, or too many waiting for a moderator); retry after `Retry-After` seconds",
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
                .schema(Some(RefOr::Ref(Ref::from_schema_name("Error"))))
                .build(),
        )
        .build()
}

/// The document for the reference tables in use: every parameter that takes a key of a
/// vocabulary (or a country code, a sort, a language, a data file) lists the keys it knows, so
/// a client can offer them without reading `vocabularies.csv`.
pub fn document(reference: &Reference) -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let allowed = allowed_values(reference);
    for item in doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        for operation in item
            .as_object_mut()
            .into_iter()
            .flat_map(|o| o.values_mut())
        {
            let parameters = operation
                .get_mut("parameters")
                .and_then(|p| p.as_array_mut());
            for parameter in parameters.into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap_or_default();
                if let Some((_, values)) = allowed.iter().find(|(n, _)| *n == name) {
                    restrict(&mut parameter["schema"], values);
                }
            }
        }
    }
    // The language of a practice's text is one of the atlas's.
    // So is the language a proposal says its text is in (English when it says none).
    let languages: Vec<String> = Lang::ALL.iter().map(|l| l.code().to_string()).collect();
    if let Some(schema) = doc.pointer_mut("/components/schemas/Practice/properties/text_lang") {
        restrict(schema, &languages);
    }
    let proposal_lang = "/components/schemas/ProposalRequest/properties/text_lang";
    if let Some(schema) = doc.pointer_mut(proposal_lang) {
        restrict(schema, &languages);
        schema["default"] = Lang::En.code().into();
    }
    doc
}

/// Each enumerated parameter's name and the values it takes, in the tables' order.
fn allowed_values(reference: &Reference) -> Vec<(&'static str, Vec<String>)> {
    let vocabulary = |vocab| -> Vec<String> {
        reference
            .vocabularies
            .keys(vocab)
            .map(str::to_string)
            .collect()
    };
    let mut countries: Vec<String> = reference.countries.iter().map(|c| c.iso2.clone()).collect();
    countries.sort();
    let mut allowed: Vec<(&'static str, Vec<String>)> = FacetName::ALL
        .into_iter()
        .map(|facet| match facet.vocab() {
            Some(vocab) => (facet.param(), vocabulary(vocab)),
            None => (facet.param(), countries.clone()),
        })
        .collect();
    allowed.extend([
        (
            "sort",
            Sort::ALL.iter().map(|s| s.param().to_string()).collect(),
        ),
        (
            "lang",
            Lang::ALL.iter().map(|l| l.code().to_string()).collect(),
        ),
        // `measure` (of /api/v1/figures too) is a facet of the search, listed above.
        ("source_type", vocabulary(Vocab::SourceType)),
        ("origin", vocabulary(Vocab::Origin)),
        ("independent", vocabulary(Vocab::Independence)),
        (
            "file",
            data::published_files().map(str::to_string).collect(),
        ),
    ]);
    allowed
}

/// Limits a parameter's schema (a string, or an array of strings) to `values`.
fn restrict(schema: &mut serde_json::Value, values: &[String]) {
    let target = if schema["type"] == "array" {
        &mut schema["items"]
    } else {
        schema
    };
    target["type"] = "string".into();
    target["enum"] = values.into();
}

/// The document itself.
pub async fn openapi_json(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(document(&state.reference))
}

/// The API's documentation page, read from the document.
pub async fn docs(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    page(views::api_docs_page(&document(&state.reference), lang))
}
