//! Proposals with real processes: the moderator's commands (`accept` changes one row of
//! practices.csv, `import` makes it searchable; a correction's diff; the export; escape
//! sequences shown, not run), `serve --proposals off`, and the reliability rows — 200
//! proposals from 10 addresses at once over real sockets, a SIGKILL inside a proposal's
//! transaction, a full disk, `accept` + `import` while serving, a body sent byte by byte.

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::Stdio;
use std::time::{Duration, Instant};

use atd_atlas::config::Limits;
use atd_atlas::store::proposals::{ProposalStore, Status};
use atd_atlas::web::{self, AppState};
use axum::http::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::binary::{SERVE_ON_ANY_PORT, atlas, serve, spawn_on_any_port};
use crate::net::{self, RawReply};
use crate::proposals::{Lab, encode_form, get, ok, post_form, post_json, proposal, with};

#[tokio::test]
async fn a_correction_records_only_the_cells_it_changes() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let id = "us-ice-isap";
    let form = get(router.clone(), &format!("/propose?practice={id}&lang=en")).await;
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
    let edited = with(&pairs, "participants", "35381");
    // A figure changes: the form asks why and which source says so, beside those fields.
    let unexplained = post_form(router.clone(), "en", encode_form(&edited)).await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unexplained.body.contains("id=\"e-why\""),
        "{}",
        unexplained.body
    );
    assert!(unexplained.body.contains("id=\"e-why_source\""));
    let edited = with(
        &edited,
        "why",
        "The 2024 annual report counts 35,381 participants.",
    );
    let edited = with(
        &edited,
        "why_source",
        "https://example.org/annual-report-2024",
    );
    let reply = post_form(router.clone(), "en", encode_form(&edited)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let stored = lab.stored();
    let changed: Vec<&str> = stored[0]
        .cells
        .iter()
        .filter(|c| c.changed)
        .map(|c| c.column.as_str())
        .collect();
    assert_eq!(changed, vec!["participants"]);
    let reference = stored[0].reference.clone();

    let shown = ok(&lab.run(&["proposals", "show", &reference]));
    assert!(shown.contains("participants:"), "{shown}");
    assert!(
        shown.contains(&format!("- {}", row["participants"])),
        "{shown}"
    );
    assert!(shown.contains("+ 35381"), "{shown}");
    assert!(
        shown.contains("why:       The 2024 annual report counts 35,381 participants."),
        "{shown}"
    );
    assert!(shown.contains("source:    https://example.org/annual-report-2024"));
    let export = ok(&lab.run(&["proposals", "export"]));
    let mut reader = csv::Reader::from_reader(export.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        names.len(),
        "no two columns share a name: {names:?}"
    );
    let record = reader.records().next().unwrap().unwrap();
    let at = |name: &str| names.iter().position(|n| n == name).unwrap();
    assert_eq!(
        &record[at("proposal_why_source")],
        "https://example.org/annual-report-2024"
    );
    assert_eq!(&record[at("proposal_kind")], "correction");
    assert_eq!(&record[at("participants")], "35381");

    let before = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    let sources_csv = atd_atlas::import::sources_path(&lab.paths.practices_csv());
    let sources_before = fs::read_to_string(&sources_csv).unwrap();
    ok(&lab.run(&[
        "proposals",
        "accept",
        &reference,
        "--by",
        "tester",
        "--note",
        "checked the source",
        "--source-title",
        "Annual report 2024",
    ]));
    let after = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    // The corrected figure names its source: the one the correction named, under the title
    // the moderator read there, supporting just that column.
    let sources_after = fs::read_to_string(&sources_csv).unwrap();
    assert!(sources_after.starts_with(&sources_before));
    let added: Vec<&str> = sources_after[sources_before.len()..].lines().collect();
    assert_eq!(added.len(), 1, "{added:?}");
    let source = csv_cells(added[0]);
    assert_eq!(source[0], row["id"]);
    assert_eq!(source[1], "Annual report 2024");
    assert_eq!(
        source[2], "https://example.org/annual-report-2024",
        "the address the correction gave for its new value"
    );
    assert_eq!(source[5], format!("proposal {reference}"));
    assert_eq!(source[6], "participants");
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
    let at = header.iter().position(|h| h == "participants").unwrap();
    for (i, (old, new)) in old_cells.iter().zip(&new_cells).enumerate() {
        if i == at {
            assert_eq!(new, "35381");
        } else if header[i] == "last_verified" {
            assert_eq!(
                *new,
                atd_atlas::clock::today(),
                "the moderator checked it today"
            );
        } else {
            assert_eq!(old, new, "column {} unchanged", header[i]);
        }
    }
    let decided = ProposalStore::open(&lab.proposals_db())
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
    let listed = ok(&lab.run(&["proposals", "list", "--status", "pending"]));
    assert!(
        listed.contains(&reference) && listed.contains("Zzyzx"),
        "{listed}"
    );

    let before = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    ok(&lab.run(&["proposals", "accept", &reference]));
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

    let again = lab.run(&["proposals", "accept", &reference]);
    assert!(
        !again.status.success(),
        "a decided proposal is not accepted twice"
    );
    let rejected = lab.run(&["proposals", "reject", "S-1999-0001", "--reason", "x"]);
    assert!(!rejected.status.success());
}

