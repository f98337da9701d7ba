//! The shipped data's known defects stay fixed: cost-year basis, cost units, bounds, the
//! currency list, synonyms that are ordinary words, and country names in three languages.

use std::collections::HashMap;

use crate::support::{csv_rows, get, ids, repo_path, shipped_rows};

fn row(id: &str) -> HashMap<String, String> {
    shipped_rows()
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} is shipped"))
}

#[test]
fn cost_years_taken_from_the_publication_say_so() {
    for id in [
        "ca-toronto-bail-program",
        "us-family-case-management-program",
        "us-ice-isap",
        "au-community-detention",
    ] {
        let r = row(id);
        assert!(!r["cost_year"].is_empty(), "{id} keeps its year");
        assert_eq!(r["cost_year_basis"], "publication", "{id}");
    }
    assert_eq!(row("uk-immigration-bail")["cost_year_basis"], "stated");
    for r in shipped_rows() {
        assert_eq!(
            r["cost_year"].is_empty(),
            r["cost_year_basis"].is_empty(),
            "{}: a cost year has a basis, and only a cost year",
            r["id"]
        );
    }
}

#[tokio::test]
async fn derived_dollars_carry_the_year_basis_in_the_api() {
    let body = get("/api/v1/practices/us-ice-isap").await.json();
    assert!(
        body["detention_cost_per_day_usd_constant"]
            .as_f64()
            .is_some(),
        "the 2014 figure is converted: {body}"
    );
    assert_eq!(body["cost_year_basis"], "publication", "{body}");
    let stated = get("/api/v1/practices/uk-immigration-bail").await.json();
    assert_eq!(stated["cost_year_basis"], "stated");
    assert_eq!(stated["last_verified"], "2026-11-21");
    let figures = csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).expect("figures"));
    assert!(
        figures
            .iter()
            .any(|f| f["practice_id"] == "uk-immigration-bail"
                && f["measure"] == "detention_cost_per_day"
                && f["source_url"] == stated["source_url"].as_str().unwrap_or_default()
                && f["locator"].contains("£122")),
        "the detention cost is quoted from its page: {stated}"
    );
    let csv = get("/practices.csv?q=Toronto+bail").await.body;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let toronto = reader
        .records()
        .map(|r| r.expect("row"))
        .find(|r| &r[col("id")] == "ca-toronto-bail-program")
        .expect("Toronto in the export");
    assert_eq!(&toronto[col("cost_year_basis")], "publication");
    assert_eq!(&toronto[col("cost_bound")], "range");
    assert_eq!(&toronto[col("cost_per_day_high")], "16");
    assert!(!toronto[col("cost_per_day_usd_constant")].is_empty());
    assert!(toronto[col("sources")].contains("canadianimmigration.co"));
}

#[test]
fn units_stated_by_the_sources_are_filled() {
    for id in [
        "uk-immigration-bail",
        "ca-cbsa-atd-program",
        "at-milder-means-family-units",
    ] {
        assert_eq!(row(id)["cost_unit"], "per_person", "{id}");
    }
}

#[test]
fn an_upper_bound_is_not_stored_as_exact() {
    let belgium = row("be-family-units-return-houses");
    assert_eq!(belgium["detention_cost_per_day"], "200");
    assert_eq!(belgium["detention_cost_bound"], "upper");
    let toronto = row("ca-toronto-bail-program");
    assert_eq!(
        (
            toronto["cost_bound"].as_str(),
            toronto["cost_per_day_high"].as_str()
        ),
        ("range", "16")
    );
}

#[test]
fn every_rate_currency_is_in_the_packaged_currency_list() {
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("data/datapackage.json")).expect("package"),
    )
    .expect("json");
    let figures = &package["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["name"] == "figures")
        .expect("figures resource")["schema"];
    let currency_key = figures["foreignKeys"]
        .as_array()
        .expect("foreign keys")
        .iter()
        .find(|k| k["fields"][0] == "currency")
        .expect("a figure's currency has a foreign key");
    assert_eq!(currency_key["reference"]["resource"], "currencies");
    let listed: Vec<String> = csv::Reader::from_path(repo_path("data/currencies.csv"))
        .expect("currencies")
        .records()
        .map(|r| r.expect("row")[0].to_string())
        .collect();
    let mut rates = csv::Reader::from_path(repo_path("data/fx_usd_annual.csv")).expect("fx");
    for record in rates.records() {
        let code = record.expect("row")[0].to_string();
        assert!(listed.contains(&code), "{code} has rates but is not listed");
    }
    assert!(listed.iter().any(|c| c == "BGN"));
}

