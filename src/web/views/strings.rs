//! Names of facets and vocabularies, and record labels in the page language.
//!
//! UI wording is English for now; keeping it here gives the Fluent translation issue one
//! place to start from. Vocabulary labels and country names already follow the language.

use crate::model::{Lang, Practice, Reference, Vocab};
use crate::search::FacetName;

/// The heading of a facet's filter group.
pub fn facet_title(facet: FacetName) -> &'static str {
    match facet {
        FacetName::Region => "Region",
        FacetName::Country => "Country",
        FacetName::Kind => "Kind of measure",
        FacetName::AtdType => "Type of alternative",
        FacetName::Population => "Population",
        FacetName::CapStage => "CAP stage",
        FacetName::Status => "Status",
        FacetName::OrganisationType => "Organisation type",
    }
}

/// The heading of a vocabulary's table on the about page.
pub fn vocab_title(vocab: Vocab) -> &'static str {
    match vocab {
        Vocab::Kind => "Kinds of measure",
        Vocab::OrganisationType => "Organisation types",
        Vocab::Status => "Statuses",
        Vocab::Population => "Populations",
        Vocab::AtdType => "Types of alternative to detention",
        Vocab::CapStage => "CAP stages (Community Assessment and Placement model)",
        Vocab::CostUnit => "Cost units",
        Vocab::Region => "Regions (UN M49)",
        Vocab::Subregion => "Sub-regions (UN M49)",
    }
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
