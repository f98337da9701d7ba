//! The top documents of a search in its order: the sort's key, then relevance, then the
//! record id. The last step makes the order the same from one build to the next: the
//! index writer's threads put documents into segments in a varying order, so tantivy's own
//! tie-break (the document's address) gave equal results a different order on every build.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{Query, Weight};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::query::Sort;
use super::schema::{COST_USD, ID, START_YEAR, country_rank_name};
use crate::model::Lang;

/// Top documents in the requested order, `limit` of them after `offset`. Documents missing
/// the sort value come last; equal documents come in the order of their record ids.
pub(super) fn top_docs(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    lang: Lang,
    limit: usize,
    offset: usize,
) -> anyhow::Result<Vec<(Score, DocAddress)>> {
    let limit = limit.max(1);
    let collector = Ranked {
        sort,
        lang,
        wanted: limit.saturating_add(offset),
    };
    let ranked = searcher.search(query, &collector)?;
    Ok(ranked.into_iter().skip(offset).take(limit).collect())
}

/// Collects the best `wanted` documents of each segment, then merges them.
struct Ranked {
    sort: Sort,
    lang: Lang,
    wanted: usize,
}

/// One document in the running: its sort key, its relevance, and its record id's place in
/// its segment's sorted id column (the id's order within the segment, found without reading
/// the id).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    key: f64,
    score: Score,
    id_ord: u64,
    doc: DocId,
}

impl Candidate {
    /// The order of a page: larger keys first, then higher relevance; `Equal` is a tie.
    fn cmp_rank(&self, other: &Candidate) -> Ordering {
        other
            .key
            .total_cmp(&self.key)
            .then_with(|| other.score.total_cmp(&self.score))
    }

    /// The order within one segment, where the id's ordinal is the id's order.
    fn cmp_in_segment(&self, other: &Candidate) -> Ordering {
        self.cmp_rank(other)
            .then_with(|| self.id_ord.cmp(&other.id_ord))
            .then_with(|| self.doc.cmp(&other.doc))
    }
}

struct SegmentRanked {
    key: SortKey,
    ids: Option<StrColumn>,
    wanted: usize,
    segment: SegmentOrdinal,
    /// The best `wanted` so far, the worst on top.
    kept: BinaryHeap<Worst>,
}

/// A candidate ordered so that a max-heap keeps the worst on top.
struct Worst(Candidate);

impl PartialEq for Worst {
    fn eq(&self, other: &Worst) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Worst {}

impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Worst) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Worst {
    fn cmp(&self, other: &Worst) -> Ordering {
        self.0.cmp_in_segment(&other.0)
    }
}

/// A segment's best documents, and its id column to read their ids from when they tie with
/// another segment's.
struct SegmentFruit {
    segment: SegmentOrdinal,
    ids: Option<StrColumn>,
    kept: Vec<Candidate>,
}

impl Collector for Ranked {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentRanked;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentRanked> {
        Ok(SegmentRanked {
            key: SortKey::for_segment(reader, self.sort, self.lang),
            ids: reader.fast_fields().str(ID)?,
            wanted: self.wanted.max(1),
            segment,
            kept: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// By relevance alone, the query may skip documents that score below the worst kept
    /// (block-max WAND, as tantivy's own top-documents collector does); one that scores the
    /// same is still passed, since its id may put it ahead.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFruit> {
        let mut ranked = self.for_segment(segment, reader)?;
        if self.sort != Sort::Relevance || reader.alive_bitset().is_some() {
            weight.for_each(reader, &mut |doc, score| ranked.collect(doc, score))?;
        } else {
            weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                ranked.collect(doc, score);
                ranked.below_every_kept()
            })?;
        }
        Ok(ranked.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Self::Fruit> {
        merge(fruits, self.wanted)
    }
}

impl SegmentCollector for SegmentRanked {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut candidate = Candidate {
            key: self.key.of(doc),
            score,
            id_ord: u64::MAX,
            doc,
        };
        if self.kept.len() < self.wanted {
            candidate.id_ord = self.id_ord(doc);
            self.kept.push(Worst(candidate));
            return;
        }
        let Some(Worst(worst)) = self.kept.peek() else {
            return;
        };
        // Only a document that ranks with the worst kept reads its id's ordinal.
        match candidate.cmp_rank(worst) {
            Ordering::Greater => return,
            Ordering::Less => candidate.id_ord = self.id_ord(doc),
            Ordering::Equal => {
                candidate.id_ord = self.id_ord(doc);
                if candidate.cmp_in_segment(worst) != Ordering::Less {
                    return;
                }
            }
        }
        self.kept.pop();
        self.kept.push(Worst(candidate));
    }