#[test]
fn synonyms_hold_no_ordinary_words() {
    let synonyms = atd_atlas::import::load_synonyms(&repo_path("data")).expect("synonyms");
    let terms: Vec<String> = synonyms
        .groups()
        .iter()
        .flat_map(|g| g.terms.iter().map(|t| t.to_lowercase()))
        .collect();
    for ordinary in ["caution", "tutor", "foyer", "cap", "mena"] {
        assert!(
            !terms.contains(&ordinary.to_string()),
            "`{ordinary}` is an ordinary word, not an ATD term"
        );
    }
}

#[tokio::test]
async fn country_names_in_spanish_and_french_find_the_country() {
    let uk: Vec<String> = shipped_rows()
        .into_iter()
        .filter(|r| r["iso2"] == "GB")
        .map(|r| r["id"].clone())
        .collect();
    assert!(!uk.is_empty());
    for query in [
        "Royaume-Uni",
        "Reino+Unido",
        "royaume+uni",
        "Royaume-Uni+libert%C3%A9+sous+caution",
        "Reino+Unido+libertad+bajo+fianza",
    ] {
        let found = ids(&get(&format!("/api/v1/search?q={query}&per_page=100"))
            .await
            .json());
        assert!(
            found.iter().any(|id| uk.contains(id)),
            "{query} finds a UK row: {found:?}"
        );
    }
    let mexico = ids(&get("/api/v1/search?q=Mexique&per_page=100").await.json());
    assert!(mexico.iter().any(|id| id.starts_with("mx-")), "{mexico:?}");
}

#[tokio::test]
async fn the_record_page_shows_sources_bounds_basis_verification_and_releases() {
    let page = get("/practices/us-family-case-management-program")
        .await
        .body;
    for needed in [
        "Sources and the figures they support",
        "Facts last verified on 2026-11-21.",
        "The year of these costs (2017) is assumed",
        "Detention: lower bound",
        "Added in data release 1.0.0",
        "last changed in release 1.3.0",
        "href=\"/changes?lang=en#release-1.3.0\"",
    ] {
        assert!(page.contains(needed), "record page lacks {needed:?}");
    }
    let belgium = get("/practices/be-family-units-return-houses?lang=fr")
        .await
        .body;
    assert!(
        belgium.contains("Rétention : borne supérieure"),
        "upper bound in French"
    );
    let uk = get("/practices/uk-immigration-bail?lang=es").await.body;
    assert!(uk.contains("lo indica la fuente"), "a stated year says so");
}

#[tokio::test]
async fn compare_and_insights_label_units_and_assumed_years() {
    let compare = get("/compare?ids=us-family-case-management-program,au-community-detention")
        .await
        .body;
    assert!(
        compare.contains(" per family · year assumed: 2017"),
        "FCMP's unit and year"
    );
    assert!(
        compare.contains(" per person · year assumed: 2014"),
        "Australia's unit and year"
    );
    assert!(
        compare.contains("lower bound"),
        "FCMP detention is a lower bound"
    );
    let insights = get("/insights").await.body;
    assert!(
        insights
            .contains("Family Case Management Program (FCMP)</tspan> (United States), per family"),
        "the per-family bar says so"
    );
    assert!(insights.contains("year assumed: 2014"));
    let search = get("/?q=Family+Case+Management").await.body;
    assert!(
        search.contains("year assumed: 2017"),
        "result figures carry the basis"
    );
}

