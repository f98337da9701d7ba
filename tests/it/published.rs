//! Snapshots of what the site publishes for machines: the OpenAPI document, a search answer,
//! a record, an error body and the CSV export's header. Any change to a published shape shows
//! up in review as a changed `.snap` file (`cargo insta review`, or `INSTA_UPDATE=always`).

use axum::http::StatusCode;

use crate::support::get;

/// Snapshot names without the module path, so moving this file keeps its snapshots.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings
}

#[tokio::test]
async fn the_openapi_document() {
    let reply = get("/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    settings().bind(|| insta::assert_json_snapshot!("openapi", reply.json()));
}

/// Issue 17 item 10: a client can be generated from the document alone. Every parameter says
/// what it means; a vocabulary's, the sort's and the language's values are listed (from the
/// shipped tables); numbers are numbers; the feeds and the data files are operations; schema
/// names are the domain's, not the code's.
#[tokio::test]
async fn the_openapi_document_describes_every_parameter() {
    let doc = get("/openapi.json").await.json();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let described = p["description"].as_str().unwrap_or_default();
                assert!(!described.is_empty(), "{method} {path}: {name} undescribed");
                let schema = &p["schema"];
                let values = schema["enum"]
                    .as_array()
                    .or_else(|| schema["items"]["enum"].as_array());
                let enumerated = [
                    "kind",
                    "region",
                    "subregion",
                    "country",
                    "atd_type",
                    "cap_stage",
                    "population",
                    "status",
                    "organisation_type",
                    "sort",
                    "lang",
                    "measure",
                    "source_type",
                    "origin",
                    "independent",
                    "file",
                ];
                if enumerated.contains(&name) {
                    let values = values.unwrap_or_else(|| panic!("{path}: {name} has no enum"));
                    assert!(values.len() >= 2, "{path}: {name}: {values:?}");
                }
                let numeric = [
                    "cost_min",
                    "cost_max",
                    "year_min",
                    "year_max",
                    "compliance_min",
                    "compliance_max",
                    "page",
                    "per_page",
                ];
                if numeric.contains(&name) {
                    let kind = schema["type"].to_string();
                    assert!(
                        kind.contains("number") || kind.contains("integer"),
                        "{path}: {name} is {kind}"
                    );
                }
            }
        }
    }
    assert!(operations >= 10, "{operations} operations");
    let search = &doc["paths"]["/api/v1/search"]["get"]["parameters"];
    let kind = search
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "kind")
        .unwrap();
    assert_eq!(
        kind["schema"]["items"]["enum"],
        serde_json::json!(["law", "policy", "programme"])
    );
    let sort = search
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "sort")
        .unwrap();
    assert!(
        sort["schema"]["enum"]
            .as_array()
            .unwrap()
            .contains(&"cost_asc".into())
    );
    for (path, media) in [
        ("/practices.atom", "application/atom+xml"),
        ("/changes.atom", "application/atom+xml"),
        ("/practices.csv", "text/csv"),
        ("/data/{file}", "text/csv"),
    ] {
        let ok = &doc["paths"][path]["get"]["responses"]["200"]["content"];
        assert!(ok[media].is_object(), "{path} answers {media}: {ok}");
    }
    let files = &doc["paths"]["/data/{file}"]["get"]["parameters"][0]["schema"]["enum"];
    assert!(
        files.as_array().unwrap().contains(&"figures.csv".into()),
        "{files}"
    );
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        assert!(
            !name.ends_with("Wire"),
            "schema {name} named after the code"
        );
    }
    let practice_ref = &doc["components"]["schemas"]["SearchResponse"]["properties"]["results"];
    assert_eq!(
        practice_ref["items"]["$ref"],
        "#/components/schemas/Practice"
    );
}

/// `/api/docs` shows the document's Markdown as HTML: code spans are code, not backticks.
#[tokio::test]
async fn the_api_docs_render_markdown() {
    let docs = get("/api/docs").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(
        docs.body.contains("<code>*_usd</code>"),
        "code span in the lede"
    );
    assert!(!docs.body.contains('`'), "a backtick left unrendered");
    assert!(
        docs.body.contains("<code>cost_asc</code>"),
        "the sort's values listed"
    );
    assert!(docs.body.contains("GET /practices.atom"));
}

#[tokio::test]
async fn a_search_answer() {
    let reply = get("/api/v1/search?q=toronto+bail&country=CA&per_page=1&lang=en").await;
    assert_eq!(reply.status, StatusCode::OK);
    let mut json = reply.json();
    // The generation counts index builds, not the shape: the same search gives another on
    // another machine's test run.
    json["index_generation"] = serde_json::json!("[generation]");
    settings().bind(|| insta::assert_json_snapshot!("api_search", json));
}

#[tokio::test]
async fn a_practice_record() {
    let reply = get("/api/v1/practices/ca-toronto-bail-program").await;
    assert_eq!(reply.status, StatusCode::OK);
    settings().bind(|| insta::assert_json_snapshot!("api_practice", reply.json()));
}

#[tokio::test]
async fn an_error_body() {
    let reply = get("/api/v1/practices/no-such-practice").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    settings().bind(|| insta::assert_json_snapshot!("api_error", reply.json()));
}

#[tokio::test]
async fn the_csv_header() {
    let reply = get("/practices.csv?country=CA").await;
    assert_eq!(reply.status, StatusCode::OK);
    let header = reply
        .body
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    settings().bind(|| insta::assert_snapshot!("csv_header", header));
}
