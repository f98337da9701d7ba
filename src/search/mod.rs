//! Full-text and faceted search over the practices: the only module that names tantivy.

pub mod generation;
pub mod query;
pub mod readonly;
pub mod results;
pub mod schema;
pub mod stem_cache;
pub mod suggest;
pub mod synonyms;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use arc_swap::ArcSwap;
use tantivy::collector::{Collector, Count, FacetCollector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, TantivyDocument};

pub use generation::{BuildInfo, Generation};
pub use query::{Clause, Range, RangeLimit, Reading, SearchQuery, Sort};
pub use results::{FacetCounts, FacetValue, Hit, RangeValues, SearchResults, Snippet};
pub use schema::FacetName;
pub use synonyms::{SynonymGroup, Synonyms};

use crate::model::Lang;
use query::QueryBuilder;
use schema::{COMPLIANCE, COST_USD, COUNTRY_RANK, START_YEAR, TextPart};

const SNIPPET_CHARS: usize = 220;

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
        let docs = top_docs(&searcher, query.as_ref(), q.sort, limit.max(1), 0)?;
        docs.iter()
            .map(|(_, addr)| stored_id(&searcher, generation, *addr))
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
    const EXACT: Matching = Matching {
        typos: false,
        min_words: None,
    };

    /// What to try, in order, when the previous way matched nothing.
    fn fallbacks(clauses: &[Clause]) -> Vec<Matching> {
        if clauses.is_empty() {
            return Vec::new();
        }
        let mut next = vec![Matching {
            typos: true,
            min_words: None,
        }];
        // A sentence rarely has every word in one record, and a reader's two words may be
        // one the records use and one they do not: settle for most of them.
        if (2..=query::MAX_RELAXED_CLAUSES).contains(&clauses.len())
            && let Some(min_words) = query::relaxed_minimum(clauses)
        {
            next.push(Matching {
                typos: true,
                min_words: Some(min_words),
            });
        }
        next
    }

    /// The first way that matches anything (else the last one tried), with its query.
    fn choose(
        searcher: &Searcher,
        g: &Generation,
        q: &SearchQuery,
        clauses: &[Clause],
    ) -> anyhow::Result<(Matching, Box<dyn Query>)> {
        let mut matching = Matching::EXACT;
        let mut query = matching.query(g, searcher, q, clauses, None);
        for next in Matching::fallbacks(clauses) {
            if searcher.search(query.as_ref(), &Count)? > 0 {
                break;
            }
            if !next.worth_trying(g, searcher, clauses) {
                continue;
            }
            matching = next;
            query = matching.query(g, searcher, q, clauses, None);
        }
        Ok((matching, query))
    }

    fn builder<'a>(&self, g: &'a Generation, searcher: &'a Searcher) -> QueryBuilder<'a> {
        let builder = QueryBuilder::new(&g.index, &g.fields);
        if self.typos {
            builder.typos_in_unknown_words(searcher)
        } else {
            builder.exact()
        }
    }

    /// Whether this way can match what the exact way did not: forgiving typos with every
    /// word known to the index is the exact search again, and is skipped.
    fn worth_trying(&self, g: &Generation, searcher: &Searcher, clauses: &[Clause]) -> bool {
        self.min_words.is_some() || self.builder(g, searcher).forgives_any(clauses)
    }

    /// The search's query matched this way, optionally without one facet's filter.
    fn query(
        &self,
        g: &Generation,
        searcher: &Searcher,
        q: &SearchQuery,
        clauses: &[Clause],
        without: Option<FacetName>,
    ) -> Box<dyn Query> {
        self.builder(g, searcher)
            .build_matching(q, clauses, without, self.min_words)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counts {
    Cached,
    Fresh,
}

/// Whether a search also gathers the figures behind the range pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ranges {
    Collect,
    Skip,
}

/// True when a search counts every document: its counts are the same until the next generation.
fn counts_everything(q: &SearchQuery, clauses: &[Clause]) -> bool {
    clauses.is_empty()
        && q.filters.values().all(Vec::is_empty)
        && q.cost_usd.is_open()
        && q.start_year.is_open()
        && q.compliance.is_open()
}

