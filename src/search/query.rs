//! What a user asks for (`SearchQuery`), and our own builder from it to a tantivy query.
//!
//! User text is never handed to tantivy's query grammar: it is split into words and quoted
//! phrases here, so no input can produce a syntax error or reach a parser panic.
//!
//! Over 500 lines (about 640 of code, 80 of tests): reading the user's text into clauses and
//! building the query from them are one grammar, kept in one file so a rule and the code that
//! honours it stay side by side; how the words match is `matching`, counting is `tally`.

use std::collections::BTreeMap;
use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, Searcher, Term};
use unicode_normalization::UnicodeNormalization;

use super::schema::{ANY_SHARE, FacetName, Fields, TextPart, analyzer_name, outcome_share_term};
use crate::model::Lang;

/// Longest text a search considers; the rest is ignored with a warning.
pub const MAX_TEXT_CHARS: usize = 512;
/// Most words and phrases one search combines.
pub const MAX_CLAUSES: usize = 32;
/// Most values selected across all facets.
pub const MAX_FILTER_VALUES: usize = 40;
pub const DEFAULT_PER_PAGE: usize = 20;
pub const MAX_PER_PAGE: usize = 100;
/// Deepest result a search pages to.
pub const MAX_OFFSET: usize = 10_000;
/// How much a near spelling counts against the exact word: it finds, it does not outrank.
const FUZZY_WEIGHT: f32 = 0.3;
/// Extra weight when all the words appear together, in order: in a programme name, or in
/// the text. An exact phrase or a programme's name then beats a passing mention.
const TITLE_PHRASE_BOOST: f32 = 6.0;
const BODY_PHRASE_BOOST: f32 = 2.0;

/// Little words of the three languages that say nothing about a practice; a relaxed search
/// does not count them (it still scores them).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "for", "from", "in", "of", "on", "or", "the", "to", "with", "al", "con",
    "de", "del", "el", "en", "la", "las", "los", "para", "por", "un", "una", "y", "au", "aux",
    "dans", "des", "du", "et", "le", "les", "ou", "pour", "sur", "une",
];

/// How many clauses a relaxed search still requires: all but a third of the meaningful
/// ones, at least one; of two meaningful words, one (the records that have either, best
/// first). `None` when relaxing would let a little word ("la", "the") match alone.
pub fn relaxed_minimum(clauses: &[Clause]) -> Option<usize> {
    let meaningful = clauses
        .iter()
        .filter(|c| match c {
            Clause::Word(w) => !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()),
            _ => true,
        })
        .count();
    match (clauses.len(), meaningful) {
        (2, 2) => Some(1),
        (2, _) => None,
        _ => Some((meaningful - meaningful / 3).max(1)),
    }
}

/// Longest word that gets typo tolerance: longer "words" are codes or noise, and each
/// tolerant word costs an automaton per field.
const MAX_FUZZY_CHARS: usize = 24;
/// Words per search that get typo tolerance (the first ones typed).
const MAX_FUZZY_WORDS: usize = 8;
/// Most clauses a relaxed ("most of the words") search is tried for.
pub const MAX_RELAXED_CLAUSES: usize = 12;

/// Typos forgiven in a word: one from five letters, two from nine; none in short words,
/// where one edit makes another word ("bail" → "mail"), nor in overlong ones.
pub fn edit_budget(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        9..=MAX_FUZZY_CHARS => 2,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    CostAsc,
    CostDesc,
    Newest,
    Country,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::CostAsc,
        Sort::CostDesc,
        Sort::Newest,
        Sort::Country,
    ];

    pub fn param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::CostAsc => "cost_asc",
            Sort::CostDesc => "cost_desc",
            Sort::Newest => "newest",
            Sort::Country => "country",
        }
    }

    pub fn from_param(param: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.param() == param)
    }
}

/// An inclusive numeric range; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Range {
    pub fn is_open(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }

    pub fn contains(&self, value: f64) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }
}

/// A validated search: every field is within bounds, whatever the user sent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchQuery {
    pub text: String,
    pub filters: BTreeMap<FacetName, Vec<String>>,
    /// Cost per day in constant US dollars.
    pub cost_usd: Range,
    pub start_year: Range,
    pub compliance: Range,
    /// An outcome share (percent) of the measures chosen in the `Measure` facet, or of any
    /// measure when none is chosen.
    pub outcome: Range,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
    /// The reader's language: snippets are cut from the record's text in it when it has a
    /// translation. It never changes which practices match or how they rank.
    pub lang: Lang,
}

impl SearchQuery {
    pub fn offset(&self) -> usize {
        (self.page.max(1) - 1) * self.per_page
    }

