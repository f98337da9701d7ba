//! What every handler reads (the live index, the store, the reference tables, the site's
//! name for itself) and the reads they make, each off the async executor: the only
//! `spawn_blocking` on the request path besides an export's writer (see `stream`).

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Practice, PracticeId, Reference};
use crate::search::suggest::{self, Suggestions};
use crate::search::{SearchIndex, SearchQuery, SearchResults};
use crate::store::{DataRelease, Reader};

use super::citation;
use super::params::SearchRequest;
use super::serving::page_cache::{self, PageCache};

/// What every handler reads: the live index, the store, the reference tables.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<SearchIndex>,
    pub store: Arc<Reader>,
    pub reference: Arc<Reference>,
    pub site: Arc<Site>,
    /// Recent search answers of the live generation (see [`page_cache`]).
    pub pages: Arc<PageCache>,
}

/// How the site names itself in citations and downloads.
#[derive(Debug, Clone)]
pub struct Site {
    /// The public base URL, without a trailing slash (stable URLs in citations).
    pub public_url: String,
    /// The dataset version from `datapackage.json` ("unversioned" when it has none).
    pub dataset_version: String,
    /// Where the published data files are read from for `/data/…` downloads.
    pub data_dir: PathBuf,
}

/// What a search gathers besides its results and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pictures {
    /// The figures behind the search page's range pictures.
    Ranges,
    None,
}

impl AppState {
    /// Opens the store and the current index generation named in `paths`.
    pub fn open(paths: &crate::config::Paths) -> anyhow::Result<AppState> {
        let reference = crate::import::load_reference(&paths.data_dir)?;
        let synonyms = crate::import::load_synonyms(&paths.data_dir)?;
        Ok(AppState {
            index: Arc::new(SearchIndex::open(&paths.index_dir)?.with_synonyms(synonyms)),
            store: Arc::new(Reader::open(&paths.db)?),
            reference: Arc::new(reference),
            site: Arc::new(Site {
                public_url: crate::config::DEFAULT_PUBLIC_URL.to_string(),
                dataset_version: citation::dataset_version(&paths.data_dir),
                data_dir: paths.data_dir.clone(),
            }),
            pages: Arc::new(PageCache::new(page_cache::DEFAULT_CAPACITY_BYTES)),
        })
    }

    /// The same state with another public base URL (trailing slashes dropped).
    pub fn with_public_url(mut self, url: &str) -> AppState {
        let mut site = (*self.site).clone();
        site.public_url = url.trim_end_matches('/').to_string();
        self.site = Arc::new(site);
        self
    }

    /// Runs `read` on the blocking pool: rusqlite and tantivy calls never hold the executor.
    async fn blocking<T: Send + 'static>(
        &self,
        read: impl FnOnce(&AppState) -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let state = self.clone();
        tokio::task::spawn_blocking(move || read(&state)).await?
    }

    /// Runs a search and loads the records of its hits.
    pub async fn search(
        &self,
        request: &SearchRequest,
        pictures: Pictures,
    ) -> anyhow::Result<(SearchResults, Vec<Practice>)> {
        let query = request.query.clone();
        self.blocking(move |state| {
            let results = match pictures {
                Pictures::Ranges => state.index.search_with_ranges(&query)?,
                Pictures::None => state.index.search(&query)?,
            };
            let ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
            let practices = state.store.practices_by_ids(&ids)?;
            Ok((results, practices))
        })
        .await
    }

    /// Ways on from a search that found nothing (none when the suggester cannot run).
    pub async fn suggestions(&self, query: &SearchQuery) -> Suggestions {
        let query = query.clone();
        self.blocking(move |state| Ok(suggest::suggestions(&state.index, &state.reference, &query)))
            .await
            .unwrap_or_default()
    }

    /// Every id a search matches, in its order, and the import its index generation came from.
    pub async fn matching_ids(&self, query: &SearchQuery) -> anyhow::Result<(i64, Vec<String>)> {
        let query = query.clone();
        self.blocking(move |state| state.index.all_ids_with_source(&query))
            .await
    }

    /// One practice by the id in an address; an id that cannot exist is simply absent.
    pub async fn practice(&self, raw_id: &str) -> anyhow::Result<Option<Practice>> {
        let Some(id) = PracticeId::parse(raw_id) else {
            return Ok(None);
        };
        self.blocking(move |state| state.store.practice(&id)).await
    }

    /// The practices with these ids that exist (ids that cannot exist are skipped).
    pub async fn practices_by_ids(&self, ids: &[String]) -> anyhow::Result<Vec<Practice>> {
        let valid: Vec<String> = ids
            .iter()
            .filter(|id| PracticeId::parse(id).is_some())
            .cloned()
            .collect();
        self.blocking(move |state| state.store.practices_by_ids(&valid))
            .await
    }

    /// Every practice.
    pub async fn practices(&self) -> anyhow::Result<Vec<Practice>> {
        self.blocking(|state| state.store.all_practices()).await
    }

    /// The data releases of the last import's changelog, newest first.
    pub async fn releases(&self) -> anyhow::Result<Vec<crate::changes::Release>> {
        self.blocking(|state| state.store.releases()).await
    }

    /// The import the store holds, if any.
    pub async fn release(&self) -> anyhow::Result<Option<DataRelease>> {
        self.blocking(|state| state.store.release()).await
    }
}
