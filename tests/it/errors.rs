//! Errors, rendered in one place: a 404, a 429 and a 503 asked for in Spanish and French come
//! back in that language, as a page for people and as the published JSON error on the API
//! side, with `Retry-After` on the refusals.

use std::net::SocketAddr;

use atd_atlas::config::Limits;
use atd_atlas::web::{self, serving::rebuilding};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};

use crate::support::{Reply, router, send, shipped};

/// What an error says in each language: the page's words and the JSON title.
struct Words {
    lang: &'static str,
    not_found_page: &'static str,
    not_found_title: &'static str,
    too_many: &'static str,
    rebuilding: &'static str,
}

const IN_ES_AND_FR: [Words; 2] = [
    Words {
        lang: "es",
        not_found_page: "No hay ninguna página en esta dirección.",
        not_found_title: "No encontrado",
        too_many: "Demasiadas solicitudes desde su dirección.",
        rebuilding: "Se está reconstruyendo el índice de búsqueda",
    },
    Words {
        lang: "fr",
        not_found_page: "Il n’y a aucune page à cette adresse.",
        not_found_title: "Page introuvable",
        too_many: "Trop de requêtes depuis votre adresse.",
        rebuilding: "L’index de recherche est en cours de reconstruction",
    },
];

fn request(uri: &str, accept_language: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(uri);
    if let Some(lang) = accept_language {
        builder = builder.header(header::ACCEPT_LANGUAGE, lang);
    }
    let mut request = builder.body(Body::empty()).expect("request");
    let peer: SocketAddr = "192.0.2.7:4000".parse().expect("address");
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

fn is_page_in(reply: &Reply, lang: &str) -> bool {
    reply.body.contains(&format!("<html lang=\"{lang}\""))
        && reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
}

fn error_json(reply: &Reply) -> (u64, String, String) {
    assert!(
        reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{:?}",
        reply.headers
    );
    let json = reply.json();
    let error = &json["error"];
    (
        error["status"].as_u64().unwrap(),
        error["title"].as_str().unwrap().to_string(),
        error["message"].as_str().unwrap().to_string(),
    )
}

fn retry_after(reply: &Reply) -> u64 {
    reply.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn not_found_is_translated_as_a_page_and_as_json() {
    for words in IN_ES_AND_FR {
        let by_url = send(
            router(),
            request(&format!("/nowhere?lang={}", words.lang), None),
        )
        .await;
        assert_eq!(by_url.status, StatusCode::NOT_FOUND);
        assert!(is_page_in(&by_url, words.lang), "{}", by_url.body);
        assert!(
            by_url.body.contains(words.not_found_page),
            "{}",
            by_url.body
        );

        let by_browser = send(router(), request("/nowhere", Some(words.lang))).await;
        assert!(by_browser.body.contains(words.not_found_page));
        assert_eq!(by_browser.headers[header::VARY], "Accept-Language");

        let api = send(router(), request("/api/v1/nowhere", Some(words.lang))).await;
        let (status, title, _) = error_json(&api);
        assert_eq!((status, title.as_str()), (404, words.not_found_title));
    }
}

#[tokio::test]
async fn too_many_requests_is_translated_with_retry_after() {
    let limits = Limits {
        rate_per_sec: 1,
        rate_burst: 1,
        ..Limits::default()
    };
    for words in IN_ES_AND_FR {
        // A fresh limiter per language: its one token goes to the first request.
        let app = web::guarded_router(shipped().state.clone(), &limits);
        let uri = format!("/about?lang={}", words.lang);
        assert_eq!(send(app.clone(), request(&uri, None)).await.status, 200);

        let page = send(app.clone(), request(&uri, None)).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(is_page_in(&page, words.lang));
        assert!(page.body.contains(words.too_many), "{}", page.body);
        assert!(retry_after(&page) >= 1);
        assert!(page.headers.contains_key(header::CONTENT_SECURITY_POLICY));

        let api = send(app, request("/api/v1/search", Some(words.lang))).await;
        let (status, _, message) = error_json(&api);
        assert_eq!(status, 429);
        assert!(message.starts_with(words.too_many), "{message}");
        assert!(retry_after(&api) >= 1);
    }
}

#[tokio::test]
async fn rebuilding_is_translated_with_retry_after() {
    let app = web::limited(
        rebuilding::router(rebuilding::Ready::default()),
        &Limits::default(),
    );
    for words in IN_ES_AND_FR {
        let page = send(
            app.clone(),
            request(&format!("/?lang={}", words.lang), None),
        )
        .await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(is_page_in(&page, words.lang));
        assert!(page.body.contains(words.rebuilding), "{}", page.body);
        assert_eq!(retry_after(&page), 5);

        let api = send(app.clone(), request("/healthz", Some(words.lang))).await;
        let (status, title, _) = error_json(&api);
        assert_eq!((status, title.as_str()), (503, words.rebuilding));
        assert_eq!(retry_after(&api), 5);
    }
}

#[tokio::test]
async fn an_export_error_follows_the_export_format() {
    // An undecodable query string: the JSON export answers JSON, the CSV export a page.
    let json = send(router(), request("/practices.json?q=a&q=b", Some("es"))).await;
    assert_eq!(error_json(&json).0, 400);
    let csv = send(router(), request("/practices.csv?q=a&q=b&lang=fr", None)).await;
    assert_eq!(csv.status, StatusCode::BAD_REQUEST);
    assert!(is_page_in(&csv, "fr"), "{}", csv.body);
}
