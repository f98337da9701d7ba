//! The controlled vocabularies (`data/vocabularies.csv`): each term's key, labels and
//! definition; what sort of number a measure is.

use std::collections::BTreeMap;

use super::lang::{Labels, Lang};

/// The controlled vocabularies of the record, by the name used in `data/vocabularies.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vocab {
    Kind,
    OrganisationType,
    Status,
    Population,
    AtdType,
    CapStage,
    CostUnit,
    Bound,
    YearBasis,
    Region,
    Subregion,
    Measure,
    MeasureKind,
    SourceType,
    Origin,
    Independence,
}

impl Vocab {
    pub const ALL: [Vocab; 16] = [
        Vocab::Kind,
        Vocab::OrganisationType,
        Vocab::Status,
        Vocab::Population,
        Vocab::AtdType,
        Vocab::CapStage,
        Vocab::CostUnit,
        Vocab::Bound,
        Vocab::YearBasis,
        Vocab::Region,
        Vocab::Subregion,
        Vocab::Measure,
        Vocab::MeasureKind,
        Vocab::SourceType,
        Vocab::Origin,
        Vocab::Independence,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Vocab::Kind => "kind",
            Vocab::OrganisationType => "organisation_type",
            Vocab::Status => "status",
            Vocab::Population => "population",
            Vocab::AtdType => "atd_type",
            Vocab::CapStage => "cap_stage",
            Vocab::CostUnit => "cost_unit",
            Vocab::Bound => "bound",
            Vocab::YearBasis => "year_basis",
            Vocab::Region => "region",
            Vocab::Subregion => "subregion",
            Vocab::Measure => "measure",
            Vocab::MeasureKind => "measure_kind",
            Vocab::SourceType => "source_type",
            Vocab::Origin => "origin",
            Vocab::Independence => "independence",
        }
    }

    pub fn from_name(name: &str) -> Option<Vocab> {
        Vocab::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// One entry of a vocabulary: a stable key, its labels and a one-line definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub label: Labels,
    pub definition: Labels,
    /// For a `measure`: the key of its `measure_kind` (what sort of number it is); empty
    /// for every other vocabulary.
    pub kind: String,
}

/// All vocabularies, each in file order (the order the UI lists them in).
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    terms: BTreeMap<Vocab, Vec<Term>>,
}

impl Vocabularies {
    pub fn insert(&mut self, vocab: Vocab, term: Term) {
        self.terms.entry(vocab).or_default().push(term);
    }

    pub fn terms(&self, vocab: Vocab) -> &[Term] {
        self.terms.get(&vocab).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn term(&self, vocab: Vocab, key: &str) -> Option<&Term> {
        self.terms(vocab).iter().find(|t| t.key == key)
    }

    pub fn contains(&self, vocab: Vocab, key: &str) -> bool {
        self.term(vocab, key).is_some()
    }

    /// The label of a key, or the key itself when the vocabulary lacks it.
    pub fn label<'a>(&'a self, vocab: Vocab, key: &'a str, lang: Lang) -> &'a str {
        self.term(vocab, key).map_or(key, |t| t.label.get(lang))
    }

    pub fn keys(&self, vocab: Vocab) -> impl Iterator<Item = &str> {
        self.terms(vocab).iter().map(|t| t.key.as_str())
    }

    /// What sort of number a measure is; `None` for an unknown measure.
    pub fn measure_kind(&self, measure: &str) -> Option<MeasureKind> {
        MeasureKind::from_key(&self.term(Vocab::Measure, measure)?.kind)
    }
}

/// What sort of number a figure's measure is: it decides the checks (a percentage stays
/// within 0–100, a count is whole, money has a currency) and what may be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureKind {
    /// Money per day of a person, family or place.
    MoneyPerDay,
    /// Money per case, stay, month, year or participant: never turned into a per-day cost.
    MoneyPerPeriod,
    /// A budget: money for a whole programme or system.
    MoneyTotal,
    Percent,
    Count,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 5] = [
        MeasureKind::MoneyPerDay,
        MeasureKind::MoneyPerPeriod,
        MeasureKind::MoneyTotal,
        MeasureKind::Percent,
        MeasureKind::Count,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MeasureKind::MoneyPerDay => "money_per_day",
            MeasureKind::MoneyPerPeriod => "money_per_period",
            MeasureKind::MoneyTotal => "money_total",
            MeasureKind::Percent => "percent",
            MeasureKind::Count => "count",
        }
    }

    pub fn from_key(key: &str) -> Option<MeasureKind> {
        MeasureKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn is_money(self) -> bool {
        matches!(
            self,
            MeasureKind::MoneyPerDay | MeasureKind::MoneyPerPeriod | MeasureKind::MoneyTotal
        )
    }
}
