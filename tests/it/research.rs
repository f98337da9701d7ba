//! The research tools on the real shipped data: exports, compare, country pages, insights and
//! the map, citations, similar practices, data downloads, OpenAPI.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use atd_atlas::cli;
use atd_atlas::web::views::COST_ROWS;
use atd_atlas::web::{self, AppState};
use axum::http::StatusCode;

use crate::support::{self, get, get_with, ids, shipped_rows};

const BOM: &str = "\u{FEFF}";

/// Parses a CSV export into header → value maps, checking the BOM on the way.
fn parse_csv(body: &str) -> Vec<HashMap<String, String>> {
    let text = body
        .strip_prefix(BOM)
        .expect("the CSV starts with a UTF-8 BOM");
    support::csv_rows(csv::Reader::from_reader(text.as_bytes()))
}

/// The links of a page, without the `lang=en` every internal link of an English page carries.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| {
            h.replace("&amp;", "&")
                .replace("?lang=en&", "?")
                .replace("&lang=en", "")
                .replace("?lang=en", "")
        })
        .collect()
}

/// The ids the API lists for `query`, page after page, in order.
async fn every_matching_id(query: &str) -> Vec<String> {
    let mut all = Vec::new();
    for page in 1.. {
        let sep = if query.is_empty() { "" } else { "&" };
        let api = get(&format!(
            "/api/v1/search?{query}{sep}per_page=100&page={page}"
        ))
        .await
        .json();
        let found = ids(&api);
        if found.is_empty() {
            assert_eq!(api["total"].as_u64().unwrap() as usize, all.len());
            return all;
        }
        all.extend(found);
    }
    unreachable!("pages run out")
}

