//! The analysed words of a record's snippet text, stored with the record when the index is
//! built: a search cuts and highlights its hits from these offsets and stems instead of
//! re-analysing their text (tantivy keeps positions but not offsets in its postings).
//!
//! Re-analysing twenty hits in up to three languages was half of a keyword search's
//! instructions (BENCHMARKS.md, "Levers, counted"). The cut is tantivy's `SnippetGenerator`
//! algorithm, byte for byte (tested against it below), over the stored words.

use std::collections::BTreeSet;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, Token};
use tantivy::{Searcher, Term};

use crate::model::Lang;

/// One analysed word of a text: its byte range and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredToken {
    pub from: usize,
    pub to: usize,
    pub stem: String,
}

/// The words of `text` as `analyzer` reads them. Stems are lower-cased again as
/// `SnippetGenerator` does before it compares them with the query's terms.
pub fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<StoredToken> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(stored(token));
    }
    tokens
}

fn stored(token: &Token) -> StoredToken {
    // The analysis already lower-cases; this only repeats what `SnippetGenerator` compares.
    let stem = if token.text.bytes().any(|b| b.is_ascii_uppercase()) || !token.text.is_ascii() {
        token.text.to_lowercase()
    } else {
        token.text.clone()
    };
    StoredToken {
        from: token.offset_from,
        to: token.offset_to,
        stem,
    }
}

/// Each analysis of one text, as one stored text value (tantivy reads a stored text in one
/// copy, stored bytes one byte at a time): per analysis its language, the number of words,
/// then each word as (gap since the previous word's end, length, stem length in bytes, stem),
/// each number one character ([`number_char`]). `None` when a number is too large for one
/// character (a text over a megabyte): the search then analyses that text itself.
pub fn encode(analyses: &[(Lang, Vec<StoredToken>)]) -> Option<String> {
    let mut out = String::new();
    for (lang, tokens) in analyses {
        out.push(lang_char(*lang));
        out.push(number_char(tokens.len())?);
        let mut end = 0;
        for t in tokens {
            out.push(number_char(t.from.checked_sub(end)?)?);
            out.push(number_char(t.to.checked_sub(t.from)?)?);
            out.push(number_char(t.stem.len())?);
            out.push_str(&t.stem);
            end = t.to;
        }
    }
    Some(out)
}

/// A number as one character: the code points below the surrogates, then those above them.
fn number_char(n: usize) -> Option<char> {
    let code = if n < 0xD800 { n } else { n.checked_add(0x800)? };
    char::from_u32(u32::try_from(code).ok()?)
}

fn char_number(c: char) -> usize {
    let code = c as usize;
    if code < 0xD800 { code } else { code - 0x800 }
}

/// A stored word as read back: its byte range and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRef<'a> {
    pub from: usize,
    pub to: usize,
    pub stem: &'a str,
}

impl<'a> From<&'a StoredToken> for TokenRef<'a> {
    fn from(t: &'a StoredToken) -> TokenRef<'a> {
        TokenRef {
            from: t.from,
            to: t.to,
            stem: &t.stem,
        }
    }
}

/// The words of `lang`'s analysis in `stored`; `None` when it holds no such analysis or is
/// damaged (never a panic: the value comes from disk).
pub fn tokens_of(stored: &str, lang: Lang) -> Option<Vec<TokenRef<'_>>> {
    let mut reader = Reader { rest: stored };
    while !reader.rest.is_empty() {
        let this = reader.char()?;
        let n = reader.number()?;
        let mut tokens = Vec::with_capacity(n.min(stored.len()));
        let mut end = 0usize;
        for _ in 0..n {
            let from = end.checked_add(reader.number()?)?;
            let to = from.checked_add(reader.number()?)?;
            let len = reader.number()?;
            let stem = reader.take(len)?;
            tokens.push(TokenRef { from, to, stem });
            end = to;
        }
        if this == lang_char(lang) {
            return Some(tokens);
        }
    }
    None
}

fn lang_char(lang: Lang) -> char {
    match lang {
        Lang::En => 'e',
        Lang::Es => 's',
        Lang::Fr => 'f',
    }
}

struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    fn char(&mut self) -> Option<char> {
        let c = self.rest.chars().next()?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }

    fn number(&mut self) -> Option<usize> {
        self.char().map(char_number)
    }

    fn take(&mut self, len: usize) -> Option<&'a str> {
        let head = self.rest.get(..len)?;
        self.rest = &self.rest[len..];
        Some(head)
    }
}

/// The query's terms in one analysis, each with its weight (rarer terms weigh more).
pub type Terms = Vec<(String, f32)>;

/// The terms of `query` in `field` that some document holds, weighted as
/// `SnippetGenerator::create` weighs them: 1 / (1 + the number of documents holding it).
pub fn query_terms(searcher: &Searcher, query: &dyn Query, field: Field) -> tantivy::Result<Terms> {
    let mut terms: BTreeSet<&Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term);
        }
    });
    let mut weighted = Terms::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let docs = searcher.doc_freq(term)?;
        if docs > 0 && !weighted.iter().any(|(t, _)| t == text) {
            weighted.push((text.to_string(), 1.0 / (1.0 + docs as f32)));
        }
    }
    Ok(weighted)
}

/// A cut: the excerpt's byte range in the text and its highlighted ranges, relative to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub fragment: Range<usize>,
    pub highlighted: Vec<Range<usize>>,
}

