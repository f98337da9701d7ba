//! The index schema, its analyzers, and the one mapping from a practice to a document.

use frostem::Algorithm;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

pub use super::facet_name::FacetName;
use super::snippet_tokens;
use super::stem_cache::{CachedStemmer, CachedStemmers, SharedStemmer, SharedStemmers};
use crate::model::{Lang, MeasureKind, Practice, Reference, TextField, Vocab};

/// The translated fields indexed with a record's body.
const TRANSLATED_BODY: [TextField; 3] = [
    TextField::Summary,
    TextField::OutcomeOther,
    TextField::ParticipantsNote,
];

/// Which part of a record a text field holds; each is one field, every word of it analysed
/// once into its distinct English, Spanish and French stems ([`EVERY_LANGUAGE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPart {
    /// The programme name: a match here ranks highest.
    Title,
    /// Vocabulary labels and country and region names in all three languages.
    Tags,
    /// Summary, outcomes, organisation, participants and source title.
    Body,
}

impl TextPart {
    pub const ALL: [TextPart; 3] = [TextPart::Title, TextPart::Tags, TextPart::Body];

    pub fn boost(self) -> f32 {
        match self {
            TextPart::Title => 3.0,
            TextPart::Tags => 2.0,
            TextPart::Body => 1.0,
        }
    }

    fn name(self) -> &'static str {
        match self {
            TextPart::Title => "title",
            TextPart::Tags => "tags",
            TextPart::Body => "body",
        }
    }
}

/// The fields of the schema, resolved once per index.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub facets: Field,
    /// `text[part]`, in `TextPart::ALL` order.
    pub text: [Field; 3],
    /// Stored text used to cut snippets from, per language (`Lang::ALL` order): the text a
    /// page in that language shows, where it is written in that language (the original in
    /// its own language's slot, a translation in the others').
    pub snippet: [Field; 3],
    /// Each snippet text's analysed words with their offsets (`snippet_tokens`), per text
    /// language: each text by its own language's analysis.
    pub snippet_tokens: [Field; 3],
    /// The language the record's original text is written in (its `text_lang`, stored):
    /// the snippet text a page shows when it has no translation in the page's language.
    pub text_lang: Field,
    pub cost_usd: Field,
    pub start_year: Field,
    pub compliance: Field,
    /// Every outcome share (a figure of a percent measure) as terms of
    /// [`outcome_share_term`]: by its measure, and under [`ANY_SHARE`] for any measure.
    pub outcome_share: Field,
    /// The country's place in each language's alphabetical order (`Lang::ALL` order), for
    /// the "country" sort.
    pub country_rank: [Field; 3],
}

/// The record id: stored, and a fast column whose order is the ids' order (the last
/// tie-break of every sort, `ranking`).
pub const ID: &str = "id";
/// The one facet field: every facet's values as paths (`/country/MX`).
pub const FACETS: &str = "facets";
pub const TEXT_LANG: &str = "text_lang";
pub const COST_USD: &str = "cost_usd";
pub const START_YEAR: &str = "start_year";
pub const COMPLIANCE: &str = "compliance";
pub const OUTCOME_SHARE: &str = "outcome_share";
/// The prefix of an outcome share's term that stands for any measure (measure keys are
/// lowercase words, so it never names one).
pub const ANY_SHARE: &str = "*";

/// The term of an outcome share: `absconding_pct:0250` for 25 % (tenths of a percent, four
/// digits), so a range of terms is a range of shares of one measure.
pub fn outcome_share_term(measure: &str, pct: f64) -> String {
    let tenths = (pct.clamp(0.0, 100.0) * 10.0).round() as u32;
    format!("{measure}:{tenths:04}")
}

/// The fast field of the "country" sort in `lang`.
pub fn country_rank_name(lang: Lang) -> String {
    format!("country_rank_{}", lang.code())
}

impl Fields {
    pub fn text_field(&self, part: TextPart) -> Field {
        self.text[part_index(part)]
    }

    pub fn snippet_field(&self, lang: Lang) -> Field {
        self.snippet[lang_index(lang)]
    }

    pub fn snippet_tokens_field(&self, lang: Lang) -> Field {
        self.snippet_tokens[lang_index(lang)]
    }

    pub fn country_rank_field(&self, lang: Lang) -> Field {
        self.country_rank[lang_index(lang)]
    }

    pub fn resolve(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: get(ID)?,
            facets: get(FACETS)?,
            text: [
                get(TextPart::Title.name())?,
                get(TextPart::Tags.name())?,
                get(TextPart::Body.name())?,
            ],
            snippet: [
                get(&snippet_field_name(Lang::En))?,
                get(&snippet_field_name(Lang::Es))?,
                get(&snippet_field_name(Lang::Fr))?,
            ],
            snippet_tokens: [
                get(&snippet_tokens_field_name(Lang::En))?,
                get(&snippet_tokens_field_name(Lang::Es))?,
                get(&snippet_tokens_field_name(Lang::Fr))?,
            ],
            text_lang: get(TEXT_LANG)?,
            cost_usd: get(COST_USD)?,
            start_year: get(START_YEAR)?,
            compliance: get(COMPLIANCE)?,
            outcome_share: get(OUTCOME_SHARE)?,
            country_rank: [
                get(&country_rank_name(Lang::En))?,
                get(&country_rank_name(Lang::Es))?,
                get(&country_rank_name(Lang::Fr))?,
            ],
        })
    }
}