/// Issue 17 item 3: an accepted proposal belongs to a release. After `accept` and `import`
/// it is on the site and `/changes` lists it under "Not yet released" with the day it was
/// accepted (the feed's entry carries that date); `diff` moves it into the next version's
/// changelog entry, and after the next `import` it is listed under that release.
#[tokio::test]
async fn an_accepted_proposal_waits_for_the_next_release_then_joins_it() {
    let lab = Lab::new();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let changelog = lab.paths.data_dir.join("CHANGELOG.md");
    fs::copy(repo.join("CHANGELOG.md"), &changelog).unwrap();
    ok(&lab.run(&["import"]));
    let released = fs::read_to_string(&changelog).unwrap();
    let reply = post_form(
        lab.router(&Limits::default()),
        "en",
        encode_form(&proposal()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reference = lab.stored()[0].reference.clone();
    let said = ok(&lab.run(&["proposals", "accept", &reference]));
    assert!(said.contains("Unreleased"), "{said}");
    let waiting = fs::read_to_string(&changelog).unwrap();
    assert!(waiting.contains("## Unreleased"), "{waiting}");
    assert_eq!(
        atd_atlas::changes::parse(&waiting),
        atd_atlas::changes::parse(&released),
        "no release is made by an accept"
    );
    ok(&lab.run(&["import"]));

    let today = atd_atlas::clock::today();
    let id = "ke-zzyzx-test-community-programme";
    let page = get(lab.router(&Limits::default()), "/changes?lang=en")
        .await
        .body;
    let unreleased = &page[page
        .find("id=\"unreleased\"")
        .expect("a Not yet released part")..];
    let unreleased = &unreleased[..unreleased.find("</section>").unwrap()];
    assert!(unreleased.contains("Not yet released"), "{unreleased}");
    assert!(
        unreleased.contains(&format!("/practices/{id}?lang=en")),
        "{unreleased}"
    );
    assert!(
        unreleased.contains(&format!("added, accepted on {today}")),
        "{unreleased}"
    );
    let spanish = get(lab.router(&Limits::default()), "/changes?lang=es")
        .await
        .body;
    assert!(spanish.contains(&format!("añadida, aceptada el {today}")));
    let feed = get(lab.router(&Limits::default()), "/changes.atom?lang=en")
        .await
        .body;
    let entry = &feed[feed
        .find(&format!("changes#accepted-{reference}"))
        .expect("a feed entry")..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(
        entry.contains(&format!("<updated>{today}T00:00:00Z</updated>")),
        "{entry}"
    );
    let follow = get(lab.router(&Limits::default()), "/practices.atom?lang=en")
        .await
        .body;
    let first = &follow[follow.find("<entry>").expect("entries")..];
    let first = &first[..first.find("</entry>").unwrap()];
    assert!(
        first.contains(id),
        "the newest addition comes first: {first}"
    );
    assert!(
        first.contains(&format!("<published>{today}T00:00:00Z</published>")),
        "{first}"
    );

    let original = lab.dir.path().join("released.csv");
    fs::copy(repo.join("practices.csv"), &original).unwrap();
    let practices = lab.paths.practices_csv();
    let said = ok(&lab.run(&[
        "diff",
        original.to_str().unwrap(),
        practices.to_str().unwrap(),
        "--version",
        "99.0.0",
        "--date",
        &today,
    ]));
    assert!(said.contains(&reference), "{said}");
    let cut = fs::read_to_string(&changelog).unwrap();
    assert!(!cut.contains("## Unreleased"), "{cut}");
    let entry = &cut[cut.find("## 99.0.0").unwrap()..];
    let entry = &entry[..entry.find("\n## ").unwrap()];
    assert!(entry.contains(&format!("`{id}`")), "{entry}");
    assert!(
        entry.contains(&format!(
            "### Accepted proposals\n\n- {today} {reference} added `{id}`"
        )),
        "{entry}"
    );
    ok(&lab.run(&["import"]));
    let page = get(lab.router(&Limits::default()), "/changes?lang=en")
        .await
        .body;
    assert!(
        !page.contains("id=\"unreleased\""),
        "nothing waits once released"
    );
    let release = &page[page.find("id=\"release-99.0.0\"").expect("the new release")..];
    let release = &release[..release.find("</section>").unwrap()];
    assert!(
        release.contains(&format!("/practices/{id}?lang=en")),
        "{release}"
    );
}

/// Issue 21, M4: `/data/practices.csv`, `/data/sources.csv` and `/data/CHANGELOG.md` are
/// the dataset as last imported: a proposal accepted into the data folder but not yet
/// imported is not in them (a researcher downloads exactly what the site shows); after
/// `import` they are the folder's files, byte for byte.
#[tokio::test]
async fn m4_the_data_files_are_served_as_released_not_as_accepted() {
    let lab = Lab::new();
    let router = lab.router(&Limits::default());
    let reply = post_form(router.clone(), "en", encode_form(&proposal())).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let reference = lab.stored()[0].reference.clone();
    let data = &lab.paths.data_dir;
    let files = ["practices.csv", "sources.csv", "CHANGELOG.md"];
    // This lab has no changelog before the accept writes one: then none is served.
    let released: Vec<Option<String>> = files
        .iter()
        .map(|name| fs::read_to_string(data.join(name)).ok())
        .collect();
    ok(&lab.run(&["proposals", "accept", &reference]));
    let accepted = fs::read_to_string(data.join("practices.csv")).unwrap();
    assert!(accepted.contains("Zzyzx"), "accept wrote the row");
    for (name, released) in files.iter().zip(&released) {
        let served = get(router.clone(), &format!("/data/{name}")).await;
        let Some(released) = released else {
            assert_eq!(
                served.status,
                StatusCode::NOT_FOUND,
                "{name} was not imported"
            );
            continue;
        };
        assert_eq!(served.status, StatusCode::OK, "{name}");
        assert!(
            served.body == *released,
            "{name} before import is the imported file ({} bytes served, {} imported)",
            served.body.len(),
            released.len()
        );
    }
    ok(&lab.run(&["import"]));
    for name in files {
        let served = get(router.clone(), &format!("/data/{name}")).await;
        let folder = fs::read_to_string(data.join(name)).unwrap();
        assert!(served.body == folder, "{name} after import is the folder's");
    }
    let served = get(router, "/data/practices.csv").await;
    assert!(served.body.contains("Zzyzx"));
}

/// The real binary with `--proposals off` (and the env fallback) passes `/healthz`.
#[test]
fn serve_with_proposals_off_is_a_read_only_mirror() {
    let lab = Lab::new();
    let mut server = serve(
        atlas(&lab.paths)
            .args(SERVE_ON_ANY_PORT)
            .env("ATD_PROPOSALS", "off"),
    );
    let health = crate::net::wait_for_answer(&mut server.child, server.addr, "/healthz");
    let page = crate::net::get_blocking(server.addr, "/propose?lang=en").unwrap();
    drop(server);
    assert_eq!(health.status, 200);
    assert!(page.body.contains("read-only mirror"));
    assert!(!lab.proposals_db().exists());
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
    // The form refuses formulas (issue 21, M4) ...
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("formula"), "{}", reply.body);
    assert!(lab.stored().is_empty());
    // ... and the export stays safe for any stored before that rule.
    let cell = |column: &str, value: &str| atd_atlas::store::proposals::Cell {
        column: column.into(),
        value: value.into(),
        before: None,
        changed: true,
    };
    let stored_before = atd_atlas::store::proposals::NewProposal {
        kind: atd_atlas::store::proposals::ProposalKind::New,
        practice_id: "ke-old".into(),
        cells: vec![
            cell("programme", "=HYPERLINK(\"http://evil.example\",\"x\")"),
            cell("outcome_other", "@SUM(1+1)"),
        ],
        submitter: "Test NGO".into(),
        email: "someone@example.org".into(),
        client: "127.0.0.1".into(),
        lang: "en".into(),
        warnings: Vec::new(),
        ..atd_atlas::store::proposals::NewProposal::default()
    };
    let caps = atd_atlas::store::proposals::PendingCaps {
        per_client: 5,
        per_prefix: 5,
        total: 5,
    };
    ProposalStore::open(&lab.proposals_db())
        .unwrap()
        .submit(&stored_before, caps)
        .unwrap()
        .unwrap();
    let out = ok(&lab.run(&["proposals", "export"]));
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
    ok(&lab.run(&["proposals", "export", "--out", file.to_str().unwrap()]));
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
    let shown = ok(&lab.run(&["proposals", "show", &reference]));
    assert!(
        shown.contains("<script>alert(1)</script>"),
        "HTML is shown as text: {shown}"
    );
    assert!(!shown.contains('\u{1b}'));
}

/// One form POST from a chosen loopback address, read to its end.
async fn post_from(source: IpAddr, server: SocketAddr, body: &str) -> std::io::Result<RawReply> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    let mut stream = socket.connect(server).await?;
    let head = format!(
        "POST /propose?lang=en HTTP/1.1\r\nHost: atlas.test\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await?;
    let text = String::from_utf8_lossy(&bytes);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let location = text
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap_or("")
        .to_string();
    Ok(RawReply {
        status,
        headers: vec![("location".into(), location)],
        body: String::new(),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_proposals_from_ten_addresses_at_once_are_all_stored_or_refused() {
    let lab = Lab::new();
    let per_hour = 15;
    let limits = Limits {
        rate_per_sec: 0,
        max_concurrent: 512,
        request_timeout_secs: 120,
        proposals_per_hour: per_hour,
        max_pending_per_client: 100,
        max_pending_per_prefix: 1000,
        max_pending: 1000,
        ..Limits::default()
    };
    let server = net::start(lab.state(&limits), net::loopback(limits.clone(), 60)).await;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for address in 0..10u8 {
        for n in 0..20 {
            let source = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2 + address));
            let mut pairs = proposal();
            pairs.retain(|(c, _)| *c != "programme");
            pairs.push(("programme", format!("Zzyzx load {address}-{n}")));
            let body = encode_form(&pairs);
            let addr = server.addr;
            tasks.push(tokio::spawn(
                async move { post_from(source, addr, &body).await },
            ));
        }
    }
    let mut references = Vec::new();
    let mut refused = 0;
    for task in tasks {
        let reply = task.await.unwrap().expect("every request is answered");
        match reply.status {
            303 => {
                let location = reply.header("location").unwrap();
                let reference = location
                    .split("ref=")
                    .nth(1)
                    .unwrap()
                    .split('&')
                    .next()
                    .unwrap();
                references.push(reference.to_string());
            }
            429 => refused += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    let elapsed = started.elapsed();
    let stored = lab.stored();
    let mut stored_refs: Vec<String> = stored.iter().map(|s| s.reference.clone()).collect();
    references.sort();
    stored_refs.sort();
    println!(
        "200 proposals from 10 addresses at once: {} stored, {refused} refused 429, in {:.1} s",
        references.len(),
        elapsed.as_secs_f64()
    );
    assert_eq!(
        references.len(),
        10 * per_hour as usize,
        "each address gets its hourly share"
    );
    assert_eq!(refused, 200 - 10 * per_hour as usize);
    assert_eq!(
        stored_refs, references,
        "every answered reference is stored, none lost, none extra"
    );
    assert!(stored.iter().all(|s| {
        s.cells
            .iter()
            .any(|c| c.column == "source_url" && c.changed)
    }));
}

fn serve_binary(
    lab: &Lab,
    failpoints: &str,
) -> (
    std::process::Child,
    SocketAddr,
    std::sync::mpsc::Receiver<String>,
) {
    let (mut child, addr) = spawn_on_any_port(
        atlas(&lab.paths)
            .args(SERVE_ON_ANY_PORT)
            .env("ATD_RATE_PER_SEC", "0")
            .env("ATD_FAILPOINTS", failpoints)
            .stderr(Stdio::piped()),
    );
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (child, addr, rx)
}

fn post_blocking(addr: SocketAddr, body: String) -> std::io::Result<RawReply> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(post_from(IpAddr::V4(Ipv4Addr::LOCALHOST), addr, &body))
}

#[test]
fn a_sigkill_during_a_proposal_leaves_none_half_written() {
    let lab = Lab::new();
    let (mut child, addr, stderr) = serve_binary(&lab, "proposals::mid_transaction=pause");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let body = encode_form(&proposal());
    // The request never gets an answer: the server stops inside the transaction.
    std::thread::spawn(move || post_blocking(addr, body));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = stderr.recv_timeout(deadline.saturating_duration_since(Instant::now()));
        match line {
            Ok(line) if line.contains("failpoint proposals::mid_transaction: paused") => break,
            Ok(_) => {}
            Err(err) => panic!("the server never reached the fault point: {err}"),
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let db = lab.proposals_db();
    let conn = rusqlite_free_check(&db);
    assert_eq!(conn, 0, "the killed proposal left no row behind");
    let (mut child, addr, _stderr) = serve_binary(&lab, "");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let reply = post_blocking(addr, encode_form(&proposal())).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(reply.status, 303);
    let stored = lab.stored();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].reference.ends_with("-0001"),
        "{}",
        stored[0].reference
    );
    let header = csv::Reader::from_path(crate::support::repo_path("data/practices.csv"))
        .expect("practices.csv")
        .headers()
        .expect("header")
        .len();
    assert_eq!(stored[0].cells.len(), header);
}

/// How many proposals the database holds, opened the way the server opens it (which
/// also checks it and rolls back what a killed writer left).
fn rusqlite_free_check(db: &std::path::Path) -> usize {
    ProposalStore::open(db)
        .expect("the database opens after the kill")
        .list(None)
        .unwrap()
        .len()
}

#[test]
fn a_full_disk_gives_a_clear_page_that_keeps_the_typed_values() {
    let lab = Lab::new();
    let (mut child, addr, _stderr) = serve_binary(&lab, "proposals::mid_transaction=enospc");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut pairs = proposal();
    pairs.retain(|(c, _)| *c != "summary");
    pairs.push(("summary", "Typed with care, not to be lost.".to_string()));
    let body = encode_form(&pairs);
    let head = format!(
        "POST /propose?lang=fr HTTP/1.1\r\nHost: atlas.test\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let reply = rt.block_on(net::send_raw(addr, head.as_bytes())).unwrap();
    let search = net::get_blocking(addr, "/api/v1/search?q=children").unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(reply.status, 503);
    assert!(reply.header("retry-after").is_some());
    assert!(
        reply.body.contains("n’a pas pu être enregistrée"),
        "a clear page in the page language"
    );
    assert!(reply.body.contains("Typed with care, not to be lost."));
    assert!(
        reply
            .body
            .contains("value=\"Zzyzx test community programme\"")
    );
    assert_eq!(search.status, 200, "search works meanwhile");
    assert!(lab.stored().is_empty());
}

#[test]
fn accept_and_import_while_serving_publish_with_no_failed_request() {
    let lab = Lab::new();
    let (mut child, addr, _stderr) = serve_binary(&lab, "");
    net::wait_for_answer(&mut child, addr, "/healthz");
    let reply = post_blocking(addr, encode_form(&proposal())).unwrap();
    assert_eq!(reply.status, 303);
    let reference = lab.stored()[0].reference.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..4)
        .map(|n| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let targets = [
                    "/api/v1/search?q=zzyzx",
                    "/?q=children&lang=en",
                    "/propose?lang=en",
                    "/practices/us-ice-isap?lang=es",
                ];
                let mut statuses = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let target = targets[(statuses.len() + n) % targets.len()];
                    let status = net::get_blocking(addr, target).map_or(0, |r| r.status);
                    statuses.push(status);
                }
                statuses
            })
        })
        .collect();
    ok(&lab.run(&["proposals", "accept", &reference]));
    ok(&lab.run(&["import"]));
    // The server polls for the new generation; wait until it serves the accepted practice.
    let deadline = Instant::now() + Duration::from_secs(120);
    let found = loop {
        let reply = net::get_blocking(addr, "/api/v1/search?q=zzyzx").unwrap();
        let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        if json["total"] == 1 {
            break json;
        }
        assert!(
            Instant::now() < deadline,
            "the new generation never went live"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let statuses: Vec<u16> = readers
        .into_iter()
        .flat_map(|r| r.join().unwrap())
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "accept + import while serving: {} requests, all answered",
        statuses.len()
    );
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every request answered 200: {statuses:?}"
    );
    assert_eq!(
        found["results"][0]["programme"],
        "Zzyzx test community programme"
    );
}

