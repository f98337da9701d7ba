//! Detention cost as a country fact, on the shipped data: a record page sets each ATD cost
//! against its country's detention cost of the nearest year (or says why not), and a country
//! page shows its detention-cost series as a chart and the table it pictures.

use crate::support::{csv_rows, get, repo_path};

/// The shipped figures.csv, as rows by column name.
fn figures() -> Vec<std::collections::HashMap<String, String>> {
    csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).expect("figures.csv"))
}

/// US CPI-U of a year from the shipped table.
fn cpi(year: &str) -> f64 {
    let rows = csv_rows(csv::Reader::from_path(repo_path("data/us_cpi_annual.csv")).expect("cpi"));
    let row = rows.iter().find(|r| r["year"] == year).expect("a CPI year");
    row["cpi_u_annual_avg"].parse().expect("a CPI number")
}

/// The section of a page from its heading's id to the end of the section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("section {id} on the page"));
    let end = html[start..].find("</section>").expect("section ends") + start;
    &html[start..end]
}

#[tokio::test]
async fn an_atd_cost_stands_beside_the_detention_cost_of_its_country_and_year() {
    let page = get("/practices/us-ice-isap-iii?lang=en").await;
    assert_eq!(page.status, 200);
    let pairs = section(&page.body, "against-detention");
    // ISAP III's USD 4 (2018, per person) meets the United States' 2018 figures; of the two
    // (long stays, short stays, both approximate), the first in file order: USD 170.
    assert!(pairs.contains("Same year"), "{pairs}");
    assert!(
        pairs.contains("/countries/US?lang=en#figure-us-detention-cost-per-day-2018\""),
        "{pairs}"
    );
    let constant = 170.0 * cpi("2024") / cpi("2018");
    let shown = format!("US$\u{A0}{constant:.2} per person");
    assert!(pairs.contains(&shown), "{shown} in {pairs}");
}

#[tokio::test]
async fn a_cost_per_family_is_not_set_against_costs_per_person() {
    let page = get("/practices/us-family-case-management-program?lang=en").await;
    let pairs = section(&page.body, "against-detention");
    assert!(
        pairs.contains("Not compared: this cost is per family, and every detention cost per day recorded for the country is per person"),
        "{pairs}"
    );
    assert!(!pairs.contains("Same year"), "{pairs}");
    let es = get("/practices/us-family-case-management-program?lang=es").await;
    assert!(section(&es.body, "against-detention").contains("No se compara"));
}

#[tokio::test]
async fn a_country_page_shows_its_detention_cost_series_as_a_chart_and_a_table() {
    let gb: Vec<_> = figures()
        .into_iter()
        .filter(|r| {
            r["iso2"] == "GB"
                && r["practice_id"].is_empty()
                && r["measure"] == "detention_cost_per_day"
                && r["superseded_by"].is_empty()
        })
        .collect();
    assert!(gb.len() >= 10, "the UK series is shipped");
    let page = get("/countries/GB?lang=en").await;
    let series = section(&page.body, "detention-costs");
    assert!(series.contains("role=\"img\""), "{series}");
    assert!(series.contains("aria-labelledby=\"detention-series-title detention-series-desc\""));
    assert!(
        series.contains(
            "<title id=\"detention-series-title\">Detention cost per day in United Kingdom"
        )
    );
    // One marker and one table row per figure: the chart pictures the table.
    let markers = series.matches("<circle ").count() + series.matches("<rect x=").count();
    let legend = 2 * usize::from(gb.iter().any(|r| r["unit"] == "per_place"));
    assert_eq!(markers, gb.len() + legend, "{series}");
    for row in &gb {
        assert!(
            series.contains(&format!("<tr id=\"figure-{}\"", row["id"])),
            "{} in the table",
            row["id"]
        );
    }
    let fr = get("/countries/GB?lang=fr").await;
    assert!(section(&fr.body, "detention-costs").contains("Coût journalier de la rétention"));
    // A country with no detention cost has no such section.
    assert!(
        !get("/countries/NO?lang=en")
            .await
            .body
            .contains("id=\"detention-costs\"")
    );
}

#[tokio::test]
async fn the_api_record_carries_the_same_pairing_and_search_answers_do_not() {
    let isap = get("/api/v1/practices/us-ice-isap-iii").await.json();
    let pairs = isap["against_detention"]
        .as_array()
        .expect("pairs on the record");
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!(pairs[0]["atd_figure"], "us-ice-isap-iii-atd-cost-per-day");
    assert_eq!(
        pairs[0]["detention_figure"],
        "us-detention-cost-per-day-2018"
    );
    assert_eq!(pairs[0]["year_gap"], 0);
    // USD 170 "about": the difference is about what it shows.
    assert_eq!(pairs[0]["difference_reading"], "about");
    let constant = 170.0 * cpi("2024") / cpi("2018");
    let got = pairs[0]["detention_usd_constant"]
        .as_f64()
        .expect("a number");
    assert!((got - constant).abs() < 1e-9, "{got} vs {constant}");
    let family = get("/api/v1/practices/us-family-case-management-program")
        .await
        .json();
    let declined = &family["against_detention"][0];
    assert_eq!(declined["declined"], "incompatible_units");
    assert_eq!(
        declined["detention_units"],
        serde_json::json!(["per_person"])
    );
    assert!(declined["detention_figure"].is_null());
    let search = get("/api/v1/search?q=isap").await.body;
    assert!(!search.contains("against_detention"));
}
