//! How a search's words are matched, beside the query builder that builds each way: exactly
//! first, forgiving typos when nothing matched, then by most of the words of a sentence.

use tantivy::Searcher;
use tantivy::collector::Count;
use tantivy::query::Query;

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
        self.builder(g, searcher)
            .build_matching(q, clauses, without, self.min_words)
    }
}