/// The proposal routes are the only ones that read a body: one trickled byte by byte is cut
/// off by the body timeout (408, read before the request takes a place; issue 21, H1), and
/// others are served meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_body_sent_byte_by_byte_is_cut_off_by_the_body_timeout() {
    let lab = Lab::new();
    let limits = Limits {
        rate_per_sec: 0,
        body_timeout_secs: 1,
        ..Limits::default()
    };
    let server = net::start(lab.state(&limits), net::loopback(limits.clone(), 60)).await;
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let head = "POST /propose?lang=en HTTP/1.1\r\nHost: atlas.test\r\nSec-Fetch-Site: same-origin\r\n\
                Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000\r\n\r\nprogramme=";
    stream.write_all(head.as_bytes()).await.unwrap();
    let good = net::get(server.addr, "/api/v1/search?q=detention")
        .await
        .unwrap();
    assert_eq!(good.status, 200, "served while a body trickles");
    let mut answer = Vec::new();
    for _ in 0..300 {
        let mut buf = [0u8; 4096];
        match tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if stream.write_all(b"a").await.is_err() {
            break;
        }
    }
    let text = String::from_utf8_lossy(&answer);
    println!(
        "trickled proposal answered after {:.2} s",
        started.elapsed().as_secs_f64()
    );
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("arrived too slowly"), "{text}");
    assert!(lab.stored().is_empty());
}

