//! The data releases as a page and as Atom feeds, and every search as a feed: parsed with a
//! real Atom parser (feed-rs), on the shipped data and after an import of a changed CSV.

use atd_atlas::cli::{self, ReleaseArgs};
use atd_atlas::web::{self, AppState};

use crate::support::{get, get_with, paths_in, repo_path};

fn parse(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("not a feed ({e}):\n{xml}"))
}

#[tokio::test]
async fn the_changes_page_lists_each_release_linked_to_the_records() {
    let page = get("/changes?lang=en").await.body;
    assert!(page.contains("id=\"release-1.1.0\""));
    assert!(page.contains("id=\"release-1.0.0\""));
    assert!(
        page.find("release-1.1.0") < page.find("release-1.0.0"),
        "newest first"
    );
    assert!(page.contains("0 added, 0 removed, 78 changed"));
    assert!(page.contains("href=\"/practices/uk-immigration-bail?lang=en\""));
    assert!(
        page.contains("<span class=\"field\">Cost unit</span>: <span class=\"old\" dir=\"auto\">none</span> → <span class=\"new\" dir=\"auto\">Per person</span>"),
        "a change says old → new, with labels and vocabulary values in words"
    );
    assert!(!page.contains("cost_unit"), "no raw column names");
    // A record whose only change is its re-verification date is counted, not listed.
    let changelog = std::fs::read_to_string(repo_path("data/CHANGELOG.md")).unwrap();
    let section = changelog
        .split("## 1.1.0")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap();
    let only_reverified = section
        .split("\n- `")
        .skip(1)
        .filter(|entry| {
            let fields: Vec<&str> = entry
                .lines()
                .skip(1)
                .filter(|l| l.trim_start().starts_with("- `"))
                .collect();
            !fields.is_empty() && fields.iter().all(|l| l.contains("`last_verified`"))
        })
        .count();
    assert!(only_reverified > 0);
    assert!(
        page.contains(&format!(
            "Re-verified against their sources: {only_reverified} records."
        )),
        "{only_reverified} re-verified records folded into one line"
    );
    assert!(
        !page.contains("Last verified"),
        "the date change itself is not listed"
    );
    let french = get("/changes?lang=fr").await.body;
    assert!(french.contains("Versions des données"));
    assert!(
        french.contains("<span class=\"field\">Unité du coût</span>"),
        "labels in French"
    );
    assert!(
        french.contains("</span> (Royaume-Uni)</a>"),
        "countries named in French after the programme as sourced"
    );
}

#[tokio::test]
async fn the_release_feed_and_a_search_feed_are_valid_atom() {
    let reply = get("/changes.atom").await;
    assert_eq!(
        reply.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = parse(&reply.body);
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| {
            e.title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default()
        })
        .collect();
    let expected: Vec<String> = shipped_releases()
        .iter()
        .map(|v| format!("Release {v}"))
        .collect();
    assert_eq!(
        titles, expected,
        "every release of data/CHANGELOG.md, newest first"
    );

    let feed = parse(&get("/practices.atom?country=GB&lang=en").await.body);
    assert!(!feed.entries.is_empty());
    for entry in &feed.entries {
        let link = &entry.links[0].href;
        assert!(link.contains("/practices/uk-"), "{link}");
    }
    let followed = parse(
        &get("/practices.atom?q=children&country=MX&lang=en")
            .await
            .body,
    );
    assert!(!followed.entries.is_empty());
}

/// "Follow this search" leads to a page, not to raw XML: it names the search, says what a
/// feed is and how to add one to a reader, and gives the feed's full address to copy; the
/// feed's own title names its search.
#[tokio::test]
async fn following_a_search_explains_the_feed_and_names_the_search() {
    let search = get("/?q=children&country=MX&sort=cost_asc&page=2&lang=en")
        .await
        .body;
    assert!(
        search.contains("href=\"/follow?q=children&amp;country=MX&amp;lang=en\""),
        "results offer to follow the search (without its sort and page)"
    );
    let reply = get("/follow?q=children&country=MX&lang=en").await;
    assert_eq!(reply.status, 200);
    let page = reply.body;
    assert!(page.contains("<h1>Follow this search</h1>"), "{page}");
    assert!(page.contains("Words: “children”"), "the search is named");
    assert!(page.contains("Country: Mexico"), "each filter by its label");
    assert!(page.contains("What is a feed?") && page.contains("feed reader"));
    assert!(
        page.contains(
            "value=\"http://127.0.0.1:8080/practices.atom?q=children&amp;country=MX&amp;lang=en\""
        ),
        "the full feed address to copy: {page}"
    );
    assert!(
        page.contains("for=\"feed-address\""),
        "the address field is labelled"
    );
    assert!(
        page.contains("practices match it today") || page.contains("practice matches it today")
    );
    let everything = get("/follow?lang=fr").await.body;
    assert!(everything.contains("Toutes les pratiques de l’atlas"));
    assert!(everything.contains("/practices.atom?lang=fr"));

    let feed = parse(
        &get("/practices.atom?q=children&country=MX&lang=en")
            .await
            .body,
    );
    let title = feed.title.map(|t| t.content).unwrap_or_default();
    assert_eq!(
        title,
        "ATD Atlas: newest practices — Words: “children” · Country: Mexico"
    );
    let spanish = parse(&get("/practices.atom?country=MX&lang=es").await.body);
    assert_eq!(
        spanish.title.map(|t| t.content).unwrap_or_default(),
        "ATD Atlas: prácticas más recientes — País: México"
    );
}