#[tokio::test]
async fn exports_hold_exactly_the_rows_of_the_search_in_its_order() {
    for query in [
        "",
        "q=children",
        "country=US&country=MX",
        "atd_type=case_management&sort=cost_asc",
        "cost_min=1&cost_max=50&sort=cost_desc",
        "q=%22case+management%22&region=americas",
        "compliance_min=90",
        "q=zzzznothing",
        "page=3&per_page=5",
    ] {
        let want = every_matching_id(&query.replace("page=3&per_page=5", "")).await;

        let csv_reply = get(&format!("/practices.csv?{query}")).await;
        assert_eq!(csv_reply.status, StatusCode::OK, "{query}");
        assert_eq!(csv_reply.headers["content-type"], "text/csv; charset=utf-8");
        assert!(
            csv_reply.headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let rows = parse_csv(&csv_reply.body);
        let csv_ids: Vec<String> = rows.iter().map(|r| r["id"].clone()).collect();
        assert_eq!(csv_ids, want, "CSV for {query:?}");

        let json = get(&format!("/practices.json?{query}")).await.json();
        let json_ids: Vec<String> = json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(json_ids, want, "JSON for {query:?}");
        assert_eq!(json["total"].as_u64().unwrap() as usize, want.len());
    }
}

#[tokio::test]
async fn the_csv_export_keeps_numbers_raw_and_text_as_shipped() {
    let rows = parse_csv(&get("/practices.csv").await.body);
    let shipped: BTreeMap<String, HashMap<String, String>> = shipped_rows()
        .into_iter()
        .map(|r| (r["id"].clone(), r))
        .collect();
    assert_eq!(rows.len(), shipped.len());
    for row in &rows {
        let source = &shipped[&row["id"]];
        for column in [
            "cost_per_day",
            "detention_cost_per_day",
            "outcome_compliance_pct",
        ] {
            let parse = |v: &str| (!v.is_empty()).then(|| v.parse::<f64>().expect(v));
            assert_eq!(
                parse(&row[column]),
                parse(&source[column]),
                "{} {column}",
                row["id"]
            );
        }
        for column in [
            "programme",
            "summary",
            "organisation",
            "source_url",
            "populations",
        ] {
            assert_eq!(
                atd_atlas::spreadsheet::restore(&row[column]),
                source[column],
                "{} {column}",
                row["id"]
            );
        }
        assert_eq!(
            row["url"],
            format!("http://127.0.0.1:8080/practices/{}", row["id"])
        );
        assert!(
            !row["cost_per_day_usd_constant"].contains(','),
            "dot decimals"
        );
    }
    let api = get("/api/v1/practices/us-family-case-management-program")
        .await
        .json();
    let row = rows
        .iter()
        .find(|r| r["id"] == "us-family-case-management-program")
        .unwrap();
    assert_eq!(
        row["cost_per_day_usd_constant"].parse::<f64>().unwrap(),
        api["cost_per_day_usd_constant"].as_f64().unwrap()
    );
}

/// A copy of the shipped practices with formula-like text in several columns: accepted as
/// data, stored verbatim, neutralised only in the CSV export.
#[tokio::test]
async fn formula_like_text_is_neutralised_in_the_csv_and_raw_in_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(support::repo_path("data/practices.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(source.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let hostile = [
        ("programme", "=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("organisation", "  +cmd|' /C calc'!A0"),
        ("participants_note", "-2+3"),
        ("outcome_other", "@SUM(A1:A9)"),
        ("summary", "=cmd|' /C calc'!A0 and more"),
    ];
    let mut writer = csv::Writer::from_path(dir.path().join("practices.csv")).unwrap();
    writer.write_record(&headers).unwrap();
    let mut hostile_id = String::new();
    for (i, record) in reader.records().enumerate() {
        let mut record: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        if i == 0 {
            hostile_id = record[col("id")].clone();
            for (name, value) in hostile {
                record[col(name)] = value.to_string();
            }
        }
        writer.write_record(&record).unwrap();
    }
    writer.flush().unwrap();
    drop(writer);
    std::fs::copy(
        support::repo_path("data/sources.csv"),
        dir.path().join("sources.csv"),
    )
    .unwrap();
    let paths = support::paths_in(dir.path());
    cli::import_and_index(&paths, &dir.path().join("practices.csv")).expect("formulas are data");
    let app = web::router(AppState::open(&paths).unwrap());

    let csv_body = get_with(app.clone(), "/practices.csv").await.body;
    let rows = parse_csv(&csv_body);
    let row = rows.iter().find(|r| r["id"] == hostile_id).unwrap();
    let stored = get_with(app.clone(), &format!("/api/v1/practices/{hostile_id}"))
        .await
        .json();
    for (name, value) in hostile {
        // The importer trims surrounding spaces; the rest is stored verbatim.
        assert_eq!(stored[name], value.trim(), "{name} is stored as data");
        assert_eq!(row[name], format!("'{}", value.trim()), "{name}");
    }
    for row in &rows {
        for (name, cell) in row {
            // Only numeric columns (costs, savings) may start with a minus sign.
            let numeric = name.contains("cost") || name.contains("saving");
            let formula = match cell.trim_start().chars().next() {
                Some('=' | '+' | '@' | '\t' | '\r') => true,
                Some('-') => !numeric,
                _ => false,
            };
            assert!(!formula, "{name} = {cell:?}");
        }
    }
    let json = get_with(app, &format!("/api/v1/practices/{hostile_id}"))
        .await
        .json();
    assert_eq!(
        json["programme"], hostile[0].1,
        "the API keeps the raw value"
    );
}

#[tokio::test]
async fn the_search_page_links_its_exports_and_offers_compare_checkboxes() {
    let html = get("/?q=children&country=US&page=1").await.body;
    let links = hrefs(&html);
    assert!(
        links.contains(&"/practices.csv?q=children&country=US".to_string()),
        "{links:?}"
    );
    assert!(links.contains(&"/practices.json?q=children&country=US".to_string()));
    assert!(html.contains("form id=\"compare-form\" action=\"/compare\" method=\"get\""));
    assert!(html.contains(
        "name=\"ids\" value=\"us-family-case-management-program\" form=\"compare-form\""
    ));
    assert!(html.contains("form=\"compare-form\">Compare selected</button>"));
    // The histograms beside the range filters, each column a link to its range.
    assert!(html.contains("<svg class=\"histogram\""));
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("/?q=children&country=US&cost_min=0&cost_max=5"))
    );
    let es = get("/?q=children&lang=es").await.body;
    assert!(es.contains("<input type=\"hidden\" name=\"lang\" value=\"es\">"));
}

