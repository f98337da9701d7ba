//! A record's text in its own language (`text_lang`): a Spanish proposal, accepted and
//! imported, is marked Spanish on every page, shown as the original on Spanish pages,
//! translated into English through `translations.csv`, and found by its Spanish words.
//! Every record here is SYNTHETIC, written into a lab's copy of the data.

use std::fs;

use atd_atlas::config::Limits;
use atd_atlas::import::translations::sha256_hex;
use axum::http::StatusCode;

use crate::proposals::{Lab, encode_form, get, post_form, post_json, proposal, with};
use crate::propose::status_path_of;

/// The SYNTHETIC record's Spanish summary: "zarzaparrilla" is in no shipped record.
const SUMMARY: &str = "Programa SINTÉTICO de prueba: acompañamiento comunitario de familias \
    con zarzaparrilla en cada visita.";
const ENGLISH: &str = "SYNTHETIC test programme: community support of families with \
    sarsaparilla at each visit.";
const RECORD: &str = "/practices/ke-programa-sintetico-de-acompanamiento";

/// A lab whose practices.csv holds the SYNTHETIC Spanish proposal, accepted and imported.
async fn accepted_spanish_record() -> Lab {
    let lab = Lab::new();
    let fields = with(
        &with(
            &proposal(),
            "programme",
            "Programa sintético de acompañamiento",
        ),
        "summary",
        SUMMARY,
    );
    let router = lab.router(&Limits::default());
    let sent = post_form(router.clone(), "es", encode_form(&fields)).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // Its status page names it in Spanish, marked so on an English page.
    let receipt = get(router.clone(), sent.headers["location"].to_str().unwrap()).await;
    let status = status_path_of(&receipt.body).replace("lang=es", "lang=en");
    let page = get(router, &status).await;
    assert!(
        page.body
            .contains("<bdi lang=\"es\">Programa sintético de acompañamiento</bdi>"),
        "{}",
        page.body
    );
    let stored = lab.stored();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].value("text_lang"),
        Some("es"),
        "the form's language"
    );
    let store = atd_atlas::store::proposals::ProposalStore::open(&lab.proposals_db()).unwrap();
    let decision = atd_atlas::moderation::Decision {
        by: "moderator",
        ..Default::default()
    };
    atd_atlas::moderation::accept(&store, &lab.paths, &stored[0].reference, &decision).unwrap();
    let csv = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    let last = csv.lines().last().unwrap();
    assert!(last.ends_with(",es"), "accept writes text_lang: {last}");
    atd_atlas::cli::import_and_index(&lab.paths, &lab.paths.practices_csv()).unwrap();
    lab
}

#[tokio::test]
async fn a_spanish_proposal_is_marked_spanish_and_shown_as_the_original_in_spanish() {
    let lab = accepted_spanish_record().await;
    let router = lab.router(&Limits::default());
    let english = get(router.clone(), &format!("{RECORD}?lang=en")).await;
    assert_eq!(english.status, StatusCode::OK, "{}", english.body);
    let summary = maud::html! { (SUMMARY) }.into_string();
    assert!(
        english.body.contains(&format!(
            "<p class=\"summary\" lang=\"es\" dir=\"auto\">{summary}</p>"
        )),
        "{}",
        english.body
    );
    assert!(
        english
            .body
            .contains("lang=\"es\">Programa sintético de acompañamiento</h1>")
    );
    assert!(!english.body.contains("Record text is shown in English"));
    assert!(english.body.contains("Record text is shown in Spanish"));
    assert!(!english.body.contains("<details class=\"original\">"));

    let spanish = get(router.clone(), &format!("{RECORD}?lang=es")).await;
    assert!(spanish.body.contains(&summary));
    assert!(
        !spanish.body.contains("<details class=\"original\">"),
        "no translation mark"
    );
    assert!(!spanish.body.contains("El texto del registro se muestra en"));
    assert!(!spanish.body.contains("(traducción automática)"));

    let french = get(router.clone(), &format!("{RECORD}?lang=fr")).await;
    assert!(
        french
            .body
            .contains("Le texte de la fiche est affiché en espagnol")
    );

    let api = get(
        router.clone(),
        "/api/v1/practices/ke-programa-sintetico-de-acompanamiento",
    )
    .await
    .json();
    assert_eq!(api["text_lang"], "es");
}

