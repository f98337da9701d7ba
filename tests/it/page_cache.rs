//! The memory of recent searches: a repeat is answered from it with the same bytes, gzipped
//! once for clients that take gzip, kept apart per page language, and never outlives the
//! index generation it was searched on.

use std::io::Read;

use atd_atlas::cli;
use atd_atlas::web::{self, AppState};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::paths_in;
use crate::support::{synthetic_csv, synthetic_sources};

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn cache(&self) -> &str {
        self.headers
            .get("x-atlas-cache")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("none")
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON")
    }
}

/// One request through `app` (the memory belongs to the router's middleware: reuse one).
async fn fetch(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: body.to_vec(),
    }
}

/// The shipped data in a fresh folder, so no other test has filled this memory.
fn fresh_app() -> (tempfile::TempDir, AppState, atd_atlas::config::Paths) {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let state = AppState::open(&paths).unwrap();
    (dir, state, paths)
}

#[tokio::test]
async fn a_repeated_search_is_answered_from_memory_with_the_same_page() {
    let (_dir, state, _) = fresh_app();
    let app = web::router(state.clone());
    let first = fetch(&app, "/?q=children&lang=en", &[]).await;
    let again = fetch(&app, "/?q=children&lang=en", &[]).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!((first.cache(), again.cache()), ("miss", "hit"));
    assert_eq!(first.body, again.body);
    assert_eq!(
        first.headers.get(header::CONTENT_TYPE),
        again.headers.get(header::CONTENT_TYPE)
    );
    // The security headers and the validator are added around the memory, on every answer.
    for name in ["content-security-policy", "x-content-type-options", "etag"] {
        assert!(again.headers.contains_key(name), "{name} missing on a hit");
    }
    // Another address is another search.
    let other = fetch(&app, "/?q=bail&lang=en", &[]).await;
    assert_eq!(other.cache(), "miss");
    assert_ne!(other.body, first.body);
}

#[tokio::test]
async fn a_client_that_takes_gzip_gets_the_same_page_gzipped() {
    let (_dir, state, _) = fresh_app();
    let app = web::router(state.clone());
    let plain = fetch(&app, "/?q=bail&lang=en", &[]).await;
    for _ in 0..2 {
        let zipped = fetch(
            &app,
            "/?q=bail&lang=en",
            &[("accept-encoding", "br;q=1.0, gzip;q=0.8")],
        )
        .await;
        assert_eq!(zipped.cache(), "hit");
        assert_eq!(zipped.headers[header::CONTENT_ENCODING], "gzip");
        assert!(zipped.body.len() * 3 < plain.body.len(), "compressed");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(zipped.body.as_slice())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, plain.body);
    }
    let refused = fetch(&app, "/?q=bail&lang=en", &[("accept-encoding", "gzip;q=0")]).await;
    assert!(!refused.headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(refused.body, plain.body);
    let vary: Vec<_> = refused.headers.get_all(header::VARY).iter().collect();
    assert!(
        vary.iter()
            .any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding"))
    );
    assert!(
        vary.iter()
            .any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-language"))
    );
}

#[tokio::test]
async fn each_page_language_is_kept_apart() {
    let (_dir, state, _) = fresh_app();
    let app = web::router(state.clone());
    let english = fetch(&app, "/?q=children", &[("accept-language", "en")]).await;
    let spanish = fetch(&app, "/?q=children", &[("accept-language", "es-MX")]).await;
    assert_eq!(spanish.cache(), "miss");
    assert!(String::from_utf8_lossy(&english.body).contains("<html lang=\"en\""));
    assert!(String::from_utf8_lossy(&spanish.body).contains("<html lang=\"es\""));
    let spanish_again = fetch(&app, "/?q=children", &[("accept-language", "es")]).await;
    assert_eq!(spanish_again.cache(), "hit");
    assert_eq!(spanish_again.body, spanish.body);
}

#[tokio::test]
async fn a_new_index_generation_is_never_answered_from_an_older_memory() {
    let (dir, state, paths) = fresh_app();
    let app = web::router(state.clone());
    let uri = "/api/v1/search?q=bail&per_page=1";
    let before = fetch(&app, uri, &[]).await;
    assert_eq!(fetch(&app, uri, &[]).await.cache(), "hit");
    let before_total = before.json()["total"].as_u64().unwrap();
    assert!(before_total > 0);

    // Every practice three times over (SYNTHETIC copies): the same search now finds more.
    let (bytes, _) = synthetic_csv(3);
    let csv = dir.path().join("tripled.csv");
    std::fs::write(&csv, bytes).unwrap();
    std::fs::write(dir.path().join("tripled.sources.csv"), synthetic_sources(3)).unwrap();
    cli::import_and_index(&paths, &csv).unwrap();
    assert!(state.index.reload_if_changed().unwrap());

    let after = fetch(&app, uri, &[]).await;
    assert_eq!(after.cache(), "miss");
    assert_eq!(after.json()["total"].as_u64().unwrap(), before_total * 3);
}

#[tokio::test]
async fn failures_and_other_pages_are_not_kept() {
    let (_dir, state, _) = fresh_app();
    let app = web::router(state.clone());
    for uri in ["/?q=a&q=b", "/about", "/practices.csv?q=bail", "/nowhere"] {
        for _ in 0..2 {
            let answer = fetch(&app, uri, &[]).await;
            assert_eq!(answer.cache(), "none", "{uri} answered {}", answer.status);
        }
    }
}