#[tokio::test]
async fn compare_shows_two_to_four_practices_side_by_side() {
    let rows = shipped_rows();
    let pick: Vec<&HashMap<String, String>> = rows
        .iter()
        .filter(|r| !r["cost_per_day"].is_empty())
        .take(3)
        .collect();
    let ids: Vec<&str> = pick.iter().map(|r| r["id"].as_str()).collect();
    for uri in [
        format!("/compare?ids={}", ids.join(",")),
        format!("/compare?ids={}&ids={}&ids={}", ids[0], ids[1], ids[2]),
    ] {
        let reply = get(&uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        let html = reply.body;
        assert_eq!(
            html.matches("<th scope=\"col\" dir=\"auto\">").count(),
            3,
            "{uri}"
        );
        for row in &pick {
            assert!(html.contains(&format!("href=\"/practices/{}?lang=en\">", row["id"])));
            assert!(html.contains(&format!("href=\"/countries/{}?lang=en\">", row["iso2"])));
            let published: f64 = row["cost_per_day"].parse().unwrap();
            assert!(
                html.contains(&format!("{}\u{A0}{published:.2}", row["cost_currency"]))
                    || html.contains(&format!("{}\u{A0}", row["cost_currency"]))
            );
        }
        assert!(html.contains("Daily saving against detention"));
    }
    let one = get(&format!("/compare?ids={}", ids[0])).await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.body.contains("Choose two to four practices"));
    let junk = get(&format!(
        "/compare?ids={},no-such-thing,..%2Fetc,{}",
        ids[0], ids[1]
    ))
    .await;
    assert_eq!(junk.status, StatusCode::OK);
    assert!(junk.body.contains("Not found: no-such-thing, ../etc."));
    let many: Vec<&str> = rows.iter().take(6).map(|r| r["id"].as_str()).collect();
    let capped = get(&format!("/compare?ids={}", many.join(","))).await.body;
    assert_eq!(capped.matches("<th scope=\"col\" dir=\"auto\">").count(), 4);
    assert!(capped.contains("up to four practices"));
    assert_eq!(get("/compare").await.status, StatusCode::OK);
}