    pub fn selected(&self, facet: FacetName) -> &[String] {
        self.filters.get(&facet).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// One piece of the user's text: a word, a quoted phrase, or (after synonyms) any of
/// several words and phrases.
/// Something a user should know about how their search was read (never an error). Pages
/// say it in the page's language; the API in English ([`Display`](std::fmt::Display)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Only the first this many characters of the text were used.
    TextCut(usize),
    /// Only the first this many words and phrases were used.
    WordsCut(usize),
    /// Only the first this many filter values were used.
    FiltersCut(usize),
    /// The sort order was not one of ours: sorted by relevance.
    UnknownSort,
    /// A range limit that is not a number was ignored.
    NotANumber { limit: RangeLimit, text: String },
    /// A filter value that is none of the atlas's (no such country, kind …) was ignored,
    /// rather than silently matching nothing.
    UnknownValue { facet: FacetName, value: String },
}

/// Which range a limit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeLimit {
    Cost,
    Year,
    Compliance,
    Outcome,
}

impl RangeLimit {
    pub fn name(self) -> &'static str {
        match self {
            RangeLimit::Cost => "cost",
            RangeLimit::Year => "year",
            RangeLimit::Compliance => "compliance",
            RangeLimit::Outcome => "outcome",
        }
    }
}

impl std::fmt::Display for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reading::TextCut(n) => {
                write!(f, "only the first {n} characters of the search were used")
            }
            Reading::WordsCut(n) => write!(f, "only the first {n} words were used"),
            Reading::FiltersCut(n) => write!(f, "only the first {n} filter values were used"),
            Reading::UnknownSort => write!(f, "unknown sort order; sorted by relevance"),
            Reading::NotANumber { limit, text } => {
                write!(
                    f,
                    "ignored the {} limit {text:?}: not a number",
                    limit.name()
                )
            }
            Reading::UnknownValue { facet, value } => write!(
                f,
                "ignored the {} value {value:?}: not one of the atlas's values",
                facet.param()
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Word(String),
    Phrase(String),
    Any(Vec<Clause>),
}

/// Splits user text into words and quoted phrases. An unclosed quote runs to the end.
/// Grammar characters are just separators here.
pub fn clauses(text: &str) -> (Vec<Clause>, Vec<Reading>) {
    let mut warnings = Vec::new();
    let normal: String = text.nfc().collect();
    let limited: String = normal.chars().take(MAX_TEXT_CHARS).collect();
    if normal.chars().count() > MAX_TEXT_CHARS {
        warnings.push(Reading::TextCut(MAX_TEXT_CHARS));
    }
    let mut out = Vec::new();
    for (i, piece) in limited.split('"').enumerate() {
        let in_quotes = i % 2 == 1;
        if in_quotes {
            let phrase = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            if !phrase.is_empty() {
                out.push(Clause::Phrase(phrase));
            }
            continue;
        }
        for word in piece.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                out.push(Clause::Word(word.to_string()));
            }
        }
    }
    if out.len() > MAX_CLAUSES {
        out.truncate(MAX_CLAUSES);
        warnings.push(Reading::WordsCut(MAX_CLAUSES));
    }
    (out, warnings)
}

/// Builds tantivy queries for one index: text, filters, ranges.
pub struct QueryBuilder<'a> {
    fields: &'a Fields,
    tokenizers: &'a TokenizerManager,
    typos: bool,
    /// When set, only words this index has never seen are read as typos.
    vocabulary: Option<&'a Searcher>,
}