/// Moderators accepting at the same moment take turns: every accepted row is in the file.
#[tokio::test]
async fn accepts_run_at_once_each_keep_their_row() {
    let lab = Lab::new();
    let limits = Limits {
        proposals_per_hour: 100,
        ..Limits::default()
    };
    for n in 0..4 {
        let body = encode_form(&with(
            &proposal(),
            "programme",
            &format!("Zzyzx at once {n}"),
        ));
        let reply = post_form(lab.router(&limits), "en", body).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
    }
    let references: Vec<String> = lab.stored().into_iter().map(|s| s.reference).collect();
    let children: Vec<std::process::Child> = references
        .iter()
        .map(|reference| {
            atlas(&lab.paths)
                .args(["proposals", "accept", reference])
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let file = fs::read_to_string(lab.paths.practices_csv()).unwrap();
    for n in 0..4 {
        assert!(file.contains(&format!("Zzyzx at once {n}")), "row {n} lost");
    }
    assert!(lab.stored().iter().all(|s| s.status == Status::Accepted));
}

/// Issue 21, M2: a flood from one /24 is rejected by one command (listed first with
/// `--dry-run`), others' proposals stay pending, and `purge` removes rejected proposals only
/// after the retention period.
#[test]
fn m2_a_flood_is_rejected_by_address_prefix_and_purged_after_retention() {
    use atd_atlas::store::proposals::{Cell, NewProposal, PendingCaps, ProposalKind};
    let lab = Lab::new();
    let store = ProposalStore::open(&lab.proposals_db()).unwrap();
    let caps = PendingCaps {
        per_client: 100,
        per_prefix: 100,
        total: 1000,
    };
    let new = |client: &str, text: &str| NewProposal {
        kind: ProposalKind::New,
        practice_id: "ke-flood".into(),
        cells: vec![Cell {
            column: "programme".into(),
            value: text.into(),
            before: None,
            changed: true,
        }],
        submitter: String::new(),
        email: String::new(),
        client: client.into(),
        lang: "en".into(),
        warnings: Vec::new(),
        ..NewProposal::default()
    };
    for host in 1..=30 {
        let client = format!("127.0.0.{host}");
        store
            .submit(&new(&client, "Buy now"), caps)
            .unwrap()
            .unwrap();
    }
    store
        .submit(&new("198.51.100.9", "A real programme"), caps)
        .unwrap()
        .unwrap();
    let listed = ok(&lab.run(&[
        "proposals",
        "reject",
        "--from",
        "127.0.0.0/24",
        "--reason",
        "flood",
        "--dry-run",
    ]));
    assert!(listed.contains("30 pending proposals match"), "{listed}");
    assert_eq!(store.list(Some(Status::Pending)).unwrap().len(), 31);
    let done = ok(&lab.run(&[
        "proposals",
        "reject",
        "--from",
        "127.0.0.0/24",
        "--text",
        "buy",
        "--reason",
        "flood",
    ]));
    assert!(done.contains("rejected 30 pending proposals"), "{done}");
    let pending = store.list(Some(Status::Pending)).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].value("programme"), Some("A real programme"));
    let none = lab.run(&["proposals", "reject", "--reason", "x"]);
    assert!(
        !none.status.success(),
        "a reject with neither reference nor filter"
    );
    let kept = ok(&lab.run(&["proposals", "purge"]));
    assert!(kept.contains("purged 0"), "{kept}");
    let purged = ok(&lab.run(&["proposals", "purge", "--older-than-days", "0"]));
    assert!(purged.contains("purged 30"), "{purged}");
    assert_eq!(store.list(None).unwrap().len(), 1);
}