/// What a search counted: how it matched, its query, and the figures around its results.
struct Tally {
    matching: Matching,
    query: Box<dyn Query>,
    total: usize,
    facets: Vec<FacetCounts>,
    ranges: Option<Arc<RangeValues>>,
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
    let docs = top_docs(&searcher, tally.query.as_ref(), q.sort, per_page, offset)?;

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

/// A browse page's tally: the generation's cached counts and figures, taken once.
fn browse_tally(
    searcher: &Searcher,
    g: &Generation,
    q: &SearchQuery,
    ranges: Ranges,
) -> anyhow::Result<Tally> {
    let cached = match g.browse_counts.get() {
        Some(cached) => cached,
        None => {
            let fresh = tally(searcher, g, q, &[], Ranges::Collect)?;
            g.browse_counts.get_or_init(|| generation::BrowseCounts {
                total: fresh.total,
                facets: fresh.facets,
                ranges: fresh.ranges.unwrap_or_default(),
            })
        }
    };
    Ok(Tally {
        matching: Matching::EXACT,
        query: Matching::EXACT.query(g, searcher, q, &[], None),
        total: cached.total,
        facets: cached.facets.clone(),
        ranges: (ranges == Ranges::Collect).then(|| cached.ranges.clone()),
    })
}

/// Counts a search in one pass over its matches — the total, the facets without a selection
/// and the open ranges' figures — trying the next way of matching only when nothing matched;
/// then one more pass per facet with a selection and per range that is set, each without its
/// own filter.
fn tally(
    searcher: &Searcher,
    g: &Generation,
    q: &SearchQuery,
    clauses: &[Clause],
    ranges: Ranges,
) -> anyhow::Result<Tally> {
    let open: Vec<FacetName> = FacetName::ALL
        .into_iter()
        .filter(|f| q.selected(*f).is_empty())
        .collect();
    let figures = |wanted: bool, field: &'static str| {
        (ranges == Ranges::Collect && wanted).then_some(Figures { field })
    };
    let collectors = (
        Count,
        facet_collector(open.iter().copied()),
        figures(q.cost_usd.is_open(), COST_USD),
        figures(q.compliance.is_open(), COMPLIANCE),
    );
    let mut matching = Matching::EXACT;
    let mut query = matching.query(g, searcher, q, clauses, None);
    let mut fruit = searcher.search(query.as_ref(), &collectors)?;
    if fruit.0 == 0 {
        // Counting alone tells whether a fallback matches; the full pass (facets, figures)
        // costs its set-up even on no matches, so it runs once, on the one that does.
        for next in Matching::fallbacks(clauses) {
            if !next.worth_trying(g, searcher, clauses) {
                continue;
            }
            matching = next;
            query = matching.query(g, searcher, q, clauses, None);
            if searcher.search(query.as_ref(), &Count)? > 0 {
                fruit = searcher.search(query.as_ref(), &collectors)?;
                break;
            }
        }
    }
    let (total, open_counts, cost, compliance) = fruit;

    let mut facets = Vec::with_capacity(FacetName::ALL.len());
    for facet in FacetName::ALL {
        // Disjunctive counts: a facet with a selection is counted without its own filter,
        // so its other values still show what choosing them would add.
        let values = if open.contains(&facet) {
            facet_values(&open_counts, facet, &[])
        } else {
            let without = matching.query(g, searcher, q, clauses, Some(facet));
            let fruit = searcher.search(without.as_ref(), &facet_collector([facet]))?;
            facet_values(&fruit, facet, q.selected(facet))
        };
        facets.push(FacetCounts { facet, values });
    }

    let ranges = match ranges {
        Ranges::Skip => None,
        Ranges::Collect => {
            let leave_out = |field: &'static str, widen: fn(&mut SearchQuery)| {
                let mut wider = q.clone();
                widen(&mut wider);
                let query = matching.query(g, searcher, &wider, clauses, None);
                searcher.search(query.as_ref(), &Figures { field })
            };
            let (cost, cost_of) = match cost {
                Some(found) => found,
                None => leave_out(COST_USD, |w| w.cost_usd = Range::default())?,
            };
            let (compliance, compliance_of) = match compliance {
                Some(found) => found,
                None => leave_out(COMPLIANCE, |w| w.compliance = Range::default())?,
            };
            Some(Arc::new(RangeValues {
                cost,
                cost_of,
                compliance,
                compliance_of,
            }))
        }
    };
    Ok(Tally {
        matching,
        query,
        total,
        facets,
        ranges,
    })
}

