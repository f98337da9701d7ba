//! Proposals through the router: the form in three languages (a mistake keeps every typed
//! value, errors beside their fields), a prefilled correction on every record, the JSON
//! endpoint, the limits (per address, pending caps, body size, cross-site, honeypot), hostile
//! input, the read-only mirror and a broken proposals database or practices file.

use std::fs;

use atd_atlas::config::Limits;
use atd_atlas::web::{self, AppState, ProposalIntake};
use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::proposals::{Lab, encode_form, get, post_form, post_json, proposal, shown_value, with};
use crate::support::send;

const XSS: &str = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

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
        location.starts_with("/propose/received?ref=S-"),
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
    // The email never leaves the proposals database.
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
    let link = format!("/propose?practice={id}&amp;lang=fr");
    assert!(
        record.body.contains(&link),
        "Suggest a correction links to the prefilled form"
    );
    assert!(record.body.contains("Suggérer une correction"));
    let form = get(router.clone(), &format!("/propose?practice={id}&lang=fr")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(&format!("name=\"practice\" value=\"{id}\""))
    );
    for column in ["programme", "source_url", "participants_note"] {
        let expected = maud::html! { (row[column]) }.into_string();
        assert_eq!(shown_value(&form.body, column), Some(expected), "{column}");
    }
    let missing = get(router.clone(), "/propose?practice=no-such-practice&lang=en").await;
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
        Request::post("/api/v1/proposals")
            .body(Body::from("fields=1"))
            .unwrap(),
    )
    .await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let doc = get(router, "/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/proposals"]["post"].is_object());
    assert_eq!(lab.stored().len(), 1);
}

