//! Proposals from the field, end to end: the form in three languages (a mistake keeps every
//! typed value), corrections prefilled and diffed, the limits (per address, pending caps,
//! body size, cross-site, honeypot), the read-only mirror and a broken submissions database,
//! and the moderator's `accept` → `import` → searchable, changing one row of practices.csv.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use atd_atlas::cli;
use atd_atlas::config::{Limits, Paths};
use atd_atlas::store::submissions::{Status, SubmissionStore};
use atd_atlas::web::{self, AppState, Contributions};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::support::{Reply, repo_path, send};

/// A data folder of its own (a copy of the shipped files, so `accept` may write it), with its
/// database and index built.
pub struct Lab {
    pub dir: tempfile::TempDir,
    pub paths: Paths,
}

impl Lab {
    pub fn new() -> Lab {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("data");
        fs::create_dir_all(&data_dir).unwrap();
        for entry in fs::read_dir(repo_path("data")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".csv") || name.ends_with(".json") {
                fs::copy(&path, data_dir.join(&name)).unwrap();
            }
        }
        let paths = Paths {
            data_dir,
            db: dir.path().join("atlas.sqlite3"),
            index_dir: dir.path().join("index"),
        };
        cli::import_and_index(&paths, &paths.practices_csv()).expect("the copy imports");
        Lab { dir, paths }
    }

    pub fn submissions_db(&self) -> PathBuf {
        self.paths.submissions_db(None)
    }

    pub fn state(&self, limits: &Limits) -> AppState {
        let contributions =
            Contributions::open(&self.submissions_db(), self.paths.practices_csv(), limits);
        AppState::open(&self.paths)
            .unwrap()
            .with_contributions(contributions)
    }

    pub fn router(&self, limits: &Limits) -> axum::Router {
        web::router(self.state(limits))
    }

    pub fn stored(&self) -> Vec<atd_atlas::store::submissions::Submission> {
        SubmissionStore::open(&self.submissions_db())
            .unwrap()
            .list(None)
            .unwrap()
    }

    /// `atd-atlas` on this lab's files.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_atd-atlas"))
            .args(args)
            .env("ATD_DATA_DIR", &self.paths.data_dir)
            .env("ATD_DB", &self.paths.db)
            .env("ATD_INDEX_DIR", &self.paths.index_dir)
            .env_remove("ATD_SUBMISSIONS_DB")
            .env("RUST_LOG", "warn")
            .output()
            .expect("the binary runs")
    }
}

pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A complete proposal for a practice the atlas does not have. Test input only: it is
/// written into a temporary copy of the data, never into `data/`.
pub fn proposal() -> Vec<(&'static str, String)> {
    [
        ("iso2", "KE"),
        ("programme", "Zzyzx test community programme"),
        ("kind", "programme"),
        ("organisation_type", "ngo"),
        ("status", "pilot"),
        ("populations", "children"),
        ("populations", "families"),
        ("atd_types", "case_management"),
        ("start_year", "2021"),
        ("summary", "A proposal used only by the tests."),
        ("source_title", "Test source"),
        ("source_url", "https://example.org/report"),
        ("email", "someone@example.org"),
        ("submitter", "Test NGO"),
        ("website", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

pub fn encode_form(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, NON_ALPHANUMERIC),
                utf8_percent_encode(v, NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn with(
    pairs: &[(&'static str, String)],
    column: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = pairs
        .iter()
        .filter(|(k, _)| *k != column)
        .cloned()
        .collect();
    out.push((column, value.to_string()));
    out
}

async fn post_form(router: axum::Router, lang: &str, body: impl Into<Body>) -> Reply {
    let request = Request::post(format!("/contribute?lang={lang}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body.into())
        .unwrap();
    send(router, request).await
}

async fn post_json(router: axum::Router, json: &serde_json::Value) -> Reply {
    let request = Request::post("/api/v1/submissions")
        .header("content-type", "application/json")
        .body(Body::from(json.to_string()))
        .unwrap();
    send(router, request).await
}

async fn get(router: axum::Router, uri: &str) -> Reply {
    send(router, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// The value a form field shows (input value or textarea text), as maud escaped it.
fn shown_value(page: &str, column: &str) -> Option<String> {
    let input = format!("name=\"{column}\" value=\"");
    if let Some(at) = page.find(&input) {
        let rest = &page[at + input.len()..];
        return rest.split('"').next().map(str::to_string);
    }
    let area = format!("name=\"{column}\" rows=\"4\"");
    let at = page.find(&area)?;
    let rest = &page[at..];
    let open = rest.find('>')? + 1;
    let close = rest.find("</textarea>")?;
    Some(rest[open..close].to_string())
}

#[tokio::test]
async fn a_mistake_comes_back_beside_its_field_in_each_language_with_everything_typed() {
    let lab = Lab::new();
    let limits = Limits::default();
    let typed = with(&proposal(), "start_year", "twenty twenty");
    let typed = with(&typed, "summary", "Résumé with <b>markup</b> & “quotes”");
    for (lang, required_word, year_words) in [
        ("en", "Check this value", "Enter a year from 1950"),
        ("es", "Revise este valor", "Escriba un año entre 1950"),
        (
            "fr",
            "Vérifiez cette valeur",
            "Saisissez une année entre 1950",
        ),
    ] {
        let reply = post_form(lab.router(&limits), lang, encode_form(&typed)).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        assert!(reply.body.contains(&format!("<html lang=\"{lang}\"")));
        assert!(
            reply.body.contains(required_word),
            "{lang}: summary in the page language"
        );
        assert!(
            reply.body.contains("id=\"e-start_year\""),
            "{lang}: the error sits by its field"
        );
        let beside = &reply.body[reply.body.find("id=\"e-start_year\"").unwrap()..];
        assert!(
            beside[..beside.find("</div>").unwrap()].contains(year_words),
            "{lang}: what a year looks like, in the page language"
        );
        assert!(reply.body.contains("aria-invalid=\"true\""));
        assert_eq!(
            shown_value(&reply.body, "start_year").as_deref(),
            Some("twenty twenty")
        );
        assert_eq!(
            shown_value(&reply.body, "summary").as_deref(),
            Some("Résumé with &lt;b&gt;markup&lt;/b&gt; &amp; “quotes”")
        );
        assert_eq!(
            shown_value(&reply.body, "email").as_deref(),
            Some("someone@example.org")
        );
        assert!(
            reply.body.contains("value=\"families\" checked"),
            "{lang}: ticked boxes stay ticked"
        );
        assert!(reply.body.contains("value=\"KE\" selected"));
    }
    assert!(
        lab.stored().is_empty(),
        "nothing is stored from an invalid proposal"
    );
}

#[tokio::test]
async fn a_valid_proposal_gets_a_reference_and_changes_nothing_published() {
    let lab = Lab::new();
    let csv_before = fs::read(lab.paths.practices_csv()).unwrap();
    let router = lab.router(&Limits::default());
    let reply = post_form(router.clone(), "es", encode_form(&proposal())).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let location = reply.headers["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/contribute/received?ref=S-"),
        "{location}"
    );
    assert!(location.ends_with("&lang=es"));
    let receipt = get(router.clone(), &location).await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert!(receipt.body.contains("Gracias"));
    let stored = lab.stored();
    assert_eq!(stored.len(), 1);
    let reference = &stored[0].reference;
    assert!(receipt.body.contains(reference.as_str()));
    assert_eq!(stored[0].value("populations"), Some("children;families"));
    assert_eq!(stored[0].value("country"), Some("Kenya"));
    assert_eq!(stored[0].email, "someone@example.org");
    // Published data untouched: the file, the search and the record pages.
    assert_eq!(fs::read(lab.paths.practices_csv()).unwrap(), csv_before);
    let search = get(router.clone(), "/api/v1/search?q=zzyzx").await;
    assert_eq!(search.json()["total"], 0);
    // The email never leaves the submissions database.
    for uri in [
        "/api/v1/search?q=kenya",
        "/practices.csv?q=zzyzx",
        "/practices.json",
    ] {
        let reply = get(router.clone(), uri).await;
        assert!(!reply.body.contains("someone@example.org"), "{uri}");
    }
}

#[tokio::test]
async fn every_record_offers_a_prefilled_correction_and_the_about_page_explains_privacy() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let row = &crate::support::shipped_rows()[1];
    let id = &row["id"];
    let record = get(router.clone(), &format!("/practices/{id}?lang=fr")).await;
    let link = format!("/contribute?practice={id}&amp;lang=fr");
    assert!(
        record.body.contains(&link),
        "Suggest a correction links to the prefilled form"
    );
    assert!(record.body.contains("Suggérer une correction"));
    let form = get(
        router.clone(),
        &format!("/contribute?practice={id}&lang=fr"),
    )
    .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(&format!("name=\"practice\" value=\"{id}\""))
    );
    for column in ["programme", "source_url", "participants_note"] {
        let expected = maud::html! { (row[column]) }.into_string();
        assert_eq!(shown_value(&form.body, column), Some(expected), "{column}");
    }
    let missing = get(
        router.clone(),
        "/contribute?practice=no-such-practice&lang=en",
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    for (lang, words) in [
        ("en", "never in the published data"),
        ("es", "nunca en los datos publicados"),
        ("fr", "jamais dans les données publiées"),
    ] {
        let about = get(router.clone(), &format!("/about?lang={lang}")).await;
        assert!(about.body.contains(words), "{lang}");
    }
}

#[tokio::test]
async fn a_correction_records_only_the_cells_it_changes() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let id = "us-ice-isap";
    let form = get(
        router.clone(),
        &format!("/contribute?practice={id}&lang=en"),
    )
    .await;
    // Send the form back as a browser would: every prefilled field, one of them edited.
    let row = crate::support::shipped_rows()
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap();
    let mut pairs: Vec<(&str, String)> = vec![("practice", id.to_string())];
    for (column, value) in &row {
        if column == "id" || column == "country" {
            continue;
        }
        let column: &'static str = Box::leak(column.clone().into_boxed_str());
        if ["populations", "atd_types", "cap_stages"].contains(&column) {
            for key in value.split(';').filter(|k| !k.is_empty()) {
                assert!(
                    form.body.contains(&format!("value=\"{key}\" checked")),
                    "{key}"
                );
                pairs.push((column, key.to_string()));
            }
        } else {
            pairs.push((column, value.clone()));
        }
    }
    let unchanged = post_form(router.clone(), "en", encode_form(&pairs)).await;
    assert_eq!(unchanged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unchanged.body.contains("Nothing was changed"));
    let edited = with(&pairs, "outcome_compliance_pct", "97");
    let reply = post_form(router.clone(), "en", encode_form(&edited)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let stored = lab.stored();
    let changed: Vec<&str> = stored[0]
        .cells
        .iter()
        .filter(|c| c.changed)
        .map(|c| c.column.as_str())
        .collect();
    assert_eq!(changed, vec!["outcome_compliance_pct"]);
    let reference = stored[0].reference.clone();

    let shown = ok(&lab.run(&["submissions", "show", &reference]));
    assert!(shown.contains("outcome_compliance_pct:"), "{shown}");
    assert!(
        shown.contains(&format!("- {}", row["outcome_compliance_pct"])),
        "{shown}"
    );
    assert!(shown.contains("+ 97"), "{shown}");

    let before = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    ok(&lab.run(&[
        "submissions",
        "accept",
        &reference,
        "--by",
        "tester",
        "--note",
        "checked the source",
    ]));
    let after = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    let differing: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(differing.len(), 1, "one row changes");
    let old_cells = csv_cells(differing[0].0);
    let new_cells = csv_cells(differing[0].1);
    let header = csv_cells(before.lines().next().unwrap());
    let at = header
        .iter()
        .position(|h| h == "outcome_compliance_pct")
        .unwrap();
    for (i, (old, new)) in old_cells.iter().zip(&new_cells).enumerate() {
        if i == at {
            assert_eq!(new, "97");
        } else {
            assert_eq!(old, new, "column {} unchanged", header[i]);
        }
    }
    let decided = SubmissionStore::open(&lab.submissions_db())
        .unwrap()
        .get(&reference)
        .unwrap()
        .unwrap();
    assert_eq!(decided.status, Status::Accepted);
    assert_eq!(decided.decided_by.as_deref(), Some("tester"));
    assert_eq!(decided.decision_note.as_deref(), Some("checked the source"));
    assert!(decided.decided_at.is_some());
}

fn csv_cells(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn accept_then_import_makes_a_proposal_searchable() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let reply = post_form(router, "fr", encode_form(&proposal())).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reference = lab.stored()[0].reference.clone();
    let listed = ok(&lab.run(&["submissions", "list", "--status", "pending"]));
    assert!(
        listed.contains(&reference) && listed.contains("Zzyzx"),
        "{listed}"
    );

    let before = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    ok(&lab.run(&["submissions", "accept", &reference]));
    let after = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    assert!(
        after.starts_with(&before),
        "the file keeps every byte and gains one row"
    );
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    ok(&lab.run(&["import"]));

    let state = AppState::open(&lab.paths).unwrap();
    let found = get(web::router(state), "/api/v1/search?q=zzyzx")
        .await
        .json();
    assert_eq!(found["total"], 1);
    assert_eq!(
        found["results"][0]["id"],
        "ke-zzyzx-test-community-programme"
    );
    assert_eq!(
        found["results"][0]["populations"],
        serde_json::json!(["children", "families"])
    );
    assert!(!found.to_string().contains("someone@example.org"));

    let again = lab.run(&["submissions", "accept", &reference]);
    assert!(
        !again.status.success(),
        "a decided submission is not accepted twice"
    );
    let rejected = lab.run(&["submissions", "reject", "S-1999-0001", "--reason", "x"]);
    assert!(!rejected.status.success());
}

#[tokio::test]
async fn the_json_endpoint_follows_the_same_rules() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let good = serde_json::json!({
        "fields": {
            "iso2": "KE", "programme": "Zzyzx json programme", "kind": "programme",
            "organisation_type": "ngo", "status": "active", "populations": ["children"],
            "start_year": 2020, "summary": "Test.", "source_title": "T",
            "source_url": "https://example.org/x"
        },
        "email": "partner@example.org"
    });
    let created = post_json(router.clone(), &good).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let receipt = created.json();
    assert!(receipt["reference"].as_str().unwrap().starts_with("S-"));
    assert_eq!(receipt["status"], "pending");
    assert!(!created.body.contains("partner@example.org"));
    let mut bad = good.clone();
    bad["fields"]["source_url"] = "javascript:alert(1)".into();
    bad["fields"]["start_year"] = "1800".into();
    let refused = post_json(router.clone(), &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = refused.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert!(
        fields.contains(&"source_url".to_string()) && fields.contains(&"start_year".to_string()),
        "{fields:?}"
    );
    let not_json = send(
        router.clone(),
        Request::post("/api/v1/submissions")
            .body(Body::from("fields=1"))
            .unwrap(),
    )
    .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    let doc = get(router, "/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/submissions"]["post"].is_object());
    assert_eq!(lab.stored().len(), 1);
}

#[tokio::test]
async fn limits_refuse_with_retry_after_and_keep_the_typed_values() {
    let lab = Lab::new();
    let limits = Limits {
        submissions_per_hour: 2,
        max_pending_per_client: 50,
        max_pending: 50,
        ..Limits::default()
    };
    let router = lab.router(&limits);
    let body = |n: usize| encode_form(&with(&proposal(), "programme", &format!("Zzyzx limit {n}")));
    for n in 0..2 {
        assert_eq!(
            post_form(router.clone(), "en", body(n)).await.status,
            StatusCode::SEE_OTHER
        );
    }
    // Mistakes do not count: a person fixing a form is never held back by it.
    let mistake = with(&proposal(), "source_url", "ftp://x");
    assert_eq!(
        post_form(router.clone(), "en", encode_form(&mistake))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let third = post_form(router.clone(), "es", body(2)).await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = third.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "{wait}");
    assert_eq!(
        shown_value(&third.body, "programme").as_deref(),
        Some("Zzyzx limit 2")
    );
    assert!(third.body.contains("Ha enviado varias propuestas"));
    assert_eq!(lab.stored().len(), 2);

    // Pending caps: per address, then for everyone.
    let capped = Lab::new();
    let tight = Limits {
        submissions_per_hour: 100,
        max_pending_per_client: 1,
        max_pending: 1,
        ..Limits::default()
    };
    let router = capped.router(&tight);
    assert_eq!(
        post_form(router.clone(), "en", body(0)).await.status,
        StatusCode::SEE_OTHER
    );
    let full = post_form(router.clone(), "fr", body(1)).await;
    assert_eq!(full.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(full.headers.contains_key("retry-after"));
    assert_eq!(
        shown_value(&full.body, "programme").as_deref(),
        Some("Zzyzx limit 1")
    );
    let api = post_json(router, &serde_json::json!({"fields": {"iso2": "KE"}})).await;
    assert_eq!(
        api.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation comes first"
    );
    assert_eq!(capped.stored().len(), 1);
}

#[tokio::test]
async fn cross_site_posts_honeypots_and_oversized_bodies_store_nothing() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let body = encode_form(&proposal());
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://elsewhere.example"),
    ] {
        let request = Request::post("/contribute?lang=en")
            .header("host", "atlas.test")
            .header(name, value)
            .body(Body::from(body.clone()))
            .unwrap();
        assert_eq!(
            send(router.clone(), request).await.status,
            StatusCode::FORBIDDEN,
            "{name}"
        );
    }
    let same_origin = Request::post("/contribute?lang=en")
        .header("host", "atlas.test")
        .header("origin", "http://atlas.test")
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(
        send(router.clone(), same_origin).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(lab.stored().len(), 1);

    let bot = encode_form(&with(&proposal(), "website", "http://spam.example"));
    let trapped = post_form(router.clone(), "en", bot).await;
    assert_eq!(
        trapped.status,
        StatusCode::SEE_OTHER,
        "a bot is not told it was caught"
    );
    assert_eq!(lab.stored().len(), 1, "the honeypot stores nothing");

    let huge = encode_form(&with(&proposal(), "summary", &"x".repeat(1024 * 1024)));
    let reply = post_form(router, "en", huge).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(lab.stored().len(), 1);
}

#[tokio::test]
async fn a_read_only_mirror_and_a_broken_submissions_database_still_serve_everything_else() {
    let lab = Lab::new();
    let off = AppState::open(&lab.paths).unwrap();
    let router = web::router(off);
    for (lang, words) in [
        ("en", "read-only mirror"),
        ("es", "espejo de solo lectura"),
        ("fr", "miroir en lecture seule"),
    ] {
        let page = get(router.clone(), &format!("/contribute?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(words), "{lang}");
        assert!(!page.body.contains("<form class=\"contribute\""));
    }
    let refused = post_form(router.clone(), "en", encode_form(&proposal())).await;
    assert!(refused.body.contains("read-only mirror"));
    assert_eq!(
        post_json(router.clone(), &serde_json::json!({"fields": {}}))
            .await
            .status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert!(
        !lab.submissions_db().exists(),
        "a mirror creates no submissions database"
    );
    assert_eq!(get(router.clone(), "/healthz").await.status, StatusCode::OK);

    // Damaged, and in a folder that does not exist: the site starts, search works.
    fs::write(
        lab.submissions_db(),
        b"not a database, just some bytes that are long enough",
    )
    .unwrap();
    let broken = [
        lab.submissions_db(),
        lab.dir.path().join("missing/dir/submissions.sqlite3"),
    ];
    for db in broken {
        let contributions = Contributions::open(&db, lab.paths.practices_csv(), &Limits::default());
        let state = AppState::open(&lab.paths)
            .unwrap()
            .with_contributions(contributions);
        let router = web::router(state);
        let page = get(router.clone(), "/contribute?lang=en").await;
        assert_eq!(
            page.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            db.display()
        );
        assert!(page.body.contains("cannot be received here right now"));
        let search = get(router.clone(), "/api/v1/search?q=children").await;
        assert_eq!(search.status, StatusCode::OK);
        assert!(search.json()["total"].as_u64().unwrap() > 0);
        let post = post_form(router, "en", encode_form(&proposal())).await;
        assert_eq!(post.status, StatusCode::SERVICE_UNAVAILABLE);
    }
}

/// The real binary with `--submissions off` (and the env fallback) passes `/healthz`.
#[test]
fn serve_with_submissions_off_is_a_read_only_mirror() {
    let lab = Lab::new();
    let mut command = Command::new(env!("CARGO_BIN_EXE_atd-atlas"));
    command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("ATD_DATA_DIR", &lab.paths.data_dir)
        .env("ATD_DB", &lab.paths.db)
        .env("ATD_INDEX_DIR", &lab.paths.index_dir)
        .env("ATD_SUBMISSIONS", "off")
        .env("RUST_LOG", "warn");
    let (mut child, addr) = crate::net::spawn_on_any_port(&mut command);
    let health = crate::net::wait_for_answer(&mut child, addr, "/healthz");
    let page = crate::net::get_blocking(addr, "/contribute?lang=en").unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(health.status, 200);
    assert!(page.body.contains("read-only mirror"));
    assert!(!lab.submissions_db().exists());
}

#[test]
fn export_is_spreadsheet_safe_and_has_no_contact_details() {
    let lab = Lab::new();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let injected = with(
        &proposal(),
        "programme",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
    );
    let injected = with(&injected, "outcome_other", "@SUM(1+1)");
    let reply = rt.block_on(post_form(
        lab.router(&Limits::default()),
        "en",
        encode_form(&injected),
    ));
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let out = ok(&lab.run(&["submissions", "export"]));
    assert!(!out.contains("someone@example.org") && !out.contains("Test NGO"));
    let rows = crate::support::csv_rows(csv::Reader::from_reader(out.as_bytes()));
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0]["programme"].starts_with("'="),
        "{}",
        rows[0]["programme"]
    );
    assert!(rows[0]["outcome_other"].starts_with("'@"));
    let file = lab.dir.path().join("pending.csv");
    ok(&lab.run(&["submissions", "export", "--out", file.to_str().unwrap()]));
    assert_eq!(fs::read_to_string(&file).unwrap(), out);
}

#[test]
fn moderator_output_shows_escape_sequences_instead_of_running_them() {
    let lab = Lab::new();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // Control characters are refused in the practice's cells; the submitter's name is checked
    // too, so plant one as a partner's raw JSON would try and see it refused.
    let hostile = serde_json::json!({
        "fields": {"iso2": "KE", "programme": "x\u{1b}[2J"}, "submitter": "\u{1b}]0;owned\u{7}"
    });
    let refused = rt.block_on(post_json(lab.router(&Limits::default()), &hostile));
    let body = refused.json().to_string();
    assert!(
        body.contains("\"field\":\"programme\"") && body.contains("\"field\":\"submitter\""),
        "{body}"
    );
    let html = with(&proposal(), "submitter", "<script>alert(1)</script>");
    let reply = rt.block_on(post_form(
        lab.router(&Limits::default()),
        "en",
        encode_form(&html),
    ));
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reference = lab.stored()[0].reference.clone();
    let shown = ok(&lab.run(&["submissions", "show", &reference]));
    assert!(
        shown.contains("<script>alert(1)</script>"),
        "HTML is shown as text: {shown}"
    );
    assert!(!shown.contains('\u{1b}'));
}

#[tokio::test]
async fn an_unreadable_practices_file_stops_proposals_but_keeps_what_was_typed() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    fs::remove_file(lab.paths.practices_csv()).unwrap();
    let page = get(router.clone(), "/contribute?lang=en").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.body.contains("cannot be received here right now"));
    let sent = post_form(router.clone(), "en", encode_form(&proposal())).await;
    assert_eq!(sent.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        shown_value(&sent.body, "programme").as_deref(),
        Some("Zzyzx test community programme")
    );
    assert_eq!(
        get(router, "/api/v1/search?q=children").await.status,
        StatusCode::OK
    );
    assert!(lab.stored().is_empty());
}
