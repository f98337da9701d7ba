//! Highlighted excerpts of a hit: the reader's translation when it holds her words, else the
//! English text as any language's analysis of the query highlights it, else its opening.

use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, StopWordFilter, TextAnalyzer};
use tantivy::{Searcher, TantivyDocument};

use super::generation::Generation;
use super::results::Snippet;
use super::schema::{self, TextPart};
use crate::model::Lang;

const SNIPPET_CHARS: usize = 220;

/// Cuts highlighted excerpts, trying each language's analysis of the query.
pub(super) struct Snippets {
    generators: Vec<(Lang, SnippetGenerator)>,
    /// Each language's helper words ("de", "y", "the", "and"): matched, never highlighted.
    helpers: Vec<(Lang, StopWordFilter)>,
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
        let mut generators = Vec::new();
        if has_text {
            for lang in Lang::ALL {
                let field = g.fields.text_field(TextPart::Body, lang);
                let mut generator = SnippetGenerator::create(searcher, query, field)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                generators.push((lang, generator));
            }
        }
        let helpers = Lang::ALL
            .into_iter()
            .filter_map(|lang| StopWordFilter::new(schema::language(lang)).map(|f| (lang, f)))
            .collect();
        Ok(Snippets {
            generators,
            helpers,
            reader,
        })
    }

    /// The highlighted ranges of `text` (in `lang`) that are not one of its helper words: a
    /// Spanish reader's "y" matches, but only her content words are marked.
    fn content_highlights(
        &self,
        text: &str,
        lang: Lang,
        ranges: &[std::ops::Range<usize>],
    ) -> Vec<std::ops::Range<usize>> {
        let Some((_, helpers)) = self.helpers.iter().find(|(l, _)| *l == lang) else {
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

    /// A reader of Spanish or French gets the record's translation, highlighted by her
    /// language's analysis, when it has her words. Otherwise the first language whose analysis
    /// highlights something in the English wins; English goes first because every record has
    /// an English text, so one pass usually finds the words (snippets are a large part of a
    /// new search page's CPU: BENCHMARKS.md, "Where the time goes").
    pub(super) fn cut(&self, doc: &TantivyDocument, fields: &schema::Fields) -> Snippet {
        let english = text_value(doc, fields.snippet_field(Lang::En));
        let translated = (self.reader != Lang::En)
            .then(|| text_value(doc, fields.snippet_field(self.reader)))
            .filter(|t| !t.is_empty());
        if let Some(text) = &translated
            && let Some(snippet) = self.highlight(text, self.reader, &[self.reader])
        {
            return snippet;
        }
        if let Some(snippet) = self.highlight(&english, Lang::En, &Lang::ALL) {
            return snippet;
        }
        match translated {
            Some(text) => Snippet {
                text: leading_chars(&text, SNIPPET_CHARS),
                highlights: Vec::new(),
                lang: self.reader,
            },
            None => Snippet {
                text: leading_chars(&english, SNIPPET_CHARS),
                highlights: Vec::new(),
                lang: Lang::En,
            },
        }
    }

    /// `text` (in `lang`) cut around the first highlight of the analyses of `analyses`.
    fn highlight(&self, text: &str, lang: Lang, analyses: &[Lang]) -> Option<Snippet> {
        self.generators
            .iter()
            .filter(|(analysis, _)| analyses.contains(analysis))
            .map(|(_, g)| g.snippet(text))
            .find(|s| !s.highlighted().is_empty())
            .map(|s| Snippet {
                text: s.fragment().to_string(),
                highlights: self.content_highlights(s.fragment(), lang, s.highlighted()),
                lang,
            })
    }
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
