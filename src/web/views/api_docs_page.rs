//! The API documentation page, rendered on the server from the OpenAPI document: no script,
//! no CDN, readable offline and on a phone.

use maud::{Markup, html};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::Value;

use super::layout::layout;
use super::links::Here;
use crate::i18n::t;
use crate::model::Lang;

/// A schema's type in a few words: `string`, `array of string`, `Practice`, `number or null`.
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

/// A description written in Markdown (code spans, emphasis, lists, links), as HTML built
/// from the parser's events, so every piece of text is escaped (raw HTML shows as text).
fn markdown(text: &str) -> Markup {
    let mut events = Parser::new(text);
    html! { @for part in children(&mut events) { (part) } }
}

/// A short description for a table cell or a line: its paragraphs run together.
fn markdown_inline(text: &str) -> Markup {
    let mut events = Parser::new(text).filter(|event| {
        !matches!(
            event,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    html! { @for part in children(&mut events) { (part) } }
}

/// The pieces up to the end of the element being read.
fn children<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> Vec<Markup> {
    let mut parts = Vec::new();
    while let Some(event) = events.next() {
        match event {
            Event::Start(tag) => {
                let inner = html! { @for part in children(events) { (part) } };
                parts.push(element(&tag, inner));
            }
            Event::End(_) => break,
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                parts.push(html! { (text.as_ref()) });
            }
            Event::Code(code) => parts.push(html! { code { (code.as_ref()) } }),
            Event::SoftBreak => parts.push(html! { " " }),
            Event::HardBreak => parts.push(html! { br; }),
            _ => {}
        }
    }
    parts
}

/// The element a Markdown tag stands for; anything this page does not use keeps its text.
fn element(tag: &Tag, inner: Markup) -> Markup {
    match tag {
        Tag::Paragraph => html! { p { (inner) } },
        Tag::Emphasis => html! { em { (inner) } },
        Tag::Strong => html! { strong { (inner) } },
        Tag::List(None) => html! { ul { (inner) } },
        Tag::List(Some(_)) => html! { ol { (inner) } },
        Tag::Item => html! { li { (inner) } },
        Tag::Link { dest_url, .. } if is_safe_link(dest_url) => {
            html! { a href=(dest_url.as_ref()) { (inner) } }
        }
        _ => inner,
    }
}

/// A link to this site or to a web page; never a script.
fn is_safe_link(url: &str) -> bool {
    url.starts_with('/') || url.starts_with("https://") || url.starts_with('#')
}

/// The values an enumerated schema (or its items) takes.
fn allowed(schema: &Value) -> Vec<&str> {
    schema["enum"]
        .as_array()
        .or_else(|| schema["items"]["enum"].as_array())
        .map(|values| values.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
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
        div.lede { (markdown(doc["info"]["description"].as_str().unwrap_or_default())) }
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
                    @if let Some(description) = op["description"].as_str() { (markdown(description)) }
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
                                            td {
                                                (markdown_inline(p["description"].as_str().unwrap_or_default()))
                                                @let values = allowed(&p["schema"]);
                                                @if !values.is_empty() {
                                                    " One of: "
                                                    @for (i, value) in values.iter().enumerate() {
                                                        @if i > 0 { ", " }
                                                        code { (value) }
                                                    }
                                                    "."
                                                }
                                            }
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
                                    strong { (status) } " — " (markdown_inline(r["description"].as_str().unwrap_or_default()))
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
                @if let Some(description) = schema["description"].as_str() { (markdown(description)) }
                @if let Some(props) = schema["properties"].as_object() {
                    div.table-scroll {
                        table {
                            thead { tr { th scope="col" { "Field" } th scope="col" { "Type" } th scope="col" { "Meaning" } } }
                            tbody {
                                @for (field, prop) in props {
                                    tr {
                                        th scope="row" { code { (field) } }
                                        td { (type_text(prop)) }
                                        td { (markdown_inline(prop["description"].as_str().unwrap_or_default())) }
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