#[tokio::test]
async fn every_country_page_lists_its_practices_and_its_coverage() {
    let rows = shipped_rows();
    let mut by_country: BTreeMap<String, Vec<&HashMap<String, String>>> = BTreeMap::new();
    for r in &rows {
        by_country.entry(r["iso2"].clone()).or_default().push(r);
    }
    let all_stages = support::csv_rows(
        csv::Reader::from_path(support::repo_path("data/vocabularies.csv")).unwrap(),
    )
    .iter()
    .filter(|r| r["vocabulary"] == "cap_stage")
    .count();
    assert!(
        all_stages > 0,
        "the CAP stages are in data/vocabularies.csv"
    );
    for (iso2, practices) in &by_country {
        let reply = get(&format!("/countries/{iso2}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{iso2}");
        let html = &reply.body;
        let listed: BTreeSet<String> = hrefs(html)
            .into_iter()
            .filter_map(|h| h.strip_prefix("/practices/").map(str::to_string))
            .collect();
        let want: BTreeSet<String> = practices.iter().map(|r| r["id"].clone()).collect();
        assert_eq!(listed, want, "{iso2}");
        // CAP stages: a stage no practice there is tagged with is named as not covered.
        let stages: BTreeSet<&str> = practices
            .iter()
            .flat_map(|r| r["cap_stages"].split(';').filter(|s| !s.is_empty()))
            .collect();
        let covered = format!("CAP stages: {} of {all_stages} covered", stages.len());
        assert!(html.contains(&covered), "{iso2}: {covered}");
    }
    let us = get("/countries/us").await;
    assert_eq!(us.status, StatusCode::OK, "codes are case-insensitive");
    assert_eq!(
        hrefs(&us.body),
        hrefs(&get("/countries/US").await.body),
        "/countries/us is the page of /countries/US"
    );
    assert_eq!(get("/countries/ZZ").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get("/countries/%3Cscript%3E").await.status,
        StatusCode::NOT_FOUND
    );
    // A real country with no recorded practice still has a page that says so.
    let none = get("/countries/NO").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(
        none.body
            .contains("No practice in Norway is recorded in the atlas yet.")
    );
}

#[tokio::test]
async fn country_names_link_to_country_pages() {
    let rows = shipped_rows();
    let first = &rows[0];
    let record = get(&format!("/practices/{}", first["id"])).await.body;
    assert!(record.contains(&format!("href=\"/countries/{}?lang=en\"", first["iso2"])));
    let search = get("/?q=children").await.body;
    assert!(search.contains("href=\"/countries/"));
    let es = get("/?q=children&lang=es").await.body;
    assert!(
        es.contains("/countries/US?lang=es")
            || es.contains("/countries/") && es.contains("?lang=es")
    );
}

#[tokio::test]
async fn insights_charts_match_the_data_and_every_map_link_resolves() {
    let reply = get("/insights").await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.body;
    let rows = shipped_rows();
    let countries: BTreeSet<String> = rows.iter().map(|r| r["iso2"].clone()).collect();
    let linked: BTreeSet<String> = hrefs(&html)
        .into_iter()
        .filter_map(|h| h.strip_prefix("/countries/").map(str::to_string))
        .collect();
    assert_eq!(
        linked, countries,
        "every country with practices, and only those"
    );
    for iso2 in &linked {
        assert_eq!(
            get(&format!("/countries/{iso2}")).await.status,
            StatusCode::OK,
            "{iso2}"
        );
    }
    // The map itself has a shape or marker link for each (Hong Kong needs the 50m shape).
    let map = html
        .split("<svg class=\"map\"")
        .nth(1)
        .unwrap()
        .split("</svg>")
        .next()
        .unwrap();
    for iso2 in &countries {
        // A real shape, not only a marker, for each country (Taiwan has no UN M49 code).
        let shape = format!("href=\"/countries/{iso2}?lang=en\"><title>");
        let with_path = map
            .split(&shape)
            .skip(1)
            .filter(|rest| rest.split("</a>").next().unwrap().contains("<path"))
            .count();
        assert_eq!(with_path, 1, "{iso2}: one linked shape on the map");
    }
    // Shapes without a country code (N. Cyprus, Kosovo...) link nowhere.
    assert_eq!(
        map.matches("<circle").count(),
        map.matches("<a href").count() - countries.len()
    );
    // The count table says how many practices each country has.
    let us = rows.iter().filter(|r| r["iso2"] == "US").count();
    assert!(html.contains(&format!(
        "href=\"/countries/US?lang=en\">United States</a></th><td class=\"num\">{us}</td>"
    )));
    // Every practice with a constant-dollar cost is in the cost chart's table.
    let api = get("/api/v1/search?per_page=100").await.json();
    for r in api["results"].as_array().unwrap() {
        if r["cost_per_day_usd_constant"].is_number()
            || r["detention_cost_per_day_usd_constant"].is_number()
        {
            let id = r["id"].as_str().unwrap();
            let section = html.split("id=\"costs\"").nth(1).unwrap();
            assert!(
                section.contains(&format!("href=\"/practices/{id}?lang=en\"")),
                "{id}"
            );
        }
    }
    // The shipped practices with a cost are under the section's row limit: each has its own
    // bars and row, and no line points to more.
    let costs = html
        .split("id=\"costs\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    let listed = costs.matches("href=\"/practices/").count();
    assert!((1..=COST_ROWS).contains(&listed), "{listed} rows");
    assert!(costs.contains("alternative and detention, by programme"));
    assert!(!costs.contains("costs-more") && !costs.contains("cost_min="));
    let regions: usize = rows.iter().filter(|r| !r["iso2"].is_empty()).count();
    assert_eq!(regions, rows.len());
    assert!(html.contains("Practices by CAP stage"));
}

/// The data version datapackage.json declares (semantic: major.minor.patch).
fn data_version() -> String {
    let text = std::fs::read_to_string(support::repo_path("data/datapackage.json")).unwrap();
    let package: serde_json::Value = serde_json::from_str(&text).unwrap();
    let version = package["version"].as_str().unwrap().to_string();
    let parts: Vec<&str> = version.split('.').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()),
        "{version} is semantic"
    );
    version
}