impl<'a> QueryBuilder<'a> {
    /// A builder that forgives typos (see [`edit_budget`]).
    pub fn new(index: &'a Index, fields: &'a Fields) -> QueryBuilder<'a> {
        QueryBuilder {
            fields,
            tokenizers: index.tokenizers(),
            typos: true,
            vocabulary: None,
        }
    }

    /// The same builder forgiving typos only in words the index does not have: a word found
    /// as typed is meant as typed, and an automaton per word and field is the costliest
    /// part of a search.
    pub fn typos_in_unknown_words(mut self, searcher: &'a Searcher) -> QueryBuilder<'a> {
        self.vocabulary = Some(searcher);
        self
    }

    /// Whether reading typos could change anything: some word is long enough to have a
    /// typo forgiven and (with a vocabulary) is not in the index.
    pub fn forgives_any(&self, clauses: &[Clause]) -> bool {
        self.typos
            && clauses
                .iter()
                .take(MAX_FUZZY_WORDS)
                .any(|c| self.forgiven_edits(c) > 0)
    }

    /// The edits forgiven in a clause: none for phrases, known words and short words.
    fn forgiven_edits(&self, clause: &Clause) -> u8 {
        match clause {
            Clause::Word(w) if self.typos && !self.is_known(w) => edit_budget(w),
            Clause::Any(options) => options
                .iter()
                .map(|o| self.forgiven_edits(o))
                .max()
                .unwrap_or(0),
            _ => 0,
        }
    }

    /// A word the index has as typed (after any language's analysis, in any part).
    fn is_known(&self, word: &str) -> bool {
        let Some(searcher) = self.vocabulary else {
            return false;
        };
        let tokens = self.single_tokens(word);
        TextPart::ALL.into_iter().any(|part| {
            let field = self.fields.text_field(part);
            tokens.iter().any(|token| {
                let term = Term::from_field_text(field, token);
                searcher.doc_freq(&term).is_ok_and(|n| n > 0)
            })
        })
    }

    /// The word's distinct single-token readings in the three languages' analyses.
    fn single_tokens(&self, word: &str) -> Vec<String> {
        let mut tokens: Vec<String> = Vec::with_capacity(Lang::ALL.len());
        for lang in Lang::ALL {
            if let Some(token) = self.single_token(lang, word)
                && !tokens.contains(&token)
            {
                tokens.push(token);
            }
        }
        tokens
    }

    /// The word as analysed for `lang`, when it is one token.
    fn single_token(&self, lang: Lang, word: &str) -> Option<String> {
        let mut analyzer = self.tokenizers.get(analyzer_name(lang))?;
        let mut stream = analyzer.token_stream(word);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().text.clone());
        }
        // A word the analyzer splits ("e-mail") is left to the exact query.
        let [token] = <[String; 1]>::try_from(tokens).ok()?;
        Some(token)
    }

    /// The same builder matching words exactly (after stemming and folding): no automaton
    /// per word and field, so a search whose words all exist costs a fraction.
    pub fn exact(mut self) -> QueryBuilder<'a> {
        self.typos = false;
        self
    }

    /// The whole query; `without` leaves one facet's filter out (for its own counts). When
    /// `min_words` is set, a document needs only that
    /// many of the words and phrases (a sentence typed as a question), best matches first.
    pub fn build_matching(
        &self,
        q: &SearchQuery,
        clauses: &[Clause],
        without: Option<FacetName>,
        min_words: Option<usize>,
    ) -> Box<dyn Query> {
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        // Words the analyzers drop entirely (e.g. over-long tokens) constrain nothing.
        let words: Vec<Box<dyn Query>> = clauses
            .iter()
            .enumerate()
            .filter_map(|(i, c)| self.clause(c, i < MAX_FUZZY_WORDS))
            .collect();
        match min_words {
            Some(min) if words.len() > min => {
                let any = words.into_iter().map(|w| (Occur::Should, w)).collect();
                must.push(Box::new(BooleanQuery::with_minimum_required_clauses(
                    any, min,
                )));
            }
            _ => must.extend(words),
        }
        for (facet, values) in &q.filters {
            if Some(*facet) == without || values.is_empty() {
                continue;
            }
            must.push(self.facet_filter(*facet, values));
        }
        must.extend(f64_range(self.fields.cost_usd, q.cost_usd));
        must.extend(i64_range(self.fields.start_year, q.start_year));
        must.extend(f64_range(self.fields.compliance, q.compliance));
        must.extend(self.outcome_range(q));
        if must.is_empty() {
            return Box::new(AllQuery);
        }
        // The bonus reads the words as typed, before synonyms turned some into groups.
        let should = self.together_bonus(&clauses_of(&q.text));
        if must.len() == 1 && should.is_none() {
            return must.pop().unwrap_or_else(|| Box::new(AllQuery));
        }
        let mut parts: Vec<(Occur, Box<dyn Query>)> =
            must.into_iter().map(|q| (Occur::Must, q)).collect();
        parts.extend(should.map(|q| (Occur::Should, q)));
        Box::new(BooleanQuery::new(parts))
    }

    /// Two or more plain words, also scored as a phrase in names and text: it adds to the
    /// score of what already matches, and never decides what matches.
    fn together_bonus(&self, clauses: &[Clause]) -> Option<Box<dyn Query>> {
        let words: Vec<&str> = clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Word(w) => Some(w.as_str()),
                _ => None,
            })
            .collect();
        if words.len() < 2 {
            return None;
        }
        let readings = self.readings(&words.join(" "));
        let mut bonus: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (part, boost) in [
            (TextPart::Title, TITLE_PHRASE_BOOST),
            (TextPart::Body, BODY_PHRASE_BOOST),
        ] {
            let field = self.fields.text_field(part);
            for reading in &readings {
                if let Some(query) = reading_query(field, reading) {
                    bonus.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
                }
            }
        }
        (!bonus.is_empty()).then(|| Box::new(BooleanQuery::new(bonus)) as Box<dyn Query>)
    }

    /// A word or phrase may match in any part, in any language's reading of it (each part
    /// holds every language's stems of its words); the best match counts most, so one word
    /// is not counted three times over. A word also matches near spellings (see
    /// [`edit_budget`]) at a lower weight.
    fn clause(&self, clause: &Clause, tolerant: bool) -> Option<Box<dyn Query>> {
        let text = match clause {
            Clause::Word(w) | Clause::Phrase(w) => w.as_str(),
            Clause::Any(options) => return self.any_of(options, tolerant),
        };
        let edits = if tolerant {
            self.forgiven_edits(clause)
        } else {
            0
        };
        let readings = self.readings(text);
        let near = if edits > 0 {
            self.single_tokens(text)
        } else {
            Vec::new()
        };
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for part in TextPart::ALL {
            let field = self.fields.text_field(part);
            for reading in &readings {
                if let Some(query) = reading_query(field, reading) {
                    alternatives.push(Box::new(BoostQuery::new(query, part.boost())));
                }
            }
            for token in &near {
                if let Some(query) = fuzzy_query(field, token, edits) {
                    let boost = part.boost() * FUZZY_WEIGHT;
                    alternatives.push(Box::new(BoostQuery::new(query, boost)));
                }
            }
        }
        if alternatives.is_empty() {
            return None;
        }
        Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(
            alternatives,
            0.1,
        )))
    }

    /// Any of several words or phrases (a synonym group): each one scored as a clause.
    fn any_of(&self, options: &[Clause], tolerant: bool) -> Option<Box<dyn Query>> {
        let any: Vec<(Occur, Box<dyn Query>)> = options
            .iter()
            .filter_map(|c| self.clause(c, tolerant))
            .map(|q| (Occur::Should, q))
            .collect();
        (!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn Query>)
    }

    /// The distinct readings of `text` by the three languages' analyses, each its stems with
    /// their positions: "children" is read one way, "families" two. Every part holds all
    /// three languages' stems of each word, so each reading is looked up in the one field.
    fn readings(&self, text: &str) -> Vec<Stemmed> {
        let mut readings: Vec<Stemmed> = Vec::with_capacity(Lang::ALL.len());
        for lang in Lang::ALL {
            let Some(mut analyzer) = self.tokenizers.get(analyzer_name(lang)) else {
                continue;
            };
            let mut stream = analyzer.token_stream(text);
            let mut reading = Stemmed::new();
            while stream.advance() {
                let token = stream.token();
                reading.push((token.position, token.text.clone()));
            }
            if !reading.is_empty() && !readings.contains(&reading) {
                readings.push(reading);
            }
        }
        readings
    }

    fn facet_filter(&self, facet: FacetName, values: &[String]) -> Box<dyn Query> {
        let any: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|v| {
                let term = Term::from_facet(self.fields.facets, &facet.facet(v));
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        if any.is_empty() {
            return Box::new(EmptyQuery);
        }
        Box::new(BooleanQuery::new(any))
    }
}

