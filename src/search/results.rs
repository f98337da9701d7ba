//! What a search answers: hits with snippets, facet counts, the figures behind the range
//! pictures, and how the query was read. Plain data, shared by the index and its callers.

use std::sync::Arc;

use super::query::Reading;
use super::schema::FacetName;
use crate::model::Lang;

/// A highlighted excerpt: the text and the byte ranges of matched words in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<std::ops::Range<usize>>,
    /// The language of `text`: the reader's when the record has a translation into it, else
    /// the original's (the record's `text_lang`).
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    pub facet: FacetName,
    /// Most frequent first; selected values are always listed, even at zero.
    pub values: Vec<FacetValue>,
}

/// The figures of the results, each taken with its own range filter left out (so the search
/// page's pictures show what widening or moving the range would give). Read from fast fields
/// in the counting pass, never from the stored records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RangeValues {
    /// Cost per day in constant US dollars, of the results that have one.
    pub cost: Vec<f64>,
    /// How many results the cost picture covers (with or without a figure).
    pub cost_of: usize,
    pub compliance: Vec<f64>,
    pub compliance_of: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCounts>,
    /// Things the user should know about how their search was read (never errors).
    pub warnings: Vec<Reading>,
    /// Nothing had every word, so these results have most of them (see
    /// [`super::query::relaxed_minimum`]); the page says so.
    pub relaxed: bool,
    pub generation: u64,
    /// Asked for with [`super::SearchIndex::search_with_ranges`] only (the search page's pictures).
    pub ranges: Option<Arc<RangeValues>>,
}