#[tokio::test]
async fn a_spanish_word_finds_the_spanish_record_with_its_snippet_highlighted() {
    let lab = accepted_spanish_record().await;
    let router = lab.router(&Limits::default());
    for lang in ["en", "es", "fr"] {
        let found = get(
            router.clone(),
            &format!("/api/v1/search?q=zarzaparrilla&lang={lang}"),
        )
        .await
        .json();
        let hit = &found["results"][0];
        assert_eq!(
            hit["id"], "ke-programa-sintetico-de-acompanamiento",
            "{found}"
        );
        assert_eq!(
            hit["snippet"]["lang"], "es",
            "{lang}: cut from the Spanish original"
        );
        assert!(
            !hit["snippet"]["highlights"].as_array().unwrap().is_empty(),
            "{lang}: {hit}"
        );
        let page = get(router.clone(), &format!("/?q=zarzaparrilla&lang={lang}")).await;
        assert!(
            page.body.contains("<mark>zarzaparrilla</mark>"),
            "{}",
            page.body
        );
        assert!(
            !page.body.contains("(traducción automática)"),
            "the original is not marked as a translation"
        );
    }
}

#[tokio::test]
async fn an_english_translation_of_a_spanish_record_shows_the_spanish_one_click_away() {
    let lab = accepted_spanish_record().await;
    let translations = lab.paths.data_dir.join("translations.csv");
    let mut rows = fs::read_to_string(&translations).unwrap();
    rows.push_str(&format!(
        "ke-programa-sintetico-de-acompanamiento,summary,en,{ENGLISH},machine,{}\n",
        sha256_hex(SUMMARY)
    ));
    fs::write(&translations, rows).unwrap();
    atd_atlas::cli::import_and_index(&lab.paths, &lab.paths.practices_csv()).unwrap();
    let router = lab.router(&Limits::default());
    let english = get(router.clone(), &format!("{RECORD}?lang=en")).await;
    assert!(english.body.contains(ENGLISH), "{}", english.body);
    let summary = maud::html! { (SUMMARY) }.into_string();
    assert!(english.body.contains(&format!(
        "<details class=\"original\"><summary>Machine translation from Spanish · show the \
         original</summary><p lang=\"es\" dir=\"auto\">{summary}</p>"
    )));
    assert!(!english.body.contains("Record text is shown in"));
    let spanish = get(router.clone(), &format!("{RECORD}?lang=es")).await;
    assert!(!spanish.body.contains("<details class=\"original\">"));
    let found = get(router.clone(), "/api/v1/search?q=sarsaparilla&lang=en")
        .await
        .json();
    assert_eq!(found["results"][0]["snippet"]["lang"], "en", "{found}");
}

/// Accepts the lab's one stored proposal and imports the data, as a moderator would.
fn accept_and_import(lab: &Lab) {
    let stored = lab.stored();
    assert_eq!(stored.len(), 1);
    let store = atd_atlas::store::proposals::ProposalStore::open(&lab.proposals_db()).unwrap();
    let decision = atd_atlas::moderation::Decision {
        by: "moderator",
        ..Default::default()
    };
    atd_atlas::moderation::accept(&store, &lab.paths, &stored[0].reference, &decision).unwrap();
    atd_atlas::cli::import_and_index(&lab.paths, &lab.paths.practices_csv()).unwrap();
}

/// The `text_lang` cell of the last row of the lab's practices.csv.
fn last_row_text_lang(lab: &Lab) -> String {
    let csv = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|c| *c == "text_lang").unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let last = reader.records().last().unwrap().unwrap();
    last[at].to_string()
}

