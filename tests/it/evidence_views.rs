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

/// Every filled cell of an evidence map page: its search address and its two counts.
fn filled_cells(html: &str) -> Vec<(String, usize, usize)> {
    let number = |text: &str| -> usize {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(0)
    };
    html.split("<td class=\"filled\"><a href=\"")
        .skip(1)
        .map(|rest| {
            let (href, rest) = rest.split_once("\">").expect("a link");
            let (practices, rest) = rest.split_once("<br>").expect("two counts");
            (href.replace("&amp;", "&"), number(practices), number(rest))
        })
        .collect()
}

#[tokio::test]
async fn each_cell_of_the_evidence_map_counts_the_practices_its_link_finds_and_their_figures() {
    let figures =
        csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).expect("figures.csv"));
    for by in ["population", "measure"] {
        let page = get(&format!("/evidence?by={by}&lang=en")).await;
        assert_eq!(page.status, 200);
        let cells = filled_cells(&page.body);
        assert!(cells.len() > 10, "{by}: {} filled cells", cells.len());
        for (href, practices, shown_figures) in &cells {
            let query = href.strip_prefix("/?").expect("a search address");
            let json = get(&format!("/api/v1/search?{query}&per_page=100"))
                .await
                .json();
            let found: BTreeSet<String> = ids(&json).into_iter().collect();
            assert_eq!(found.len(), *practices, "{href}");
            let measure = query.split('&').find_map(|kv| kv.strip_prefix("measure="));
            let counted = figures
                .iter()
                .filter(|f| found.contains(&f["practice_id"]))
                .filter(|f| measure.is_none_or(|m| f["measure"] == m))
                .count();
            assert_eq!(counted, *shown_figures, "{href}");
        }
        // Every other cell is a visible gap.
        let gaps = page.body.matches("<td class=\"gap\">").count();
        let columns = page.body.matches("<th scope=\"col\">").count() - 1;
        let rows = page.body.matches("<th scope=\"row\">").count();
        assert_eq!(cells.len() + gaps, rows * columns, "{by}");
        assert!(gaps > 0, "the shipped data has gaps");
    }
    // The map switches by a link, in every language; an unknown axis is the default one.
    let fr = get("/evidence?lang=fr").await.body;
    assert!(fr.contains("Carte des données probantes"));
    assert!(fr.contains("href=\"/evidence?by=measure&amp;lang=fr\""));
    let odd = get("/evidence?by=%3Cscript%3E&lang=en").await;
    assert_eq!(odd.status, 200);
    assert!(odd.body.contains("by population (columns)"));
}

/// The like-for-like section of a compare page, as text.
fn like_for_like(html: &str) -> String {
    let start = html
        .find("<section id=\"like-for-like\"")
        .expect("the like-for-like check");
    let end = html[start..].find("</section>").expect("ends") + start;
    html[start..end].to_string()
}

#[tokio::test]
async fn compare_flags_what_is_not_like_for_like_and_reads_a_saving_on_a_lower_bound_as_at_least() {
    // Family Case Management: USD 38 per family (2017, year assumed), detention "more than
    // USD 300"; Toronto Bail: CAD per person, 2010, a range.
    let page =
        get("/compare?ids=us-family-case-management-program,ca-toronto-bail-program&lang=en").await;
    assert_eq!(page.status, 200);
    let check = like_for_like(&page.body);
    for flag in [
        "different units (per family, per person)",
        "different periods, 7 years apart",
        "money of different years (2010, 2017)",
        "not all exact",
        "the year of some is assumed from the publication date",
    ] {
        assert!(check.contains(flag), "{flag} in {check}");
    }
    assert!(
        page.body.contains("at least US$"),
        "a saving on a lower bound of detention"
    );
    assert!(
        page.body.contains("at most US$"),
        "a saving from the low end of a range"
    );
    // Two ICE technologies costed in one 2022 source, per person: nothing to flag.
    let alike =
        get("/compare?ids=us-ice-atd-gps-monitoring,us-ice-atd-voice-reporting&lang=es").await;
    let check = like_for_like(&alike.body);
    assert!(
        check.contains("misma medida, unidad, periodo, año de precios y límite"),
        "{check}"
    );
    assert!(
        check.contains("menos de dos de estas prácticas tienen una"),
        "{check}"
    );
}

/// The practices with a figure of a percent measure (any, or `measure`) within `low..=high`.
fn practices_with_share(measure: Option<&str>, low: f64, high: f64) -> BTreeSet<String> {
    let vocab = csv_rows(
        csv::Reader::from_path(repo_path("data/vocabularies.csv")).expect("vocabularies.csv"),
    );
    let percent: BTreeSet<String> = vocab
        .into_iter()
        .filter(|r| r["vocabulary"] == "measure" && r["kind"] == "percent")
        .map(|r| r["key"].clone())
        .collect();
    csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).expect("figures.csv"))
        .into_iter()
        .filter(|r| !r["practice_id"].is_empty() && percent.contains(&r["measure"]))
        .filter(|r| measure.is_none_or(|m| r["measure"] == m))
        .filter(|r| {
            let v: f64 = r["value"].parse().expect("a number");
            (low..=high).contains(&v)
        })
        .map(|r| r["practice_id"].clone())
        .collect()
}

#[tokio::test]
async fn an_outcome_share_range_keeps_practices_with_a_share_inside_it() {
    let low_absconding = practices_with_share(Some("absconding_pct"), 0.0, 20.0);
    assert!(
        !low_absconding.is_empty(),
        "shipped absconding shares of 20 % or less"
    );
    let json = get("/api/v1/search?measure=absconding_pct&outcome_max=20&per_page=100")
        .await
        .json();
    let got: BTreeSet<String> = ids(&json).into_iter().collect();
    assert_eq!(got, low_absconding);
    // With no measure chosen, any outcome share counts.
    let high = practices_with_share(None, 90.0, 100.0);
    let json = get("/api/v1/search?outcome_min=90&per_page=100")
        .await
        .json();
    let got: BTreeSet<String> = ids(&json).into_iter().collect();
    assert_eq!(got, high);
    // A limit that is not a number is a warning, not an error; the page shows the range.
    let reply = get("/api/v1/search?outcome_min=lots").await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("outcome"), "{}", reply.body);
    let page = get("/?measure=absconding_pct&outcome_max=20&lang=fr")
        .await
        .body;
    assert!(page.contains("Part de résultat"), "the range and its chip");
    assert!(page.contains("name=\"outcome_max\""));
}