#[tokio::test]
async fn limits_refuse_with_retry_after_and_keep_the_typed_values() {
    let lab = Lab::new();
    let limits = Limits {
        proposals_per_hour: 2,
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
        proposals_per_hour: 100,
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
        let request = Request::post("/propose?lang=en")
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
    let same_origin = Request::post("/propose?lang=en")
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
async fn a_read_only_mirror_and_a_broken_proposals_database_still_serve_everything_else() {
    let lab = Lab::new();
    let off = AppState::open(&lab.paths).unwrap();
    let router = web::router(off);
    for (lang, words) in [
        ("en", "read-only mirror"),
        ("es", "espejo de solo lectura"),
        ("fr", "miroir en lecture seule"),
    ] {
        let page = get(router.clone(), &format!("/propose?lang={lang}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(words), "{lang}");
        assert!(!page.body.contains("<form class=\"proposal\""));
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
        !lab.proposals_db().exists(),
        "a mirror creates no proposals database"
    );
    assert_eq!(get(router.clone(), "/healthz").await.status, StatusCode::OK);

    // Damaged, and in a folder that does not exist: the site starts, search works.
    fs::write(
        lab.proposals_db(),
        b"not a database, just some bytes that are long enough",
    )
    .unwrap();
    let broken = [
        lab.proposals_db(),
        lab.dir.path().join("missing/dir/proposals.sqlite3"),
    ];
    for db in broken {
        let proposals = ProposalIntake::open(&db, lab.paths.practices_csv(), &Limits::default());
        let state = AppState::open(&lab.paths)
            .unwrap()
            .with_proposals(proposals);
        let router = web::router(state);
        let page = get(router.clone(), "/propose?lang=en").await;
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

#[tokio::test]
async fn an_unreadable_practices_file_stops_proposals_but_keeps_what_was_typed() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    fs::remove_file(lab.paths.practices_csv()).unwrap();
    let page = get(router.clone(), "/propose?lang=en").await;
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

fn form_request(lang: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(format!("/propose?lang={lang}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn hostile_proposals_are_refused_or_kept_as_text_never_run() {
    let lab = Lab::new();
    let limits = Limits {
        proposals_per_hour: 100,
        ..Limits::default()
    };
    // XSS in every field: the form comes back (years and codes refuse it), all of it escaped.
    let columns = [
        "iso2",
        "programme",
        "kind",
        "organisation",
        "organisation_type",
        "status",
        "start_year",
        "end_year",
        "populations",
        "atd_types",
        "cap_stages",
        "participants",
        "participants_note",
        "cost_per_day",
        "cost_currency",
        "cost_unit",
        "cost_year",
        "detention_cost_per_day",
        "outcome_compliance_pct",
        "outcome_other",
        "summary",
        "source_title",
        "source_url",
        "submitter",
        "email",
        "practice",
    ];
    let everywhere: Vec<(&str, String)> = columns.iter().map(|c| (*c, XSS.to_string())).collect();
    let reply = send(
        lab.router(&limits),
        form_request("en", encode_form(&everywhere)),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        &reply.body[..200]
    );
    assert!(!reply.body.contains("<script>alert") && !reply.body.contains("<img src=x"));
    assert!(reply.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    // XSS in the free-text fields of a valid proposal: stored verbatim, shown as text.
    let mut texty = proposal();
    for column in [
        "programme",
        "organisation",
        "participants_note",
        "outcome_other",
        "summary",
        "source_title",
        "submitter",
    ] {
        texty.retain(|(c, _)| *c != column);
        texty.push((column, format!("{column} {XSS}")));
    }
    let reply = send(lab.router(&limits), form_request("fr", encode_form(&texty))).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let receipt = send(
        lab.router(&limits),
        Request::get(reply.headers["location"].to_str().unwrap())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(!receipt.body.contains("<script>alert"));
    let stored = lab.stored();
    assert_eq!(
        stored[0].value("summary"),
        Some(format!("summary {XSS}").as_str())
    );

    // Invalid UTF-8: the field says so, the rest comes back, no 500.
    let mut bytes = encode_form(&proposal()).into_bytes();
    bytes.extend_from_slice(b"&outcome_other=%FF%FEbad");
    let reply = send(lab.router(&limits), form_request("es", bytes)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("id=\"e-outcome_other\""));

    // A 1 MB field is over the body cap: 413, nothing stored.
    let mut huge = proposal();
    huge.push(("outcome_other", "y".repeat(1 << 20)));
    let reply = send(lab.router(&limits), form_request("en", encode_form(&huge))).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);

    // A duplicate of a published practice is warned about, not refused.
    let row = &crate::support::shipped_rows()[0];
    let mut duplicate = proposal();
    duplicate.retain(|(c, _)| *c != "iso2" && *c != "programme");
    duplicate.push(("iso2", row["iso2"].clone()));
    duplicate.push(("programme", row["programme"].clone()));
    let reply = send(
        lab.router(&limits),
        form_request("en", encode_form(&duplicate)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.headers["location"].to_str().unwrap().to_string();
    assert!(
        location.contains(&format!("same={}", row["id"])),
        "{location}"
    );
    let receipt = send(
        lab.router(&limits),
        Request::get(location.as_str()).body(Body::empty()).unwrap(),
    )
    .await;
    assert!(
        receipt
            .body
            .contains(&format!("/practices/{}?lang=en", row["id"]))
    );
    let stored = lab.stored();
    assert_eq!(stored.len(), 2);
    assert!(stored[1].warnings[0].contains(row["id"].as_str()));
    assert_ne!(
        stored[1].practice_id, row["id"],
        "a duplicate never takes an existing id"
    );
}

/// Issue 21, L2/L3/L6/M4: what the form refuses, the importer refuses too (one set of rules):
/// invisible format characters, a line break in a one-line field, text a spreadsheet would run
/// as a formula, and numbers past any real programme. Each comes back beside its field and
/// nothing is stored.
#[tokio::test]
async fn l2_l3_l6_m4_invisible_characters_line_breaks_formulas_and_absurd_numbers_are_refused() {
    let lab = Lab::new();
    let limits = Limits {
        proposals_per_hour: 1000,
        ..Limits::default()
    };
    let router = lab.router(&limits);
    let cases: &[(&str, &str, &str)] = &[
        (
            "programme",
            "Zzyzx\u{2060}test community programme",
            "U+2060",
        ),
        (
            "programme",
            "Zzyzx\u{200e}test community programme",
            "U+200E",
        ),
        ("summary", "Tagged\u{e0041}\u{e0042} text", "U+E0041"),
        ("programme", "Zzyzx\u{00ad}programme", "U+00AD"),
        ("programme", "First line\nForged line", "one line"),
        ("organisation", "Org\nS-2026-0001  accepted", "one line"),
        (
            "summary",
            "=HYPERLINK(\"https://evil.example\",\"x\")",
            "formula",
        ),
        ("programme", "@SUM(A1:A9) programme", "formula"),
        ("source_title", "+cmd|' /C calc'!A0", "formula"),
        ("participants", "18446744073709551615", "10000000"),
        ("participants", "10000001", "10000000"),
    ];
    // Costs are no longer proposed through the form (they are figures, filed by a
    // moderator); their limits are the importer's, tested in `import`.
    let mut tried = 0;
    for (column, value, said) in cases {
        let typed = with(&proposal(), column, value);
        let reply = post_form(router.clone(), "en", encode_form(&typed)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{column}={value:?} was accepted"
        );
        assert!(
            reply.body.contains(said),
            "{column}={value:?}: the page does not say {said:?}"
        );
        tried += 1;
    }
    assert!(lab.stored().is_empty(), "a refused proposal was stored");
    // The figures at the limits are taken.
    let at_limits = with(&proposal(), "participants", "10000000");
    let reply = post_form(router.clone(), "en", encode_form(&at_limits)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    println!("refused {tried} hostile values, each beside its field");
}

/// Issue 21, L9: a correction posted with only `practice=<id>` (no list boxes at all) keeps
/// the record's lists: it changes nothing, so it is refused as such and nothing is stored.
#[tokio::test]
async fn l9_a_correction_with_only_the_practice_id_does_not_empty_its_lists() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let reply = post_form(router.clone(), "en", "practice=us-ice-isap").await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert!(reply.body.contains("Nothing was changed"), "{}", reply.body);
    assert!(lab.stored().is_empty());
    // The form itself says when every box of a list is unticked (a hidden empty value), so
    // emptying a list on purpose still works.
    let form = get(router, "/propose?practice=us-ice-isap&lang=en").await;
    for list in ["populations", "atd_types", "cap_stages"] {
        assert!(
            form.body
                .contains(&format!("type=\"hidden\" name=\"{list}\" value=\"\"")),
            "{list}"
        );
    }
}

/// Issue 21, L4: the honeypot's answer is the receipt a stored proposal gets (reference and
/// all), and any filled copy of the field counts, even followed by an empty one.
#[tokio::test]
async fn l4_the_honeypot_answers_like_a_receipt_and_any_filled_copy_counts() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let real = post_form(router.clone(), "en", encode_form(&proposal())).await;
    assert_eq!(real.status, StatusCode::SEE_OTHER);
    let real_to = real.headers["location"].to_str().unwrap().to_string();
    let mut bot = proposal();
    bot.retain(|(c, _)| *c != "website");
    let body = format!(
        "{}&website=http%3A%2F%2Fspam.example&website=",
        encode_form(&bot)
    );
    let trapped = post_form(router.clone(), "en", body).await;
    assert_eq!(trapped.status, StatusCode::SEE_OTHER);
    let bot_to = trapped.headers["location"].to_str().unwrap();
    let shape = |to: &str| {
        to.split(['?', '&'])
            .map(|p| p.split('=').next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(bot_to), shape(&real_to), "{bot_to} vs {real_to}");
    assert!(bot_to.contains("ref=S-"), "{bot_to}");
    assert_eq!(lab.stored().len(), 1, "the bot's proposal is not stored");
}

/// Issue 21, L10: a proposal refused because the queue is full does not spend the
/// visitor's hourly share: once the queue has room, they are received.
#[tokio::test]
async fn l10_a_full_queue_does_not_spend_the_hourly_share() {
    let lab = Lab::new();
    let limits = Limits {
        proposals_per_hour: 2,
        max_pending: 1,
        ..Limits::default()
    };
    let router = lab.router(&limits);
    let body = |n: usize| encode_form(&with(&proposal(), "programme", &format!("Zzyzx share {n}")));
    assert_eq!(
        post_form(router.clone(), "en", body(0)).await.status,
        StatusCode::SEE_OTHER
    );
    for n in 1..4 {
        let full = post_form(router.clone(), "en", body(n)).await;
        assert_eq!(full.status, StatusCode::SERVICE_UNAVAILABLE, "try {n}");
    }
    let first = lab.stored()[0].reference.clone();
    atd_atlas::store::proposals::ProposalStore::open(&lab.proposals_db())
        .unwrap()
        .decide(
            &first,
            atd_atlas::store::proposals::Status::Rejected,
            "m",
            "test",
        )
        .unwrap();
    let again = post_form(router, "en", body(9)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "the share was kept");
}

/// Issue 21, L7 (in part): the API reads a proposal only when it is sent as JSON; a
/// `text/plain` body (which a browser may send cross-site without asking) gets 415.
#[tokio::test]
async fn l7_the_api_takes_json_only_under_a_json_content_type() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let body = serde_json::json!({"fields": {"iso2": "KE"}}).to_string();
    for media in ["text/plain", "application/x-www-form-urlencoded"] {
        let request = Request::post("/api/v1/proposals")
            .header("content-type", media)
            .body(Body::from(body.clone()))
            .unwrap();
        let reply = send(router.clone(), request).await;
        assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{media}");
        assert!(reply.body.contains("\"error\""), "{}", reply.body);
    }
    let json = post_json(router, &serde_json::json!({"fields": {"iso2": "KE"}})).await;
    assert_eq!(json.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lab.stored().is_empty());
}

/// Issue 21, L7: a browser's `Origin` passes only when its scheme, host and port are the
/// site's: the scheme is the public URL's, the host and port are the request's `Host` (the
/// default port written or not), or the whole origin is the public URL's (a proxy that
/// drops the port from `Host`).
#[tokio::test]
async fn l7_the_origin_must_match_the_sites_scheme_host_and_port() {
    let lab = Lab::new();
    let body = encode_form(&proposal());
    let cases = [
        (
            "https://atlas.test",
            "atlas.test",
            "http://atlas.test",
            false,
        ),
        (
            "https://atlas.test",
            "atlas.test",
            "https://atlas.test",
            true,
        ),
        (
            "https://atlas.test",
            "atlas.test:443",
            "https://atlas.test",
            true,
        ),
        (
            "https://atlas.test",
            "atlas.test",
            "https://atlas.test:8443",
            false,
        ),
        (
            "http://127.0.0.1:8080",
            "127.0.0.1:8443",
            "http://127.0.0.1:8443",
            true,
        ),
        (
            "http://127.0.0.1:8080",
            "127.0.0.1:8443",
            "http://127.0.0.1:9000",
            false,
        ),
        (
            "http://127.0.0.1:8443",
            "127.0.0.1",
            "http://127.0.0.1:8443",
            true,
        ),
        (
            "http://127.0.0.1:8080",
            "127.0.0.1",
            "http://127.0.0.1:8443",
            false,
        ),
    ];
    let mut stored = 0;
    for (public_url, host, origin, genuine) in cases {
        let limits = Limits {
            proposals_per_hour: 100,
            ..Limits::default()
        };
        let router = atd_atlas::web::router(lab.state(&limits).with_public_url(public_url));
        let request = Request::post("/propose?lang=en")
            .header("host", host)
            .header("origin", origin)
            .body(Body::from(body.clone()))
            .unwrap();
        let status = send(router, request).await.status;
        let want = if genuine {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, want, "{origin} posting to {host} of {public_url}");
        stored += usize::from(genuine);
        assert_eq!(lab.stored().len(), stored);
    }
}

#[tokio::test]
async fn the_first_addresses_of_the_form_and_the_endpoint_still_answer() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    for (old, new) in [
        (
            "/contribute?practice=us-ice-isap&lang=es",
            "/propose?practice=us-ice-isap&lang=es",
        ),
        ("/contribute", "/propose"),
        (
            "/contribute/received?ref=S-2026-0001&lang=fr",
            "/propose/received?ref=S-2026-0001&lang=fr",
        ),
    ] {
        let reply = get(router.clone(), old).await;
        assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT, "{old}");
        assert_eq!(reply.headers["location"], new, "{old}: the query is kept");
    }
    let json = serde_json::json!({
        "fields": {
            "iso2": "KE", "programme": "Zzyzx old address programme", "kind": "programme",
            "organisation_type": "ngo", "status": "active", "populations": ["children"],
            "start_year": 2020, "summary": "Test.", "source_title": "T",
            "source_url": "https://example.org/x"
        }
    });
    let request = Request::post("/api/v1/submissions")
        .header("content-type", "application/json")
        .body(Body::from(json.to_string()))
        .unwrap();
    let reply = send(router, request).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(
        lab.stored().len(),
        1,
        "stored like a proposal to the new address"
    );
}

/// The token in the receipt's link, and the status page it opens.
pub(crate) fn status_path_of(receipt: &str) -> String {
    let at = receipt
        .find("href=\"/propose/status/")
        .expect("the receipt links its status page");
    let rest = &receipt[at + "href=\"".len()..];
    rest[..rest.find('"').unwrap()].replace("&amp;", "&")
}

#[tokio::test]
async fn the_proposer_follows_a_proposal_from_received_to_rejected_in_their_language() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let sent = post_form(router.clone(), "fr", encode_form(&proposal())).await;
    let location = sent.headers["location"].to_str().unwrap().to_string();
    let receipt = get(router.clone(), &location).await;
    assert!(
        receipt.body.contains("Suivre votre proposition"),
        "{}",
        receipt.body
    );
    let status = status_path_of(&receipt.body);
    assert!(status.ends_with("?lang=fr"), "{status}");
    let page = get(router.clone(), &status).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"fr\""));
    assert!(
        page.body
            .contains("En attente d’une personne chargée de la modération")
    );
    assert!(page.body.contains("Zzyzx test community programme"));

    // The reference alone, another token, or a token of another shape: the plain 404.
    let reference = lab.stored()[0].reference.clone();
    let token = status.split('/').nth(4).unwrap().split('?').next().unwrap();
    let wrong = format!("{:032x}", u128::from_str_radix(token, 16).unwrap() ^ 1);
    for probe in [
        format!("/propose/status/{reference}"),
        format!("/propose/status/{reference}/{wrong}?lang=fr"),
        format!(
            "/propose/status/{reference}/{}?lang=fr",
            token.to_uppercase()
        ),
        format!("/propose/status/S-2026-9999/{token}?lang=fr"),
    ] {
        let refused = get(router.clone(), &probe).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{probe}");
        assert!(!refused.body.contains(&reference), "{probe}: no hint");
        assert!(!refused.body.contains("Zzyzx"), "{probe}: no hint");
    }

    atd_atlas::store::proposals::ProposalStore::open(&lab.proposals_db())
        .unwrap()
        .decide(
            &reference,
            atd_atlas::store::proposals::Status::Rejected,
            "moderator",
            "The report does not mention this programme.",
        )
        .unwrap();
    let page = get(router.clone(), &status).await;
    assert!(page.body.contains("Non acceptée"), "{}", page.body);
    assert!(
        page.body
            .contains("The report does not mention this programme.")
    );
    assert!(
        page.headers.get("etag").is_none(),
        "a decision changes the page without a new index: never validated by generation"
    );
}

#[tokio::test]
async fn an_accepted_proposal_shows_its_record_and_the_release_it_entered() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let sent = post_json(
        router.clone(),
        &serde_json::json!({
            "fields": {
                "iso2": "KE", "programme": "Zzyzx followed programme", "kind": "programme",
                "organisation_type": "ngo", "status": "active", "populations": ["children"],
                "start_year": 2020, "summary": "Test.", "source_title": "T",
                "source_url": "https://example.org/followed"
            }
        }),
    )
    .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    let receipt = sent.json();
    let reference = receipt["reference"].as_str().unwrap().to_string();
    let url = receipt["status_url"].as_str().unwrap();
    let status = url
        .strip_prefix("http://127.0.0.1:8080")
        .expect("the site's public address")
        .to_string();
    assert!(
        get(router.clone(), &status)
            .await
            .body
            .contains("Waiting for a moderator")
    );

    let before = lab.dir.path().join("before.csv");
    fs::copy(lab.paths.practices_csv(), &before).unwrap();
    let store = atd_atlas::store::proposals::ProposalStore::open(&lab.proposals_db()).unwrap();
    let decision = atd_atlas::moderation::Decision {
        by: "moderator",
        ..Default::default()
    };
    atd_atlas::moderation::accept(&store, &lab.paths, &reference, &decision).unwrap();
    let page = get(router.clone(), &status).await;
    assert!(
        page.body.contains("Not yet in a release: accepted on"),
        "{}",
        page.body
    );
    assert!(page.body.contains("when the data is next published"));

    atd_atlas::cli::import_and_index(&lab.paths, &lab.paths.practices_csv()).unwrap();
    let router = lab.router(&Limits::default());
    let page = get(router.clone(), &status).await;
    assert!(page.body.contains("Not yet in a release"), "{}", page.body);
    assert!(
        page.body
            .contains("href=\"/practices/ke-zzyzx-followed-programme?lang=en\"")
    );
    // The record itself says so too, for whoever cites it before the release.
    let record = "/practices/ke-zzyzx-followed-programme";
    let unreleased = format!("{reference}, accepted on");
    let shown = get(router.clone(), &format!("{record}?lang=en")).await;
    assert!(shown.body.contains(&unreleased), "{}", shown.body);
    assert!(
        shown
            .body
            .contains(&format!("href=\"/changes?lang=en#accepted-{reference}\""))
    );
    let shown = get(router.clone(), &format!("{record}?lang=es")).await;
    assert!(
        shown
            .body
            .contains("aún no forma parte de una versión numerada")
    );

    atd_atlas::cli::diff(
        &lab.paths,
        &before,
        &lab.paths.practices_csv(),
        atd_atlas::cli::ReleaseArgs {
            version: Some("99.0.0".into()),
            date: Some("2026-12-31".into()),
            changelog: None,
        },
    )
    .unwrap();
    atd_atlas::cli::import_and_index(&lab.paths, &lab.paths.practices_csv()).unwrap();
    let released = get(lab.router(&Limits::default()), &format!("{record}?lang=en")).await;
    assert!(!released.body.contains(&unreleased), "{}", released.body);
    let page = get(lab.router(&Limits::default()), &status).await;
    assert!(
        page.body
            .contains("It entered the atlas in release 99.0.0 (2026-12-31)."),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn every_choice_is_a_translated_picker_with_a_hint_and_the_public_is_not_asked_for_dates_it_cannot_know()
 {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    for (lang, more) in [
        ("en", "More columns"),
        ("es", "Más columnas"),
        ("fr", "Autres colonnes"),
    ] {
        for path in [
            format!("/propose?lang={lang}"),
            format!("/propose?practice=us-ice-isap&lang={lang}"),
        ] {
            let page = get(router.clone(), &path).await.body;
            assert!(
                !page.contains("name=\"last_verified\""),
                "{path}: set by the moderator"
            );
            assert!(!page.contains(more), "{path}: no raw column in a text box");
            for column in ["kind", "organisation_type", "status"] {
                assert!(page.contains(&format!("<select id=\"f-{column}\" name=\"{column}\" aria-describedby=\"h-{column}\"")), "{path}: {column}");
            }
            for column in ["populations", "atd_types", "cap_stages", "status_as_of"] {
                assert!(
                    page.contains(&format!("id=\"h-{column}\"")),
                    "{path}: {column} has a hint"
                );
            }
            let correction = path.contains("practice=");
            assert_eq!(page.contains("name=\"why\""), correction, "{path}");
            assert_eq!(page.contains("name=\"why_source\""), correction, "{path}");
        }
    }
    // A correction that only "changes" last_verified changes nothing.
    let reply = post_form(
        router,
        "en",
        "practice=us-ice-isap&last_verified=2000-01-01".to_string(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("Nothing was changed"));
}

#[tokio::test]
async fn a_correction_of_words_needs_no_reason_but_a_bad_source_address_is_refused() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let summary = "A corrected summary, written by the tests.";
    let bad = format!(
        "practice=us-ice-isap&summary={}&why_source=www.example.org",
        summary.replace(' ', "+")
    );
    let reply = post_form(router.clone(), "es", bad).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("id=\"e-why_source\""));
    assert_eq!(
        shown_value(&reply.body, "why_source").as_deref(),
        Some("www.example.org")
    );
    let good = format!("practice=us-ice-isap&summary={}", summary.replace(' ', "+"));
    let reply = post_form(router.clone(), "es", good).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    // Through the API, a changed figure without its reason is refused like the form's.
    let json = serde_json::json!({"practice": "us-ice-isap", "fields": {"participants": 1}});
    let refused = post_json(router.clone(), &json).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = refused.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert!(
        fields.contains(&"why".to_string()) && fields.contains(&"why_source".to_string()),
        "{fields:?}"
    );
    let mut explained = json.clone();
    explained["why"] = "The source counts one.".into();
    explained["why_source"] = "https://example.org/one".into();
    let stored = post_json(router, &explained).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    let kept = lab.stored();
    let kept = kept
        .iter()
        .find(|p| p.why_source == "https://example.org/one")
        .unwrap();
    assert_eq!(kept.why, "The source counts one.");
}

#[tokio::test]
async fn a_likely_duplicate_is_named_to_the_proposer_and_stored_for_the_moderator() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let rows = crate::support::shipped_rows();
    let known = rows
        .iter()
        .find(|r| r["programme"].chars().count() > 12 && r["source_url"].starts_with("https://"))
        .unwrap();
    let other_country = if known["iso2"] == "KE" { "UG" } else { "KE" };
    // A close name in the same country (one letter more), another source.
    let close = with(&proposal(), "iso2", &known["iso2"]);
    let close = with(&close, "programme", &format!("{}s", known["programme"]));
    // Elsewhere, under another name, but citing the same address (written another way).
    let same_source = with(&proposal(), "iso2", other_country);
    let address = known["source_url"].replacen("https://", "http://", 1);
    let same_source = with(
        &same_source,
        "source_url",
        &format!("{}/", address.trim_end_matches('/')),
    );
    for (case, typed) in [("close name", close), ("same source", same_source)] {
        let sent = post_form(router.clone(), "es", encode_form(&typed)).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{case}: {}", sent.body);
        let location = sent.headers["location"].to_str().unwrap().to_string();
        let receipt = get(router.clone(), &location).await;
        let link = format!("href=\"/practices/{}?lang=es\"", known["id"]);
        assert!(receipt.body.contains(&link), "{case}: the receipt names it");
        assert!(
            receipt
                .body
                .contains("Puede que el atlas ya tenga esta práctica")
        );
        let status = get(router.clone(), &status_path_of(&receipt.body)).await;
        assert!(
            status.body.contains(&link),
            "{case}: so does the status page"
        );
    }
    let stored = lab.stored();
    assert_eq!(stored.len(), 2);
    for proposal in &stored {
        assert_eq!(proposal.duplicate_of, vec![known["id"].clone()]);
        assert!(proposal.warnings[0].starts_with("possible duplicate"));
    }
    // A programme nobody has, from an address nobody cites: no warning.
    let fresh = post_json(
        router,
        &serde_json::json!({"fields": {
            "iso2": "KE", "programme": "Zzyzx entirely new programme", "kind": "programme",
            "organisation_type": "ngo", "status": "active", "summary": "Test.",
            "source_title": "T", "source_url": "https://example.org/nobody-cites-this"
        }}),
    )
    .await;
    assert_eq!(fresh.json()["warnings"], serde_json::json!([]));
}

#[tokio::test]
async fn an_accepted_correction_records_its_new_figures_against_the_source_it_names() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let correction = serde_json::json!({
        "practice": "us-ice-isap",
        "fields": {"participants": 1},
        "why": "The evaluation counts one.",
        "why_source": "https://example.org/evaluation"
    });
    let sent = post_json(router, &correction).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
    let reference = sent.json()["reference"].as_str().unwrap().to_string();
    let store = atd_atlas::store::proposals::ProposalStore::open(&lab.proposals_db()).unwrap();
    let sources = lab.paths.data_dir.join("sources.csv");
    let before = fs::read_to_string(&sources).unwrap_or_default();

    let untitled = atd_atlas::moderation::Decision {
        by: "moderator",
        ..Default::default()
    };
    let refused = atd_atlas::moderation::accept(&store, &lab.paths, &reference, &untitled)
        .expect_err("the named source needs its title");
    assert!(
        format!("{refused:#}").contains("--source-title"),
        "{refused:#}"
    );
    assert_eq!(fs::read_to_string(&sources).unwrap_or_default(), before);

    let titled = atd_atlas::moderation::Decision {
        source_title: Some("An evaluation of ISAP"),
        ..untitled
    };
    atd_atlas::moderation::accept(&store, &lab.paths, &reference, &titled).unwrap();
    let after = fs::read_to_string(&sources).unwrap();
    let added = after
        .strip_prefix(before.as_str())
        .expect("appended")
        .trim();
    assert!(
        added.starts_with("us-ice-isap,An evaluation of ISAP,https://example.org/evaluation,"),
        "{added}"
    );
    assert!(added.contains(&format!("proposal {reference}")), "{added}");
    assert!(added.contains("participants"), "{added}");
}
