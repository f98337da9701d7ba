//! The whole dataset in numbers, what the insights page draws: practices per country and per
//! vocabulary term, and the practices with costs; and the evidence map's cells (`/evidence`). One streaming fold over the records
//! ([`Overview::add`]), so it is computed once per data generation without holding them all.
//! No IO.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Practice, Vocab};

/// The vocabularies the insights page counts practices by.
pub const COUNTED: [Vocab; 4] = [
    Vocab::Region,
    Vocab::AtdType,
    Vocab::Population,
    Vocab::CapStage,
];

#[derive(Debug, Default)]
pub struct Overview {
    /// Every practice.
    pub total: usize,
    /// Practices per country (ISO alpha-2).
    pub countries: HashMap<String, usize>,
    /// Practices per term of each of [`COUNTED`] (a practice counts once per term it has).
    terms: HashMap<(Vocab, String), usize>,
    /// The practices with a cost in constant dollars (of the alternative or of detention),
    /// cheapest alternative first, those without one last; import order among equals. Each
    /// is kept with what the cost chart and its table show (names, country, costs): its
    /// summary, notes, sources, figures, translations and links are dropped, so the overview
    /// stays small (the table links to the record for them).
    pub costed: Vec<Practice>,
    /// The evidence map by (ATD type, population): practices, and all their figures.
    pub by_population: EvidenceCells,
    /// The evidence map by (ATD type, measure): practices with a figure of the measure, and
    /// those figures.
    pub by_measure: EvidenceCells,
}

/// One cell of the evidence map: how many practices, and how many figures about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvidenceCell {
    pub practices: usize,
    pub figures: usize,
}

/// The evidence map's cells by (ATD type, column key); a pair no practice has is absent.
pub type EvidenceCells = BTreeMap<(String, String), EvidenceCell>;

/// Counts `p` in each cell of its ATD types × `columns` (a column key and its figures).
fn add_to_map(cells: &mut EvidenceCells, p: &Practice, columns: &[(&str, usize)]) {
    let types: BTreeSet<&String> = p.atd_types.iter().collect();
    for atd_type in types {
        for (column, figures) in columns {
            let cell = cells
                .entry((atd_type.clone(), column.to_string()))
                .or_default();
            cell.practices += 1;
            cell.figures += figures;
        }
    }
}

impl Overview {
    /// Counts one more practice.
    pub fn add(&mut self, p: Practice) {
        self.total += 1;
        *self.countries.entry(p.iso2.clone()).or_insert(0) += 1;
        *self
            .terms
            .entry((Vocab::Region, p.region.clone()))
            .or_insert(0) += 1;
        for vocab in [Vocab::AtdType, Vocab::Population, Vocab::CapStage] {
            let distinct: BTreeSet<&String> = p.tags(vocab).iter().collect();
            for tag in distinct {
                *self.terms.entry((vocab, tag.clone())).or_insert(0) += 1;
            }
        }
        let populations: BTreeSet<&String> = p.populations.iter().collect();
        let by_population: Vec<(&str, usize)> = populations
            .into_iter()
            .map(|k| (k.as_str(), p.figures.len()))
            .collect();
        add_to_map(&mut self.by_population, &p, &by_population);
        let measures: BTreeSet<&str> = p.figures.iter().map(|f| f.measure.as_str()).collect();
        let by_measure: Vec<(&str, usize)> = measures
            .into_iter()
            .map(|m| (m, p.figures.iter().filter(|f| f.measure == m).count()))
            .collect();
        add_to_map(&mut self.by_measure, &p, &by_measure);
        if p.derived.per_day_usd_constant.is_some()
            || p.derived.detention_per_day_usd_constant.is_some()
        {
            self.costed.push(for_cost_chart(p));
        }
    }

    /// The overview once every practice is in: the costed ones put in the chart's order.
    pub fn finish(mut self) -> Overview {
        // A stable sort: equal costs keep import order.
        self.costed.sort_by(|a, b| {
            let key = |p: &Practice| p.derived.per_day_usd_constant.unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        });
        self
    }

    /// How many practices have `key` in `vocab` (their region, for [`Vocab::Region`]).
    pub fn count(&self, vocab: Vocab, key: &str) -> usize {
        self.terms
            .get(&(vocab, key.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// The overview of `practices`, in their order.
    pub fn of(practices: impl IntoIterator<Item = Practice>) -> Overview {
        let mut overview = Overview::default();
        for p in practices {
            overview.add(p);
        }
        overview.finish()
    }
}

/// A practice with only what the cost chart and its table read.
fn for_cost_chart(p: Practice) -> Practice {
    Practice {
        summary: String::new(),
        outcome_other: String::new(),
        participants_note: String::new(),
        sources: Vec::new(),
        figures: Vec::new(),
        translations: Vec::new(),
        links: Vec::new(),
        ..p
    }
}