struct Candidate {
    score: f32,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl Candidate {
    fn new(start: usize) -> Candidate {
        Candidate {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }
}

/// The best excerpt of at most `max_bytes` over `tokens` (tantivy's `search_fragments` and
/// `select_best_fragment_combination`, which count the limit in bytes): the window with the
/// highest sum of its matched terms' weights, the earliest of equals; `None` when no word
/// matches.
pub fn cut(tokens: &[TokenRef<'_>], terms: &Terms, max_bytes: usize) -> Option<Cut> {
    let mut fragment = Candidate::new(0);
    let mut fragments = Vec::new();
    for token in tokens {
        if token.to.saturating_sub(fragment.start) > max_bytes {
            let next = Candidate::new(token.from);
            let done = std::mem::replace(&mut fragment, next);
            if done.score > 0.0 {
                fragments.push(done);
            }
        }
        fragment.stop = token.to;
        if let Some((_, score)) = terms.iter().find(|(t, _)| t == token.stem) {
            fragment.score += score;
            fragment.highlighted.push(token.from..token.to);
        }
    }
    if fragment.score > 0.0 {
        fragments.push(fragment);
    }
    let best = fragments.iter().max_by(|left, right| {
        let by_score = left
            .score
            .partial_cmp(&right.score)
            .unwrap_or(std::cmp::Ordering::Equal);
        if by_score == std::cmp::Ordering::Equal {
            (right.start, right.stop).cmp(&(left.start, left.stop))
        } else {
            by_score
        }
    })?;
    Some(Cut {
        fragment: best.start..best.stop,
        highlighted: best
            .highlighted
            .iter()
            .map(|r| r.start - best.start..r.end - best.start)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    use tantivy::snippet::SnippetGenerator;
    use tantivy::{Index, TantivyDocument, doc};

    use super::*;
    use crate::search::schema::{Use, analyzer_name, register_analyzers};

    const TEXTS: [(Lang, &str); 3] = [
        (
            Lang::En,
            "Community-based case management for families and children awaiting asylum \
             decisions; caseworkers meet each family weekly. Detention of children ended \
             in 2019, and the families' compliance with reporting stayed above 90 per cent \
             (the ministry's figures). Children's guardians attend every hearing.",
        ),
        (
            Lang::Es,
            "Gestión de casos comunitaria para familias y niños que esperan la decisión de \
             asilo; las trabajadoras sociales visitan a cada familia. La detención de niñas \
             y niños terminó en 2019 y el cumplimiento de las familias superó el 90 %.",
        ),
        (
            Lang::Fr,
            "Accompagnement communautaire des familles et des enfants en attente d'une \
             décision d'asile ; la détention des enfants a pris fin en 2019 et les familles \
             se sont présentées aux convocations dans plus de 90 % des cas. Été 2020 : \
             hébergement.",
        ),
    ];

    /// The stored cut gives tantivy's snippet for the same query, text and analysis: the
    /// same excerpt and the same highlights, in each language, for one word, several, and
    /// words found many times.
    #[test]
    fn stored_words_cut_what_re_analysing_cuts() {
        let mut builder = Schema::builder();
        let fields: Vec<_> = Lang::ALL
            .into_iter()
            .map(|lang| {
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(analyzer_name(lang))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                let options = TextOptions::default().set_indexing_options(indexing);
                builder.add_text_field(lang.code(), options)
            })
            .collect();
        let index = Index::create_in_ram(builder.build());
        register_analyzers(&index, Use::Searching);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (_, text) in TEXTS {
            let mut d = TantivyDocument::default();
            for field in &fields {
                d.add_text(*field, text);
            }
            writer.add_document(d).unwrap();
        }
        writer.add_document(doc!(fields[0] => "filler")).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let queries = [
            vec!["children"],
            vec!["familias", "niños"],
            vec!["détention", "enfants", "2019"],
            vec!["families", "compliance", "90", "hearing"],
            vec!["nothing", "matches"],
        ];
        let mut highlighted = 0;
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            let field = fields[i];
            let mut analyzer = index.tokenizer_for_field(field).unwrap();
            for words in &queries {
                let clauses: Vec<(Occur, Box<dyn Query>)> = words
                    .iter()
                    .flat_map(|w| analyse(&mut analyzer, w))
                    .map(|t| {
                        let term = Term::from_field_text(field, &t.stem);
                        let q: Box<dyn Query> =
                            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                        (Occur::Should, q)
                    })
                    .collect();
                let query = BooleanQuery::new(clauses);
                for max in [40, 220] {
                    let mut generator = SnippetGenerator::create(&searcher, &query, field).unwrap();
                    generator.set_max_num_chars(max);
                    let terms = query_terms(&searcher, &query, field).unwrap();
                    for (text_lang, text) in TEXTS {
                        let expected = generator.snippet(text);
                        let analysed = analyse(&mut analyzer, text);
                        let stored = encode(&[(lang, analysed.clone())]).unwrap();
                        let tokens = tokens_of(&stored, lang).unwrap();
                        let got = cut(&tokens, &terms, max);
                        let label = format!("{words:?} in {text_lang:?} read as {lang:?}");
                        // Read back, or analysed on the spot (what a search does without them).
                        let unstored: Vec<_> = analysed.iter().map(TokenRef::from).collect();
                        assert_eq!(cut(&unstored, &terms, max), got, "{label}");
                        match got {
                            None => assert!(expected.highlighted().is_empty(), "{label}"),
                            Some(got) => {
                                highlighted += 1;
                                assert_eq!(&text[got.fragment.clone()], expected.fragment());
                                assert_eq!(got.highlighted, expected.highlighted(), "{label}");
                            }
                        }
                    }
                }
            }
        }
        assert!(
            highlighted > 20,
            "the comparison must cover matches ({highlighted})"
        );
    }

    #[test]
    fn analyses_are_read_back_by_language_and_damage_is_no_panic() {
        let t = |from, to, stem: &str| StoredToken {
            from,
            to,
            stem: stem.to_string(),
        };
        let stored = encode(&[
            (Lang::En, vec![t(0, 8, "children"), t(300, 305, "niñas")]),
            (Lang::Fr, vec![t(2, 4, "de")]),
        ])
        .unwrap();
        let en = tokens_of(&stored, Lang::En).unwrap();
        assert_eq!((en[1].from, en[1].to, en[1].stem), (300, 305, "niñas"));
        assert_eq!(tokens_of(&stored, Lang::Fr).unwrap()[0].stem, "de");
        assert!(tokens_of(&stored, Lang::Es).is_none());
        for (cut, _) in stored.char_indices() {
            let _ = tokens_of(&stored[..cut], Lang::Fr);
        }
        // A stem running past the end, and one that ends inside a character.
        assert!(tokens_of("e\u{1}\u{0}\u{1}\u{9}ab", Lang::En).is_none());
        assert!(tokens_of("e\u{1}\u{0}\u{1}\u{1}ñ", Lang::En).is_none());
        // Numbers past the surrogates read back; a text over a megabyte is not stored.
        let far = encode(&[(Lang::En, vec![t(70_000, 70_004, "far")])]).unwrap();
        assert_eq!(tokens_of(&far, Lang::En).unwrap()[0].from, 70_000);
        assert!(encode(&[(Lang::En, vec![t(2_000_000, 2_000_003, "big")])]).is_none());
    }
}
