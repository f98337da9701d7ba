//! The site and API on the real shipped data, through the in-process router.

use std::collections::{BTreeSet, HashMap};

use axum::http::StatusCode;
use proptest::prelude::*;

use crate::support::{self, get, ids, shipped_rows};

fn tags(row: &HashMap<String, String>, column: &str) -> Vec<String> {
    row[column]
        .split(';')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

async fn all_ids(query: &str) -> Vec<String> {
    let sep = if query.is_empty() { "" } else { "&" };
    let json = get(&format!("/api/v1/search?{query}{sep}per_page=100"))
        .await
        .json();
    assert!(
        json["total"].as_u64().unwrap() <= 100,
        "test expects one page"
    );
    ids(&json)
}

#[tokio::test]
async fn browsing_lists_every_shipped_practice() {
    let json = get("/api/v1/search?per_page=100").await.json();
    assert_eq!(
        json["total"].as_u64().unwrap() as usize,
        shipped_rows().len()
    );
}

#[tokio::test]
async fn a_search_for_children_finds_every_practice_tagged_children() {
    let tagged: BTreeSet<String> = shipped_rows()
        .iter()
        .filter(|r| tags(r, "populations").contains(&"children".to_string()))
        .map(|r| r["id"].clone())
        .collect();
    assert!(!tagged.is_empty());
    let found: BTreeSet<String> = all_ids("q=children").await.into_iter().collect();
    assert!(
        tagged.is_subset(&found),
        "missing: {:?}",
        tagged.difference(&found).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_spanish_label_finds_the_tagged_practices() {
    // "niños" is only in the Spanish vocabulary labels, never in the English record text.
    let tagged: BTreeSet<String> = shipped_rows()
        .iter()
        .filter(|r| tags(r, "populations").contains(&"children".to_string()))
        .map(|r| r["id"].clone())
        .collect();
    let found: BTreeSet<String> = all_ids("q=ni%C3%B1os").await.into_iter().collect();
    assert!(
        tagged.is_subset(&found),
        "{:?}",
        tagged.difference(&found).collect::<Vec<_>>()
    );
    let unaccented: BTreeSet<String> = all_ids("q=ninos").await.into_iter().collect();
    assert_eq!(found, unaccented, "accent folding");
}

#[tokio::test]
async fn two_countries_give_the_union_and_keep_both_counts() {
    let rows = shipped_rows();
    let in_country = |iso: &str| -> BTreeSet<String> {
        rows.iter()
            .filter(|r| r["iso2"] == iso)
            .map(|r| r["id"].clone())
            .collect()
    };
    let want: BTreeSet<String> = in_country("US").union(&in_country("MX")).cloned().collect();
    let json = get("/api/v1/search?country=US&country=MX&per_page=100")
        .await
        .json();
    let got: BTreeSet<String> = ids(&json).into_iter().collect();
    assert_eq!(got, want);

    let country_facet = json["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["facet"] == "country")
        .unwrap();
    let count_of = |iso: &str| {
        country_facet["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == iso)
            .map(|v| {
                (
                    v["count"].as_u64().unwrap() as usize,
                    v["selected"].as_bool().unwrap(),
                )
            })
    };
    assert_eq!(count_of("US"), Some((in_country("US").len(), true)));
    assert_eq!(count_of("MX"), Some((in_country("MX").len(), true)));
    // Disjunctive: other countries keep their counts too, so a third can be added.
    assert_eq!(count_of("CA").map(|c| c.0), Some(in_country("CA").len()));
}

#[tokio::test]
async fn filters_across_facets_combine_with_and() {
    let rows = shipped_rows();
    let want: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["iso2"] == "US" && tags(r, "atd_types").contains(&"case_management".into()))
        .map(|r| r["id"].clone())
        .collect();
    let got: BTreeSet<String> = all_ids("country=US&atd_type=case_management")
        .await
        .into_iter()
        .collect();
    assert_eq!(got, want);
}

#[tokio::test]
async fn a_cost_range_returns_only_practices_inside_it() {
    let json = get("/api/v1/search?cost_min=1&cost_max=20&per_page=100")
        .await
        .json();
    let results = json["results"].as_array().unwrap();
    assert!(
        !results.is_empty(),
        "the shipped data has costs in this range"
    );
    for r in results {
        let cost = r["cost_per_day_usd_constant"].as_f64().expect("has a cost");
        assert!((1.0..=20.0).contains(&cost), "{} costs {cost}", r["id"]);
    }
    let mut all = Vec::new();
    for page in 1.. {
        let json = get(&format!("/api/v1/search?per_page=100&page={page}"))
            .await
            .json();
        let results = json["results"].as_array().unwrap().clone();
        if results.is_empty() {
            break;
        }
        all.extend(results);
    }
    assert_eq!(all.len(), crate::support::shipped_rows().len());
    let inside = all
        .iter()
        .filter(|r| {
            r["cost_per_day_usd_constant"]
                .as_f64()
                .is_some_and(|c| (1.0..=20.0).contains(&c))
        })
        .count();
    assert_eq!(results.len(), inside);
}

#[tokio::test]
async fn cost_sort_is_ascending_with_unknown_costs_last() {
    let json = get("/api/v1/search?sort=cost_asc&per_page=100")
        .await
        .json();
    let costs: Vec<Option<f64>> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cost_per_day_usd_constant"].as_f64())
        .collect();
    let known: Vec<f64> = costs.iter().map_while(|c| *c).collect();
    assert!(known.len() >= 2);
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{known:?}");
    assert!(costs[known.len()..].iter().all(Option::is_none));
}

#[tokio::test]
async fn pages_continue_without_overlap_and_link_the_next() {
    let first = get("/api/v1/search?per_page=10").await.json();
    let second_url = first["next_url"].as_str().expect("a next page").to_string();
    let second = get(&second_url).await.json();
    let a: BTreeSet<String> = ids(&first).into_iter().collect();
    let b: BTreeSet<String> = ids(&second).into_iter().collect();
    assert_eq!(a.len(), 10);
    assert!(a.is_disjoint(&b));
    assert_eq!(second["page"], 2);
}

#[tokio::test]
async fn unknown_and_malformed_practice_ids_are_404() {
    for uri in [
        "/practices/no-such-practice",
        "/practices/..%2F..%2Fetc%2Fpasswd",
        "/practices/UPPER",
        "/api/v1/practices/no-such-practice",
        "/nowhere",
    ] {
        let reply = get(uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let api = get("/api/v1/practices/no-such-practice").await;
    assert_eq!(api.json()["error"]["status"], 404);
    let page = get("/practices/no-such-practice").await;
    assert!(page.body.contains("<html"), "a 404 page for people");
}

#[tokio::test]
async fn a_record_page_shows_its_source_and_figures() {
    let row = shipped_rows()
        .into_iter()
        .find(|r| r["id"] == "ca-toronto-bail-program")
        .expect("a known shipped row");
    let reply = get("/practices/ca-toronto-bail-program").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains(&row["source_url"]));
    assert!(reply.body.contains("CAD"));
    let api = get("/api/v1/practices/ca-toronto-bail-program")
        .await
        .json();
    assert_eq!(api["source_url"], row["source_url"].as_str());
    assert_eq!(
        api["cost_per_day"].as_f64(),
        row["cost_per_day"].parse().ok()
    );
    assert!(
        api["cost_per_day_usd"].as_f64().is_some(),
        "CAD 2010 has a rate"
    );
}

#[tokio::test]
async fn the_html_page_and_the_json_api_agree() {
    for query in [
        "q=community",
        "country=AU",
        "q=bail&sort=cost_desc",
        "atd_type=reporting&page=1",
    ] {
        let json = get(&format!("/api/v1/search?{query}")).await.json();
        let html = get(&format!("/?{query}")).await;
        assert_eq!(html.status, StatusCode::OK);
        let mut last = 0;
        for id in ids(&json) {
            let link = format!("/practices/{id}");
            let at = html.body[last..]
                .find(&link)
                .unwrap_or_else(|| panic!("{query}: {id} missing or out of order in HTML"));
            last += at + link.len();
        }
    }
}

#[tokio::test]
async fn every_response_carries_security_headers() {
    for uri in [
        "/",
        "/about",
        "/practices/ca-toronto-bail-program",
        "/api/v1/search",
        "/nowhere",
        "/healthz",
    ] {
        let reply = get(uri).await;
        for header in [
            "content-security-policy",
            "x-content-type-options",
            "x-frame-options",
            "referrer-policy",
        ] {
            assert!(reply.headers.contains_key(header), "{uri} lacks {header}");
        }
    }
}

#[tokio::test]
async fn health_reports_the_live_generation() {
    let json = get("/healthz").await.json();
    assert_eq!(json["status"], "ok");
    assert_eq!(
        json["practices"].as_u64().unwrap() as usize,
        shipped_rows().len()
    );
}

#[tokio::test]
async fn hostile_search_text_is_answered_not_failed() {
    for q in [
        "%22immigration%20detention",
        "((bail",
        "-%20*",
        "(*'%0A",
        "foo:bar",
        "%27;%20DROP%20TABLE%20practices;%20--",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "",
        "%20%20%20",
    ] {
        let reply = get(&format!("/?q={q}")).await;
        assert_eq!(reply.status, StatusCode::OK, "q={q}");
        assert!(
            !reply.body.contains("<script>alert(1)"),
            "q={q} reflected unescaped"
        );
    }
}

fn uri_fragment() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "q",
        "country",
        "kind",
        "region",
        "atd_type",
        "population",
        "cap_stage",
        "status",
        "organisation_type",
        "cost_min",
        "cost_max",
        "year_min",
        "year_max",
        "compliance_min",
        "compliance_max",
        "sort",
        "page",
        "per_page",
        "lang",
        "zzz",
    ]);
    let value = "[a-zA-Z0-9 %&=+\\-_.~\"'()*:;<>é漢]{0,24}";
    prop::collection::vec((key, value), 0..8).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v)| {
                // Keep `%` raw to exercise malformed escapes; encode what a URI cannot hold.
                let v: String = v
                    .chars()
                    .map(|c| match c {
                        ' ' => "+".to_string(),
                        '"' | '<' | '>' | 'é' | '漢' => {
                            let mut buf = [0; 4];
                            c.encode_utf8(&mut buf)
                                .bytes()
                                .map(|b| format!("%{b:02X}"))
                                .collect()
                        }
                        c => c.to_string(),
                    })
                    .collect();
                format!("{k}={v}")
            })
            .collect::<Vec<_>>()
            .join("&")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever is in the query string, the answer is a page or a clean 400, never a 500.
    #[test]
    fn any_query_string_gets_200_or_400(qs in uri_fragment()) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        for path in ["/", "/api/v1/search"] {
            let uri = format!("{path}?{qs}");
            if uri.parse::<axum::http::Uri>().is_err() {
                continue;
            }
            let reply = runtime.block_on(support::get(&uri));
            prop_assert!(
                reply.status == StatusCode::OK || reply.status == StatusCode::BAD_REQUEST,
                "{uri} → {}", reply.status
            );
        }
    }
}

