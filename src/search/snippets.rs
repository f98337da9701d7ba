//! Highlighted excerpts of a hit: the reader's translation when it holds her words, else the
//! original text as the first language's analysis of it that holds the query's words (its own
//! language's first) highlights it, else its opening.

use std::sync::LazyLock;

use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, StopWordFilter, TextAnalyzer};
use tantivy::{Searcher, TantivyDocument};

use super::generation::Generation;
use super::results::Snippet;
use super::schema::{self, TextPart};
use super::snippet_tokens::{self, Terms, TokenRef};
use crate::model::Lang;

const SNIPPET_CHARS: usize = 220;

/// Each language's helper words ("de", "y", "the", "and"): matched, never highlighted. Built
/// once (a search used to build all three sets).
static HELPERS: LazyLock<Vec<(Lang, StopWordFilter)>> = LazyLock::new(|| {
    Lang::ALL
        .into_iter()
        .filter_map(|lang| StopWordFilter::new(schema::language(lang)).map(|f| (lang, f)))
        .collect()
});

/// Cuts highlighted excerpts from the words the index stored for each text
/// (`snippet_tokens`, the text's own language's analysis): a hit's text is analysed again
/// only when another language's analysis of the original is tried.
pub(super) struct Snippets {
    /// The query's terms in the body (every language's readings of its words: the body holds
    /// each word's stems in the three languages).
    terms: Terms,
    /// The reader's language: its translation of a record is tried first.
    reader: Lang,
}

impl Snippets {
    pub(super) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        g: &Generation,
        has_text: bool,
        reader: Lang,
    ) -> anyhow::Result<Snippets> {
        let terms = if has_text {
            let field = g.fields.text_field(TextPart::Body);
            snippet_tokens::query_terms(searcher, query, field)?
        } else {
            Terms::new()
        };
        Ok(Snippets { terms, reader })
    }

    /// The highlighted ranges of `text` (in `lang`) that are not one of its helper words: a
    /// Spanish reader's "y" matches, but only her content words are marked.
    fn content_highlights(
        text: &str,
        lang: Lang,
        ranges: &[std::ops::Range<usize>],
    ) -> Vec<std::ops::Range<usize>> {
        let Some((_, helpers)) = HELPERS.iter().find(|(l, _)| *l == lang) else {
            return ranges.to_vec();
        };
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(helpers.clone())
            .build();
        ranges
            .iter()
            .filter(|r| {
                text.get((*r).clone())
                    .is_none_or(|word| analyzer.token_stream(word).advance())
            })
            .cloned()
            .collect()
    }

    /// A reader whose language is not the original's gets the record's translation,
    /// highlighted by her language's analysis, when it has her words. Otherwise the first
    /// analysis that highlights something in the original wins, its own language's first:
    /// every record has an original, so one pass usually finds the words.
    pub(super) fn cut(&self, doc: &TantivyDocument, fields: &schema::Fields) -> Snippet {
        let original_lang = Lang::from_code(stored_str(doc, fields.text_lang)).unwrap_or_default();
        let original = text_value(doc, fields.snippet_field(original_lang));
        let translated = (self.reader != original_lang)
            .then(|| text_value(doc, fields.snippet_field(self.reader)))
            .filter(|t| !t.is_empty());
        if let Some(text) = &translated {
            let stored = stored_str(doc, fields.snippet_tokens_field(self.reader));
            if let Some(snippet) = self.highlight(text, stored, self.reader, &[self.reader]) {
                return snippet;
            }
        }
        let stored = stored_str(doc, fields.snippet_tokens_field(original_lang));
        let analyses = own_first(original_lang);
        if let Some(snippet) = self.highlight(&original, stored, original_lang, &analyses) {
            return snippet;
        }
        match translated {
            Some(text) => Snippet {
                text: leading_chars(&text, SNIPPET_CHARS),
                highlights: Vec::new(),
                lang: self.reader,
            },
            None => Snippet {
                text: leading_chars(&original, SNIPPET_CHARS),
                highlights: Vec::new(),
                lang: original_lang,
            },
        }
    }

    /// `text` (in `lang`) cut around the query's terms in the first of `analyses` of it that
    /// holds some, in that order, read from the words the index stored for it.
    fn highlight(
        &self,
        text: &str,
        stored: &str,
        lang: Lang,
        analyses: &[Lang],
    ) -> Option<Snippet> {
        if self.terms.is_empty() {
            return None;
        }
        let terms = &self.terms;
        analyses
            .iter()
            .find_map(|analysis| {
                let analysed;
                let tokens = match snippet_tokens::tokens_of(stored, *analysis) {
                    Some(tokens) => tokens,
                    // Another language's analysis of the original (a text is stored with its
                    // own language's only), a text over a megabyte, or damage: read it.
                    None => {
                        let mut analyzer = schema::analyzer(*analysis, schema::Use::Searching);
                        analysed = snippet_tokens::analyse(&mut analyzer, text);
                        analysed.iter().map(TokenRef::from).collect()
                    }
                };
                let cut = snippet_tokens::cut(&tokens, terms, SNIPPET_CHARS)?;
                let fragment = text.get(cut.fragment)?;
                Some((fragment, cut.highlighted))
            })
            .map(|(fragment, highlighted)| Snippet {
                text: fragment.to_string(),
                highlights: Self::content_highlights(fragment, lang, &highlighted),
                lang,
            })
    }
}

/// Every language, `first` first, the others in their usual order (English first).
fn own_first(first: Lang) -> [Lang; 3] {
    let mut order = Lang::ALL;
    order.sort_by_key(|lang| (*lang != first, *lang));
    order
}

fn leading_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let at_word = head.rfind(' ').unwrap_or(cut);
            format!("{}…", head[..at_word].trim_end())
        }
    }
}

pub(super) fn text_value(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn stored_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> &str {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
}