/// Issue 21, M2 over real sockets: a flood from many addresses of one /24 fills that
/// prefix's pending cap (503 + Retry-After), not the whole queue: a visitor from another
/// /24 is still received.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn m2_a_flood_from_one_slash_24_does_not_close_the_form_for_others() {
    let lab = Lab::new();
    let limits = Limits {
        rate_per_sec: 0,
        max_pending_per_prefix: 20,
        ..Limits::default()
    };
    let server = net::start(lab.state(&limits), net::loopback(limits.clone(), 60)).await;
    let mut statuses = std::collections::BTreeMap::new();
    for host in 2..62u8 {
        let pairs = with(&proposal(), "programme", &format!("Zzyzx flood {host}"));
        let source = IpAddr::V4(Ipv4Addr::new(127, 0, 0, host));
        let reply = post_from(source, server.addr, &encode_form(&pairs))
            .await
            .unwrap();
        *statuses.entry(reply.status).or_insert(0) += 1;
    }
    assert_eq!(statuses.get(&303), Some(&20), "{statuses:?}");
    assert_eq!(statuses.get(&503), Some(&40), "{statuses:?}");
    let other = with(&proposal(), "programme", "Zzyzx from elsewhere");
    let source = IpAddr::V4(Ipv4Addr::new(127, 0, 1, 5));
    let reply = post_from(source, server.addr, &encode_form(&other))
        .await
        .unwrap();
    assert_eq!(reply.status, 303, "another /24 is still received");
    println!("flood from 60 addresses of 127.0.0.0/24: {statuses:?}; 127.0.1.5: 303");
}