mod caching {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use crate::support::{get, router};

    async fn get_if_none_match(uri: &str, tag: &str) -> (StatusCode, String, Vec<u8>) {
        let request = Request::get(uri)
            .header(header::IF_NONE_MATCH, tag)
            .body(Body::empty())
            .unwrap();
        let response = router().oneshot(request).await.unwrap();
        let status = response.status();
        let etag = response
            .headers()
            .get(header::ETAG)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, etag, body.to_vec())
    }

    #[tokio::test]
    async fn pages_and_api_answers_carry_one_etag_per_index_generation() {
        let mut tags = Vec::new();
        for uri in [
            "/",
            "/?q=children&country=US",
            "/about",
            "/api/v1/search?q=bail",
            "/practices/us-ice-isap",
            "/api/v1/practices/us-ice-isap",
        ] {
            let reply = get(uri).await;
            assert_eq!(reply.status, StatusCode::OK, "{uri}");
            let tag = reply.headers[header::ETAG].to_str().unwrap().to_string();
            assert!(tag.starts_with("W/\"atlas-"), "{uri}: {tag}");
            assert_eq!(reply.headers[header::CACHE_CONTROL], "no-cache", "{uri}");
            tags.push(tag);
        }
        tags.dedup();
        assert_eq!(tags.len(), 1, "one generation, one tag: {tags:?}");
    }

    #[tokio::test]
    async fn a_matching_if_none_match_gets_an_empty_304() {
        let tag = get("/?q=children").await.headers[header::ETAG]
            .to_str()
            .unwrap()
            .to_string();
        let (status, etag, body) = get_if_none_match("/?q=children", &tag).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert_eq!(etag, tag);
        assert!(body.is_empty());
        // Weak comparison: a strong form of the same tag, in a list, also matches.
        let strong = tag.trim_start_matches("W/");
        let (status, _, _) =
            get_if_none_match("/api/v1/search", &format!("\"other\", {strong}")).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
    }

    #[tokio::test]
    async fn a_stale_tag_gets_the_full_page() {
        let (status, etag, body) = get_if_none_match("/?q=children", "W/\"atlas-0-g0-d0\"").await;
        assert_eq!(status, StatusCode::OK);
        assert!(etag.starts_with("W/\"atlas-"));
        assert!(String::from_utf8_lossy(&body).contains("<html"));
    }

    #[tokio::test]
    async fn health_checks_and_errors_are_never_cached() {
        let health = get("/healthz").await;
        assert_eq!(health.status, StatusCode::OK);
        assert!(health.headers.get(header::ETAG).is_none());
        let tag = get("/").await.headers[header::ETAG]
            .to_str()
            .unwrap()
            .to_string();
        let (status, _, _) = get_if_none_match("/healthz", &tag).await;
        assert_eq!(status, StatusCode::OK);
        let missing = get("/practices/no-such-practice").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(missing.headers.get(header::ETAG).is_none());
    }
}

