//! Full-text and faceted search over the practices: the only module that names tantivy.

pub mod generation;
pub mod query;
pub mod readonly;
pub mod schema;
pub mod stem_cache;
pub mod synonyms;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use arc_swap::ArcSwap;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument};

pub use generation::{BuildInfo, Generation};
pub use query::{Clause, Range, SearchQuery, Sort};
pub use schema::FacetName;
pub use synonyms::{SynonymGroup, Synonyms};

use crate::model::Lang;
use query::QueryBuilder;
use schema::{COST_USD, COUNTRY_RANK, START_YEAR, TextPart};

const SNIPPET_CHARS: usize = 220;

/// A highlighted excerpt: the text and the byte ranges of matched words in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<std::ops::Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: FacetName,
    /// Most frequent first; selected values are always listed, even at zero.
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCounts>,
    /// Things the user should know about how their search was read (never errors).
    pub warnings: Vec<String>,
    /// Nothing had every word, so these results have most of them (see
    /// [`query::relaxed_minimum`]); the page says so.
    pub relaxed: bool,
    pub generation: u64,
}

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
        search_generation(&generation, q, &self.synonyms, Counts::Cached)
    }

    /// The same search, counting a browse page's facets afresh instead of reusing the
    /// generation's cached counts (for benchmarks and tests that compare the two).
    pub fn search_uncached(&self, q: &SearchQuery) -> anyhow::Result<SearchResults> {
        let generation = self.live.load_full();
        search_generation(&generation, q, &self.synonyms, Counts::Fresh)
    }

    /// The ids of every practice the search matches, in the search's order (for exports).
    pub fn all_ids(&self, q: &SearchQuery, limit: usize) -> anyhow::Result<Vec<String>> {
        let generation = self.live.load_full();
        let searcher = generation.reader.searcher();
        let (clauses, _) = query::clauses(&q.text);
        let clauses = self.synonyms.expand(clauses);
        let matching = Matching::choose(&searcher, &generation, q, &clauses)?;
        let query =
            matching
                .builder(&generation)
                .build_matching(q, &clauses, None, matching.min_words);
        let docs = top_docs(&searcher, query.as_ref(), q.sort, limit.max(1), 0)?;
        docs.iter()
            .map(|(_, addr)| stored_id(&searcher, &generation, *addr))
            .collect()
    }
}

/// How a search's words are matched, decided once per search so that results, counts and
/// exports agree: exactly first; forgiving typos when nothing matches exactly; by most of
/// the words when a sentence still matches nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Matching {
    typos: bool,
    min_words: Option<usize>,
}

impl Matching {
    fn choose(
        searcher: &Searcher,
        g: &Generation,
        q: &SearchQuery,
        clauses: &[Clause],
    ) -> anyhow::Result<Matching> {
        let exact = Matching {
            typos: false,
            min_words: None,
        };
        if clauses.is_empty() || exact.count(searcher, g, q, clauses)? > 0 {
            return Ok(exact);
        }
        let forgiving = Matching {
            typos: true,
            min_words: None,
        };
        if forgiving.count(searcher, g, q, clauses)? > 0
            || !(3..=query::MAX_RELAXED_CLAUSES).contains(&clauses.len())
        {
            return Ok(forgiving);
        }
        // A sentence rarely has every word in one record: settle for most of them.
        Ok(Matching {
            typos: true,
            min_words: Some(query::relaxed_minimum(clauses)),
        })
    }