fn clauses_of(text: &str) -> Vec<Clause> {
    clauses(text).0
}

/// One language's reading of a word or phrase: its stems with their positions.
type Stemmed = Vec<(usize, String)>;

/// A reading looked up in `field`: one term, or its terms in order.
fn reading_query(field: Field, reading: &Stemmed) -> Option<Box<dyn Query>> {
    let mut terms: Vec<(usize, Term)> = reading
        .iter()
        .map(|(position, stem)| (*position, Term::from_field_text(field, stem)))
        .collect();
    match terms.len() {
        0 => None,
        1 => {
            let (_, term) = terms.pop()?;
            Some(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)))
        }
        _ => Some(Box::new(PhraseQuery::new_with_offset(terms))),
    }
}

/// A word's reading (one stem) matched within `edits` edits (a transposition is one).
fn fuzzy_query(field: Field, token: &str, edits: u8) -> Option<Box<dyn Query>> {
    // The budget follows what is compared: a stem can be much shorter than the word
    // ("niñas" → "nin"), and one edit on three letters matches "in", "no", "on"…
    let edits = edits.min(edit_budget(token));
    if edits == 0 {
        return None;
    }
    let term = Term::from_field_text(field, token);
    Some(Box::new(FuzzyTermQuery::new(term, edits, true)))
}

