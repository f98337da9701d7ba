//! Index generations on disk: build a new one beside the live one, switch `CURRENT` atomically.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy};

use super::facet_ords::OrdTables;
use super::readonly::ReadOnlyDirectory;
use super::results::{FacetCounts, RangeValues};
use super::schema::{self, Fields};
use crate::model::{Practice, Reference};

const CURRENT: &str = "CURRENT";
const BUILD_INFO: &str = "atlas-build.json";
const BUILD_LOCK: &str = ".build.lock";
const PREFIX: &str = "gen-";
const QUARANTINE_PREFIX: &str = "corrupt-";
/// The indexing heap, shared by the writer's threads (one per core, at most 8): each
/// flushes a segment when its share fills. 96 MB keeps a million-record build's peak RSS
/// under 350 MB (BENCHMARKS.md) at the cost of a few more merges.
const WRITER_HEAP_BYTES: usize = 96 * 1024 * 1024;
/// Segments merged into one after the build, one merge at a time. Merging while adding
/// ran up to four merges beside the writer's heap: a million-record build peaked near
/// 400 MB. A few segments left per generation cost a search little.
const MERGE_FAN_IN: usize = 8;

/// What the documents of a generation hold; raised when a build adds something searches
/// rely on (2: the sub-region facet; 3: the country sort in each language's alphabetical
/// order; 4: the measures of a practice's figures; 5: its outcome shares; 6: the analysed
/// words of its snippet texts; 7: the language of its original text, each snippet text in
/// its own language's slot; 8: the id as a fast column, the tie-break of every sort; 9: one
/// text field per part holding every language's stems), so an index built by an older
/// program is rebuilt.
pub const INDEX_LAYOUT: u32 = 9;

/// What a generation was built from; written last, so its presence marks a finished build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildInfo {
    pub generation: u64,
    /// The store release (import generation) the documents came from.
    pub data_generation: i64,
    pub practices: u64,
    /// [`INDEX_LAYOUT`] of the program that built it (1 for builds that did not record it).
    #[serde(default = "first_layout")]
    pub layout: u32,
}

fn first_layout() -> u32 {
    1
}

/// One opened, validated generation: what a search runs against.
pub struct Generation {
    pub info: BuildInfo,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub path: PathBuf,
    /// The match-all search's total and facet counts, computed once per generation: they
    /// change only with the documents, and counting every document is a browse page's main
    /// cost at scale.
    pub(super) browse_counts: OnceLock<BrowseCounts>,
    /// What each facet ordinal of each segment names, read once (see [`OrdTables`]).
    pub(super) facet_ords: OrdTables,
}

/// What a search with no text, filters or ranges counts: every document.
#[derive(Debug, Clone)]
pub(super) struct BrowseCounts {
    pub total: usize,
    pub facets: Vec<FacetCounts>,
    pub ranges: std::sync::Arc<RangeValues>,
}

impl std::fmt::Debug for Generation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generation")
            .field("info", &self.info)
            .field("path", &self.path)
            .finish()
    }
}

fn generation_dir(root: &Path, generation: u64) -> PathBuf {
    root.join(format!("{PREFIX}{generation:06}"))
}

fn parse_generation(name: &str) -> Option<u64> {
    name.strip_prefix(PREFIX)?.parse().ok()
}

/// The number a quarantined generation had, so numbers are never reused: a server still
/// holding that number must see the rebuild as new.
fn parse_quarantined(name: &str) -> Option<u64> {
    name.strip_prefix(QUARANTINE_PREFIX)?
        .split('-')
        .next()?
        .parse()
        .ok()
}

/// The generation `CURRENT` names, if any.
pub fn current(root: &Path) -> anyhow::Result<Option<u64>> {
    let path = root.join(CURRENT);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    match parse_generation(text.trim()) {
        Some(generation) => Ok(Some(generation)),
        None => bail!("{} is damaged: {:?}", path.display(), text.trim()),
    }
}

fn existing_generations(root: &Path) -> anyhow::Result<Vec<u64>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(root) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(err) => return Err(err).with_context(|| format!("cannot list {}", root.display())),
    };
    for entry in entries {
        let name = entry?.file_name();
        if let Some(generation) = name.to_str().and_then(parse_generation) {
            found.push(generation);
        }
    }
    found.sort_unstable();
    Ok(found)
}

