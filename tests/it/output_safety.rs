//! Output safety (X01–X03, P01–P02, Q14): records carrying XSS payloads in every text field
//! (tests/fixtures/csv/x01_xss_payloads.csv, synthetic) are imported into a temporary database
//! and every page type that shows them is checked for escaping, safe links and headers; static
//! and record paths resist traversal.

use std::sync::OnceLock;

use atd_atlas::cli;
use atd_atlas::config::Paths;
use atd_atlas::web::{self, AppState};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::{Reply, get_with, repo_path};

/// Markup the payloads carry: if any of it comes out raw, data became markup. (Our own pages
/// legitimately use `<script src>` and `<svg>` charts, so the check is on the payloads' text.)
const FORBIDDEN_TAGS: [&str; 6] = [
    "<script>window.__xss",
    "<img src=x",
    "<svg onload",
    "<script>alert",
    "</textarea",
    "<iframe",
];

struct PayloadApp {
    state: AppState,
    _dir: tempfile::TempDir,
}

fn payload_app() -> &'static PayloadApp {
    static APP: OnceLock<PayloadApp> = OnceLock::new();
    APP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            data_dir: repo_path("tests/fixtures/data"),
            db: dir.path().join("payload.sqlite3"),
            index_dir: dir.path().join("index"),
        };
        let csv = repo_path("tests/fixtures/csv/x01_xss_payloads.csv");
        cli::import_and_index(&paths, &csv).expect("the payload records are valid data");
        PayloadApp {
            state: AppState::open(&paths).unwrap(),
            _dir: dir,
        }
    })
}

async fn payload_get(uri: &str) -> Reply {
    get_with(web::router(payload_app().state.clone()), uri).await
}

fn assert_escaped(uri: &str, reply: &Reply) {
    let lower = reply.body.to_ascii_lowercase();
    for tag in FORBIDDEN_TAGS {
        assert!(!lower.contains(tag), "{uri}: raw {tag} in the page");
    }
    assert!(
        !lower.contains("<title></title>"),
        "{uri}: title broken out of"
    );
    for href in hrefs(&reply.body) {
        let safe = href.starts_with('/')
            || href.starts_with('?')
            || href.starts_with('#')
            || href.starts_with("https://")
            || href.starts_with("http://");
        assert!(safe, "{uri}: unsafe link {href:?}");
        assert!(
            !href.contains('"') && !href.contains('<'),
            "{uri}: {href:?}"
        );
    }
}

fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

fn assert_security_headers(uri: &str, reply: &Reply) {
    let csp = reply
        .headers
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{uri}: no CSP"))
        .to_str()
        .unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("base-uri 'none'"), "{csp}");
    assert_eq!(reply.headers["x-content-type-options"], "nosniff", "{uri}");
    assert_eq!(reply.headers["x-frame-options"], "DENY", "{uri}");
    assert!(reply.headers.contains_key("referrer-policy"), "{uri}");
}

const PAYLOAD_QUERY: &str = "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%3C%2Ftitle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E";

#[tokio::test]
async fn x01_q14_payload_records_and_queries_are_escaped_on_every_page() {
    let mut pages = vec![
        "/".to_string(),
        "/?q=window".to_string(),
        "/?q=payload+detention&lang=es".to_string(),
        "/?q=script".to_string(),
        "/?q=constructor&lang=fr".to_string(),
        format!("/?q={PAYLOAD_QUERY}"),
        format!("/?country={PAYLOAD_QUERY}&atd_type={PAYLOAD_QUERY}&population={PAYLOAD_QUERY}"),
        format!("/?sort={PAYLOAD_QUERY}&page={PAYLOAD_QUERY}&cost_min={PAYLOAD_QUERY}"),
        format!("/?q=x&{PAYLOAD_QUERY}=1"),
        format!("/nowhere/{PAYLOAD_QUERY}"),
        format!("/practices/{PAYLOAD_QUERY}"),
        format!("/?q=%FF{PAYLOAD_QUERY}"),
        "/about".to_string(),
    ];
    for n in 1..=4 {
        pages.push(format!("/practices/xss-payload-{n}"));
        pages.push(format!("/practices/xss-payload-{n}?lang=es"));
    }
    let mut shown = 0;
    for uri in &pages {
        let reply = payload_get(uri).await;
        assert!(
            [
                StatusCode::OK,
                StatusCode::NOT_FOUND,
                StatusCode::BAD_REQUEST
            ]
            .contains(&reply.status),
            "{uri}: {}",
            reply.status
        );
        assert!(
            reply.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{uri}"
        );
        assert_escaped(uri, &reply);
        assert_security_headers(uri, &reply);
        // The payload is shown, as text: escaping did not just drop the data.
        if reply
            .body
            .contains("&lt;script&gt;window.__xss=1&lt;/script&gt;")
            || reply
                .body
                .contains("&quot;&gt;&lt;img src=x onerror=window.__xss=1&gt;")
        {
            shown += 1;
        }
    }
    assert!(shown >= 9, "payload text visible on {shown} pages");
}

