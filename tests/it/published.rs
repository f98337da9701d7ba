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
