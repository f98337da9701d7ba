//! Finding by place and being told what was not understood: the sub-region filter, a
//! country without practices, unknown filter values and pages past the end, on the page and
//! in the API.

use crate::support::get;

const LATIN_AMERICA: &str = "latin_america_and_the_caribbean";

#[tokio::test]
async fn the_subregion_filter_narrows_to_its_countries_with_counts() {
    let everything = get("/practices.json?lang=en").await.json();
    let rows = everything["rows"].as_array().expect("rows");
    let expected = rows
        .iter()
        .filter(|r| r["subregion"] == LATIN_AMERICA)
        .count();
    assert!(
        expected > 0,
        "the shipped data has practices in Latin America"
    );

    let api = get(&format!(
        "/api/v1/search?subregion={LATIN_AMERICA}&per_page=100"
    ))
    .await
    .json();
    assert_eq!(api["total"], expected);
    assert!(api["warnings"].as_array().expect("warnings").is_empty());
    let facet = api["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .find(|f| f["facet"] == "subregion")
        .expect("a sub-region facet");
    let value = facet["values"]
        .as_array()
        .expect("values")
        .iter()
        .find(|v| v["value"] == LATIN_AMERICA)
        .expect("Latin America among the values");
    assert_eq!(value["count"], expected);
    assert_eq!(value["label"], "Latin America and the Caribbean");
    assert_eq!(value["selected"], true);

    let page = get(&format!("/?subregion={LATIN_AMERICA}&lang=es"))
        .await
        .body;
    assert!(page.contains("Subregión"), "the facet is titled in Spanish");
    assert!(
        page.contains(&format!(
            "name=\"subregion\" value=\"{LATIN_AMERICA}\" checked"
        )),
        "the value is a ticked checkbox"
    );
}

#[tokio::test]
async fn an_unknown_filter_value_is_ignored_and_said_so() {
    let all = get("/api/v1/search").await.json();
    let api = get("/api/v1/search?country=QQ&kind=nonsense").await.json();
    assert_eq!(api["total"], all["total"], "ignored, not zero results");
    let warnings: Vec<&str> = api["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w.as_str())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("country") && w.contains("\"QQ\""))
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("kind") && w.contains("\"nonsense\""))
    );

    let page = get("/?country=QQ&country=MX&lang=en").await.body;
    assert!(
        page.contains("ignored the Country filter “QQ”: the atlas has no such value"),
        "the page says what it ignored"
    );
    let mexico = get("/api/v1/search?country=MX").await.json();
    let both = get("/api/v1/search?country=QQ&country=MX").await.json();
    assert_eq!(
        both["total"], mexico["total"],
        "the known value still filters"
    );
    let french = get("/?population=zz&lang=fr").await.body;
    assert!(
        french.contains("filtre Population « zz » ignoré"),
        "in French too"
    );
}

#[tokio::test]
async fn a_page_past_the_end_says_so_and_leads_back() {
    let all = get("/api/v1/search?per_page=50").await.json();
    let total = all["total"].as_u64().expect("total");
    let last = total.div_ceil(50);
    let past = last + 1;
    let page = get(&format!("/?per_page=50&page={past}&lang=en"))
        .await
        .body;
    assert!(
        page.contains(&format!(
            "Page {past} is past the end: this search has {last} pages of results."
        )),
        "the page says so"
    );
    assert!(page.contains(&format!(
        "page={last}&amp;per_page=50&amp;lang=en\">Go to the last page"
    )));
    let api = get(&format!("/api/v1/search?per_page=50&page={past}"))
        .await
        .json();
    assert!(api["results"].as_array().expect("results").is_empty());
    assert_eq!(
        api["warnings"],
        serde_json::json!([format!(
            "page {past} is past the end: the last page is {last}"
        )])
    );
}

#[tokio::test]
async fn a_country_without_practices_shows_its_neighbours_and_invites_a_proposal() {
    let page = get("/countries/KE?lang=en").await.body;
    assert!(page.contains("No practice in Kenya is recorded in the atlas yet."));
    assert!(page.contains("href=\"/propose?lang=en\">Do you know of one in Kenya? Propose it"));
    assert!(page.contains("Practices nearby: Sub-Saharan Africa"));
    assert!(
        page.contains("href=\"/countries/ZM?lang=en\">Zambia</a> ("),
        "neighbours linked"
    );
    assert!(
        page.contains("href=\"/?subregion=sub_saharan_africa&amp;lang=en\""),
        "search the area"
    );
    assert!(
        !page.contains("not covered"),
        "no wall of “not covered” rows"
    );
    // A country with practices keeps its coverage tables.
    let mexico = get("/countries/MX?lang=en").await.body;
    assert!(mexico.contains("id=\"coverage\"") && !mexico.contains("Practices nearby"));
}
