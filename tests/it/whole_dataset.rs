//! Pages that show something of every record (the record page's similar practices, country
//! pages, insights) read the records once per data generation, not once per request: the
//! similarity profiles answer exactly what the exhaustive score answers, a re-import while
//! serving is seen, and at 5,000 SYNTHETIC records the pages still answer the same lists;
//! the lexicon of suggestions is read once per generation too, not at start.

use std::collections::{BTreeSet, HashMap};

use atd_atlas::bench::synthetic::Model;
use atd_atlas::cli;
use atd_atlas::import::load_reference;
use atd_atlas::model::{Practice, Vocab};
use atd_atlas::overview::Overview;
use atd_atlas::similar::{self, Profiles, ProfilesBuilder};
use atd_atlas::store::Reader;
use atd_atlas::web::views::COST_ROWS;
use atd_atlas::web::{self, AppState};
use axum::http::StatusCode;

use crate::support::{
    csv_rows, get_with, paths_in, repo_path, shipped, synthetic_csv, synthetic_sources,
};

const SIMILAR: usize = 5;

fn profiles_of(practices: &[Practice]) -> Profiles {
    let mut builder = ProfilesBuilder::default();
    for p in practices {
        builder.add(p);
    }
    builder.finish()
}

/// The exhaustive answer: every record scored against `target`.
fn exhaustive(target: &Practice, all: &[Practice]) -> Vec<String> {
    similar::most_similar(target, all, SIMILAR)
        .into_iter()
        .map(|p| p.id.as_str().to_string())
        .collect()
}

/// The record ids a record page lists as similar, in its order.
fn similar_on_page(html: &str) -> Vec<String> {
    let Some(section) = html.split("id=\"similar\"").nth(1) else {
        return Vec::new();
    };
    let list = section.split("</ul>").next().unwrap_or_default();
    linked_records(list).map(str::to_string).collect()
}

/// The ids of the records a page links to.
fn linked_records(html: &str) -> impl Iterator<Item = &str> {
    html.split("href=\"/practices/")
        .skip(1)
        .filter_map(|rest| rest.split(['?', '"']).next())
}

#[test]
fn profiles_answer_what_the_exhaustive_score_answers_for_every_shipped_record() {
    let all = shipped().state.store.all_practices().unwrap();
    let profiles = profiles_of(&all);
    assert_eq!(profiles.len(), all.len());
    let mut with_similar = 0;
    for target in &all {
        let fast: Vec<String> = profiles
            .most_similar(&target.id, SIMILAR)
            .into_iter()
            .map(|id| id.as_str().to_string())
            .collect();
        assert_eq!(fast, exhaustive(target, &all), "similar to {}", target.id);
        with_similar += usize::from(!fast.is_empty());
    }
    assert!(
        with_similar * 2 > all.len(),
        "most records have similar ones"
    );
}

#[tokio::test]
async fn record_pages_list_the_exhaustive_similar_practices_in_order() {
    let all = shipped().state.store.all_practices().unwrap();
    for target in all.iter().step_by(7) {
        let page = get_with(
            web::router(shipped().state.clone()),
            &format!("/practices/{}?lang=en", target.id),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(
            similar_on_page(&page.body),
            exhaustive(target, &all),
            "{}",
            target.id
        );
    }
}

#[tokio::test]
async fn a_reimport_while_serving_changes_the_similar_list() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let state = AppState::open(&paths).unwrap();
    let all = state.store.all_practices().unwrap();
    let target = all
        .iter()
        .find(|p| !exhaustive(p, &all).is_empty())
        .expect("a record with similar ones");
    let uri = format!("/practices/{}?lang=en", target.id);
    let before = similar_on_page(&get_with(web::router(state.clone()), &uri).await.body);
    assert_eq!(before, exhaustive(target, &all));

    // Every record three times over (SYNTHETIC copies): a record's copies are now the most
    // like it, and the server sees the new import without a restart.
    let (bytes, _) = synthetic_csv(3);
    let csv = dir.path().join("tripled.csv");
    std::fs::write(&csv, bytes).unwrap();
    std::fs::write(dir.path().join("tripled.sources.csv"), synthetic_sources(3)).unwrap();
    cli::import_and_index(&paths, &csv).unwrap();

    let tripled = state.store.all_practices().unwrap();
    let after = similar_on_page(&get_with(web::router(state.clone()), &uri).await.body);
    assert_ne!(after, before);
    assert_eq!(after, exhaustive(target, &tripled));
    assert!(
        after.iter().any(|id| id.contains("-synthetic-")),
        "{after:?}"
    );
}