/// Regression (issue 3 merge): a synonym group's short stems ("niñas" → "nin") were given a
/// typo allowance, so "children" matched 68 of 78 practices through words like "in" and "no".
#[tokio::test]
async fn a_children_search_returns_only_practices_about_children() {
    let about_children = |r: &HashMap<String, String>| {
        let tagged = tags(r, "populations")
            .iter()
            .any(|p| p == "children" || p == "unaccompanied_children");
        let text = r
            .values()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let mentioned = ["child", "kid", "minor", "niñ", "menor", "enfant", "mineur"]
            .iter()
            .any(|w| text.contains(w));
        // One typo is forgiven in words of five letters or more ("CILD" is one edit from
        // "child"), so such a word counts as a mention too.
        let near_miss = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .any(|w| {
                ["child", "minors", "enfants"]
                    .iter()
                    .any(|g| strsim::levenshtein(w, g) == 1)
            });
        tagged || mentioned || near_miss
    };
    let rows = shipped_rows();
    let relevant: BTreeSet<String> = rows
        .iter()
        .filter(|r| about_children(r))
        .map(|r| r["id"].clone())
        .collect();
    for q in ["children", "ni%C3%B1os", "enfants"] {
        let found: BTreeSet<String> = all_ids(&format!("q={q}")).await.into_iter().collect();
        let stray: Vec<_> = found.difference(&relevant).collect();
        assert!(
            stray.is_empty(),
            "q={q} matched practices not about children: {stray:?}"
        );
    }
}

/// Regression: the insights chart wrote "not published" in English on every page language.
#[tokio::test]
async fn chart_labels_follow_the_page_language() {
    let fr = get("/insights?lang=fr").await;
    assert_eq!(fr.status, StatusCode::OK);
    assert!(
        !fr.body.contains("not published"),
        "English left on the French page"
    );
    assert!(fr.body.contains("non publié"));
}
