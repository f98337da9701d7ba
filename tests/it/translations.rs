//! Records in Spanish and French (`data/translations.csv`): every record readable in both,
//! shown in the reader's language with the original one click away, marked as machine
//! translation, found by the reader's words, and carried by the API and the exports.

use std::collections::{BTreeSet, HashMap};

use atd_atlas::import::translations::{numbers, sha256_hex};

use crate::support::{get, ids, repo_path, shipped_rows};

const FIELDS: [&str; 3] = ["summary", "outcome_other", "participants_note"];

fn translation_rows() -> Vec<HashMap<String, String>> {
    let reader = csv::Reader::from_path(repo_path("data/translations.csv")).expect("csv");
    crate::support::csv_rows(reader)
}

#[test]
fn every_record_is_readable_in_spanish_and_french_with_the_numbers_of_the_english() {
    let rows = translation_rows();
    let by_key: HashMap<(String, String, String), &HashMap<String, String>> = rows
        .iter()
        .map(|r| {
            let key = (
                r["practice_id"].clone(),
                r["field"].clone(),
                r["lang"].clone(),
            );
            (key, r)
        })
        .collect();
    let mut missing = Vec::new();
    let mut stale = Vec::new();
    let mut readable: BTreeSet<(String, &str)> = BTreeSet::new();
    for practice in shipped_rows() {
        let id = practice["id"].clone();
        for lang in ["es", "fr"] {
            let mut complete = true;
            for field in FIELDS {
                let english = &practice[field];
                if english.is_empty() {
                    continue;
                }
                let Some(row) = by_key.get(&(id.clone(), field.to_string(), lang.to_string()))
                else {
                    missing.push(format!("{id} {field} {lang}"));
                    complete = false;
                    continue;
                };
                assert_eq!(
                    row["method"], "machine",
                    "{id} {field} {lang}: no person has reviewed it yet"
                );
                if row["source_sha256"] != sha256_hex(english) {
                    stale.push(format!("{id} {field} {lang}"));
                    continue;
                }
                assert_eq!(
                    numbers(&row["text"]),
                    numbers(english),
                    "{id} {field} {lang}: the numbers differ from the English"
                );
            }
            if complete {
                readable.insert((id.clone(), lang));
            }
        }
    }
    let practices = shipped_rows().len();
    println!(
        "translations: {} of {practices} practices readable in Spanish, {} in French; {} stale",
        readable.iter().filter(|(_, l)| *l == "es").count(),
        readable.iter().filter(|(_, l)| *l == "fr").count(),
        stale.len()
    );
    assert!(missing.is_empty(), "untranslated: {missing:?}");
    assert!(stale.is_empty(), "made from an older English: {stale:?}");
    assert_eq!(readable.len(), practices * 2);
}

#[tokio::test]
async fn a_record_page_shows_the_translation_marked_with_the_original_one_click_away() {
    let page = get("/practices/be-family-units-return-houses?lang=es").await;
    let body = &page.body;
    let row = translation_rows()
        .into_iter()
        .find(|r| {
            r["practice_id"] == "be-family-units-return-houses"
                && r["field"] == "summary"
                && r["lang"] == "es"
        })
        .expect("a Spanish summary");
    let spanish = maud::html! { (row["text"]) }.into_string();
    assert!(body.contains(&spanish), "the Spanish summary is shown");
    assert!(body.contains("<details class=\"original\"><summary>Traducción automática del inglés · ver el original</summary><p lang=\"en\""));
    assert!(
        !body.contains("El texto del registro se muestra en inglés"),
        "the 'text in English' notice is gone where the text is Spanish"
    );
    let english_page = get("/practices/be-family-units-return-houses?lang=en")
        .await
        .body;
    assert!(!english_page.contains("<details class=\"original\">"));
    let french = get("/practices/be-family-units-return-houses?lang=fr")
        .await
        .body;
    assert!(french.contains("Traduction automatique de l’anglais · voir l’original"));
    assert!(
        french.contains("(traduction automatique)"),
        "the gloss of the name is marked"
    );
}

#[tokio::test]
async fn spanish_and_french_words_find_the_records_and_the_snippet_is_in_their_language() {
    for (q, lang, expected) in [
        (
            "vigilancia%20electr%C3%B3nica",
            "es",
            "uk-immigration-bail-em-expansion-pilot",
        ),
        (
            "maisons%20de%20retour",
            "fr",
            "be-family-units-return-houses",
        ),
        (
            "mujeres%20embarazadas",
            "es",
            "us-family-case-management-program",
        ),
        ("alternativas%20comunitarias", "es", ""),
        ("alternatives%20communautaires", "fr", ""),
    ] {
        let json = get(&format!("/api/v1/search?q={q}&lang={lang}&per_page=50"))
            .await
            .json();
        let found = ids(&json);
        assert!(!found.is_empty(), "{q} ({lang}) finds nothing");
        if !expected.is_empty() {
            assert!(found.contains(&expected.to_string()), "{q}: {found:?}");
        }
        let first = &json["results"][0];
        assert_eq!(first["snippet"]["lang"], lang, "{q}: {first}");
    }
    let page = get("/?q=maisons%20de%20retour&lang=fr").await.body;
    assert!(
        page.contains("(traduction automatique)"),
        "a translated excerpt is marked"
    );
}

#[tokio::test]
async fn two_words_with_one_unknown_show_the_best_partial_matches_and_say_so() {
    let page = get("/?q=alternativas%20xyzzyq&lang=es").await;
    let json = get("/api/v1/search?q=alternativas%20xyzzyq&lang=es")
        .await
        .json();
    assert!(json["total"].as_u64().unwrap_or(0) > 0, "{json}");
    assert!(
        page.body
            .contains("Ninguna práctica tiene todas las palabras escritas"),
        "the page says the results have only some of the words"
    );
}

#[tokio::test]
async fn the_api_and_exports_carry_the_translation_with_its_method() {
    let json = get("/api/v1/practices/ca-toronto-bail-program?lang=fr")
        .await
        .json();
    assert_eq!(json["translation"]["lang"], "fr");
    let summary = json["translation"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["field"] == "summary")
        .expect("a French summary");
    assert_eq!(summary["method"], "machine");
    assert_eq!(summary["stale"], false);
    assert!(
        json["summary"]
            .as_str()
            .expect("summary")
            .starts_with("A non-profit acts"),
        "the original stays"
    );
    let english = get("/api/v1/practices/ca-toronto-bail-program")
        .await
        .json();
    assert!(english.get("translation").is_none());

    let csv = get("/practices.csv?country=CA&lang=es").await.body;
    let header = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("header");
    assert!(
        header.ends_with(
            "programme_es,summary_es,outcome_other_es,participants_note_es,translation_es"
        ),
        "{header}"
    );
    let export = get("/practices.json?country=CA&lang=es").await.json();
    assert_eq!(export["rows"][0]["translation"]["lang"], "es");
}