fn highest_generation_ever(root: &Path) -> anyhow::Result<u64> {
    let mut highest = existing_generations(root)?.last().copied().unwrap_or(0);
    highest = highest.max(current(root).ok().flatten().unwrap_or(0));
    for entry in fs::read_dir(root)?.flatten() {
        if let Some(n) = entry.file_name().to_str().and_then(parse_quarantined) {
            highest = highest.max(n);
        }
    }
    Ok(highest)
}

/// Opens a generation and checks it is whole: a finished build whose document count matches.
pub fn open(root: &Path, generation: u64) -> anyhow::Result<Generation> {
    let path = generation_dir(root, generation);
    let info_path = path.join(BUILD_INFO);
    let info: BuildInfo = serde_json::from_slice(
        &fs::read(&info_path).with_context(|| format!("cannot read {}", info_path.display()))?,
    )
    .with_context(|| format!("{} is damaged", info_path.display()))?;
    let directory = ReadOnlyDirectory::open(&path)
        .with_context(|| format!("cannot open index {}", path.display()))?;
    let index =
        Index::open(directory).with_context(|| format!("cannot open index {}", path.display()))?;
    // Every segment file's checksum: a truncated or bit-flipped file is found here, at start
    // or reload, not by a search that returns garbage.
    let damaged = index
        .validate_checksum()
        .with_context(|| format!("cannot verify index {}", path.display()))?;
    if !damaged.is_empty() {
        bail!("index {} has damaged files: {damaged:?}", path.display());
    }
    schema::register_analyzers(&index, schema::Use::Searching);
    let fields = Fields::resolve(&index.schema())
        .with_context(|| format!("index {} has another schema", path.display()))?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .with_context(|| format!("cannot read index {}", path.display()))?;
    let docs = reader.searcher().num_docs();
    if docs != info.practices {
        bail!(
            "index {} holds {docs} documents, its build record says {}",
            path.display(),
            info.practices
        );
    }
    Ok(Generation {
        info,
        index,
        reader,
        fields,
        path,
        browse_counts: OnceLock::new(),
        facet_ords: OrdTables::default(),
    })
}

/// Opens the generation `CURRENT` names.
pub fn open_current(root: &Path) -> anyhow::Result<Option<Generation>> {
    let Some(generation) = current(root)? else {
        return Ok(None);
    };
    open(root, generation).map(Some)
}

/// Holds the build lock for as long as it lives: two builds never run at once.
struct BuildLock {
    _file: File,
}