/// A new release: one SYNTHETIC practice added (a marked copy of a shipped row) and one
/// changed, written to the changelog by `diff`, then imported.
#[tokio::test]
async fn both_feeds_show_a_new_release_after_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    let shipped = repo_path("data/practices.csv");
    let mut reader = csv::Reader::from_path(&shipped).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let csv = dir.path().join("practices.csv");
    let mut writer = csv::Writer::from_path(&csv).unwrap();
    writer.write_record(&header).unwrap();
    let mut added = Vec::new();
    for row in &rows {
        let mut row = row.clone();
        if row[col("id")] == "uk-action-access" {
            row[col("last_verified")] = "2026-11-30".into();
        }
        writer.write_record(&row).unwrap();
        if row[col("id")] == "uk-immigration-bail" {
            added = row.clone();
            added[col("id")] = "uk-synthetic-feed-test".into();
            added[col("programme")] = "SYNTHETIC feed test record".into();
        }
    }
    writer.write_record(&added).unwrap();
    writer.flush().unwrap();
    drop(writer);
    let mut sources = std::fs::read_to_string(repo_path("data/sources.csv")).unwrap();
    let bail: Vec<String> = sources
        .lines()
        .filter(|l| l.starts_with("uk-immigration-bail,"))
        .map(|l| l.replacen("uk-immigration-bail,", "uk-synthetic-feed-test,", 1))
        .collect();
    for line in bail {
        sources.push_str(&line);
        sources.push('\n');
    }
    std::fs::write(dir.path().join("sources.csv"), sources).unwrap();
    std::fs::copy(
        repo_path("data/CHANGELOG.md"),
        dir.path().join("CHANGELOG.md"),
    )
    .unwrap();
    let next = next_minor(&shipped_releases()[0]);
    let release = ReleaseArgs {
        version: Some(next.clone()),
        date: Some("2026-12-01".into()),
        changelog: Some(dir.path().join("CHANGELOG.md")),
    };
    cli::diff(&paths, &shipped, &csv, release).expect("diff");
    cli::import_and_index(&paths, &csv).expect("the changed CSV imports");
    let app = web::router(AppState::open(&paths).unwrap());

    let releases = parse(&get_with(app.clone(), "/changes.atom").await.body);
    let first = &releases.entries[0];
    assert_eq!(
        first.title.as_ref().unwrap().content,
        format!("Release {next}")
    );
    assert_eq!(
        first.summary.as_ref().unwrap().content,
        "1 added, 0 removed, 1 changed"
    );
    assert_eq!(releases.entries.len(), shipped_releases().len() + 1);

    let uk = parse(
        &get_with(app.clone(), "/practices.atom?country=GB&lang=en")
            .await
            .body,
    );
    let newest = &uk.entries[0];
    assert_eq!(
        newest.title.as_ref().unwrap().content,
        "SYNTHETIC feed test record (United Kingdom)"
    );
    assert!(
        newest.links[0]
            .href
            .ends_with("/practices/uk-synthetic-feed-test?lang=en")
    );
    assert_eq!(
        newest.published.map(|d| d.format("%Y-%m-%d").to_string()),
        Some("2026-12-01".to_string())
    );
    let record = get_with(app, "/practices/uk-action-access").await.body;
    assert!(
        record.contains(&format!("last changed in release {next}")),
        "the record knows"
    );
}

/// The versions of data/CHANGELOG.md's release headings ("## 1.2.0 (date)"), newest first,
/// read independently of the app.
fn shipped_releases() -> Vec<String> {
    std::fs::read_to_string(repo_path("data/CHANGELOG.md"))
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter_map(|l| l.split_whitespace().next())
        // Accepted proposals and notes wait under "Unreleased": no release of its own.
        .filter(|v| *v != "Unreleased")
        .map(str::to_string)
        .collect()
}

/// `1.2.0` → `1.3.0`: a release after every shipped one.
fn next_minor(version: &str) -> String {
    let parts: Vec<u32> = version.split('.').map(|p| p.parse().unwrap()).collect();
    format!("{}.{}.0", parts[0], parts[1] + 1)
}