/// Every figure of release 1.2.0's practices.csv (9 ATD costs, 11 detention costs, 5
/// compliance shares) moved to figures.csv; each practice's headline, chosen from its
/// figures by the rule in data/README.md, is the value it had, with its bound, high end,
/// currency, unit, year and year basis.
#[test]
fn the_figures_of_release_1_2_0_survive_as_headlines() {
    let data = repo_path("data");
    let reference = atd_atlas::import::load_reference(&data).expect("shipped reference");
    let practices = atd_atlas::import::read_practices(
        &data.join("practices.csv"),
        &reference,
        &atd_atlas::import::Limits::default(),
    )
    .expect("shipped data imports");
    let before = crate::support::csv_rows(
        csv::Reader::from_path(repo_path(
            "tests/fixtures/data/figures-of-release-1.2.0.csv",
        ))
        .expect("fixture"),
    );
    let number = |s: &str| (!s.is_empty()).then(|| s.parse::<f64>().expect("a number"));
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut figures = 0;
    for old in &before {
        let p = practices
            .iter()
            .find(|p| p.id.as_str() == old["id"])
            .unwrap_or_else(|| panic!("{} is still shipped", old["id"]));
        let c = &p.cost;
        assert_eq!(c.per_day, number(&old["cost_per_day"]), "{}", p.id);
        assert_eq!(
            c.per_day_high,
            number(&old["cost_per_day_high"]),
            "{}",
            p.id
        );
        assert_eq!(c.bound, text(&old["cost_bound"]), "{}", p.id);
        assert_eq!(
            c.detention_per_day,
            number(&old["detention_cost_per_day"]),
            "{}",
            p.id
        );
        assert_eq!(
            c.detention_per_day_high,
            number(&old["detention_cost_per_day_high"]),
            "{}",
            p.id
        );
        assert_eq!(
            c.detention_bound,
            text(&old["detention_cost_bound"]),
            "{}",
            p.id
        );
        assert_eq!(c.currency, text(&old["cost_currency"]), "{}", p.id);
        assert_eq!(c.unit, text(&old["cost_unit"]), "{}", p.id);
        assert_eq!(
            c.year,
            number(&old["cost_year"]).map(|y| y as i32),
            "{}",
            p.id
        );
        assert_eq!(c.year_basis, text(&old["cost_year_basis"]), "{}", p.id);
        assert_eq!(
            p.outcome_compliance_pct,
            number(&old["outcome_compliance_pct"]),
            "{}",
            p.id
        );
        figures += [
            &old["cost_per_day"],
            &old["detention_cost_per_day"],
            &old["outcome_compliance_pct"],
        ]
        .iter()
        .filter(|v| !v.is_empty())
        .count();
        assert!(
            p.figures.iter().all(|f| !f.source.locator.is_empty()),
            "{}: every figure is quoted",
            p.id
        );
    }
    assert_eq!(figures, 25, "the 25 figures of release 1.2.0");
}

#[tokio::test]
async fn the_record_page_shows_every_figure_graded_with_its_quote_on_demand() {
    let page = get("/practices/us-family-case-management-program?lang=en")
        .await
        .body;
    for needed in [
        "<h2>Evidence</h2>",
        "Appearance at hearings",
        "USD\u{a0}300.00 (lower bound)",
        "2016-01 – 2017-06",
        "2017 (year assumed)",
        "NGO report · Primary · Independent",
        "<details class=\"quote\"><summary>Quote</summary>",
        "99.4% compliance with ICE check-ins and 99.3% with court hearings",
        "href=\"/grades?lang=en\"",
    ] {
        assert!(page.contains(needed), "record page lacks {needed:?}");
    }
    let french = get("/practices/au-community-detention?lang=fr").await.body;
    for needed in [
        "Données probantes",
        "Audit ou inspection · Secondaire · Indépendant",
        "Cité d’après :",
    ] {
        assert!(
            french.contains(needed),
            "French record page lacks {needed:?}"
        );
    }
    let figures = csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).expect("figures"));
    let without = shipped_rows()
        .into_iter()
        .map(|r| r["id"].clone())
        .find(|id| !figures.iter().any(|f| &f["practice_id"] == id))
        .expect("a practice with no figure");
    let none = get(&format!("/practices/{without}?lang=en")).await;
    assert_eq!(none.status, 200);
    assert!(
        !none.body.contains("<h2>Evidence</h2>"),
        "a practice with no figure has no Evidence table"
    );
}