/// A form POST over a real socket from 127.0.0.1 saying it was forwarded for `client`.
async fn post_forwarded(server: SocketAddr, client: &str, body: &str) -> u16 {
    let head = format!(
        "POST /propose?lang=en HTTP/1.1\r\nHost: atlas.test\r\nSec-Fetch-Site: same-origin\r\n\
         X-Forwarded-For: {client}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    net::send_raw(server, head.as_bytes()).await.unwrap().status
}

/// Issue 21, M1: behind a trusted proxy (`--trusted-proxy 127.0.0.1`) each forwarded client
/// has its own hourly share, so five proposals from others do not shut the form; without
/// it, `X-Forwarded-For` stays ignored (anyone can write it) and the peer is the client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn m1_forwarded_clients_are_limited_apart_only_behind_a_trusted_proxy() {
    let lab = Lab::new();
    let body = |n: usize| encode_form(&with(&proposal(), "programme", &format!("Zzyzx via {n}")));
    let limits = Limits {
        proposals_per_hour: 1,
        trusted_proxies: vec![IpAddr::V4(Ipv4Addr::LOCALHOST)],
        ..Limits::default()
    };
    let server = net::start(lab.state(&limits), net::loopback(limits.clone(), 60)).await;
    for n in 0..6 {
        let status = post_forwarded(server.addr, &format!("203.0.113.{}", 10 + n), &body(n)).await;
        assert_eq!(status, 303, "client {n} behind the proxy");
    }
    let again = post_forwarded(server.addr, "203.0.113.10", &body(7)).await;
    assert_eq!(again, 429, "the same forwarded client twice in the hour");

    let untrusted = Lab::new();
    let limits = Limits {
        proposals_per_hour: 1,
        ..Limits::default()
    };
    let server = net::start(untrusted.state(&limits), net::loopback(limits.clone(), 60)).await;
    assert_eq!(
        post_forwarded(server.addr, "203.0.113.1", &body(0)).await,
        303
    );
    let forged = post_forwarded(server.addr, "203.0.113.2", &body(1)).await;
    assert_eq!(
        forged, 429,
        "a forwarding header from an untrusted peer is ignored"
    );
}

