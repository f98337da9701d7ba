//! Languages (URL, Accept-Language, every link), forgiving search (typos, synonyms, phrases,
//! "did you mean"), page weight and privacy: through the router on the shipped data.

use std::io::Write;

use axum::body::Body;
use axum::http::{Request, header};

use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::{Reply, get, ids, router, send};

async fn get_headers(uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(router(), request.body(Body::empty()).expect("request")).await
}

/// The bytes sent for `uri` to a browser that accepts gzip.
async fn wire_bytes(uri: &str) -> usize {
    let response = router()
        .oneshot(
            Request::get(uri)
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("router answers");
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap_or("")),
        Some("gzip"),
        "{uri} is compressed"
    );
    response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .len()
}

#[tokio::test]
async fn accept_language_chooses_on_a_first_visit_and_the_url_wins_after() {
    let mexican = get_headers("/", &[("accept-language", "es-MX")]).await;
    assert!(mexican.body.contains("<html lang=\"es\">"), "es-MX → es");
    assert!(mexican.body.contains("Buscar prácticas"));
    assert_eq!(
        mexican
            .headers
            .get(header::VARY)
            .and_then(|v| v.to_str().ok()),
        Some("Accept-Language")
    );
    let canadian = get_headers("/about", &[("accept-language", "fr-CA,fr;q=0.8")]).await;
    assert!(canadian.body.contains("<html lang=\"fr\">"));
    let german = get_headers("/", &[("accept-language", "de-DE")]).await;
    assert!(german.body.contains("<html lang=\"en\">"));
    // A language chosen in the URL beats the browser's, and every link keeps it.
    let chosen = get_headers("/?q=bail&lang=en", &[("accept-language", "es")]).await;
    assert!(chosen.body.contains("<html lang=\"en\">"));
    for href in chosen.body.split("href=\"").skip(1) {
        let href = &href[..href.find('"').unwrap_or(0)];
        if href.starts_with('/') && !href.starts_with("/static/") && !href.starts_with("/api/") {
            assert!(
                href.contains("lang="),
                "a link without its language: {href}"
            );
        }
    }
}

