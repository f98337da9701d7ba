//! Hostile search queries (Q01–Q13, Q15) through the router, case by case: each is answered
//! 200 or a clean 400, never a 500, and SQL- or HTML-looking text stays text.

use axum::http::StatusCode;
use proptest::prelude::*;

use crate::support::{self, get};

fn nested(depth: usize) -> String {
    format!("{}bail{}", "(".repeat(depth), ")".repeat(depth))
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// (case id, query string) pairs that must each get 200.
fn answered() -> Vec<(&'static str, String)> {
    let mut cases: Vec<(&'static str, String)> = vec![
        ("Q01", format!("q={}", pct("\"immigration detention"))),
        ("Q02", format!("q={}", pct("((bail"))),
        ("Q02", format!("q={}", pct("bail))"))),
        ("Q03", format!("q={}", pct(&nested(10)))),
        ("Q03", format!("q={}", pct(&nested(100)))),
        ("Q03", format!("q={}", pct(&nested(2000)))),
        ("Q05", format!("q={}", pct("foo:bar _id:1 password_hash:x"))),
        ("Q06", format!("q={}", vec!["detention"; 1000].join("+"))),
        ("Q07", format!("q={}", pct("/.*/ year:[0 TO 99999999]"))),
        ("Q07", format!("q={}", vec![pct("a~2"); 50].join("+"))),
        ("Q08", "q=".into()),
        ("Q08", "q=+++".into()),
        ("Q08", format!("q={}", pct("!?.,;:-"))),
        ("Q08", "q=the+of+and".into()),
        ("Q10", "per_page=0".into()),
        ("Q10", "per_page=-1".into()),
        ("Q10", "per_page=1e9".into()),
        ("Q10", "per_page=abc".into()),
        ("Q10", "page=1000000000000".into()),
        ("Q10", "page=NaN".into()),
        ("Q10", "page=-5&per_page=18446744073709551616".into()),
        (
            "Q10",
            "cost_min=NaN&cost_max=inf&year_min=-99999999999&compliance_max=1e308".into(),
        ),
        ("Q11", vec!["country=US"; 1000].join("&")),
        ("Q11", format!("country={}", pct("../../etc/passwd"))),
        ("Q11", "country=%2F..%2F".into()),
        ("Q11", format!("atd_type={}", "x".repeat(5000))),
        ("Q12", format!("q={}", pct("'; DROP TABLE practices; --"))),
        (
            "Q12",
            format!("sort={}", pct("cost_asc; DROP TABLE practices")),
        ),
        ("Q12", format!("q={}", pct("\" OR 1=1 --"))),
        ("Q13", format!("q={}", pct("احتجاز المهاجرين"))),
        (
            "Q13",
            format!("q={}", pct("détention 拘留 🚀 \u{202E}evil")),
        ),
        ("Q13", format!("q=a{}", pct(&"\u{0301}".repeat(2000)))),
    ];
    for q in [
        "- *",
        "(*'\n",
        "*",
        "-",
        "+",
        "\"\"",
        "AND OR NOT",
        "title:",
        ":::",
    ] {
        cases.push(("Q04", format!("q={}", pct(q))));
    }
    cases
}

#[tokio::test]
async fn q01_q13_hostile_queries_are_answered_on_the_page_and_the_api() {
    for (case, qs) in answered() {
        for path in ["/", "/api/v1/search"] {
            let uri = format!("{path}?{qs}");
            let reply = get(&uri).await;
            let shown = &uri[..uri.len().min(120)];
            assert_eq!(reply.status, StatusCode::OK, "{case}: {shown}");
            if path == "/" {
                // The site's own enhancement script is the only script on the page.
                let own = "<script src=\"/static/enhance.js\" defer></script>";
                assert_eq!(
                    reply.body.matches("<script").count(),
                    reply.body.matches(own).count(),
                    "{case}: {shown}"
                );
            } else {
                let json = reply.json();
                let per_page = json["per_page"].as_u64().unwrap();
                assert!((1..=100).contains(&per_page), "{case}: per_page {per_page}");
            }
        }
    }
}

#[tokio::test]
async fn q12_sql_looking_text_leaves_the_data_as_it_was() {
    let before = get("/api/v1/search").await.json()["total"].clone();
    get("/?q=%27%3B%20DROP%20TABLE%20practices%3B%20--").await;
    get("/api/v1/practices/x%27%3B%20DELETE%20FROM%20practices%3B%20--").await;
    assert_eq!(get("/api/v1/search").await.json()["total"], before);
}

/// Q09: bytes that are not UTF-8 are read as U+FFFD (the query-string decoder is lossy, as
/// browsers are), so the search is answered, never refused: nothing typed is an error page.
#[tokio::test]
async fn q09_undecodable_bytes_are_searched_as_replacement_characters_and_cr_lf_never_reach_headers()
 {
    for qs in ["q=%FF", "q=%C0%AE", "q=%E2%82", "q=%ED%A0%80"] {
        let page = get(&format!("/?{qs}")).await;
        assert_eq!(page.status, StatusCode::OK, "/?{qs}");
        assert!(
            page.body.contains('\u{FFFD}'),
            "/?{qs}: the search box shows what was read"
        );
        let api = get(&format!("/api/v1/search?{qs}")).await;
        assert_eq!(api.status, StatusCode::OK, "/api/v1/search?{qs}");
        assert!(api.json()["total"].is_u64(), "/api/v1/search?{qs}");
    }
    for qs in [
        "q=%",
        "q=%0",
        "q=a%00b",
        "q=a%0D%0ASet-Cookie:%20x=1",
        "lang=%0D%0Ax",
    ] {
        let reply = get(&format!("/?{qs}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{qs}");
        assert!(!reply.headers.contains_key("set-cookie"), "{qs}");
    }
}

/// 150 cases in every `cargo test`; `ATD_FUZZ_CASES=100000` for a long run.
fn fuzz_cases() -> u32 {
    std::env::var("ATD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    /// Q15: arbitrary text (any Unicode, control characters, query syntax) through the whole
    /// search path — parameters, query builder, tantivy, store, views — never fails.
    #[test]
    fn q15_any_search_text_through_the_whole_path_is_answered(text in "\\PC{0,80}|[()\"*:~^+\\-\\[\\]{}!/\\\\ ]{0,40}") {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let uri = format!("/?q={}", pct(&text));
        let reply = runtime.block_on(support::get(&uri));
        prop_assert_eq!(reply.status, StatusCode::OK, "{}", uri);
        let uri = format!("/api/v1/search?q={}", pct(&text));
        let reply = runtime.block_on(support::get(&uri));
        prop_assert_eq!(reply.status, StatusCode::OK, "{}", uri);
    }
}
