//! What every handler reads (the live index, the store, the reference tables, the site's
//! name for itself) and the reads they make, each off the async executor: the only
//! `spawn_blocking` on the request path besides an export's writer (see `stream`).

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Context;

use crate::config::{Paths, ProposalsMode, ServeOptions};
use crate::model::{Figure, Lang, Practice, PracticeId, Reference};
use crate::overview::Overview;
use crate::proposals::sheet::{self, SheetFacts};
use crate::proposals::{self as proposals, Draft, FieldError, Warning};
use crate::search::suggest::{self, Suggestions};
use crate::search::{SearchIndex, SearchQuery, SearchResults, Synonyms};
use crate::similar::{Profiles, ProfilesBuilder};
use crate::store::proposals::NewProposal;
use crate::store::{Area, DataRelease, Reader};

use super::citation;
use super::params::SearchRequest;
use super::proposal_intake::{Outcome, ProposalIntake};

/// What every handler reads: the live index, the store, the reference tables.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<SearchIndex>,
    pub store: Arc<Reader>,
    pub reference: Arc<Reference>,
    pub site: Arc<Site>,
    /// Where proposals go (off unless [`AppState::with_proposals`] opens it).
    pub proposals: Arc<ProposalIntake>,
    /// The synonyms table, which the lexicon of suggestions is built with.
    synonyms: Arc<Synonyms>,
    /// What pages read from every record, computed once per data generation.
    generational: Arc<Generational>,
}

/// Summaries of every record that pages read instead of the records, each kept for the
/// data generation it was computed from and recomputed on first use after an import.
#[derive(Default)]
struct Generational {
    similar: PerGeneration<Profiles>,
    overview: PerGeneration<Overview>,
    /// What a search that found nothing is compared with (see [`suggest::Lexicon`]).
    lexicon: PerGeneration<suggest::Lexicon>,
}

/// One value per data generation: built on first use by one request (others wait for it
/// rather than build it again), replaced when the store holds another import.
struct PerGeneration<T> {
    kept: Mutex<Option<(Option<i64>, Arc<T>)>>,
    building: Mutex<()>,
}

impl<T> Default for PerGeneration<T> {
    fn default() -> Self {
        PerGeneration {
            kept: Mutex::new(None),
            building: Mutex::new(()),
        }
    }
}

impl<T> PerGeneration<T> {
    /// The value for `generation`, or `build`'s (which says the generation it read: an
    /// import may land between the two reads, and the value is kept under its own).
    fn get(
        &self,
        generation: Option<i64>,
        build: impl FnOnce() -> anyhow::Result<(Option<i64>, T)>,
    ) -> anyhow::Result<Arc<T>> {
        if let Some(kept) = self.kept(generation) {
            return Ok(kept);
        }
        let _turn = self.building.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = self.kept(generation) {
            return Ok(kept);
        }
        let (built_for, value) = build()?;
        let value = Arc::new(value);
        *self.kept.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((built_for, Arc::clone(&value)));
        Ok(value)
    }