    fn harvest(self) -> SegmentFruit {
        SegmentFruit {
            segment: self.segment,
            ids: self.ids,
            kept: self.kept.into_iter().map(|w| w.0).collect(),
        }
    }
}

impl SegmentRanked {
    fn id_ord(&self, doc: DocId) -> u64 {
        self.ids
            .as_ref()
            .and_then(|ids| ids.ords().first(doc))
            .unwrap_or(u64::MAX)
    }

    /// The score a document must beat to be worth passing, once `wanted` are kept: just
    /// under the worst kept's, so that an equal score still comes (its id decides).
    fn below_every_kept(&self) -> Score {
        match self.kept.peek() {
            Some(Worst(worst)) if self.kept.len() >= self.wanted => worst.score.next_down(),
            _ => Score::MIN,
        }
    }
}

/// The best `wanted` of every segment's best, in order. Within a segment the id ordinal is
/// the id's order; between segments, documents that tie read their ids (only those, and
/// only among the best: a tie is rare on a search with words, and a browse of every record
/// reads at most `wanted` ids per segment).
fn merge(fruits: Vec<SegmentFruit>, wanted: usize) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let mut all: Vec<(SegmentOrdinal, Candidate)> = fruits
        .iter()
        .flat_map(|f| f.kept.iter().map(|c| (f.segment, *c)))
        .collect();
    all.sort_unstable_by(|(sa, a), (sb, b)| {
        a.cmp_rank(b)
            .then_with(|| sa.cmp(sb))
            .then_with(|| a.cmp_in_segment(b))
    });
    let mut start = 0;
    while start < all.len().min(wanted) {
        let end = start
            + all[start..]
                .iter()
                .take_while(|(_, c)| c.cmp_rank(&all[start].1) == Ordering::Equal)
                .count();
        let tie = &mut all[start..end];
        let first = tie[0].0;
        if tie.iter().any(|(s, _)| *s != first) {
            order_by_id(tie, &fruits)?;
        }
        start = end;
    }
    all.truncate(wanted);
    Ok(all
        .into_iter()
        .map(|(segment, c)| (c.score, DocAddress::new(segment, c.doc)))
        .collect())
}

/// Orders documents of several segments that tie by their record ids. `tie` comes grouped
/// by segment, each group in id-ordinal order, so each group's ids are read in one pass
/// over its dictionary.
fn order_by_id(
    tie: &mut [(SegmentOrdinal, Candidate)],
    fruits: &[SegmentFruit],
) -> tantivy::Result<()> {
    let mut ids: Vec<String> = Vec::with_capacity(tie.len());
    for group in tie.chunk_by(|(a, _), (b, _)| a == b) {
        let column = fruits
            .iter()
            .find(|f| f.segment == group[0].0)
            .and_then(|f| f.ids.as_ref());
        let ords: Vec<u64> = group.iter().map(|(_, c)| c.id_ord).collect();
        let before = ids.len();
        if let Some(column) = column
            && ords.iter().all(|o| *o != u64::MAX)
        {
            column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                ids.push(String::from_utf8_lossy(bytes).into_owned())
            })?;
        }
        // A segment without ids (never written by this program) sorts after the rest.
        ids.resize(before + group.len(), String::from("\u{10FFFF}"));
    }
    let mut keyed: Vec<(String, (SegmentOrdinal, Candidate))> =
        ids.into_iter().zip(tie.iter().copied()).collect();
    keyed.sort_by(|(ia, (sa, a)), (ib, (sb, b))| {
        ia.cmp(ib)
            .then_with(|| sa.cmp(sb))
            .then_with(|| a.doc.cmp(&b.doc))
    });
    for (slot, (_, entry)) in tie.iter_mut().zip(keyed) {
        *slot = entry;
    }
    Ok(())
}

/// Reads the fast field a sort needs, per segment.
enum SortKey {
    Cost(tantivy::columnar::Column<f64>, bool),
    Year(tantivy::columnar::Column<i64>),
    Country(tantivy::columnar::Column<u64>),
    Missing,
}

impl SortKey {
    fn for_segment(segment: &SegmentReader, sort: Sort, lang: Lang) -> SortKey {
        let fast = segment.fast_fields();
        let found = match sort {
            Sort::CostAsc => fast.f64(COST_USD).map(|c| SortKey::Cost(c, true)),
            Sort::CostDesc => fast.f64(COST_USD).map(|c| SortKey::Cost(c, false)),
            Sort::Newest => fast.i64(START_YEAR).map(SortKey::Year),
            Sort::Country => fast.u64(&country_rank_name(lang)).map(SortKey::Country),
            Sort::Relevance => return SortKey::Missing,
        };
        found.unwrap_or(SortKey::Missing)
    }