    fn builder<'a>(&self, g: &'a Generation) -> QueryBuilder<'a> {
        let builder = QueryBuilder::new(&g.index, &g.fields);
        if self.typos { builder } else { builder.exact() }
    }

    fn count(
        &self,
        searcher: &Searcher,
        g: &Generation,
        q: &SearchQuery,
        clauses: &[Clause],
    ) -> anyhow::Result<usize> {
        let query = self
            .builder(g)
            .build_matching(q, clauses, None, self.min_words);
        Ok(searcher.search(query.as_ref(), &Count)?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counts {
    Cached,
    Fresh,
}

/// True when a search counts every document: its counts are the same until the next generation.
fn counts_everything(q: &SearchQuery, clauses: &[Clause]) -> bool {
    clauses.is_empty()
        && q.filters.values().all(Vec::is_empty)
        && q.cost_usd.is_open()
        && q.start_year.is_open()
        && q.compliance.is_open()
}

fn search_generation(
    g: &Generation,
    q: &SearchQuery,
    synonyms: &Synonyms,
    counts: Counts,
) -> anyhow::Result<SearchResults> {
    let searcher = g.reader.searcher();
    let (clauses, warnings) = query::clauses(&q.text);
    let clauses = synonyms.expand(clauses);
    let cached = counts == Counts::Cached && counts_everything(q, &clauses);
    let matching = if cached {
        Matching {
            typos: false,
            min_words: None,
        }
    } else {
        Matching::choose(&searcher, g, q, &clauses)?
    };
    let min_words = matching.min_words;
    let builder = matching.builder(g);
    let query = builder.build_matching(q, &clauses, None, min_words);
    let (total, facets) = if cached {
        let cached = match g.browse_counts.get() {
            Some(cached) => cached,
            None => {
                let (total, facets) = count(&searcher, &builder, q, &clauses, None)?;
                g.browse_counts
                    .get_or_init(|| generation::BrowseCounts { total, facets })
            }
        };
        (cached.total, cached.facets.clone())
    } else {
        count(&searcher, &builder, q, &clauses, min_words)?
    };

    let per_page = q.per_page.clamp(1, query::MAX_PER_PAGE);
    let offset = q.offset().min(query::MAX_OFFSET);
    let docs = top_docs(&searcher, query.as_ref(), q.sort, per_page, offset)?;

    let snippets = Snippets::new(&searcher, query.as_ref(), g, !clauses.is_empty())?;
    let mut hits = Vec::with_capacity(docs.len());
    for (score, addr) in docs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let id = text_value(&doc, g.fields.id);
        let snippet = snippets.cut(&text_value(&doc, g.fields.snippet));
        hits.push(Hit { id, score, snippet });
    }
    Ok(SearchResults {
        total,
        hits,
        facets,
        warnings,
        relaxed: min_words.is_some() && total > 0,
        generation: g.info.generation,
    })
}

/// The number of matches and every facet's counts, on one searcher; `min_words` as in
/// [`QueryBuilder::build_matching`].
fn count(
    searcher: &Searcher,
    builder: &QueryBuilder<'_>,
    q: &SearchQuery,
    clauses: &[Clause],
    min_words: Option<usize>,
) -> anyhow::Result<(usize, Vec<FacetCounts>)> {
    let query = builder.build_matching(q, clauses, None, min_words);
    let facets_collector = facet_collector(FacetName::ALL.iter().copied());
    let (total, facet_fruit) = searcher.search(query.as_ref(), &(Count, facets_collector))?;
    let mut facets = Vec::with_capacity(FacetName::ALL.len());
    for facet in FacetName::ALL {
        // Disjunctive counts: a facet with a selection is counted without its own filter,
        // so its other values still show what choosing them would add.
        let counts = if q.selected(facet).is_empty() {
            facet_values(&facet_fruit, facet, &[])
        } else {
            let without = builder.build_matching(q, clauses, Some(facet), min_words);
            let fruit = searcher.search(without.as_ref(), &facet_collector([facet]))?;
            facet_values(&fruit, facet, q.selected(facet))
        };
        facets.push(FacetCounts {
            facet,
            values: counts,
        });
    }
    Ok((total, facets))
}

fn facet_collector(facets: impl IntoIterator<Item = FacetName>) -> FacetCollector {
    let mut collector = FacetCollector::for_field("facets");
    for facet in facets {
        collector.add_facet(facet.root());
    }
    collector
}

fn facet_values(
    fruit: &tantivy::collector::FacetCounts,
    facet: FacetName,
    selected: &[String],
) -> Vec<FacetValue> {
    let mut values: Vec<FacetValue> = fruit
        .get(facet.root())
        .filter_map(|(f, count)| {
            let value = f.to_path().last()?.to_string();
            Some(FacetValue {
                selected: selected.contains(&value),
                value,
                count,
            })
        })
        .collect();
    for value in selected {
        if !values.iter().any(|v| &v.value == value) {
            values.push(FacetValue {
                value: value.clone(),
                count: 0,
                selected: true,
            });
        }
    }
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values
}

/// Top documents in the requested order. Documents missing the sort value come last.
fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    limit: usize,
    offset: usize,
) -> anyhow::Result<Vec<(Score, DocAddress)>> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    if sort == Sort::Relevance {
        return Ok(searcher.search(query, &top.order_by_score())?);
    }
    let keyed = top.tweak_score(move |segment: &SegmentReader| {
        let key = SortKey::for_segment(segment, sort);
        move |doc: DocId, score: Score| key.of(doc, score)
    });
    let docs = searcher.search(query, &keyed)?;
    Ok(docs.into_iter().map(|(key, addr)| (key.1, addr)).collect())
}

