//! Status as of and links between records (`status_as_of` in `practices.csv`,
//! `data/links.csv`): few statuses left unknown, each dated status sourced, an old `active`
//! read as old, and the records of one programme linked on their pages and in the API.

use std::collections::HashMap;

use crate::support::{get, repo_path, shipped_rows};

fn sources_supporting(column: &str) -> HashMap<String, usize> {
    let reader = csv::Reader::from_path(repo_path("data/sources.csv")).expect("csv");
    let mut by_practice = HashMap::new();
    for row in crate::support::csv_rows(reader) {
        if row["supports"].split(';').any(|c| c == column) {
            *by_practice.entry(row["practice_id"].clone()).or_insert(0) += 1;
        }
    }
    by_practice
}

#[test]
fn at_most_fifty_statuses_are_unknown_and_every_date_has_its_source() {
    let rows = shipped_rows();
    let unknown = rows.iter().filter(|r| r["status"] == "unknown").count();
    assert!(
        unknown <= 50,
        "{unknown} unknown statuses (issue 19: at most 50)"
    );
    let dated: Vec<_> = rows
        .iter()
        .filter(|r| !r["status_as_of"].is_empty())
        .collect();
    assert!(dated.len() >= 100, "{} statuses dated", dated.len());
    let supporting = sources_supporting("status_as_of");
    for r in dated {
        assert_ne!(
            r["status"], "unknown",
            "{}: an unknown has no date",
            r["id"]
        );
        assert!(
            supporting.contains_key(&r["id"]),
            "{}: a source supports its status date",
            r["id"]
        );
    }
}

#[test]
fn one_country_has_one_name() {
    let mut names: HashMap<String, String> = HashMap::new();
    for r in shipped_rows() {
        let name = names
            .entry(r["iso2"].clone())
            .or_insert(r["country"].clone());
        assert_eq!(
            *name, r["country"],
            "{}: one name for {}",
            r["id"], r["iso2"]
        );
    }
    assert_eq!(names["TR"], "Türkiye");
}

#[tokio::test]
async fn an_old_active_status_reads_last_reported_on_the_record_and_in_results() {
    // AHRC, The Forgotten Children (2014): s. 4AA of the Migration Act in force.
    let page = get("/practices/au-migration-act-s4aa-last-resort?lang=en").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("last reported active in 2014"),
        "{}",
        page.body
    );
    let results = get("/?q=forgotten+children+last+resort&country=AU&lang=fr").await;
    assert!(
        results.body.contains("dernière activité signalée en 2014"),
        "{}",
        results.body
    );
    let api = get("/api/v1/practices/au-migration-act-s4aa-last-resort")
        .await
        .json();
    assert_eq!(api["status"], "active");
    assert_eq!(api["status_as_of"], "2014");
}

#[tokio::test]
async fn linked_records_show_on_both_pages_in_three_languages_and_in_the_api() {
    let later = get("/practices/pl-sip-atd-pilot-phase-2?lang=en")
        .await
        .body;
    assert!(later.contains("Earlier phase"), "{later}");
    assert!(later.contains("/practices/pl-sip-no-detention-necessary?lang=en"));
    let earlier = get("/practices/pl-sip-no-detention-necessary?lang=es")
        .await
        .body;
    assert!(earlier.contains("Sucesor"), "{earlier}");
    assert!(earlier.contains("/practices/pl-sip-atd-pilot-phase-2?lang=es"));
    let isap = get("/practices/us-ice-isap?lang=fr").await.body;
    assert!(
        isap.contains("Fiches liées") && isap.contains("Comprend"),
        "{isap}"
    );
    let api = get("/api/v1/practices/us-ice-isap").await.json();
    let links = api["links"].as_array().expect("links");
    assert!(
        links.iter().any(|l| l["relation"] == "has_part"
            && l["practice_id"] == "us-ice-atd-gps-monitoring"
            && l["url"] == "/practices/us-ice-atd-gps-monitoring"),
        "{api}"
    );
    let successor = get("/api/v1/practices/us-ice-isap-iii").await.json();
    assert_eq!(
        successor["links"][0]["relation"], "successor_of",
        "{successor}"
    );
}
