//! Counting a search: the total, the facet counts (disjunctive: a facet with a selection is
//! counted without its own filter), the figures behind the range pictures, and a browse
//! page's counts cached per generation.

use std::sync::Arc;

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentReader};

use super::facet_ords::{FacetTallies, FacetTally};
use super::generation::{self, Generation};
use super::matching::Matching;
use super::query::{Clause, Range, SearchQuery};
use super::results::{FacetCounts, FacetValue, RangeValues};
use super::schema::{COMPLIANCE, COST_USD, FacetName};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Counts {
    Cached,
    Fresh,
}

/// Whether a search also gathers the figures behind the range pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ranges {
    Collect,
    Skip,
}

/// True when a search counts every document: its counts are the same until the next generation.
pub(super) fn counts_everything(q: &SearchQuery, clauses: &[Clause]) -> bool {
    clauses.is_empty()
        && q.filters.values().all(Vec::is_empty)
        && q.cost_usd.is_open()
        && q.start_year.is_open()
        && q.compliance.is_open()
        && q.outcome.is_open()
}

/// What a search counted: how it matched, its query, and the figures around its results.
pub(super) struct Tally {
    pub(super) matching: Matching,
    pub(super) query: Box<dyn Query>,
    pub(super) total: usize,
    pub(super) facets: Vec<FacetCounts>,
    pub(super) ranges: Option<Arc<RangeValues>>,
}

/// A browse page's tally: the generation's cached counts and figures, taken once.
pub(super) fn browse_tally(
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
pub(super) fn tally(
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
        FacetTally::new(&g.facet_ords, open.iter().copied()),
        figures(q.cost_usd.is_open(), COST_USD),
        figures(q.compliance.is_open(), COMPLIANCE),
    );
    let mut matching = Matching::EXACT;
    let mut query = matching.query(g, searcher, q, clauses, None);
    let mut fruit = searcher.search(query.as_ref(), &collectors)?;
    if fruit.0 == 0 {
        // Each fallback is counted in the full pass at once: a pass that finds nothing costs
        // little (the facet counts are arrays by ordinal), while a count first would stream
        // every forgiving word's automaton twice on the fallback that matches.
        for next in Matching::fallbacks(clauses) {
            if !next.worth_trying(g, searcher, clauses) {
                continue;
            }
            matching = next;
            query = matching.query(g, searcher, q, clauses, None);
            fruit = searcher.search(query.as_ref(), &collectors)?;
            if fruit.0 > 0 {
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
            let fruit =
                searcher.search(without.as_ref(), &FacetTally::new(&g.facet_ords, [facet]))?;
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

fn facet_values(fruit: &FacetTallies, facet: FacetName, selected: &[String]) -> Vec<FacetValue> {
    let mut values: Vec<FacetValue> = fruit
        .of(facet)
        .map(|(value, count)| FacetValue {
            selected: selected.iter().any(|s| s == value),
            value: value.to_string(),
            count,
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
