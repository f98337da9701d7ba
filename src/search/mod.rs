//! Full-text and faceted search over the practices: the only module that names tantivy.
//! This file is the facade: the live index and one search from words to hits; how words
//! match is `matching`, counting is `tally`, the order of the hits is `ranking`, excerpts
//! are `snippets`.

mod facet_name;
mod facet_ords;
pub mod generation;
mod matching;
pub mod query;
mod ranking;
pub mod readonly;
pub mod results;
pub mod schema;
mod snippet_tokens;
mod snippets;
pub mod stem_cache;
pub mod suggest;
pub mod synonyms;
mod tally;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use arc_swap::ArcSwap;
use tantivy::{DocAddress, Searcher, TantivyDocument};

pub use generation::{BuildInfo, Generation};
pub use query::{Clause, Range, RangeLimit, Reading, SearchQuery, Sort};
pub use results::{FacetCounts, FacetValue, Hit, RangeValues, SearchResults, Snippet};
pub use schema::FacetName;
pub use synonyms::{SynonymGroup, Synonyms};

use matching::Matching;
use ranking::top_docs;
use snippets::{Snippets, text_value};
use tally::{Counts, Ranges, browse_tally, counts_everything, tally};

/// The live index: a generation that a rebuild can replace while searches run.
pub struct SearchIndex {
    root: PathBuf,
    live: ArcSwap<Generation>,
    synonyms: Synonyms,
}

impl SearchIndex {
    /// Opens the generation `CURRENT` names.
    pub fn open(root: &Path) -> anyhow::Result<SearchIndex> {
        let generation = generation::open_current(root)?
            .with_context(|| format!("no index in {}; run `atd-atlas index`", root.display()))?;
        Ok(SearchIndex {
            root: root.to_path_buf(),
            live: ArcSwap::from_pointee(generation),
            synonyms: Synonyms::default(),
        })
    }

    /// The same index, widening searches with a synonyms table.
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> SearchIndex {
        self.synonyms = synonyms;
        self
    }

    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    pub fn generation(&self) -> Arc<Generation> {
        self.live.load_full()
    }

    /// Switches to a newer generation if `CURRENT` moved; returns whether it did.
    /// A damaged new generation is not taken: the live one keeps serving.
    pub fn reload_if_changed(&self) -> anyhow::Result<bool> {
        let Some(current) = generation::current(&self.root)? else {
            return Ok(false);
        };
        if current == self.live.load().info.generation {
            return Ok(false);
        }
        let next = generation::open(&self.root, current)?;
        tracing::info!(generation = current, "switched to a new index generation");
        self.live.store(Arc::new(next));
        Ok(true)
    }

    /// Runs a search on one consistent snapshot of the live generation.
    pub fn search(&self, q: &SearchQuery) -> anyhow::Result<SearchResults> {
        let generation = self.live.load_full();
        search_generation(&generation, q, &self.synonyms, Counts::Cached, Ranges::Skip)
    }

    /// The same search with the figures behind the search page's range pictures.
    pub fn search_with_ranges(&self, q: &SearchQuery) -> anyhow::Result<SearchResults> {
        let generation = self.live.load_full();
        search_generation(
            &generation,
            q,
            &self.synonyms,
            Counts::Cached,
            Ranges::Collect,
        )
    }

    /// The same search, counting a browse page's facets afresh instead of reusing the
    /// generation's cached counts (for benchmarks and tests that compare the two).
    pub fn search_uncached(&self, q: &SearchQuery) -> anyhow::Result<SearchResults> {
        let generation = self.live.load_full();
        search_generation(&generation, q, &self.synonyms, Counts::Fresh, Ranges::Skip)
    }

    /// Every id the search matches on one generation, with the store release (import
    /// generation) that generation was built from, so an export can check its database
    /// snapshot against it.
    pub fn all_ids_with_source(&self, q: &SearchQuery) -> anyhow::Result<(i64, Vec<String>)> {
        let generation = self.live.load_full();
        let limit = usize::try_from(generation.info.practices).unwrap_or(usize::MAX);
        let ids = self.ids_in(&generation, q, limit)?;
        Ok((generation.info.data_generation, ids))
    }

    fn ids_in(
        &self,
        generation: &Generation,
        q: &SearchQuery,
        limit: usize,
    ) -> anyhow::Result<Vec<String>> {
        let searcher = generation.reader.searcher();
        let (clauses, _) = query::clauses(&q.text);
        let clauses = self.synonyms.expand(clauses);
        let (_, query) = Matching::choose(&searcher, generation, q, &clauses)?;
        let docs = top_docs(&searcher, query.as_ref(), q.sort, q.lang, limit.max(1), 0)?;
        docs.iter()
            .map(|(_, addr)| stored_id(&searcher, generation, *addr))
            .collect()
    }
}

fn search_generation(
    g: &Generation,
    q: &SearchQuery,
    synonyms: &Synonyms,
    counts: Counts,
    ranges: Ranges,
) -> anyhow::Result<SearchResults> {
    let searcher = g.reader.searcher();
    let (clauses, warnings) = query::clauses(&q.text);
    let clauses = synonyms.expand(clauses);
    let tally = if counts == Counts::Cached && counts_everything(q, &clauses) {
        browse_tally(&searcher, g, q, ranges)?
    } else {
        tally(&searcher, g, q, &clauses, ranges)?
    };

    let per_page = q.per_page.clamp(1, query::MAX_PER_PAGE);
    let offset = q.offset().min(query::MAX_OFFSET);
    let docs = top_docs(
        &searcher,
        tally.query.as_ref(),
        q.sort,
        q.lang,
        per_page,
        offset,
    )?;

    let snippets = Snippets::new(
        &searcher,
        tally.query.as_ref(),
        g,
        !clauses.is_empty(),
        q.lang,
    )?;
    let mut hits = Vec::with_capacity(docs.len());
    for (score, addr) in docs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let id = text_value(&doc, g.fields.id);
        let snippet = snippets.cut(&doc, &g.fields);
        hits.push(Hit { id, score, snippet });
    }
    Ok(SearchResults {
        total: tally.total,
        hits,
        facets: tally.facets,
        warnings,
        relaxed: tally.matching.min_words.is_some() && tally.total > 0,
        generation: g.info.generation,
        ranges: tally.ranges,
    })
}

fn stored_id(searcher: &Searcher, g: &Generation, addr: DocAddress) -> anyhow::Result<String> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    Ok(text_value(&doc, g.fields.id))
}
