//! `GET /data` and `GET /data/{file}`: the published data files (an allow-list) — the ones
//! an import reads as that import read them, the documents beside them from the folder —
//! and the dataset's `CITATION.cff`.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::web::citation::CITATION_CFF;
use crate::web::error::AppError;
use crate::web::request::{PageLang, page};
use crate::web::state::AppState;
use crate::web::views;
use crate::web::wire::ErrorWire;
use anyhow::Context;

/// Where a download comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Served {
    /// The database's copy, as the last import read it: the released dataset, never a row
    /// accepted into the folder but not yet imported.
    Released,
    /// The data folder (documents no import reads).
    Folder,
}

/// Files of `data/` offered for download, with their media types and where each comes from.
const DATA_FILES: &[(&str, &str, Served)] = &[
    ("practices.csv", "text/csv; charset=utf-8", Served::Released),
    ("sources.csv", "text/csv; charset=utf-8", Served::Released),
    (
        "translations.csv",
        "text/csv; charset=utf-8",
        Served::Released,
    ),
    ("figures.csv", "text/csv; charset=utf-8", Served::Released),
    ("links.csv", "text/csv; charset=utf-8", Served::Released),
    (
        "CHANGELOG.md",
        "text/markdown; charset=utf-8",
        Served::Released,
    ),
    (
        "vocabularies.csv",
        "text/csv; charset=utf-8",
        Served::Released,
    ),
    ("countries.csv", "text/csv; charset=utf-8", Served::Released),
    (
        "currencies.csv",
        "text/csv; charset=utf-8",
        Served::Released,
    ),
    (
        "fx_usd_annual.csv",
        "text/csv; charset=utf-8",
        Served::Released,
    ),
    (
        "us_cpi_annual.csv",
        "text/csv; charset=utf-8",
        Served::Released,
    ),
    ("synonyms.csv", "text/csv; charset=utf-8", Served::Folder),
    ("datapackage.json", "application/json", Served::Folder),
    ("README.md", "text/markdown; charset=utf-8", Served::Folder),
    ("LICENSE", "text/plain; charset=utf-8", Served::Folder),
];

/// The names `/data/{file}` serves: the allow-list and the dataset's citation file.
pub fn published_files() -> impl Iterator<Item = &'static str> {
    DATA_FILES
        .iter()
        .map(|(name, ..)| *name)
        .chain(["CITATION.cff"])
}

pub async fn data_page(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    let files: Vec<&'static str> = DATA_FILES.iter().map(|(name, ..)| *name).collect();
    page(views::data_page(
        &views::DataView {
            files: &files,
            public_url: &state.site.public_url,
            dataset_version: &state.site.dataset_version,
        },
        lang,
    ))
}

/// One published data file, by its name in the allow-list; anything else is not found.
#[utoipa::path(
    get,
    path = "/data/{file}",
    tag = "downloads",
    params(
        ("file" = String, Path, description = "A published file of the dataset: the CSV tables (`practices.csv`, `sources.csv`, `figures.csv` …), their description (`datapackage.json`, `README.md`), the changelog, the licence and `CITATION.cff`")
    ),
    responses(
        (status = 200, description = "The file as published (CSV files are UTF-8 with a header row)", content(
            (String = "text/csv"),
            (String = "text/markdown"),
            (String = "text/plain"),
            (Object = "text/yaml"),
            (Object = "application/json")
        )),
        (status = 404, description = "No published file has this name", content(
            (String = "text/html"),
            (ErrorWire = "application/json")
        ))
    )
)]
pub async fn data_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    if file == "CITATION.cff" {
        let bytes = CITATION_CFF.as_bytes().to_vec();
        return Ok(file_response("text/yaml; charset=utf-8", bytes));
    }
    let Some((name, media, copy)) = DATA_FILES.iter().find(|(name, ..)| *name == file) else {
        return Err(AppError::not_found("error-no-data-file"));
    };
    let bytes = match copy {
        Served::Released => state
            .released_file(name)
            .await?
            .ok_or_else(|| AppError::not_found("error-no-data-file"))?,
        Served::Folder => {
            let path = state.site.data_dir.join(name);
            tokio::fs::read(&path)
                .await
                .with_context(|| format!("cannot read {}", path.display()))?
        }
    };
    Ok(file_response(media, bytes))
}

fn file_response(media: &'static str, bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(media)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        bytes,
    )
        .into_response()
}