fn part_index(part: TextPart) -> usize {
    TextPart::ALL.iter().position(|p| *p == part).unwrap_or(0)
}

fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

fn snippet_field_name(lang: Lang) -> String {
    match lang {
        Lang::En => "snippet".to_string(),
        other => format!("snippet_{}", other.code()),
    }
}

fn snippet_tokens_field_name(lang: Lang) -> String {
    format!("{}_tokens", snippet_field_name(lang))
}

/// The analysis of the text parts: each word's distinct stems in the three languages at
/// one position, so a Spanish or French reading of a word finds it as the English does.
pub const EVERY_LANGUAGE: &str = "atlas_every";

pub fn analyzer_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "atlas_en",
        Lang::Es => "atlas_es",
        Lang::Fr => "atlas_fr",
    }
}

/// What an opened index will do, which decides how its analyzers stem (never what they emit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Building: millions of words, mostly repeats, so stems are remembered.
    Indexing,
    /// Searching: a query's few words and twenty snippets; stems shared by every search.
    Searching,
}

/// The language of `lang`'s analysis (its stemmer and its helper words).
pub fn language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::English,
        Lang::Es => Language::Spanish,
        Lang::Fr => Language::French,
    }
}

/// Lower-cased, accent-folded, stemmed words: "detenciones" and "detención" meet at "detencion".
/// Both uses give the same tokens (tested in `stem_cache`).
pub(super) fn analyzer(lang: Lang, usage: Use) -> TextAnalyzer {
    let algorithm = match lang {
        Lang::En => Algorithm::English,
        Lang::Es => Algorithm::Spanish,
        Lang::Fr => Algorithm::French,
    };
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match usage {
        Use::Indexing => folded.filter(CachedStemmer::new(algorithm)).build(),
        Use::Searching => folded.filter(SharedStemmer::new(algorithm)).build(),
    }
}

/// The text parts' analysis ([`EVERY_LANGUAGE`]): folded words, each with its distinct
/// stems (a query reads its words with each language's [`analyzer`] and looks every
/// reading up in the one field).
fn every_language_analyzer(usage: Use) -> TextAnalyzer {
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match usage {
        Use::Indexing => folded.filter(CachedStemmers).build(),
        Use::Searching => folded.filter(SharedStemmers).build(),
    }
}

/// Registers the analyzers an index of this schema needs; call on every opened index.
pub fn register_analyzers(index: &Index, usage: Use) {
    for lang in Lang::ALL {
        index
            .tokenizers()
            .register(analyzer_name(lang), analyzer(lang, usage));
    }
    index
        .tokenizers()
        .register(EVERY_LANGUAGE, every_language_analyzer(usage));
}

pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field(ID, STRING | STORED | FAST);
    builder.add_facet_field(FACETS, FacetOptions::default());
    for part in TextPart::ALL {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(EVERY_LANGUAGE)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        builder.add_text_field(part.name(), options);
    }
    for lang in Lang::ALL {
        builder.add_text_field(&snippet_field_name(lang), STORED);
        builder.add_text_field(&snippet_tokens_field_name(lang), STORED);
    }
    builder.add_text_field(TEXT_LANG, STORED);
    builder.add_f64_field(COST_USD, FAST | INDEXED);
    builder.add_i64_field(START_YEAR, FAST | INDEXED);
    builder.add_f64_field(COMPLIANCE, FAST | INDEXED);
    builder.add_text_field(OUTCOME_SHARE, STRING);
    for lang in Lang::ALL {
        builder.add_u64_field(&country_rank_name(lang), FAST);
    }
    builder.build()
}

/// The analyses a build reads the snippet texts with, one per language, each remembering
/// its stems for the whole build.
pub struct SnippetAnalyzers([TextAnalyzer; 3]);

impl SnippetAnalyzers {
    pub fn new() -> SnippetAnalyzers {
        SnippetAnalyzers(Lang::ALL.map(|lang| analyzer(lang, Use::Indexing)))
    }

    fn analyse(&mut self, text: &str, lang: Lang) -> Vec<snippet_tokens::StoredToken> {
        snippet_tokens::analyse(&mut self.0[lang_index(lang)], text)
    }
}

impl Default for SnippetAnalyzers {
    fn default() -> Self {
        SnippetAnalyzers::new()
    }
}