fn bound<T>(value: Option<f64>, term: impl Fn(f64) -> T) -> Bound<T> {
    value.map_or(Bound::Unbounded, |v| Bound::Included(term(v)))
}

impl QueryBuilder<'_> {
    /// Practices with an outcome share in `q.outcome`: of one of the chosen measures (any of
    /// them), or of any measure when none is chosen.
    fn outcome_range(&self, q: &SearchQuery) -> Option<Box<dyn Query>> {
        if q.outcome.is_open() {
            return None;
        }
        let chosen = q.selected(FacetName::Measure);
        let measures: Vec<&str> = if chosen.is_empty() {
            vec![ANY_SHARE]
        } else {
            chosen.iter().map(String::as_str).collect()
        };
        let field = self.fields.outcome_share;
        let any: Vec<(Occur, Box<dyn Query>)> = measures
            .into_iter()
            .map(|m| {
                let term = |pct: f64| Term::from_field_text(field, &outcome_share_term(m, pct));
                // Shares are indexed in tenths: round the bounds inward.
                let low = term((q.outcome.min.unwrap_or(0.0) * 10.0).ceil() / 10.0);
                let high = term((q.outcome.max.unwrap_or(100.0) * 10.0).floor() / 10.0);
                let range: Box<dyn Query> =
                    Box::new(RangeQuery::new(Bound::Included(low), Bound::Included(high)));
                (Occur::Should, range)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(any)))
    }
}

fn f64_range(field: Field, range: Range) -> Option<Box<dyn Query>> {
    if range.is_open() {
        return None;
    }
    let term = |v: f64| Term::from_field_f64(field, v);
    Some(Box::new(RangeQuery::new(
        bound(range.min, term),
        bound(range.max, term),
    )))
}

fn i64_range(field: Field, range: Range) -> Option<Box<dyn Query>> {
    if range.is_open() {
        return None;
    }
    // Years are whole: round the bounds inward so 2010.5..2012 means 2011..=2012.
    let term_min = |v: f64| Term::from_field_i64(field, v.ceil() as i64);
    let term_max = |v: f64| Term::from_field_i64(field, v.floor() as i64);
    Some(Box::new(RangeQuery::new(
        bound(range.min, term_min),
        bound(range.max, term_max),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Clause> {
        clauses(text).0
    }

    #[test]
    fn grammar_characters_are_separators() {
        assert_eq!(
            words("- * (bail)) foo:bar"),
            vec![
                Clause::Word("bail".into()),
                Clause::Word("foo".into()),
                Clause::Word("bar".into())
            ]
        );
        assert!(words("(*'\n").is_empty());
        assert!(words("\"\"").is_empty());
    }

    #[test]
    fn quotes_make_phrases_and_an_unclosed_quote_runs_to_the_end() {
        assert_eq!(
            words("bail \"case   management\" kids"),
            vec![
                Clause::Word("bail".into()),
                Clause::Phrase("case management".into()),
                Clause::Word("kids".into())
            ]
        );
        assert_eq!(
            words("\"immigration detention"),
            vec![Clause::Phrase("immigration detention".into())]
        );
    }

    #[test]
    fn long_input_is_capped_with_a_warning() {
        let (c, w) = clauses(&"word ".repeat(1000));
        assert_eq!(c.len(), MAX_CLAUSES);
        assert!(!w.is_empty());
    }

    #[test]
    fn a_relaxed_search_needs_most_meaningful_words() {
        assert_eq!(
            relaxed_minimum(&words("refugio para migrantes en México")),
            Some(2)
        );
        assert_eq!(relaxed_minimum(&words("bail bond kids")), Some(2));
        assert_eq!(relaxed_minimum(&words("the of bail")), Some(1));
    }

    #[test]
    fn two_meaningful_words_relax_to_either_and_a_little_word_never_matches_alone() {
        assert_eq!(
            relaxed_minimum(&words("alternatives communautaires")),
            Some(1)
        );
        assert_eq!(relaxed_minimum(&words("la fianza")), None);
        assert_eq!(relaxed_minimum(&words("the of")), None);
    }

    #[test]
    fn typo_budget_grows_with_word_length() {
        assert_eq!(edit_budget("bail"), 0);
        assert_eq!(edit_budget("kenya"), 1);
        assert_eq!(edit_budget("guardians"), 2);
        assert_eq!(edit_budget("niños"), 1);
        assert_eq!(edit_budget(&"x".repeat(30)), 0, "noise is not stretched");
    }

    #[test]
    fn text_is_normalised_to_nfc() {
        assert_eq!(words("cafe\u{301}"), vec![Clause::Word("café".into())]);
    }
}