    /// The ordering key; larger first, a missing value below every real one.
    fn of(&self, doc: DocId) -> f64 {
        let key = match self {
            SortKey::Cost(col, ascending) => {
                col.first(doc).map(|v| if *ascending { -v } else { v })
            }
            SortKey::Year(col) => col.first(doc).map(|v| v as f64),
            SortKey::Country(col) => col.first(doc).map(|v| -(v as f64)),
            SortKey::Missing => None,
        };
        key.unwrap_or(f64::NEG_INFINITY)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::query::AllQuery;
    use tantivy::{Index, IndexWriter, TantivyDocument, doc};

    use super::*;
    use crate::search::schema::{self, Fields};
    use crate::search::snippets::text_value;

    /// Records as (id, cost); several share a cost, so only their ids can order them.
    const RECORDS: [(&str, Option<f64>); 10] = [
        ("be-c", Some(5.0)),
        ("au-b", Some(5.0)),
        ("ca-a", Some(2.5)),
        ("us-z", None),
        ("mx-q", Some(5.0)),
        ("gr-k", Some(2.5)),
        ("de-m", None),
        ("fr-x", Some(9.0)),
        ("jp-e", Some(5.0)),
        ("hk-d", Some(2.5)),
    ];

    /// An index of `order` (indexes into `RECORDS`) in segments of `per_segment` documents.
    fn index_of(order: &[usize], per_segment: usize) -> Index {
        let index = Index::create_in_ram(schema::build_schema());
        schema::register_analyzers(&index, schema::Use::Indexing);
        let fields = Fields::resolve(&index.schema()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for chunk in order.chunks(per_segment) {
            for i in chunk {
                let (id, cost) = RECORDS[*i];
                let mut doc = doc!(fields.id => id);
                if let Some(cost) = cost {
                    doc.add_f64(fields.cost_usd, cost);
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let segments = index.searchable_segment_ids().unwrap().len();
        assert_eq!(
            segments,
            order.len().div_ceil(per_segment),
            "one segment per commit"
        );
        index
    }

    fn ids(index: &Index, sort: Sort, limit: usize, offset: usize) -> Vec<String> {
        let searcher = index.reader().unwrap().searcher();
        let fields = Fields::resolve(&index.schema()).unwrap();
        top_docs(&searcher, &AllQuery, sort, Lang::En, limit, offset)
            .unwrap()
            .into_iter()
            .map(|(_, addr)| {
                let doc: TantivyDocument = searcher.doc(addr).unwrap();
                text_value(&doc, fields.id)
            })
            .collect()
    }

    /// Every layout a build could make: one segment or several, in any order of arrival.
    fn layouts() -> Vec<Index> {
        let forward: Vec<usize> = (0..RECORDS.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let shuffled = vec![7, 2, 9, 0, 4, 1, 8, 3, 6, 5];
        vec![
            index_of(&forward, 10),
            index_of(&backward, 10),
            index_of(&backward, 3),
            index_of(&shuffled, 4),
            index_of(&shuffled, 1),
        ]
    }

    #[test]
    fn equal_documents_come_in_id_order_whatever_the_segments() {
        let mut by_id: Vec<&str> = RECORDS.iter().map(|(id, _)| *id).collect();
        by_id.sort();
        let cheapest = [
            "ca-a", "gr-k", "hk-d", "au-b", "be-c", "jp-e", "mx-q", "fr-x", "de-m", "us-z",
        ];
        let dearest = [
            "fr-x", "au-b", "be-c", "jp-e", "mx-q", "ca-a", "gr-k", "hk-d", "de-m", "us-z",
        ];
        for (n, index) in layouts().iter().enumerate() {
            assert_eq!(ids(index, Sort::Relevance, 20, 0), by_id, "layout {n}");
            assert_eq!(ids(index, Sort::CostAsc, 20, 0), cheapest, "layout {n}");
            assert_eq!(ids(index, Sort::CostDesc, 20, 0), dearest, "layout {n}");
        }
    }

    #[test]
    fn pages_cut_the_same_order() {
        for (n, index) in layouts().iter().enumerate() {
            let whole = ids(index, Sort::CostAsc, 20, 0);
            let paged: Vec<String> = (0..4)
                .flat_map(|page| ids(index, Sort::CostAsc, 3, page * 3))
                .collect();
            assert_eq!(paged, whole, "layout {n}");
            assert_eq!(ids(index, Sort::CostAsc, 3, 9), ["us-z"], "layout {n}");
        }
    }
}