#[tokio::test]
async fn record_pages_cite_with_a_stable_url_version_and_access_date() {
    let state = support::shipped()
        .state
        .clone()
        .with_public_url("https://atd.example.org/");
    let app = web::router(state);
    let id = "us-family-case-management-program";
    let html = get_with(app, &format!("/practices/{id}")).await.body;
    let url = format!("https://atd.example.org/practices/{id}");
    assert!(html.contains(&url));
    assert!(html.contains(&format!("dataset version {}", data_version())));
    assert!(html.contains("accessed 20"));
    assert!(html.contains(&format!("@misc{{atdatlas-{id},")));
    assert!(html.contains("TY  - DATA"));
    assert!(html.contains(&format!("UR  - {url}")));
    assert!(html.contains("ER  - "));
}

#[tokio::test]
async fn record_pages_suggest_similar_practices_that_share_tags() {
    let rows = shipped_rows();
    let by_id: HashMap<&str, &HashMap<String, String>> =
        rows.iter().map(|r| (r["id"].as_str(), r)).collect();
    let mut with_similar = 0;
    for r in rows.iter().take(20) {
        let html = get(&format!("/practices/{}", r["id"])).await.body;
        let Some(section) = html.split("id=\"similar\"").nth(1) else {
            continue;
        };
        let section = section.split("</section>").next().unwrap();
        with_similar += 1;
        let tags = |row: &HashMap<String, String>| -> BTreeSet<String> {
            ["atd_types", "populations", "cap_stages"]
                .iter()
                .flat_map(|c| {
                    row[*c]
                        .split(';')
                        .filter(|s| !s.is_empty())
                        .map(move |s| format!("{c}:{s}"))
                })
                .collect()
        };
        for link in hrefs(section)
            .into_iter()
            .filter_map(|h| h.strip_prefix("/practices/").map(str::to_string))
        {
            assert_ne!(link, r["id"], "a practice is not similar to itself");
            let other = by_id[link.as_str()];
            assert!(
                tags(other).intersection(&tags(r)).count() > 0,
                "{link} shares no tag with {}",
                r["id"]
            );
        }
    }
    assert!(
        with_similar >= 10,
        "most records have similar practices ({with_similar})"
    );
}