#[tokio::test]
async fn the_grade_legend_defines_every_fact_in_three_languages() {
    for (lang, title, term) in [
        ("en", "How figures are graded", "Operator’s own report"),
        (
            "es",
            "Cómo se califican las cifras",
            "Informe del propio operador",
        ),
        (
            "fr",
            "Comment les chiffres sont qualifiés",
            "Rapport de l’opérateur",
        ),
    ] {
        let reply = get(&format!("/grades?lang={lang}")).await;
        assert_eq!(reply.status, 200, "{lang}");
        assert!(reply.body.contains(title), "{lang}: {title}");
        assert!(reply.body.contains(term), "{lang}: {term}");
        assert!(
            reply.body.contains("id=\"vocab-measure\""),
            "{lang}: measures"
        );
    }
}

#[tokio::test]
async fn the_figures_api_filters_by_practice_country_measure_and_grade() {
    let all = get("/api/v1/figures").await.json();
    let total = all["total"].as_u64().expect("total");
    assert_eq!(
        total as usize,
        all["figures"].as_array().expect("figures").len()
    );
    assert!(total >= 25, "{total}");
    let ids = |json: &serde_json::Value| -> Vec<String> {
        json["figures"]
            .as_array()
            .expect("figures")
            .iter()
            .map(|f| f["id"].as_str().expect("id").to_string())
            .collect()
    };
    let fcmp = get("/api/v1/figures?practice=us-family-case-management-program")
        .await
        .json();
    assert_eq!(
        ids(&fcmp).len(),
        figures_of("us-family-case-management-program"),
        "{fcmp}"
    );
    assert!(ids(&fcmp).len() >= 3);
    let detention = get("/api/v1/figures?country=AU&measure=detention_cost_per_day")
        .await
        .json();
    assert!(!ids(&detention).is_empty());
    assert!(
        detention["figures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["iso2"] == "AU" && f["measure"] == "detention_cost_per_day")
    );
    let audits = get("/api/v1/figures?source_type=audit&origin=secondary")
        .await
        .json();
    for f in audits["figures"].as_array().unwrap() {
        assert_eq!(f["grade"]["source_type"], "audit");
        assert!(!f["grade"]["original"].as_str().unwrap().is_empty(), "{f}");
        assert!(!f["source"]["locator"].as_str().unwrap().is_empty(), "{f}");
    }
    assert!(ids(&audits).contains(&"au-community-detention-detention-cost-per-day".to_string()));
    let nothing = get("/api/v1/figures?measure=no_such_measure").await.json();
    assert_eq!(nothing["total"], 0);
    let record = get("/api/v1/practices/us-ice-isap").await.json();
    let listed = figures_of("us-ice-isap");
    assert_eq!(
        record["figures"].as_array().expect("figures").len(),
        listed,
        "every figure of the practice in figures.csv"
    );
    assert!(listed >= 2);
}

/// How many rows of figures.csv belong to a practice.
fn figures_of(practice: &str) -> usize {
    csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).expect("figures"))
        .iter()
        .filter(|f| f["practice_id"] == practice)
        .count()
}

/// Release 1.3.0 lists every figure of `figures.csv` as added, on `/changes` in each language.
#[tokio::test]
async fn the_changes_page_lists_the_figures_a_release_added() {
    let figures = csv_rows(csv::Reader::from_path(repo_path("data/figures.csv")).unwrap()).len();
    let page = get("/changes").await.body;
    let release = page
        .split("id=\"release-1.3.0\"")
        .nth(1)
        .expect("release 1.3.0 on /changes");
    let release = release.split("id=\"release-1.2.0\"").next().unwrap();
    assert!(
        release.contains(&format!("Figures: {figures} added, 0 removed, 0 changed")),
        "the counts of {figures} figures"
    );
    assert!(release.contains("us-family-case-management-program-atd-cost-per-day"));
    for (lang, heading) in [("es", "Cifras añadidas"), ("fr", "Chiffres ajoutés")] {
        let page = get(&format!("/changes?lang={lang}")).await.body;
        assert!(page.contains(heading), "{lang}: {heading}");
    }
}