/// Imports `n` SYNTHETIC records generated now into `dir` and opens the app on them.
fn synthetic_app(dir: &std::path::Path, n: u64) -> AppState {
    let reference = load_reference(&repo_path("data")).unwrap();
    let model = Model::from_shipped(&repo_path("data"), &reference).unwrap();
    let csv = dir.join("synthetic.csv");
    model.write_files(&csv, n, 7, &reference).unwrap();
    let paths = paths_in(dir);
    cli::import_and_index(&paths, &csv).expect("synthetic records import");
    AppState::open(&paths).unwrap()
}

#[tokio::test]
async fn at_5k_synthetic_records_pages_read_every_record_once_per_generation() {
    let dir = tempfile::tempdir().unwrap();
    let state = synthetic_app(dir.path(), 5_000);
    let all = Reader::open(&paths_in(dir.path()).db)
        .unwrap()
        .all_practices()
        .unwrap();
    assert_eq!(all.len(), 5_000);
    let app = web::router(state.clone());
    let reads_at_start = state.store.full_reads();

    let mut per_country: HashMap<&str, usize> = HashMap::new();
    for p in &all {
        *per_country.entry(p.iso2.as_str()).or_insert(0) += 1;
    }
    let (busiest, count) = per_country.iter().max_by_key(|(_, n)| **n).unwrap();
    let overview = Overview::of(all.iter().cloned());
    let costed: Vec<&str> = overview.costed.iter().map(|p| p.id.as_str()).collect();
    assert!(costed.len() > COST_ROWS, "{} with a cost", costed.len());
    for round in 0..3 {
        let mut listed = 0;
        for target in all.iter().step_by(997) {
            let page = get_with(app.clone(), &format!("/practices/{}?lang=en", target.id)).await;
            assert_eq!(page.status, StatusCode::OK);
            let similar = similar_on_page(&page.body);
            assert_eq!(similar, exhaustive(target, &all));
            listed += similar.len();
        }
        assert!(listed > 0, "some records have similar ones");
        let country = get_with(app.clone(), &format!("/countries/{busiest}?lang=en")).await;
        assert_eq!(country.status, StatusCode::OK);
        let listed: BTreeSet<&str> = linked_records(&country.body).collect();
        let expected: BTreeSet<&str> = all
            .iter()
            .filter(|p| p.iso2 == *busiest)
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(listed, expected, "{busiest}: {count} practices");
        let insights = get_with(app.clone(), "/insights?lang=en").await;
        assert_eq!(insights.status, StatusCode::OK);
        assert!(
            insights.body.contains("5,000"),
            "the lede counts every record"
        );
        assert_eq!(
            linked_records(&insights.body).collect::<Vec<_>>(),
            costed[..COST_ROWS],
            "past its limit, the cost table lists the cheapest in order"
        );
        // The similarity profiles and the overview: one pass each, whatever the requests.
        assert_eq!(
            state.store.full_reads() - reads_at_start,
            2,
            "round {round}"
        );
    }
    the_insights_link_lists_every_practice_left_out(app, &overview).await;
}

/// The `href` of the first link whose address starts with `prefix`, unescaped.
fn link_starting(html: &str, prefix: &str) -> String {
    let rest = html
        .split(&format!("href=\"{prefix}"))
        .nth(1)
        .unwrap_or_else(|| panic!("a link to {prefix}"));
    format!("{prefix}{}", rest.split('"').next().unwrap()).replace("&amp;", "&")
}

