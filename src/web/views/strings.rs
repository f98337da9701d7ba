//! Names of facets and vocabularies, and record labels in the page language.
//!
//! Interface wording comes from Fluent (`crate::i18n`); vocabulary labels and country names
//! come from the data's own three-language tables.

use crate::i18n::t;
use crate::model::{Lang, Practice, Reference, Vocab};
use crate::search::FacetName;

/// The heading of a facet's filter group.
pub fn facet_title(facet: FacetName, lang: Lang) -> String {
    let key = match facet {
        FacetName::Region => "facet-region",
        FacetName::Subregion => "facet-subregion",
        FacetName::Country => "facet-country",
        FacetName::Kind => "facet-kind",
        FacetName::AtdType => "facet-atd-type",
        FacetName::Population => "facet-population",
        FacetName::CapStage => "facet-cap-stage",
        FacetName::Status => "facet-status",
        FacetName::OrganisationType => "facet-organisation-type",
        FacetName::Measure => "facet-measure",
    };
    t(lang, key)
}

/// The heading of a vocabulary's table on the about page.
pub fn vocab_title(vocab: Vocab, lang: Lang) -> String {
    let key = match vocab {
        Vocab::Kind => "vocab-kind",
        Vocab::OrganisationType => "vocab-organisation-type",
        Vocab::Status => "vocab-status",
        Vocab::Population => "vocab-population",
        Vocab::AtdType => "vocab-atd-type",
        Vocab::CapStage => "vocab-cap-stage",
        Vocab::CostUnit => "vocab-cost-unit",
        Vocab::Bound => "vocab-bound",
        Vocab::YearBasis => "vocab-year-basis",
        Vocab::Region => "vocab-region",
        Vocab::Subregion => "vocab-subregion",
        Vocab::Measure => "vocab-measure",
        Vocab::MeasureKind => "vocab-measure-kind",
        Vocab::SourceType => "vocab-source-type",
        Vocab::Origin => "vocab-origin",
        Vocab::Independence => "vocab-independence",
    };
    t(lang, key)
}

/// The display label of one facet value: a vocabulary label or a country name.
pub fn facet_value<'a>(
    reference: &'a Reference,
    facet: FacetName,
    value: &'a str,
    lang: Lang,
) -> &'a str {
    match facet.vocab() {
        Some(vocab) => reference.vocabularies.label(vocab, value, lang),
        None => reference.countries.name(value, lang),
    }
}

/// The country of a practice in the page language; the source's own spelling when the
/// code is not in the country table.
pub fn country<'a>(p: &'a Practice, reference: &'a Reference, lang: Lang) -> &'a str {
    match reference.countries.get(&p.iso2) {
        Some(c) => c.name.get(lang),
        None if !p.country.is_empty() => &p.country,
        None => &p.iso2,
    }
}

/// A vocabulary label, or `None` for an empty key (an optional field left blank).
/// A cost unit as it reads inside a figure ("US$ 12/day per person"): the vocabulary's label
/// in lower case, or `None` when the unit is not stated.
pub fn cost_unit(reference: &Reference, unit: Option<&str>, lang: Lang) -> Option<String> {
    unit.and_then(|u| label(reference, Vocab::CostUnit, u, lang))
        .map(str::to_lowercase)
}

pub fn label<'a>(
    reference: &'a Reference,
    vocab: Vocab,
    key: &'a str,
    lang: Lang,
) -> Option<&'a str> {
    if key.is_empty() {
        return None;
    }
    Some(reference.vocabularies.label(vocab, key, lang))
}
