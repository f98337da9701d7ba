//! Test helpers shared by the test binaries: the real shipped data imported into a temporary
//! SQLite file and index, or copied into a lab's own data folder; requests through the
//! in-process router, CSV rows to compare with.

#![allow(dead_code)] // each test binary uses the helpers it needs

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use atd_atlas::cli;
use atd_atlas::config::Paths;
use atd_atlas::web::{self, AppState};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Paths for a fresh database and index in `dir`, reading the shipped data files.
pub fn paths_in(dir: &Path) -> Paths {
    Paths {
        data_dir: repo_path("data"),
        db: dir.join("atlas.sqlite3"),
        index_dir: dir.join("index"),
    }
}

/// Paths for a lab in `dir`: a data folder of its own (`dir/data`) beside its database and
/// index.
pub fn lab_paths(dir: &Path) -> Paths {
    Paths {
        data_dir: dir.join("data"),
        db: dir.join("atlas.sqlite3"),
        index_dir: dir.join("index"),
    }
}

/// Copies the shipped data files whose names `wanted` accepts into `data_dir` (made if
/// missing), for a test that writes them or replaces some; folders are never copied.
pub fn copy_shipped_data(data_dir: &Path, wanted: impl Fn(&str) -> bool) {
    std::fs::create_dir_all(data_dir).expect("data folder");
    for entry in std::fs::read_dir(repo_path("data")).expect("shipped data") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .to_string();
        if path.is_file() && wanted(&name) {
            std::fs::copy(&path, data_dir.join(&name)).expect("copy");
        }
    }
}

/// Copies a folder and everything in it.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("target folder");
    for entry in std::fs::read_dir(from).expect("source folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

pub struct ShippedApp {
    pub state: AppState,
    _dir: tempfile::TempDir,
}

/// The shipped data, imported and indexed once for all tests that only read.
pub fn shipped() -> &'static ShippedApp {
    static APP: OnceLock<ShippedApp> = OnceLock::new();
    APP.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = paths_in(dir.path());
        cli::import_and_index(&paths, &paths.practices_csv()).expect("shipped data imports");
        let state = AppState::open(&paths).expect("app opens");
        ShippedApp { state, _dir: dir }
    })
}

pub fn router() -> Router {
    web::router(shipped().state.clone())
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", &self.body[..self.body.len().min(300)])
        })
    }
}

pub async fn get_with(router: Router, uri: &str) -> Reply {
    send(
        router,
        Request::get(uri).body(Body::empty()).expect("request"),
    )
    .await
}

/// Any request through a router, its answer read whole.
pub async fn send(router: Router, request: Request<Body>) -> Reply {
    let response = router.oneshot(request).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(uri: &str) -> Reply {
    get_with(router(), uri).await
}

/// The ids of a JSON search response, in order.
pub fn ids(json: &serde_json::Value) -> Vec<String> {
    json["results"]
        .as_array()
        .expect("results array")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect()
}

/// Every row of the shipped practices.csv, as header → value maps (read independently of the
/// app), with the headline cost and compliance columns of releases up to 1.2.0 added as the
/// importer chooses them from figures.csv (`data_quality` checks those against 1.2.0's values).
pub fn shipped_rows() -> Vec<std::collections::HashMap<String, String>> {
    let reader = csv::Reader::from_path(repo_path("data/practices.csv")).expect("csv");
    let mut rows = csv_rows(reader);
    let headlines = shipped_headlines();
    for row in &mut rows {
        if let Some(columns) = headlines.get(&row["id"]) {
            row.extend(columns.clone());
        }
    }
    rows
}

type Columns = Vec<(String, String)>;

/// Each shipped practice's headline columns, by id, as CSV text.
fn shipped_headlines() -> &'static std::collections::HashMap<String, Columns> {
    static HEADLINES: OnceLock<std::collections::HashMap<String, Columns>> = OnceLock::new();
    HEADLINES.get_or_init(|| {
        let data = repo_path("data");
        let reference = atd_atlas::import::load_reference(&data).expect("shipped reference");
        let practices = atd_atlas::import::read_practices(
            &data.join("practices.csv"),
            &reference,
            &atd_atlas::import::Limits::default(),
        )
        .expect("shipped data imports");
        let number = |v: Option<f64>| v.map_or(String::new(), |n| n.to_string());
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        practices
            .into_iter()
            .map(|p| {
                let c = &p.cost;
                let columns = vec![
                    ("cost_per_day", number(c.per_day)),
                    ("cost_per_day_high", number(c.per_day_high)),
                    ("cost_bound", text(&c.bound)),
                    ("cost_currency", text(&c.currency)),
                    ("cost_unit", text(&c.unit)),
                    ("cost_year", c.year.map_or(String::new(), |y| y.to_string())),
                    ("cost_year_basis", text(&c.year_basis)),
                    ("detention_cost_per_day", number(c.detention_per_day)),
                    (
                        "detention_cost_per_day_high",
                        number(c.detention_per_day_high),
                    ),
                    ("detention_cost_bound", text(&c.detention_bound)),
                    ("outcome_compliance_pct", number(p.outcome_compliance_pct)),
                ];
                let columns = columns
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect();
                (p.id.to_string(), columns)
            })
            .collect()
    })
}

/// Every row of a CSV as header → value maps.
pub fn csv_rows<R: std::io::Read>(
    mut reader: csv::Reader<R>,
) -> Vec<std::collections::HashMap<String, String>> {
    let headers = reader.headers().expect("headers").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The shipped rows, copied `copies` times with marked synthetic ids and titles.
pub fn synthetic_csv(copies: usize) -> (Vec<u8>, usize) {
    let mut reader = csv::Reader::from_path(repo_path("data/practices.csv")).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    let id_col = headers.iter().position(|h| h == "id").unwrap();
    let title_col = headers.iter().position(|h| h == "programme").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    let mut count = 0;
    for copy in 0..copies {
        for row in &rows {
            let mut fields: Vec<String> = row.iter().map(str::to_string).collect();
            if copy > 0 {
                fields[id_col] = synthetic_id(&fields[id_col], copy);
                fields[title_col] = format!("[synthetic test record] {}", fields[title_col]);
            }
            writer.write_record(&fields).unwrap();
            count += 1;
        }
    }
    (writer.into_inner().unwrap(), count)
}

/// The shipped sources, copied `copies` times with the ids [`synthetic_csv`] gives: the
/// sources file that goes beside it.
pub fn synthetic_sources(copies: usize) -> Vec<u8> {
    let mut reader = csv::Reader::from_path(repo_path("data/sources.csv")).expect("sources");
    let headers = reader.headers().expect("headers").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    for copy in 0..copies {
        for row in &rows {
            let mut fields: Vec<String> = row.iter().map(str::to_string).collect();
            fields[0] = synthetic_id(&fields[0], copy);
            writer.write_record(&fields).unwrap();
        }
    }
    writer.into_inner().unwrap()
}

/// The id of copy `copy` of a shipped id (copy 0 is the shipped row itself).
fn synthetic_id(id: &str, copy: usize) -> String {
    if copy == 0 {
        return id.to_string();
    }
    let suffix = format!("-synthetic-{copy}");
    format!("{}{suffix}", &id[..id.len().min(80 - suffix.len())])
}