#[tokio::test]
async fn x01_the_api_returns_payloads_as_json_strings_never_html() {
    for uri in [
        "/api/v1/search?q=window",
        "/api/v1/practices/xss-payload-1",
        &format!("/api/v1/search?q={PAYLOAD_QUERY}"),
        &format!("/api/v1/nowhere/{PAYLOAD_QUERY}"),
    ] {
        let reply = payload_get(uri).await;
        let content_type = reply.headers["content-type"].to_str().unwrap();
        assert!(
            content_type.starts_with("application/json"),
            "{uri}: {content_type}"
        );
        assert_security_headers(uri, &reply);
        reply.json();
    }
    let record = payload_get("/api/v1/practices/xss-payload-1").await.json();
    assert_eq!(
        record["summary"].as_str().unwrap(),
        "Synthetic test record for output escaping: payload detention <script>window.__xss=1</script> {{constructor.constructor('window.__xss=1')()}}",
        "stored and returned verbatim"
    );
}

#[tokio::test]
async fn x03_security_headers_on_every_kind_of_response() {
    let app = web::router(payload_app().state.clone());
    let cases: Vec<(Method, &str, StatusCode)> = vec![
        (Method::GET, "/", StatusCode::OK),
        (Method::GET, "/site.css", StatusCode::OK),
        (Method::GET, "/api/v1/search", StatusCode::OK),
        (Method::GET, "/healthz", StatusCode::OK),
        (Method::GET, "/nowhere", StatusCode::NOT_FOUND),
        (Method::GET, "/api/v1/practices/nope", StatusCode::NOT_FOUND),
        (Method::GET, "/?q=a&q=b", StatusCode::BAD_REQUEST),
        (Method::POST, "/", StatusCode::METHOD_NOT_ALLOWED),
        (Method::HEAD, "/about", StatusCode::OK),
    ];
    let css_path = atd_atlas::web::views::STYLESHEET_PATH;
    for (method, uri, expected) in cases {
        let uri = if uri == "/site.css" { css_path } else { uri };
        let request = Request::builder()
            .method(method.clone())
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), expected, "{method} {uri}");
        let headers = response.headers().clone();
        let _ = response.into_body().collect().await;
        let reply = Reply {
            status: expected,
            headers,
            body: String::new(),
        };
        assert_security_headers(&format!("{method} {uri}"), &reply);
    }
}

#[tokio::test]
async fn p01_p02_traversal_on_assets_and_ids_never_reaches_a_file() {
    let secret = std::fs::read_to_string(repo_path("Cargo.toml")).unwrap();
    for uri in [
        "/static/../Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
        "/..%5c..%5cCargo.toml",
        "/static/%00",
        "/static/C:/windows/win.ini",
        "//etc/passwd",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/practices/..%2F..%2Fetc%2Fpasswd",
        "/practices/%2e%2e",
        "/practices/xss-payload-1%00",
        "/practices/xss-payload-1%2F..%2F..%2FCargo.toml",
        "/api/v1/practices/..%2F..%2FCargo.toml",
        "/api/v1/practices/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ] {
        let reply = payload_get(uri).await;
        assert!(
            [StatusCode::NOT_FOUND, StatusCode::BAD_REQUEST].contains(&reply.status),
            "{uri}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("[package]") && !reply.body.contains("root:x:0"),
            "{uri}"
        );
        assert!(
            !reply.body.contains(&secret[..40.min(secret.len())]),
            "{uri}"
        );
    }
}