/// Past the cost table's limit, the insights page says how many it left out, and its search
/// and CSV links (the same search) list every one of them, cheapest first.
async fn the_insights_link_lists_every_practice_left_out(app: axum::Router, overview: &Overview) {
    let html = get_with(app.clone(), "/insights?lang=en").await.body;
    let left_out: Vec<&Practice> = overview.costed[COST_ROWS..]
        .iter()
        .filter(|p| p.derived.per_day_usd_constant.is_some())
        .collect();
    assert!(!left_out.is_empty());
    assert!(html.contains(&format!("Table: the {COST_ROWS} cheapest alternatives")));
    let more = left_out.len().to_string();
    let grouped = match more.len() {
        4..=6 => format!("{},{}", &more[..more.len() - 3], &more[more.len() - 3..]),
        _ => more,
    };
    assert!(
        html.contains(&format!(
            "{grouped} more practices publish an alternative's cost"
        )),
        "{grouped} left out"
    );
    let more_line = html.split("class=\"costs-more\"").nth(1).expect("the line");
    let search = link_starting(more_line, "/?cost_min=");
    assert!(search.contains("sort=cost_asc"), "{search}");
    let export = link_starting(more_line, "/practices.csv?cost_min=");
    assert_eq!(export.replacen("/practices.csv?", "/?", 1), search);

    let reply = get_with(app.clone(), &export).await;
    assert_eq!(reply.status, StatusCode::OK);
    let rows = csv_rows(csv::Reader::from_reader(
        reply.body.trim_start_matches('\u{feff}').as_bytes(),
    ));
    let exported: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    let cost: HashMap<&str, f64> = overview
        .costed
        .iter()
        .filter_map(|p| Some((p.id.as_str(), p.derived.per_day_usd_constant?)))
        .collect();
    for p in &left_out {
        assert!(exported.contains(&p.id.as_str()), "{} is listed", p.id);
    }
    let costs: Vec<f64> = exported.iter().map(|id| cost[id]).collect();
    assert!(costs.is_sorted(), "cheapest first");
    // It starts at the cheapest left out: only practices of that same cost (to the cent)
    // already in the table come again.
    assert!(exported.len() >= left_out.len());
    assert!(exported.len() - left_out.len() < COST_ROWS);

    let api = search.replacen("/?", "/api/v1/search?", 1);
    let json = get_with(app, &api).await.json();
    assert_eq!(json["total"].as_u64(), Some(exported.len() as u64));
}

#[test]
fn the_overview_counts_what_a_pass_over_every_shipped_record_counts() {
    let all = shipped().state.store.all_practices().unwrap();
    let reference = &shipped().state.reference;
    let overview = Overview::of(all.iter().cloned());
    assert_eq!(overview.total, all.len());
    for (iso2, n) in &overview.countries {
        assert_eq!(*n, all.iter().filter(|p| &p.iso2 == iso2).count(), "{iso2}");
    }
    assert_eq!(overview.countries.values().sum::<usize>(), all.len());
    for vocab in atd_atlas::overview::COUNTED {
        for term in reference.vocabularies.terms(vocab) {
            let direct = all
                .iter()
                .filter(|p| match vocab {
                    Vocab::Region => p.region == term.key,
                    _ => p.tags(vocab).contains(&term.key),
                })
                .count();
            assert_eq!(
                overview.count(vocab, &term.key),
                direct,
                "{vocab:?} {}",
                term.key
            );
        }
    }
    let mut costed: Vec<&Practice> = all
        .iter()
        .filter(|p| {
            p.derived.per_day_usd_constant.is_some()
                || p.derived.detention_per_day_usd_constant.is_some()
        })
        .collect();
    costed.sort_by(|a, b| {
        let key = |p: &Practice| p.derived.per_day_usd_constant.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b))
    });
    assert!(!costed.is_empty());
    let kept: Vec<(&str, &atd_atlas::model::Cost)> = overview
        .costed
        .iter()
        .map(|p| (p.id.as_str(), &p.cost))
        .collect();
    let expected: Vec<(&str, &atd_atlas::model::Cost)> =
        costed.iter().map(|p| (p.id.as_str(), &p.cost)).collect();
    assert_eq!(kept, expected, "the cost chart's practices, in its order");
}

/// The correction offered on a search page, if any.
fn offered(page: &str) -> Option<&str> {
    let rest = &page[page.find("<p class=\"did-you-mean\">")?..];
    let text = rest[rest.find("<a ")?..].split_once('>')?.1;
    Some(text.split_once("</a>")?.0)
}

#[tokio::test]
async fn the_lexicon_of_suggestions_is_read_once_per_generation_not_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    let state = AppState::open(&paths).unwrap();
    assert_eq!(state.store.full_reads(), 0, "opening reads no record");

    let misspelt = "/?q=bijilanzia&lang=es";
    for _ in 0..2 {
        let page = get_with(web::router(state.clone()), misspelt).await.body;
        assert!(offered(&page).is_some_and(|o| o.contains("vigilancia")));
    }
    assert_eq!(state.store.full_reads(), 1, "one pass for the lexicon");

    let (bytes, _) = synthetic_csv(2);
    let csv = dir.path().join("doubled.csv");
    std::fs::write(&csv, bytes).unwrap();
    std::fs::write(dir.path().join("doubled.sources.csv"), synthetic_sources(2)).unwrap();
    cli::import_and_index(&paths, &csv).unwrap();
    assert!(state.index.reload_if_changed().unwrap());
    let page = get_with(web::router(state.clone()), "/?q=guardianshiiipp&lang=en").await;
    assert!(offered(&page.body).is_some_and(|o| o.contains("guardianship")));
    assert_eq!(
        state.store.full_reads(),
        2,
        "the new generation is read once"
    );
}