fn lock_builds(root: &Path) -> anyhow::Result<BuildLock> {
    let path = root.join(BUILD_LOCK);
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(BuildLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => {
            bail!(
                "another index build is running (lock {} is held)",
                path.display()
            )
        }
        Err(fs::TryLockError::Error(err)) => {
            Err(err).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

/// Builds a new generation from `practices`, then makes it current. The live one keeps serving
/// until the switch; a failure at any point leaves `CURRENT` as it was.
pub fn build(
    root: &Path,
    data_generation: i64,
    practices: impl IntoIterator<Item = Practice>,
    reference: &Reference,
) -> anyhow::Result<BuildInfo> {
    build_streaming(root, data_generation, reference, |add| {
        practices.into_iter().try_for_each(add)
    })
}

/// Like [`build`], but the practices are pushed one at a time by `feed` (e.g. straight from
/// a database cursor), so memory stays bounded by the writer heap, not the number of
/// records.
pub fn build_streaming(
    root: &Path,
    data_generation: i64,
    reference: &Reference,
    feed: impl FnOnce(&mut dyn FnMut(Practice) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<BuildInfo> {
    fs::create_dir_all(root).with_context(|| format!("cannot create {}", root.display()))?;
    let _lock = lock_builds(root)?;
    remove_unfinished(root);
    let generation = highest_generation_ever(root)? + 1;
    let path = generation_dir(root, generation);
    let result =
        write_generation(&path, generation, data_generation, reference, feed).and_then(|info| {
            crate::faults::point("index::before_switch").context("cannot switch the index")?;
            switch_current(root, generation).map(|()| info)
        });
    match result {
        Ok(info) => {
            remove_stale(root, generation);
            Ok(info)
        }
        Err(err) => {
            let _ = fs::remove_dir_all(&path);
            Err(err)
        }
    }
}

fn write_generation(
    path: &Path,
    generation: u64,
    data_generation: i64,
    reference: &Reference,
    feed: impl FnOnce(&mut dyn FnMut(Practice) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<BuildInfo> {
    fs::create_dir_all(path).with_context(|| format!("cannot create {}", path.display()))?;
    let directory = MmapDirectory::open(path)?;
    let index = Index::create(directory, schema::build_schema(), Default::default())?;
    schema::register_analyzers(&index, schema::Use::Indexing);
    let fields = Fields::resolve(&index.schema())?;
    let mut writer: IndexWriter = index
        .writer(WRITER_HEAP_BYTES)
        .context("cannot start the index writer")?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let mut added: u64 = 0;
    let mut analyzers = schema::SnippetAnalyzers::new();
    feed(&mut |p: Practice| {
        writer.add_document(schema::document(&p, reference, &fields, &mut analyzers))?;
        added += 1;
        Ok(())
    })?;
    crate::faults::point("index::documents_added").context("cannot write the index")?;
    writer.commit().context("cannot commit the index")?;
    crate::faults::point("index::committed").context("cannot write the index")?;
    merge_one_at_a_time(&index, &mut writer)?;
    writer
        .wait_merging_threads()
        .context("index merge failed")?;
    let info = BuildInfo {
        generation,
        data_generation,
        practices: added,
        layout: INDEX_LAYOUT,
    };
    write_atomically(&path.join(BUILD_INFO), &serde_json::to_vec_pretty(&info)?)?;
    Ok(info)
}

/// Merges the committed segments in groups of [`MERGE_FAN_IN`], waiting for each merge, so
/// memory holds one merge at a time.
fn merge_one_at_a_time(index: &Index, writer: &mut IndexWriter) -> anyhow::Result<()> {
    let segments = index.searchable_segment_ids()?;
    for group in segments.chunks(MERGE_FAN_IN) {
        if group.len() > 1 {
            writer.merge(group).wait().context("index merge failed")?;
        }
    }
    Ok(())
}

fn switch_current(root: &Path, generation: u64) -> anyhow::Result<()> {
    let name = format!("{PREFIX}{generation:06}\n");
    write_atomically(&root.join(CURRENT), name.as_bytes())
}

/// Temp file in the same directory, fsync, rename, fsync the directory.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    let mut file = File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// Deletes generations other than the new one and the one before it. The previous one stays
/// because a running server may still be searching it until it notices the switch.
fn remove_stale(root: &Path, live: u64) {
    let Ok(generations) = existing_generations(root) else {
        return;
    };
    let previous = generations.iter().copied().filter(|g| *g < live).max();
    for generation in generations {
        if generation == live || Some(generation) == previous {
            continue;
        }
        let path = generation_dir(root, generation);
        if let Err(err) = fs::remove_dir_all(&path) {
            tracing::warn!(path = %path.display(), %err, "could not remove an old index generation");
        }
    }
}

/// Deletes what a killed build left: generations newer than `CURRENT` (never switched to)
/// and temp files. Called with the build lock held, so no live build owns them.
fn remove_unfinished(root: &Path) {
    // With `CURRENT` unreadable nothing can be told apart: leave it all to the rebuild.
    let live = match current(root) {
        Ok(live) => live.unwrap_or(0),
        Err(_) => return,
    };
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let path = entry.path();
        let outcome = match parse_generation(name) {
            Some(generation) if generation > live => fs::remove_dir_all(&path),
            Some(_) => continue,
            None if name.contains(".tmp-") => fs::remove_file(&path),
            None => continue,
        };
        match outcome {
            Ok(()) => {
                tracing::info!(path = %path.display(), "removed what an interrupted build left")
            }
            Err(err) => {
                tracing::warn!(path = %path.display(), %err, "could not remove an interrupted build")
            }
        }
    }
}

/// Moves a damaged generation aside so a rebuild can take its place, keeping it for inspection.
pub fn quarantine(root: &Path, generation: u64) -> anyhow::Result<PathBuf> {
    let from = generation_dir(root, generation);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let to = root.join(format!("{QUARANTINE_PREFIX}{generation:06}-{stamp}"));
    fs::rename(&from, &to).with_context(|| format!("cannot move {} aside", from.display()))?;
    Ok(to)
}
