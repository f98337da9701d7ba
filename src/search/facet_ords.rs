//! Facet counts by term ordinal: each segment's ordinal → (facet, value) table is read once
//! per generation, so a search counts into an array and never decodes a facet term.
//!
//! tantivy's `FacetCollector` walks the facet dictionary when it starts on a segment and
//! decodes every counted term when it finishes: on every search, about a fifth of a browse
//! search's instructions (BENCHMARKS.md, "Where the time goes"). The terms only change with
//! the documents, so the table belongs to the generation.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::schema::{FACETS, FacetName};

/// What each facet ordinal of a segment names: a facet and one of its values, or nothing
/// (a facet's root, which documents never count towards).
type OrdTable = Vec<Option<(FacetName, Arc<str>)>>;

/// The ordinal tables of a generation's segments, read on first use.
#[derive(Default)]
pub(super) struct OrdTables {
    by_segment: Mutex<HashMap<SegmentId, Arc<OrdTable>>>,
}

impl OrdTables {
    fn of(&self, segment: &SegmentReader) -> tantivy::Result<Arc<OrdTable>> {
        let id = segment.segment_id();
        let mut tables = self
            .by_segment
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(table) = tables.get(&id) {
            return Ok(table.clone());
        }
        let table = Arc::new(read_table(segment)?);
        tables.insert(id, table.clone());
        Ok(table)
    }
}

fn read_table(segment: &SegmentReader) -> tantivy::Result<OrdTable> {
    let reader = segment.facet_reader(FACETS)?;
    let mut facet = Facet::root();
    let mut table = Vec::with_capacity(reader.num_facets());
    for ord in 0..reader.num_facets() as u64 {
        reader.facet_from_ord(ord, &mut facet)?;
        table.push(facet_value(&facet));
    }
    Ok(table)
}

/// `/country/MX` → (Country, "MX"); roots and unknown paths → `None`.
fn facet_value(facet: &Facet) -> Option<(FacetName, Arc<str>)> {
    let path = facet.to_path();
    let [root, value] = path.as_slice() else {
        return None;
    };
    let name = FacetName::from_param(root)?;
    Some((name, Arc::from(*value)))
}

/// How many matches have each value of each facet (`FacetName::ALL` order).
#[derive(Debug, Default)]
pub(super) struct FacetTallies {
    counts: Vec<HashMap<Arc<str>, u64>>,
}

impl FacetTallies {
    /// The counted values of `facet` (values no match has are absent).
    pub(super) fn of(&self, facet: FacetName) -> impl Iterator<Item = (&str, u64)> {
        self.counts
            .get(slot(facet))
            .into_iter()
            .flat_map(|values| values.iter().map(|(v, n)| (v.as_ref(), *n)))
    }
}

fn slot(facet: FacetName) -> usize {
    FacetName::ALL.iter().position(|f| *f == facet).unwrap_or(0)
}

/// Counts the values of `facets` over a search's matches.
pub(super) struct FacetTally<'a> {
    tables: &'a OrdTables,
    wanted: [bool; FacetName::ALL.len()],
}

impl<'a> FacetTally<'a> {
    pub(super) fn new(
        tables: &'a OrdTables,
        facets: impl IntoIterator<Item = FacetName>,
    ) -> FacetTally<'a> {
        let mut wanted = [false; FacetName::ALL.len()];
        for facet in facets {
            wanted[slot(facet)] = true;
        }
        FacetTally { tables, wanted }
    }
}

pub(super) struct SegmentFacetTally {
    column: Option<StrColumn>,
    table: Arc<OrdTable>,
    wanted: [bool; FacetName::ALL.len()],
    counts: Vec<u32>,
}

impl Collector for FacetTally<'_> {
    type Fruit = FacetTallies;
    type Child = SegmentFacetTally;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetTally> {
        let table = self.tables.of(reader)?;
        let column = reader.fast_fields().str(FACETS)?;
        Ok(SegmentFacetTally {
            counts: vec![0; table.len()],
            column,
            table,
            wanted: self.wanted,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetTallies>) -> tantivy::Result<FacetTallies> {
        let mut merged = FacetTallies {
            counts: vec![HashMap::new(); FacetName::ALL.len()],
        };
        for fruit in fruits {
            for (slot, values) in fruit.counts.into_iter().enumerate() {
                for (value, n) in values {
                    *merged.counts[slot].entry(value).or_default() += n;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetTally {
    type Fruit = FacetTallies;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(column) = &self.column else {
            return;
        };
        for ord in column.ords().values_for_doc(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> FacetTallies {
        let mut counts = vec![HashMap::new(); FacetName::ALL.len()];
        for (ord, n) in self.counts.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let Some(Some((facet, value))) = self.table.get(ord) else {
                continue;
            };
            let slot = slot(*facet);
            if self.wanted[slot] {
                counts[slot].insert(value.clone(), u64::from(*n));
            }
        }
        FacetTallies { counts }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;

    use super::*;
    use crate::config::Paths;
    use crate::search::generation;

    /// The counts tantivy's own collector gives, in the same shape.
    fn tantivy_counts(
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        facet: FacetName,
    ) -> Vec<(String, u64)> {
        let mut collector = FacetCollector::for_field(FACETS);
        collector.add_facet(facet.root());
        let counts = searcher.search(query, &collector).unwrap();
        let mut out: Vec<(String, u64)> = counts
            .get(facet.root())
            .map(|(f, n)| (f.to_path().last().unwrap().to_string(), n))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn counts_equal_tantivys_facet_collector_on_the_shipped_data() {
        let dir = tempfile::tempdir().unwrap();
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let paths = Paths {
            data_dir: repo.join("data"),
            db: dir.path().join("atlas.sqlite3"),
            index_dir: dir.path().join("index"),
        };
        crate::cli::import_and_index(&paths, &repo.join("data/practices.csv")).unwrap();
        let current = generation::current(&paths.index_dir).unwrap().unwrap();
        let g = generation::open(&paths.index_dir, current).unwrap();
        let searcher = g.reader.searcher();
        let children = TermQuery::new(
            tantivy::Term::from_facet(g.fields.facets, &FacetName::Population.facet("children")),
            IndexRecordOption::Basic,
        );
        let queries: [&dyn Query; 2] = [&AllQuery, &children];
        for query in queries {
            // Twice: the second search reads the tables the first one built.
            for _ in 0..2 {
                let ours = searcher
                    .search(query, &FacetTally::new(&g.facet_ords, FacetName::ALL))
                    .unwrap();
                for facet in FacetName::ALL {
                    let mut mine: Vec<(String, u64)> =
                        ours.of(facet).map(|(v, n)| (v.to_string(), n)).collect();
                    mine.sort();
                    assert!(!mine.is_empty(), "{facet:?} has values");
                    assert_eq!(mine, tantivy_counts(&searcher, query, facet), "{facet:?}");
                }
            }
        }
        // A facet not asked for is not counted.
        let only = searcher
            .search(
                &AllQuery,
                &FacetTally::new(&g.facet_ords, [FacetName::Country]),
            )
            .unwrap();
        assert_eq!(only.of(FacetName::Kind).count(), 0);
        assert!(only.of(FacetName::Country).count() > 50);
    }
}