fn facet_collector(facets: impl IntoIterator<Item = FacetName>) -> FacetCollector {
    let mut collector = FacetCollector::for_field("facets");
    for facet in facets {
        collector.add_facet(facet.root());
    }
    collector
}

/// Gathers one number fast field's values over the matches, and how many matched.
struct Figures {
    field: &'static str,
}

struct SegmentFigures {
    column: Option<Column<f64>>,
    values: Vec<f64>,
    matched: usize,
}

impl Collector for Figures {
    type Fruit = (Vec<f64>, usize);
    type Child = SegmentFigures;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFigures> {
        Ok(SegmentFigures {
            column: reader.fast_fields().f64(self.field).ok(),
            values: Vec::new(),
            matched: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(Vec<f64>, usize)>) -> tantivy::Result<(Vec<f64>, usize)> {
        let mut values = Vec::with_capacity(fruits.iter().map(|(v, _)| v.len()).sum());
        let mut matched = 0;
        for (segment_values, segment_matched) in fruits {
            values.extend(segment_values);
            matched += segment_matched;
        }
        Ok((values, matched))
    }
}

impl SegmentCollector for SegmentFigures {
    type Fruit = (Vec<f64>, usize);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.matched += 1;
        if let Some(value) = self.column.as_ref().and_then(|c| c.first(doc)) {
            self.values.push(value);
        }
    }

    fn harvest(self) -> (Vec<f64>, usize) {
        (self.values, self.matched)
    }
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
    generators: Vec<(Lang, SnippetGenerator)>,
    /// The reader's language: its translation of a record is tried first.
    reader: Lang,
}

impl Snippets {
    fn new(
        searcher: &Searcher,
        query: &dyn Query,
        g: &Generation,
        has_text: bool,
        reader: Lang,
    ) -> anyhow::Result<Snippets> {
        let mut generators = Vec::new();
        if has_text {
            for lang in Lang::ALL {
                let field = g.fields.text_field(TextPart::Body, lang);
                let mut generator = SnippetGenerator::create(searcher, query, field)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                generators.push((lang, generator));
            }
        }
        Ok(Snippets { generators, reader })
    }

    /// A reader of Spanish or French gets the record's translation, highlighted by her
    /// language's analysis, when it has her words. Otherwise the first language whose analysis
    /// highlights something in the English wins; English goes first because every record has
    /// an English text, so one pass usually finds the words (snippets are a large part of a
    /// new search page's CPU: BENCHMARKS.md, "Where the time goes").
    fn cut(&self, doc: &TantivyDocument, fields: &schema::Fields) -> Snippet {
        let english = text_value(doc, fields.snippet_field(Lang::En));
        let translated = (self.reader != Lang::En)
            .then(|| text_value(doc, fields.snippet_field(self.reader)))
            .filter(|t| !t.is_empty());
        if let Some(text) = &translated
            && let Some(snippet) = self.highlight(text, self.reader, &[self.reader])
        {
            return snippet;
        }
        if let Some(snippet) = self.highlight(&english, Lang::En, &Lang::ALL) {
            return snippet;
        }
        match translated {
            Some(text) => Snippet {
                text: leading_chars(&text, SNIPPET_CHARS),
                highlights: Vec::new(),
                lang: self.reader,
            },
            None => Snippet {
                text: leading_chars(&english, SNIPPET_CHARS),
                highlights: Vec::new(),
                lang: Lang::En,
            },
        }
    }

    /// `text` (in `lang`) cut around the first highlight of the analyses of `analyses`.
    fn highlight(&self, text: &str, lang: Lang, analyses: &[Lang]) -> Option<Snippet> {
        self.generators
            .iter()
            .filter(|(analysis, _)| analyses.contains(analysis))
            .map(|(_, g)| g.snippet(text))
            .find(|s| !s.highlighted().is_empty())
            .map(|s| Snippet {
                text: s.fragment().to_string(),
                highlights: s.highlighted().to_vec(),
                lang,
            })
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