    fn kept(&self, generation: Option<i64>) -> Option<Arc<T>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        match &*kept {
            Some((built_for, value)) if *built_for == generation => Some(Arc::clone(value)),
            _ => None,
        }
    }
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
        let store = Reader::open(&paths.db)?;
        Ok(AppState {
            index: Arc::new(SearchIndex::open(&paths.index_dir)?.with_synonyms(synonyms.clone())),
            store: Arc::new(store),
            reference: Arc::new(reference),
            site: Arc::new(Site {
                public_url: crate::config::DEFAULT_PUBLIC_URL.to_string(),
                dataset_version: citation::dataset_version(&paths.data_dir),
                data_dir: paths.data_dir.clone(),
            }),
            proposals: Arc::new(ProposalIntake::off(paths.practices_csv())),
            synonyms: Arc::new(synonyms),
            generational: Arc::default(),
        })
    }

    /// The same state taking proposals through `proposals`.
    pub fn with_proposals(mut self, proposals: ProposalIntake) -> AppState {
        self.proposals = Arc::new(proposals);
        self
    }

    /// The proposals side as `options` asks: off (a read-only mirror) or the database.
    pub fn with_proposals_from(self, paths: &Paths, options: &ServeOptions) -> AppState {
        let csv = paths.practices_csv();
        let proposals = match options.proposals {
            ProposalsMode::Off => ProposalIntake::off(csv),
            ProposalsMode::On => {
                let db = paths.proposals_db(options.proposals_db.as_deref());
                ProposalIntake::open(&db, csv, &options.limits)
            }
        };
        self.with_proposals(proposals)
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

    /// A data file as the last import read it (see `Reader::released_file`).
    pub async fn released_file(&self, name: &'static str) -> anyhow::Result<Option<Vec<u8>>> {
        self.blocking(move |state| state.store.released_file(name))
            .await
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
        self.blocking(move |state| Ok(state.lexicon()?.suggest(&state.index, &query)))
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

    /// Every figure, of practices and of countries, in import order.
    pub async fn figures(&self) -> anyhow::Result<Vec<Figure>> {
        self.blocking(|state| state.store.figures()).await
    }

    /// One country's own figures (none of a practice), in import order.
    pub async fn country_facts(&self, iso2: &str) -> anyhow::Result<Vec<Figure>> {
        let iso2 = iso2.to_string();
        self.blocking(move |state| state.store.country_facts(&iso2))
            .await
    }

    /// One country's practices, in import order.
    pub async fn practices_of_country(&self, iso2: &str) -> anyhow::Result<Vec<Practice>> {
        let iso2 = iso2.to_string();
        self.blocking(move |state| state.store.practices_of_country(&iso2))
            .await
    }

    /// The practices of one sub-region or region, in import order.
    pub async fn practices_in_area(&self, area: Area, key: &str) -> anyhow::Result<Vec<Practice>> {
        let key = key.to_string();
        self.blocking(move |state| state.store.practices_in_area(area, &key))
            .await
    }

    /// The records `practice` links to (the page lists them in the order of its links).
    pub async fn linked(&self, practice: &Practice) -> anyhow::Result<Vec<Practice>> {
        if practice.links.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = practice
            .links
            .iter()
            .map(|l| l.other.as_str().to_string())
            .collect();
        self.blocking(move |state| state.store.practices_by_ids(&ids))
            .await
    }

    /// The `n` practices most like the one with `id`, best first (see [`crate::similar`]),
    /// scored against the current generation's profiles: only those `n` records are read.
    pub async fn similar(&self, id: &PracticeId, n: usize) -> anyhow::Result<Vec<Practice>> {
        let id = id.clone();
        self.blocking(move |state| {
            let profiles = state.similar_profiles()?;
            let ids: Vec<String> = profiles
                .most_similar(&id, n)
                .into_iter()
                .map(|id| id.as_str().to_string())
                .collect();
            state.store.practices_by_ids(&ids)
        })
        .await
    }

    /// The whole dataset in numbers (see [`Overview`]), of the data generation the store
    /// holds: one pass over the records per generation, not per request.
    pub async fn overview(&self) -> anyhow::Result<Arc<Overview>> {
        self.blocking(|state| {
            let generation = state.store.generation()?;
            state.generational.overview.get(generation, || {
                state.store.snapshot(|snapshot| {
                    let mut overview = Overview::default();
                    snapshot.for_each_practice(|p| {
                        overview.add(p);
                        Ok(())
                    })?;
                    Ok((snapshot.generation()?, overview.finish()))
                })
            })
        })
        .await
    }

    /// The lexicon of suggestions for the data generation the store holds: the records'
    /// translated words are read again (streamed) only when the generation is new.
    fn lexicon(&self) -> anyhow::Result<Arc<suggest::Lexicon>> {
        let generation = self.store.generation()?;
        self.generational.lexicon.get(generation, || {
            self.store.snapshot(|snapshot| {
                let mut lexicon = suggest::Lexicon::builder(&self.reference, &self.synonyms);
                snapshot.for_each_practice(|p| {
                    lexicon.add(&p);
                    Ok(())
                })?;
                Ok((snapshot.generation()?, lexicon.finish()))
            })
        })
    }

    /// The similarity profiles of the data generation the store holds, streamed from the
    /// records (never all of them in memory) when the generation is new.
    fn similar_profiles(&self) -> anyhow::Result<Arc<Profiles>> {
        let generation = self.store.generation()?;
        self.generational.similar.get(generation, || {
            self.store.snapshot(|snapshot| {
                let mut profiles = ProfilesBuilder::default();
                snapshot.for_each_practice(|p| {
                    profiles.add(&p);
                    Ok(())
                })?;
                Ok((snapshot.generation()?, profiles.finish()))
            })
        })
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

    /// The data releases of the last import's changelog, newest first.
    pub async fn releases(&self) -> anyhow::Result<Vec<crate::changes::Release>> {
        self.blocking(|state| state.store.releases()).await
    }

    /// The language of each of these records' text; ids no longer in the atlas are absent.
    pub async fn text_langs(
        &self,
        ids: Vec<String>,
    ) -> anyhow::Result<std::collections::HashMap<String, Lang>> {
        self.blocking(move |state| {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            state.store.text_langs(&ids)
        })
        .await
    }

    /// The accepted proposals published that no release holds yet.
    pub async fn unreleased(&self) -> anyhow::Result<Vec<crate::changes::Accepted>> {
        self.blocking(|state| state.store.unreleased()).await
    }

    /// The import the store holds, if any.
    pub async fn release(&self) -> anyhow::Result<Option<DataRelease>> {
        self.blocking(|state| state.store.release()).await
    }

    /// The proposal `reference` if `token` opens its status page (`None` for any other
    /// token, or when proposals are not taken here).
    pub async fn proposal_status(
        &self,
        reference: String,
        token: String,
    ) -> anyhow::Result<Option<crate::store::proposals::Proposal>> {
        self.blocking(move |state| match state.proposals.store() {
            Some(store) => store.with_status_token(&reference, &token),
            None => Ok(None),
        })
        .await
    }

    /// practices.csv's header and ids (and the record `practice`), which proposals are checked
    /// against; `None` (logged) when the file cannot be read, so none are taken then.
    pub async fn sheet_facts(&self, practice: Option<String>) -> Option<SheetFacts> {
        let read = self
            .blocking(move |state| {
                let csv = state.proposals.practices_csv();
                let bytes =
                    std::fs::read(csv).with_context(|| format!("cannot read {}", csv.display()))?;
                sheet::read_facts(&bytes, practice.as_deref())
            })
            .await;
        read.map_err(|err| tracing::warn!("proposals cannot be checked: {err:#}"))
            .ok()
    }

    /// Checks a proposal with the importer's rules and stores it: the one path of the form
    /// and the JSON endpoint. `errors` are problems found while reading it (bad UTF-8).
    pub async fn receive_proposal(
        &self,
        mut draft: Draft,
        mut errors: Vec<FieldError>,
        facts: &SheetFacts,
        client: IpAddr,
        lang: Lang,
    ) -> Outcome {
        let proposals = &self.proposals;
        if proposals.store().is_none() {
            return Outcome::Closed(proposals.desk());
        }
        draft.lang = lang; // a new record's text language when the proposer names none
        let checked = match proposals::check(&draft, facts, &self.reference) {
            Ok(checked) if errors.is_empty() => checked,
            Ok(_) => return Outcome::Invalid(errors),
            Err(more) => {
                errors.extend(more);
                return Outcome::Invalid(errors);
            }
        };
        // Only valid proposals count: a person fixing mistakes is not held back.
        if let Err(wait) = proposals.take(client) {
            return Outcome::TooMany(wait);
        }
        let token = match crate::store::proposals::new_status_token() {
            Ok(token) => token,
            Err(err) => {
                proposals.give_back(client);
                tracing::error!("a proposal could not be saved: {err:#}");
                return Outcome::NotSaved;
            }
        };
        let new = NewProposal {
            kind: checked.kind,
            practice_id: checked.practice_id.clone(),
            cells: checked.cells.clone(),
            submitter: draft.submitter.trim().to_string(),
            email: draft.email.trim().to_string(),
            client: client.to_string(),
            lang: lang.code().to_string(),
            warnings: checked.warnings.iter().map(Warning::describe).collect(),
            status_token: token.clone(),
            duplicate_of: checked
                .warnings
                .iter()
                .map(|w| w.duplicate_of().to_string())
                .collect(),
            why: checked.why.clone(),
            why_source: checked.why_source.clone(),
        };
        let saved = self
            .blocking(move |state| {
                let caps = state.proposals.caps();
                match state.proposals.store() {
                    Some(store) => store.submit(&new, caps),
                    None => anyhow::bail!("the proposals database closed"),
                }
            })
            .await;
        match saved {
            Ok(Ok(reference)) => {
                tracing::info!(%reference, kind = checked.kind.as_str(), "proposal received");
                Outcome::Stored {
                    reference,
                    token,
                    checked,
                }
            }
            Ok(Err(_full)) => {
                proposals.give_back(client);
                Outcome::Full
            }
            Err(err) => {
                // The cause (a full disk, say), never the proposal's content.
                tracing::error!("a proposal could not be saved: {err:#}");
                Outcome::NotSaved
            }
        }
    }
}
