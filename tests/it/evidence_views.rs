//! The views that weigh evidence, on the shipped data: the search filter "has a figure of
//! measure X" (page and API, with counts), the outcome-share range, the evidence map
//! (`/evidence`) and compare's like-for-like check.

use std::collections::BTreeSet;

use crate::support::{csv_rows, get, ids, repo_path};

/// The practices that have a figure of `measure` in the shipped figures.csv.
fn practices_with(measure: &str) -> BTreeSet<String> {
    csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).expect("figures.csv"))
        .into_iter()
        .filter(|r| r["measure"] == measure && !r["practice_id"].is_empty())
        .map(|r| r["practice_id"].clone())
        .collect()
}

/// The count the API gives `value` of `facet`, if listed.
fn facet_count(json: &serde_json::Value, facet: &str, value: &str) -> Option<u64> {
    json["facets"]
        .as_array()?
        .iter()
        .find(|f| f["facet"] == facet)?["values"]
        .as_array()?
        .iter()
        .find(|v| v["value"] == value)?["count"]
        .as_u64()
}

#[tokio::test]
async fn a_search_keeps_the_practices_with_a_figure_of_the_measure_and_counts_them() {
    let absconding = practices_with("absconding_pct");
    let appearance = practices_with("appearance_pct");
    assert!(!absconding.is_empty() && !appearance.is_empty());
    let json = get("/api/v1/search?measure=absconding_pct&per_page=100")
        .await
        .json();
    let got: BTreeSet<String> = ids(&json).into_iter().collect();
    assert_eq!(got, absconding);
    // Values of one facet are alternatives; their counts stay those of each measure.
    let both = get("/api/v1/search?measure=absconding_pct&measure=appearance_pct&per_page=100")
        .await
        .json();
    let got: BTreeSet<String> = ids(&both).into_iter().collect();
    assert_eq!(got, absconding.union(&appearance).cloned().collect());
    assert_eq!(
        facet_count(&both, "measure", "appearance_pct"),
        Some(appearance.len() as u64)
    );
    // The browse page lists the facet with its label and count, in the page's language.
    let page = get("/?lang=es").await.body;
    assert!(
        page.contains("Tiene una cifra de"),
        "the facet is on the page"
    );
    let page = get("/?measure=absconding_pct&lang=en").await.body;
    assert!(
        page.contains(&format!("{} practice", absconding.len())),
        "{page}"
    );
}
