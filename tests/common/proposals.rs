//! Test helpers for proposals, shared by the test binaries: a lab with its own copy of the
//! data (so `accept` may write it), a complete proposal, form bodies, requests through the
//! router, and the values a returned form shows.

#![allow(dead_code)] // each test binary uses the helpers it needs

use std::path::PathBuf;
use std::process::Output;

use atd_atlas::cli;
use atd_atlas::config::{Limits, Paths};
use atd_atlas::store::proposals::ProposalStore;
use atd_atlas::web::{self, AppState, ProposalIntake};
use axum::body::Body;
use axum::http::Request;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::binary::atlas;
use crate::support::{Reply, copy_shipped_data, lab_paths, send};

/// A data folder of its own (a copy of the shipped files, so `accept` may write it), with its
/// database and index built.
pub struct Lab {
    pub dir: tempfile::TempDir,
    pub paths: Paths,
}

impl Lab {
    pub fn new() -> Lab {
        let dir = tempfile::tempdir().unwrap();
        let paths = lab_paths(dir.path());
        copy_shipped_data(&paths.data_dir, |name| {
            name.ends_with(".csv") || name.ends_with(".json")
        });
        cli::import_and_index(&paths, &paths.practices_csv()).expect("the copy imports");
        Lab { dir, paths }
    }

    pub fn proposals_db(&self) -> PathBuf {
        self.paths.proposals_db(None)
    }

    pub fn state(&self, limits: &Limits) -> AppState {
        let proposals =
            ProposalIntake::open(&self.proposals_db(), self.paths.practices_csv(), limits);
        AppState::open(&self.paths)
            .unwrap()
            .with_proposals(proposals)
    }

    pub fn router(&self, limits: &Limits) -> axum::Router {
        web::router(self.state(limits))
    }

    pub fn stored(&self) -> Vec<atd_atlas::store::proposals::Proposal> {
        ProposalStore::open(&self.proposals_db())
            .unwrap()
            .list(None)
            .unwrap()
    }

    /// `atd-atlas` on this lab's files.
    pub fn run(&self, args: &[&str]) -> Output {
        atlas(&self.paths)
            .args(args)
            .env_remove("ATD_PROPOSALS_DB")
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

pub fn with(
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

pub async fn post_form(router: axum::Router, lang: &str, body: impl Into<Body>) -> Reply {
    let request = Request::post(format!("/propose?lang={lang}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body.into())
        .unwrap();
    send(router, request).await
}

pub async fn post_json(router: axum::Router, json: &serde_json::Value) -> Reply {
    let request = Request::post("/api/v1/proposals")
        .header("content-type", "application/json")
        .body(Body::from(json.to_string()))
        .unwrap();
    send(router, request).await
}

pub async fn get(router: axum::Router, uri: &str) -> Reply {
    send(router, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// The value a form field shows (input value or textarea text), as maud escaped it.
pub fn shown_value(page: &str, column: &str) -> Option<String> {
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
