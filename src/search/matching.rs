//! How a search's words are matched, beside the query builder that builds each way: exactly
//! first, forgiving typos when nothing matched, then by most of the words of a sentence.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::collector::Count;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

use super::generation::Generation;
use super::query::{self, Clause, QueryBuilder, SearchQuery};
use super::schema::FacetName;

/// How a search's words are matched, decided once per search so that results, counts and
/// exports agree: exactly first; forgiving typos when nothing matches exactly; by most of
/// the words when a sentence still matches nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Matching {
    typos: bool,
    pub(super) min_words: Option<usize>,
}

impl Matching {
    pub(super) const EXACT: Matching = Matching {
        typos: false,
        min_words: None,
    };

    /// What to try, in order, when the previous way matched nothing.
    pub(super) fn fallbacks(clauses: &[Clause]) -> Vec<Matching> {
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
    pub(super) fn choose(
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
    pub(super) fn worth_trying(
        &self,
        g: &Generation,
        searcher: &Searcher,
        clauses: &[Clause],
    ) -> bool {
        self.min_words.is_some() || self.builder(g, searcher).forgives_any(clauses)
    }

    /// The search's query matched this way, optionally without one facet's filter.
    pub(super) fn query(
        &self,
        g: &Generation,
        searcher: &Searcher,
        q: &SearchQuery,
        clauses: &[Clause],
        without: Option<FacetName>,
    ) -> Box<dyn Query> {
        let query = self
            .builder(g, searcher)
            .build_matching(q, clauses, without, self.min_words);
        if self.typos {
            Box::new(Remembered::new(query))
        } else {
            query
        }
    }
}

/// A query whose matches (with their scores) are worked out once per segment and replayed
/// to every later pass of the same search: a forgiving query builds a Levenshtein automaton
/// per word and field and streams the term dictionary through it each time it is run, and a
/// search runs its query for the counts and again for the top documents.
#[derive(Debug, Clone)]
struct Remembered {
    inner: Arc<dyn Query>,
    memo: Arc<Mutex<Memo>>,
}

/// The scored matches of each segment, by the boost they were asked with.
type Memo = HashMap<(SegmentId, u32), Arc<Vec<(DocId, Score)>>>;

impl Remembered {
    fn new(inner: Box<dyn Query>) -> Remembered {
        Remembered {
            inner: Arc::from(inner),
            memo: Arc::default(),
        }
    }
}

impl Query for Remembered {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // Always scored (when the searcher is at hand), so that a count's pass can be
        // replayed to the ranking pass; scoring a forgiving query's few matches is cheap.
        let Some(searcher) = scoring.searcher() else {
            return self.inner.weight(scoring);
        };
        Ok(Box::new(RememberedWeight {
            query: Arc::clone(&self.inner),
            searcher: searcher.clone(),
            inner: OnceLock::new(),
            memo: Arc::clone(&self.memo),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// The remembered query's weight, built (automata and all) only when a segment's matches
/// are not remembered yet.
struct RememberedWeight {
    query: Arc<dyn Query>,
    searcher: Searcher,
    inner: OnceLock<Box<dyn Weight>>,
    memo: Arc<Mutex<Memo>>,
}

impl RememberedWeight {
    fn inner(&self) -> tantivy::Result<&dyn Weight> {
        if let Some(weight) = self.inner.get() {
            return Ok(weight.as_ref());
        }
        let weight = self
            .query
            .weight(EnableScoring::enabled_from_searcher(&self.searcher))?;
        Ok(self.inner.get_or_init(|| weight).as_ref())
    }
}

impl Weight for RememberedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let key = (reader.segment_id(), boost.to_bits());
        let known = self.memo.lock().map_err(poisoned)?.get(&key).cloned();
        let matches = match known {
            Some(matches) => matches,
            None => {
                let mut scorer = self.inner()?.scorer(reader, boost)?;
                let mut matches = Vec::new();
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    matches.push((doc, scorer.score()));
                    doc = scorer.advance();
                }
                let matches = Arc::new(matches);
                self.memo
                    .lock()
                    .map_err(poisoned)?
                    .insert(key, Arc::clone(&matches));
                matches
            }
        };
        Ok(Box::new(Replay { matches, at: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner()?.explain(reader, doc)
    }
}

fn poisoned<T>(_: std::sync::PoisonError<T>) -> tantivy::TantivyError {
    tantivy::TantivyError::InternalError("a search's remembered matches were poisoned".into())
}

/// A segment's remembered matches, in document order, as a scorer.
struct Replay {
    matches: Arc<Vec<(DocId, Score)>>,
    at: usize,
}

impl DocSet for Replay {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.matches.len());
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.matches
            .get(self.at)
            .map_or(TERMINATED, |(doc, _)| *doc)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.matches.len() - self.at).unwrap_or(u32::MAX)
    }
}

impl Scorer for Replay {
    fn score(&mut self) -> Score {
        self.matches.get(self.at).map_or(0.0, |(_, score)| *score)
    }
}