#[tokio::test]
async fn the_data_page_and_files_download() {
    let page = get("/data").await;
    assert_eq!(page.status, StatusCode::OK);
    for link in hrefs(&page.body)
        .into_iter()
        .filter(|h| h.starts_with("/data/"))
    {
        assert_eq!(get(&link).await.status, StatusCode::OK, "{link}");
    }
    let csv = get("/data/practices.csv").await;
    assert_eq!(
        csv.body,
        std::fs::read_to_string(support::repo_path("data/practices.csv")).unwrap()
    );
    let package = get("/data/datapackage.json").await.json();
    assert_eq!(package["version"], data_version());
    let citation = std::fs::read_to_string(support::repo_path("CITATION.cff")).unwrap();
    assert!(
        citation.contains(&format!("version: \"{}\"", data_version())),
        "CITATION.cff and datapackage.json name the same data version"
    );
    // Every file the package describes downloads beside it, and the data page links it.
    for resource in package["resources"].as_array().unwrap() {
        let path = resource["path"].as_str().unwrap();
        assert_eq!(
            get(&format!("/data/{path}")).await.status,
            StatusCode::OK,
            "{path}"
        );
        assert!(
            page.body.contains(&format!("href=\"/data/{path}\"")),
            "{path}"
        );
    }
    let cff = get("/data/CITATION.cff").await;
    assert!(cff.body.contains("type: dataset"));
    for bad in [
        "/data/..%2FCargo.toml",
        "/data/atd-atlas.sqlite3",
        "/data/nothing.csv",
    ] {
        assert_eq!(get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn exports_and_data_are_open_to_other_sites_for_reading() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let request = Request::get("/practices.json?country=MX")
        .header("origin", "https://notebook.example")
        .body(Body::empty())
        .unwrap();
    let response = support::router().oneshot(request).await.unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn the_about_page_shows_the_cpi_table_and_links_the_rate_table() {
    let html = get("/about").await.body;
    assert!(html.contains("href=\"/data/fx_usd_annual.csv\""));
    assert!(html.contains("href=\"/data/us_cpi_annual.csv\""));
    assert!(html.contains("<th scope=\"row\">2024</th><td class=\"num\">"));
}

#[tokio::test]
async fn the_openapi_document_describes_what_the_api_returns() {
    let reply = get("/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["access-control-allow-origin"], "*");
    let doc = reply.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/search",
        "/api/v1/practices/{id}",
        "/healthz",
        "/practices.csv",
        "/practices.json",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} documented");
    }
    let params: BTreeSet<&str> = doc["paths"]["/api/v1/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "q",
        "country",
        "atd_type",
        "cost_min",
        "compliance_max",
        "sort",
        "page",
        "lang",
    ] {
        assert!(params.contains(name), "{name} documented");
    }
    // The documented fields of a practice are exactly the fields the API sends.
    let schema = &doc["components"]["schemas"]["Practice"];
    let documented: BTreeSet<String> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let record = get("/api/v1/practices/us-family-case-management-program")
        .await
        .json();
    let sent: BTreeSet<String> = record.as_object().unwrap().keys().cloned().collect();
    assert!(
        sent.is_subset(&documented),
        "{:?}",
        sent.difference(&documented).collect::<Vec<_>>()
    );
    let required: BTreeSet<String> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert!(
        required.is_subset(&sent),
        "{:?}",
        required.difference(&sent).collect::<Vec<_>>()
    );
    let export = &doc["components"]["schemas"]["Export"]["properties"];
    let json = get("/practices.json?country=MX").await.json();
    for key in json.as_object().unwrap().keys() {
        assert!(export[key].is_object(), "export field {key} documented");
    }

    let docs = get("/api/docs").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs.body.contains("GET /api/v1/search"));
    assert!(docs.body.contains("<code>Practice</code>"));
    // No script of its own (no Swagger UI): only the site's progressive-enhancement script.
    assert_eq!(
        docs.body.matches("<script").count(),
        docs.body
            .matches("<script src=\"/static/enhance.js\" defer></script>")
            .count(),
        "the docs page needs no script of its own"
    );
}

/// Browsers and most HTTP clients ask for gzip: the compressed exports must be whole (the
/// compression layer polls a finished body once more, which once panicked mid-download).
#[tokio::test]
async fn gzipped_exports_arrive_whole() {
    use std::io::Read;

    use axum::body::Body;
    use axum::http::{Request, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let plain = get("/practices.csv").await;
    assert_eq!(plain.status, StatusCode::OK);
    for (uri, plain_body) in [
        ("/practices.csv", plain.body.clone()),
        ("/practices.json", get("/practices.json").await.body),
    ] {
        let response = support::router()
            .oneshot(
                Request::get(uri)
                    .header(header::ACCEPT_ENCODING, "gzip, deflate")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        let zipped = response.into_body().collect().await.expect(uri).to_bytes();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&zipped[..])
            .read_to_string(&mut text)
            .expect(uri);
        assert_eq!(text, plain_body, "{uri}");
    }
}