/// Reads the fast field a sort needs, per segment.
enum SortKey {
    Cost(tantivy::columnar::Column<f64>, bool),
    Year(tantivy::columnar::Column<i64>),
    Country(tantivy::columnar::Column<u64>),
    Missing,
}

impl SortKey {
    fn for_segment(segment: &SegmentReader, sort: Sort) -> SortKey {
        let fast = segment.fast_fields();
        let found = match sort {
            Sort::CostAsc => fast.f64(COST_USD).map(|c| SortKey::Cost(c, true)),
            Sort::CostDesc => fast.f64(COST_USD).map(|c| SortKey::Cost(c, false)),
            Sort::Newest => fast.i64(START_YEAR).map(SortKey::Year),
            Sort::Country => fast.u64(COUNTRY_RANK).map(SortKey::Country),
            Sort::Relevance => return SortKey::Missing,
        };
        found.unwrap_or(SortKey::Missing)
    }

    /// (ordering key, relevance); larger keys first, missing values below every real one.
    fn of(&self, doc: DocId, score: Score) -> (f64, Score) {
        let key = match self {
            SortKey::Cost(col, ascending) => {
                col.first(doc).map(|v| if *ascending { -v } else { v })
            }
            SortKey::Year(col) => col.first(doc).map(|v| v as f64),
            SortKey::Country(col) => col.first(doc).map(|v| -(v as f64)),
            SortKey::Missing => None,
        };
        (key.unwrap_or(f64::NEG_INFINITY), score)
    }
}

/// Cuts highlighted excerpts, trying each language's analysis of the query.
struct Snippets {
    generators: Vec<SnippetGenerator>,
}

impl Snippets {
    fn new(
        searcher: &Searcher,
        query: &dyn Query,
        g: &Generation,
        has_text: bool,
    ) -> anyhow::Result<Snippets> {
        let mut generators = Vec::new();
        if has_text {
            for lang in Lang::ALL {
                let field = g.fields.text_field(TextPart::Body, lang);
                let mut generator = SnippetGenerator::create(searcher, query, field)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                generators.push(generator);
            }
        }
        Ok(Snippets { generators })
    }

    /// The first language whose analysis highlights something wins. English goes first
    /// because the records are written in English; cutting every language for every hit
    /// was over half of a keyword page's CPU (BENCHMARKS.md, "Where the time goes").
    fn cut(&self, text: &str) -> Snippet {
        let highlighted = self
            .generators
            .iter()
            .map(|g| g.snippet(text))
            .find(|s| !s.highlighted().is_empty());
        match highlighted {
            Some(s) => Snippet {
                text: s.fragment().to_string(),
                highlights: s.highlighted().to_vec(),
            },
            None => Snippet {
                text: leading_chars(text, SNIPPET_CHARS),
                highlights: Vec::new(),
            },
        }
    }
}

fn leading_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let at_word = head.rfind(' ').unwrap_or(cut);
            format!("{}…", head[..at_word].trim_end())
        }
    }
}

fn text_value(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn stored_id(searcher: &Searcher, g: &Generation, addr: DocAddress) -> anyhow::Result<String> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    Ok(text_value(&doc, g.fields.id))
}
