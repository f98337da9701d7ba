//! The API documentation page, rendered on the server from the OpenAPI document: no script,
//! no CDN, readable offline and on a phone.

use maud::{Markup, html};
use serde_json::Value;

use super::layout::layout;
use super::links::Here;
use crate::i18n::t;
use crate::model::Lang;

/// A schema's type in a few words: `string`, `array of string`, `PracticeWire`, `number or null`.
fn type_text(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .to_string();
    }
    if let Some(all) = schema["oneOf"]
        .as_array()
        .or_else(|| schema["anyOf"].as_array())
    {
        return all.iter().map(type_text).collect::<Vec<_>>().join(" or ");
    }
    let base = match &schema["type"] {
        Value::String(t) => t.clone(),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".to_string(),
    };
    if base.starts_with("array") {
        return format!("{base} of {}", type_text(&schema["items"]));
    }
    base
}

fn methods(item: &Value) -> Vec<(&str, &Value)> {
    ["get", "head", "post", "put", "delete"]
        .into_iter()
        .filter_map(|m| item.get(m).map(|op| (m, op)))
        .collect()
}

pub fn api_docs_page(doc: &Value, lang: Lang) -> Markup {
    let paths = doc["paths"].as_object().cloned().unwrap_or_default();
    let schemas = doc["components"]["schemas"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    // The reference is generated from the code's annotations, in English: marked so on
    // Spanish and French pages, with a note in the page language.
    let doc_lang = (lang != Lang::En).then_some("en");
    let body = html! {
        @if doc_lang.is_some() { p.hint { (t(lang, "api-docs-english")) } }
        div lang=[doc_lang] {
        h1 { (doc["info"]["title"].as_str().unwrap_or("API")) }
        p.lede { (doc["info"]["description"].as_str().unwrap_or_default()) }
        p {
            "Machine-readable: " a href="/openapi.json" { code { "/openapi.json" } }
            " (OpenAPI " (doc["openapi"].as_str().unwrap_or_default()) "). Every endpoint answers GET from any origin (CORS)."
        }
        h2 { "Endpoints" }
        @for (path, item) in &paths {
            @for (method, op) in methods(item) {
                section.endpoint id=(format!("op-{}", op["operationId"].as_str().unwrap_or(path))) {
                    h3 { code { (method.to_uppercase()) " " (path) } }
                    @if let Some(summary) = op["summary"].as_str() { p { (summary) } }
                    @if let Some(description) = op["description"].as_str() { p { (description) } }
                    @if let Some(params) = op["parameters"].as_array().filter(|p| !p.is_empty()) {
                        div.table-scroll {
                            table {
                                caption { "Parameters" }
                                thead { tr { th scope="col" { "Name" } th scope="col" { "In" } th scope="col" { "Type" } th scope="col" { "Meaning" } } }
                                tbody {
                                    @for p in params {
                                        tr {
                                            th scope="row" { code { (p["name"].as_str().unwrap_or_default()) } }
                                            td { (p["in"].as_str().unwrap_or_default()) }
                                            td { (type_text(&p["schema"])) }
                                            td { (p["description"].as_str().unwrap_or_default()) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(responses) = op["responses"].as_object() {
                        ul.responses {
                            @for (status, r) in responses {
                                li {
                                    strong { (status) } " — " (r["description"].as_str().unwrap_or_default())
                                    @if let Some(content) = r["content"].as_object() {
                                        @for (media, body) in content {
                                            " (" code { (media) } ": " (type_text(&body["schema"])) ")"
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Schemas" }
        @for (name, schema) in &schemas {
            section.schema id=(format!("schema-{name}")) {
                h3 { code { (name) } }
                @if let Some(description) = schema["description"].as_str() { p { (description) } }
                @if let Some(props) = schema["properties"].as_object() {
                    div.table-scroll {
                        table {
                            thead { tr { th scope="col" { "Field" } th scope="col" { "Type" } th scope="col" { "Meaning" } } }
                            tbody {
                                @for (field, prop) in props {
                                    tr {
                                        th scope="row" { code { (field) } }
                                        td { (type_text(prop)) }
                                        td { (prop["description"].as_str().unwrap_or_default()) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        }
    };
    layout(
        &t(lang, "api-docs-title"),
        lang,
        &Here::new("/api/docs", ""),
        body,
    )
}