/// Internal links that must carry `lang`: pages, not assets, API documents or data files.
fn page_links_without_lang(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .map(|href| &href[..href.find('"').unwrap_or(0)])
        .filter(|href| href.starts_with('/'))
        .filter(|href| {
            !["/static/", "/api/v1/", "/data/", "/openapi.json"]
                .iter()
                .any(|p| href.starts_with(p))
        })
        .filter(|href| !href.contains("lang="))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_research_pages_speak_the_page_language_and_keep_it_in_links() {
    let pages = [
        "/compare?ids=us-family-case-management-program,ca-toronto-bail-program",
        "/compare?ids=us-family-case-management-program",
        "/countries/MX",
        "/insights",
        "/data",
        "/practices/us-family-case-management-program",
        "/?q=children",
    ];
    for (lang, words) in [
        (
            "es",
            [
                "Comparar prácticas",
                "Elija de dos a cuatro prácticas",
                "Qué cubren las prácticas registradas",
                "Prácticas por país",
                "Descargar los datos",
                "Prácticas similares",
                "Comparar seleccionadas",
            ],
        ),
        (
            "fr",
            [
                "Comparer des pratiques",
                "Choisissez de deux à quatre pratiques",
                "Ce que couvrent les pratiques enregistrées",
                "Pratiques par pays",
                "Télécharger les données",
                "Pratiques similaires",
                "Comparer la sélection",
            ],
        ),
        (
            "en",
            [
                "Compare practices",
                "Choose two to four practices",
                "What the recorded practices cover",
                "Practices by country",
                "Download the data",
                "Similar practices",
                "Compare selected",
            ],
        ),
    ] {
        for (page, word) in pages.iter().zip(words) {
            let sep = if page.contains('?') { '&' } else { '?' };
            let reply = get(&format!("{page}{sep}lang={lang}")).await;
            assert_eq!(reply.status, 200, "{page} {lang}");
            assert!(
                reply.body.contains(&format!("<html lang=\"{lang}\">")),
                "{page} {lang}"
            );
            assert!(reply.body.contains(word), "{page} {lang}: {word}");
            let bare = page_links_without_lang(&reply.body);
            assert!(
                bare.is_empty(),
                "{page} {lang}: links without lang: {bare:?}"
            );
        }
    }
    // The comparison form carries the page language to the comparison.
    let search = get("/?q=children&lang=fr").await.body;
    assert!(search.contains("<input type=\"hidden\" name=\"lang\" value=\"fr\">"));
    // Vocabulary labels and country names come from the reference in the page language.
    let country = get("/countries/MX?lang=es").await.body;
    assert!(
        country.contains("<h1>México</h1>"),
        "country name in Spanish"
    );
    let insights = get("/insights?lang=fr").await.body;
    assert!(insights.contains("Mexique"), "country names in French");
}

#[tokio::test]
async fn every_page_type_speaks_the_page_language() {
    for (lang, search, about, record) in [
        (
            "es",
            "Encuentre alternativas",
            "Acerca de ATD Atlas",
            "Costo por día",
        ),
        (
            "fr",
            "Trouver des alternatives",
            "À propos d’ATD Atlas",
            "Coût par jour",
        ),
    ] {
        let page = get(&format!("/?q=children&lang={lang}")).await.body;
        assert!(page.contains(search), "{lang} search");
        let about_page = get(&format!("/about?lang={lang}")).await.body;
        assert!(about_page.contains(about), "{lang} about");
        let record_page = get(&format!(
            "/practices/us-family-case-management-program?lang={lang}"
        ))
        .await
        .body;
        assert!(record_page.contains(record), "{lang} record");
        // The record's own text stays as sourced, marked as English.
        assert!(
            record_page.contains("lang=\"en\""),
            "{lang} record text marked English"
        );
        let missing = get(&format!("/practices/no-such-practice?lang={lang}")).await;
        assert_eq!(missing.status, 404);
        assert!(missing.body.contains(&format!("<html lang=\"{lang}\">")));
    }
    // Numbers follow the language: a decimal comma in Spanish and French.
    let es = get("/practices/us-family-case-management-program?lang=es")
        .await
        .body;
    assert!(es.contains("USD\u{A0}38,00"), "Spanish decimal comma");
}

async fn top(q: &str, n: usize) -> Vec<String> {
    let url = format!(
        "/api/v1/search?q={}&per_page={n}",
        atd_atlas::web::urls::encode(q)
    );
    ids(&get(&url).await.json())
}

#[tokio::test]
async fn typos_are_forgiven_by_word_length() {
    assert!(
        top("Austrailia", 20)
            .await
            .iter()
            .any(|id| id.starts_with("au-"))
    );
    assert!(
        top("guardianshp", 20)
            .await
            .contains(&"be-guardianship-unaccompanied-children".to_string())
    );
    assert!(
        top("Hongkong", 5)
            .await
            .iter()
            .any(|id| id.starts_with("hk-"))
    );
    // Short words are not stretched: "bail" must not find "mail" or "sail".
    let exact = top("bail", 100).await;
    let rows = crate::support::shipped_rows();
    for id in &exact {
        let row = rows.iter().find(|r| &r["id"] == id).expect("row");
        let text = row
            .values()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(
            ["bail", "bond", "fianza", "caution"]
                .iter()
                .any(|w| text.contains(w)),
            "{id} matched bail without a bail word"
        );
    }
}

#[tokio::test]
async fn acronyms_and_synonyms_widen_a_search() {
    let uasc = top("UASC", 100).await;
    assert!(uasc.contains(&"my-atd-pilot-uasc".to_string()));
    assert!(
        uasc.contains(&"mx-uac-release-pilot-2015".to_string()),
        "UASC finds unaccompanied children"
    );
    let bond = top("bond", 100).await;
    assert!(
        bond.contains(&"uk-immigration-bail".to_string()),
        "bond finds bail"
    );
    let about = get("/about?lang=es").await.body;
    assert!(about.contains("UASC"), "the table is on /about");
}

#[tokio::test]
async fn a_programme_name_beats_a_passing_mention() {
    let first = top("community detention", 1).await;
    assert_eq!(first, ["au-community-detention"]);
    let quoted = top("\"Bridging Visa E\"", 1).await;
    assert_eq!(quoted, ["au-bridging-visa-e"]);
}

#[tokio::test]
async fn nothing_found_says_so_and_offers_a_way_on() {
    // Three slips in one word: beyond the search's tolerance, within the suggestion's.
    let page = get("/?q=Phillipeenes&lang=en").await.body;
    assert!(page.contains("No practices match"), "says so");
    assert!(
        page.contains("Did you mean"),
        "did you mean: {}",
        &page[page.find("id=\"results-body\"").unwrap_or(0)..]
    );
    assert!(page.contains("q=philippines"), "a corrected link");
    assert!(
        page.contains("class=\"suggested\""),
        "nearest filter values"
    );
    assert!(
        page.contains("country=PH"),
        "the Philippines offered as a filter"
    );
    let nonsense = get("/?q=zzqqxx&lang=fr").await.body;
    assert!(nonsense.contains("Aucune pratique ne correspond"));
    assert!(
        nonsense.contains("class=\"suggested\""),
        "never an empty page"
    );
}

/// Every page type loads only from this site (the browser test checks the requests made).
#[tokio::test]
async fn pages_name_no_external_resource() {
    let mut pages = vec![
        "/".to_string(),
        "/?q=children&country=MX".to_string(),
        "/practices/us-family-case-management-program".to_string(),
        "/about".to_string(),
        "/nowhere".to_string(),
        "/compare?ids=us-family-case-management-program,ca-toronto-bail-program".to_string(),
        "/countries/MX".to_string(),
        "/insights".to_string(),
        "/data".to_string(),
    ];
    pages.extend(["/?lang=es".to_string(), "/about?lang=fr".to_string()]);
    for page in pages {
        let body = get(&page).await.body;
        for attr in [" src=\"", " action=\""] {
            for value in body.split(attr).skip(1) {
                assert!(
                    value.starts_with('/'),
                    "{page}: external{attr}{}",
                    &value[..40.min(value.len())]
                );
            }
        }
        for link in body.split("<link ").skip(1) {
            let href = link.split("href=\"").nth(1).unwrap_or("");
            assert!(href.starts_with('/'), "{page}: <link> to {href}");
        }
    }
    for asset in ["/static/site.css", "/static/enhance.js"] {
        let body = get(asset).await.body;
        assert!(
            !body.contains("http:") && !body.contains("https:") && !body.contains("//cdn"),
            "{asset}"
        );
    }
}

#[tokio::test]
async fn the_search_page_with_its_css_and_script_is_under_50_kb_compressed() {
    let page = wire_bytes("/").await;
    let results = wire_bytes("/?q=children").await;
    let css = wire_bytes("/static/site.css").await;
    let js = wire_bytes("/static/enhance.js").await;
    let total = page + css + js;
    println!(
        "page weight (gzip): search page {page} B, results page {results} B, CSS {css} B, \
         script {js} B; search page + CSS + script = {total} B"
    );
    assert!(total < 50 * 1024, "{total} bytes");
    assert!(
        results + css + js < 50 * 1024,
        "results page {results} bytes"
    );
    let _ = std::io::stdout().flush();
}

#[tokio::test]
async fn a_sentence_finds_the_practices_with_most_of_its_words() {
    // No practice is in both countries: the search relaxes to those with most of the words.
    let page = get("/?q=alternatives+for+families+in+Belgium+and+Japan&lang=fr")
        .await
        .body;
    assert!(
        page.contains("Aucune pratique ne contient tous les mots"),
        "says it relaxed"
    );
    assert!(
        page.contains("/practices/be-"),
        "a Belgian practice is offered"
    );
    let strict = get("/?q=families+Belgium&lang=en").await.body;
    assert!(
        !strict.contains("class=\"notice relaxed\""),
        "no notice when every word matched"
    );
}

/// When a search needs its typos forgiven, a word the index has is still meant as typed:
/// in "deported placment", "deported" is not also read as a typo of "reported" (one edit
/// apart after stemming), which would add practices that only report; "placment" is.
#[tokio::test]
async fn a_known_word_is_not_read_as_a_typo_of_another() {
    let known = get("/api/v1/search?q=deported+placment&per_page=100")
        .await
        .json();
    let results = known["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for record in results {
        let text = record.to_string().to_lowercase();
        assert!(
            text.contains("deport") || text.contains("expuls") || text.contains("expulsi"),
            "{} does not mention deportation",
            record["id"]
        );
    }
    let misspelt = get("/api/v1/search?q=deportd&per_page=100").await.json();
    assert!(
        misspelt["total"].as_u64().unwrap() > 0,
        "a typo is still forgiven"
    );
}

/// "How your search was read" speaks the page's language; the API keeps its English text.
#[tokio::test]
async fn how_a_search_was_read_is_said_in_the_page_language() {
    let es = get("/?q=ni%C3%B1os&cost_min=abc&sort=nope&lang=es").await;
    assert!(
        es.body
            .contains("se ignoró el límite de costo «abc»: no es un número"),
        "Spanish reading missing"
    );
    assert!(
        es.body
            .contains("orden desconocido; se ordenó por pertinencia")
    );
    assert!(!es.body.contains("not a number") && !es.body.contains("unknown sort"));

    let fr = get("/?q=enfants&year_max=x&lang=fr").await;
    assert!(
        fr.body
            .contains("limite ignorée pour l’année : « x » n’est pas un nombre"),
        "French reading missing"
    );
    assert!(!fr.body.contains("not a number"));

    let api = get("/api/v1/search?q=x&cost_min=abc&lang=es").await.json();
    let warnings: Vec<String> = api["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w.as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        warnings.contains(&"ignored the cost limit \"abc\": not a number".to_string()),
        "{warnings:?}"
    );
}

/// A cost's unit reads as part of the figure in every language ("por persona"), while the
/// filter keeps the vocabulary's label as a heading would ("Por persona").
#[tokio::test]
async fn cost_units_read_in_lower_case_inside_figures() {
    for (lang, inline) in [
        ("en", "per person"),
        ("es", "por persona"),
        ("fr", "par personne"),
    ] {
        let page = get(&format!("/?cost_min=0&lang={lang}")).await.body;
        assert!(
            page.contains(&format!(" {inline}")),
            "{lang}: no ' {inline}'"
        );
        let capitalised = format!(" {}{}", inline[..1].to_uppercase(), &inline[1..]);
        assert!(
            !page.contains(&format!("/day{capitalised}"))
                && !page.contains(&format!("/día{capitalised}"))
                && !page.contains(&format!("/jour{capitalised}")),
            "{lang}: '{capitalised}' inside a figure"
        );
    }
}
