//! The domain: a practice, its vocabularies, countries and money tables — validated types, no IO.
//! This file declares the parts and re-exports them, so the rest of the crate names
//! `model::Practice` without knowing which file holds it; it defines only the `Reference`
//! bundle.

mod comparison;
mod countries;
mod figures;
mod lang;
mod money;
mod practice;
mod practice_id;
mod text;
mod vocabularies;

pub use comparison::{
    DetentionPair, DifferenceReading, HeadlineFigures, PairingDeclined, Unlike,
    pair_with_detention, unlike,
};
pub use countries::{Collation, Countries, Country};
pub use figures::{Figure, Grade, Headline, Source, UNIT_UNSTATED, measures};
pub use lang::{Labels, Lang};
pub use money::{BOUNDS, Cost, DerivedCost, MoneyTables, REFERENCE_YEAR, YEAR_BASES};
pub use practice::{Link, Practice, Relation, ReleaseMarks, STATUS_CURRENT_YEARS, is_web_url};
pub use practice_id::PracticeId;
pub use text::{Shown, TextField, Translated, Translation, TranslationMethod};
pub use vocabularies::{MeasureKind, Term, Vocab, Vocabularies};

/// Everything the importer validates against and the UI labels with.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub vocabularies: Vocabularies,
    pub countries: Countries,
    pub money: MoneyTables,
}

#[cfg(test)]
mod tests;