/// A moderator's setup from before the rename: a `submissions.sqlite3` beside the database,
/// the `submissions` command, `--submissions-db` and `ATD_SUBMISSIONS_DB`. Each still finds
/// the proposals, and no empty `proposals.sqlite3` is made beside the old file.
#[test]
fn the_old_command_flag_variable_and_file_name_still_find_the_proposals() {
    use atd_atlas::store::proposals::{Cell, NewProposal, PendingCaps, ProposalKind};
    let lab = Lab::new();
    let old = lab.paths.db.with_file_name("submissions.sqlite3");
    let reference = ProposalStore::open(&old)
        .unwrap()
        .submit(
            &NewProposal {
                kind: ProposalKind::New,
                practice_id: "ke-zzyzx-old-file".into(),
                cells: vec![Cell {
                    column: "programme".into(),
                    value: "Zzyzx old file".into(),
                    before: None,
                    changed: true,
                }],
                submitter: String::new(),
                email: String::new(),
                client: "127.0.0.1".into(),
                lang: "en".into(),
                warnings: Vec::new(),
                ..NewProposal::default()
            },
            PendingCaps {
                per_client: 10,
                per_prefix: 10,
                total: 10,
            },
        )
        .unwrap()
        .unwrap();
    for args in [
        vec!["proposals", "list"],
        vec!["submissions", "list"],
        vec![
            "proposals",
            "--submissions-db",
            old.to_str().unwrap(),
            "list",
        ],
    ] {
        let listed = ok(&lab.run(&args));
        assert!(listed.contains(&reference), "{args:?}: {listed}");
    }
    assert_eq!(lab.paths.proposals_db(None), old);
    assert!(!lab.paths.db.with_file_name("proposals.sqlite3").exists());
    let elsewhere = lab.dir.path().join("kept-apart.sqlite3");
    std::fs::rename(&old, &elsewhere).unwrap();
    let by_variable = atlas(&lab.paths)
        .args(["proposals", "list"])
        .env_remove("ATD_PROPOSALS_DB")
        .env("ATD_SUBMISSIONS_DB", &elsewhere)
        .output()
        .unwrap();
    assert!(
        ok(&by_variable).contains(&reference),
        "ATD_SUBMISSIONS_DB is read"
    );
}