/// The text a snippet is cut from: what a reader wants to see under the title, in `lang`
/// (a translated field where there is one, the original otherwise).
pub fn snippet_text(p: &Practice, lang: Lang) -> String {
    [TextField::Summary, TextField::OutcomeOther]
        .map(|field| p.text_in(field, lang).text)
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a page in `lang` shows text written in `lang`: the original's own language, or
/// one the record has a translation into.
fn written_in(p: &Practice, lang: Lang) -> bool {
    lang == p.text_lang || p.translations.iter().any(|t| t.lang == lang)
}

/// Every translation of `fields` of a practice's text, beside the original in the same
/// field: words of every language then find what the original's words find.
fn translated_text<'a>(p: &'a Practice, fields: &[TextField]) -> Vec<&'a str> {
    p.translations
        .iter()
        .filter(|t| fields.contains(&t.field) && !t.text.is_empty())
        .map(|t| t.text.as_str())
        .collect()
}

/// The one place that maps a practice to an index document.
pub fn document(
    p: &Practice,
    reference: &Reference,
    fields: &Fields,
    analyzers: &mut SnippetAnalyzers,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, p.id.as_str());
    doc.add_text(fields.text_lang, p.text_lang.code());
    for facet in FacetName::ALL {
        for value in facet.values(p) {
            doc.add_facet(fields.facets, facet.facet(value));
        }
    }
    let title = join_nonempty(&[&p.programme]);
    let tags = tag_text(p, reference);
    let body = join_nonempty(&[
        &p.summary,
        &p.outcome_other,
        &p.organisation,
        &p.participants_note,
        &p.source_title,
        &p.country,
    ]);
    // Each part is analysed once, every word into its distinct stems in the three languages
    // (one field per part instead of one per part and language: BENCHMARKS.md, "Levers,
    // counted"); translations join their original in the same field.
    doc.add_text(fields.text_field(TextPart::Title), &title);
    for gloss in translated_text(p, &[TextField::Programme]) {
        doc.add_text(fields.text_field(TextPart::Title), gloss);
    }
    doc.add_text(fields.text_field(TextPart::Tags), &tags);
    doc.add_text(fields.text_field(TextPart::Body), &body);
    for translated in translated_text(p, &TRANSLATED_BODY) {
        doc.add_text(fields.text_field(TextPart::Body), translated);
    }
    for lang in Lang::ALL {
        // Each snippet text is stored with its words in its own language's analysis, the
        // one a search tries first on it; a search that tries another analysis on the
        // original reads it then (every analysis of every original would add over a third
        // to the build: BENCHMARKS.md, "Levers, counted").
        if written_in(p, lang) {
            let text = snippet_text(p, lang);
            let analysis = [(lang, analyzers.analyse(&text, lang))];
            add_snippet(&mut doc, fields, lang, text, &analysis);
        }
    }
    if let Some(cost) = p.derived.per_day_usd_constant {
        doc.add_f64(fields.cost_usd, cost);
    }
    if let Some(year) = p.start_year {
        doc.add_i64(fields.start_year, i64::from(year));
    }
    if let Some(pct) = p.outcome_compliance_pct {
        doc.add_f64(fields.compliance, pct);
    }
    let shares = p
        .figures
        .iter()
        .filter(|f| reference.vocabularies.measure_kind(&f.measure) == Some(MeasureKind::Percent));
    for f in shares {
        for measure in [f.measure.as_str(), ANY_SHARE] {
            doc.add_text(fields.outcome_share, outcome_share_term(measure, f.value));
        }
    }
    for lang in Lang::ALL {
        let rank = reference.countries.alphabetical_rank(&p.iso2, lang);
        doc.add_u64(fields.country_rank_field(lang), u64::from(rank));
    }
    doc
}

/// The snippet text in `lang` and its words in `analyses`, stored for the searches.
fn add_snippet(
    doc: &mut TantivyDocument,
    fields: &Fields,
    lang: Lang,
    text: String,
    analyses: &[(Lang, Vec<snippet_tokens::StoredToken>)],
) {
    if let Some(words) = snippet_tokens::encode(analyses) {
        doc.add_text(fields.snippet_tokens_field(lang), words);
    }
    doc.add_text(fields.snippet_field(lang), text);
}

/// Every label of every tag, country and region in every language, so "niños" finds `children`.
fn tag_text(p: &Practice, reference: &Reference) -> String {
    let vocab = &reference.vocabularies;
    let mut words: Vec<&str> = Vec::new();
    let mut add_term = |v: Vocab, key: &str| {
        if let Some(term) = vocab.term(v, key) {
            words.extend(term.label.all());
        }
    };
    add_term(Vocab::Kind, &p.kind);
    add_term(Vocab::Status, &p.status);
    add_term(Vocab::OrganisationType, &p.organisation_type);
    add_term(Vocab::Region, &p.region);
    add_term(Vocab::Subregion, &p.subregion);
    for key in &p.populations {
        add_term(Vocab::Population, key);
    }
    for key in &p.atd_types {
        add_term(Vocab::AtdType, key);
    }
    for key in &p.cap_stages {
        add_term(Vocab::CapStage, key);
    }
    if let Some(country) = reference.countries.get(&p.iso2) {
        words.extend(country.name.all());
    }
    words.push(&p.country);
    join_nonempty(&words)
}

fn join_nonempty(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts.iter().filter(|s| !s.is_empty()) {
        if !out.is_empty() {
            out.push_str(" \n ");
        }
        out.push_str(part);
    }
    out
}