/// The form asks which language the text is in: a Spanish speaker on the English form says
/// Spanish, and the record is Spanish; `/changes` then marks its name Spanish.
#[tokio::test]
async fn a_proposal_written_in_spanish_on_the_english_form_is_accepted_as_spanish() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    // The picker: each language named in the page's and in its own; the page's chosen.
    let form = get(router.clone(), "/propose?lang=en").await;
    assert!(
        form.body
            .contains("value=\"en\" checked><label for=\"f-text_lang-en\">English</label>"),
        "{}",
        form.body
    );
    assert!(form.body.contains(
        "value=\"es\"><label for=\"f-text_lang-es\">Spanish (<span class=\"endonym\" lang=\"es\">Español</span>)</label>"
    ));
    let spanish_form = get(router.clone(), "/propose?lang=es").await;
    assert!(
        spanish_form
            .body
            .contains("value=\"es\" checked><label for=\"f-text_lang-es\">español</label>")
    );
    assert!(spanish_form.body.contains("Idioma de su texto"));

    let fields = with(
        &with(
            &proposal(),
            "programme",
            "Programa sintético del formulario inglés",
        ),
        "text_lang",
        "es",
    );
    let sent = post_form(router.clone(), "en", encode_form(&fields)).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let stored = lab.stored();
    assert_eq!(stored[0].lang, "en", "the status page stays in English");
    assert_eq!(stored[0].value("text_lang"), Some("es"));
    let shown = lab.run(&["proposals", "show", &stored[0].reference]);
    assert!(
        String::from_utf8_lossy(&shown.stdout).contains("text in:   es"),
        "{shown:?}"
    );

    accept_and_import(&lab);
    assert_eq!(last_row_text_lang(&lab), "es");
    let router = lab.router(&Limits::default());
    let record = get(
        router.clone(),
        "/practices/ke-programa-sintetico-del-formulario-ingles?lang=en",
    )
    .await;
    assert!(record.body.contains("Record text is shown in Spanish"));
    let changes = get(router.clone(), "/changes?lang=en").await;
    assert!(
        changes.body.contains(
            "<span dir=\"auto\" lang=\"es\">Programa sintético del formulario inglés</span>"
        ),
        "{}",
        changes.body
    );
    // The feed's entry for the accepted record says the same, for an English and a French
    // feed, and says nothing on a Spanish feed, whose language is the name's.
    for (feed_lang, marked) in [("en", true), ("fr", true), ("es", false)] {
        let feed = get(router.clone(), &format!("/changes.atom?lang={feed_lang}")).await;
        let title = feed
            .body
            .lines()
            .find(|l| l.contains("<title") && l.contains("Programa sintético"))
            .unwrap_or_else(|| panic!("no entry for the accepted record:\n{}", feed.body));
        assert_eq!(
            title.contains("xml:lang=\"es\""),
            marked,
            "{feed_lang}: {title}"
        );
    }
}

/// Without a word about the language, the form's is taken (the old behaviour kept).
#[tokio::test]
async fn a_proposal_that_names_no_language_takes_the_forms() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let sent = post_form(router, "fr", encode_form(&proposal())).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(lab.stored()[0].value("text_lang"), Some("fr"));
}

/// `POST /api/v1/proposals` takes `text_lang` (English when absent) and refuses a language
/// the atlas does not have, by field, in the endpoint's 422 shape.
#[tokio::test]
async fn the_api_takes_the_language_of_the_text() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let mut json = serde_json::json!({
        "fields": {
            "iso2": "KE", "programme": "Programme SYNTHÉTIQUE de l'API", "kind": "programme",
            "organisation_type": "ngo", "status": "active", "populations": ["children"],
            "start_year": 2020, "summary": "Programme SYNTHÉTIQUE.", "source_title": "T",
            "source_url": "https://example.org/x"
        },
        "text_lang": "de"
    });
    let refused = post_json(router.clone(), &json).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = refused.json();
    assert_eq!(problems["errors"][0]["field"], "text_lang", "{problems}");
    assert!(
        problems["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("write en, es or fr"),
        "{problems}"
    );
    json["text_lang"] = serde_json::Value::Null;
    let null = post_json(router.clone(), &json).await;
    assert_eq!(null.status, StatusCode::BAD_REQUEST, "{}", null.body);
    assert!(lab.stored().is_empty());

    json["text_lang"] = "fr".into();
    let created = post_json(router.clone(), &json).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(lab.stored()[0].value("text_lang"), Some("fr"));
    accept_and_import(&lab);
    assert_eq!(last_row_text_lang(&lab), "fr");

    let doc = get(router, "/openapi.json").await.json();
    let schema = &doc["components"]["schemas"]["ProposalRequest"]["properties"]["text_lang"];
    assert_eq!(schema["enum"], serde_json::json!(["en", "es", "fr"]));
    assert_eq!(schema["default"], "en");
}

/// A correction keeps the record's language unless its proposer changes it: the correction
/// form shows the record's chosen.
#[tokio::test]
async fn a_correction_keeps_the_records_language() {
    let lab = accepted_spanish_record().await;
    let router = lab.router(&Limits::default());
    let form = get(
        router.clone(),
        "/propose?practice=ke-programa-sintetico-de-acompanamiento&lang=en",
    )
    .await;
    assert!(
        form.body
            .contains("value=\"es\" checked><label for=\"f-text_lang-es\">Spanish"),
        "{}",
        form.body
    );
    let json = serde_json::json!({
        "practice": "ke-programa-sintetico-de-acompanamiento",
        "fields": {"organisation": "Organización SINTÉTICA"},
    });
    let created = post_json(router, &json).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let correction = lab.stored().pop().unwrap();
    let text_lang = correction
        .cells
        .iter()
        .find(|c| c.column == "text_lang")
        .unwrap();
    assert_eq!(text_lang.value, "es");
    assert!(!text_lang.changed, "the API said no language: the record's");
}
