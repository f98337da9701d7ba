//! A Snowball stemmer that remembers the words it has stemmed: the index build's and the
//! snippets' hot path.
//!
//! Building the index stems every word of every record three times (English, Spanish and
//! French analysis), and the Snowball algorithms were over 40 % of the build's CPU
//! (BENCHMARKS.md, "Where the time goes"); a search stems its words, and the excerpts it
//! reads in another analysis than the one stored with them (`snippet_tokens`). Text repeats
//! its words (Zipf), so the stems are remembered in bounded memory: each indexing analyzer
//! keeps its own map, and searches share one concurrent cache per language. The output is
//! exactly the plain stemmer's.

use std::sync::LazyLock;

use frostem::{Algorithm, Stemmer};
use quick_cache::sync::Cache;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Most words one analyzer remembers; past it the map starts again (memory stays bounded
/// whatever the vocabulary). Each indexing thread holds one analyzer per text field.
const MAX_REMEMBERED: usize = 20_000;
/// Longer words are rare and not worth remembering.
const MAX_REMEMBERED_BYTES: usize = 24;
/// Most words the searches of one language remember together (about 1 MB each).
const MAX_SHARED: usize = 16_384;

/// Token filter: tantivy's `Stemmer` (the same Snowball crate and version, so the same
/// stems) with a memory of the words it stemmed.
#[derive(Clone)]
pub struct CachedStemmer {
    algorithm: Algorithm,
}

impl CachedStemmer {
    pub fn new(algorithm: Algorithm) -> CachedStemmer {
        CachedStemmer { algorithm }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            memory: StemMemory {
                stemmer: Stemmer::new(self.algorithm),
                stems: FxHashMap::default(),
            },
        }
    }
}

/// The stemmer and what it remembers; each analyzer clone (one per text field per indexing
/// thread) has its own, so no lock is taken. Searches use [`SharedStemmer`] instead: an
/// analyzer is cloned for each search, which would copy or lose a map of its own.
#[derive(Clone)]
pub struct StemMemory {
    stemmer: Stemmer,
    stems: FxHashMap<String, String>,
}

impl StemMemory {
    /// Replaces `word` by its stem.
    fn stem_in_place(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if word.len() <= MAX_REMEMBERED_BYTES {
            if self.stems.len() >= MAX_REMEMBERED {
                self.stems.clear();
            }
            self.stems.insert(std::mem::take(word), stem.clone());
        }
        *word = stem;
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    memory: StemMemory,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = StemmedStream<T::TokenStream<'a>, &'a mut StemMemory>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmedStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.memory,
        }
    }
}

/// Something that replaces a word by its stem: an indexing analyzer's own memory, or the
/// memory all searches share.
pub trait Stems {
    fn stem_in_place(&mut self, word: &mut String);
}

impl Stems for &mut StemMemory {
    fn stem_in_place(&mut self, word: &mut String) {
        StemMemory::stem_in_place(self, word);
    }
}

impl Stems for SharedStemmer {
    fn stem_in_place(&mut self, word: &mut String) {
        SharedStemmer::stem_in_place(self, word);
    }
}

/// The tokens of `tail`, each replaced by its stem.
pub struct StemmedStream<T, S> {
    tail: T,
    stems: S,
}

impl<T: TokenStream, S: Stems> TokenStream for StemmedStream<T, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.stems.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The stems every search of one language has seen; shared by all searches and threads.
static SHARED_STEMS: LazyLock<[Cache<String, String>; 3]> =
    LazyLock::new(|| std::array::from_fn(|_| Cache::new(MAX_SHARED)));

fn shared_stems(algorithm: Algorithm) -> Option<&'static Cache<String, String>> {
    let slot = match algorithm {
        Algorithm::English => 0,
        Algorithm::Spanish => 1,
        Algorithm::French => 2,
        _ => return None,
    };
    Some(&SHARED_STEMS[slot])
}

/// Token filter for searches (query words and the excerpts they highlight): the plain
/// stemmer with one bounded memory per language shared by every search, so a word stemmed
/// for one page is read back on the next.
#[derive(Clone, Copy)]
pub struct SharedStemmer {
    stemmer: Stemmer,
    memory: Option<&'static Cache<String, String>>,
}

impl SharedStemmer {
    pub fn new(algorithm: Algorithm) -> SharedStemmer {
        SharedStemmer {
            stemmer: Stemmer::new(algorithm),
            memory: shared_stems(algorithm),
        }
    }

    /// Replaces `word` by its stem.
    fn stem_in_place(&self, word: &mut String) {
        let Some(memory) = self.memory else {
            *word = self.stemmer.stem(word).into_owned();
            return;
        };
        if let Some(stem) = memory.get(word.as_str()) {
            *word = stem;
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if word.len() <= MAX_REMEMBERED_BYTES {
            memory.insert(std::mem::take(word), stem.clone());
        }
        *word = stem;
    }
}

impl TokenFilter for SharedStemmer {
    type Tokenizer<T: Tokenizer> = SharedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SharedStemmerFilter<T> {
        SharedStemmerFilter {
            inner: tokenizer,
            stemmer: self,
        }
    }
}

#[derive(Clone)]
pub struct SharedStemmerFilter<T> {
    inner: T,
    stemmer: SharedStemmer,
}

impl<T: Tokenizer> Tokenizer for SharedStemmerFilter<T> {
    type TokenStream<'a> = StemmedStream<T::TokenStream<'a>, SharedStemmer>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmedStream {
            tail: self.inner.token_stream(text),
            stems: self.stemmer,
        }
    }
}

/// The three languages' stemmers, in `Lang::ALL` order (English, Spanish, French).
const ALGORITHMS: [Algorithm; 3] = [Algorithm::English, Algorithm::Spanish, Algorithm::French];

/// Token filter of the build's one analysis per text part: each word becomes its distinct
/// English, Spanish and French stems at its own position ("children" one term, "families"
/// two), so a text is analysed once and a word is found by any language's reading of it.
/// Each analyzer clone remembers its own stems, like [`CachedStemmer`].
#[derive(Clone, Copy, Default)]
pub struct CachedStemmers;

impl TokenFilter for CachedStemmers {
    type Tokenizer<T: Tokenizer> = CachedStemmersFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmersFilter<T> {
        CachedStemmersFilter {
            inner: tokenizer,
            memories: ALGORITHMS.map(|algorithm| StemMemory {
                stemmer: Stemmer::new(algorithm),
                stems: FxHashMap::default(),
            }),
            stems: Default::default(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmersFilter<T> {
    inner: T,
    memories: [StemMemory; 3],
    stems: OtherStems,
}

impl<T: Tokenizer> Tokenizer for CachedStemmersFilter<T> {
    type TokenStream<'a> = EveryStemStream<'a, T::TokenStream<'a>, &'a mut StemMemory>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let [en, es, fr] = &mut self.memories;
        EveryStemStream {
            tail: self.inner.token_stream(text),
            stemmers: [en, es, fr],
            other: &mut self.stems,
        }
    }
}

/// The same filter for searches, with the memories all searches share ([`SharedStemmer`]).
#[derive(Clone, Copy, Default)]
pub struct SharedStemmers;

impl TokenFilter for SharedStemmers {
    type Tokenizer<T: Tokenizer> = SharedStemmersFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SharedStemmersFilter<T> {
        SharedStemmersFilter {
            inner: tokenizer,
            stemmers: ALGORITHMS.map(SharedStemmer::new),
            stems: Default::default(),
        }
    }
}

#[derive(Clone)]
pub struct SharedStemmersFilter<T> {
    inner: T,
    stemmers: [SharedStemmer; 3],
    stems: OtherStems,
}

impl<T: Tokenizer> Tokenizer for SharedStemmersFilter<T> {
    type TokenStream<'a> = EveryStemStream<'a, T::TokenStream<'a>, SharedStemmer>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EveryStemStream {
            tail: self.inner.token_stream(text),
            stemmers: self.stemmers,
            other: &mut self.stems,
        }
    }
}

/// The Spanish and French stems of the current word still to be emitted (buffers kept
/// between words, so a word costs no allocation once its stems are remembered).
#[derive(Clone, Default)]
pub struct OtherStems {
    spanish: String,
    french: String,
    spanish_due: bool,
    french_due: bool,
}

/// The tokens of `tail`, each followed by its other languages' stems where they differ, at
/// the same position and offsets.
pub struct EveryStemStream<'a, T, S> {
    tail: T,
    stemmers: [S; 3],
    other: &'a mut OtherStems,
}

impl<T: TokenStream, S: Stems> TokenStream for EveryStemStream<'_, T, S> {
    fn advance(&mut self) -> bool {
        let other = &mut *self.other;
        if other.spanish_due {
            other.spanish_due = false;
            std::mem::swap(&mut self.tail.token_mut().text, &mut other.spanish);
            return true;
        }
        if other.french_due {
            other.french_due = false;
            std::mem::swap(&mut self.tail.token_mut().text, &mut other.french);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let [english, spanish, french] = &mut self.stemmers;
        let word = &mut self.tail.token_mut().text;
        other.spanish.clear();
        other.spanish.push_str(word);
        spanish.stem_in_place(&mut other.spanish);
        other.french.clear();
        other.french.push_str(word);
        french.stem_in_place(&mut other.french);
        english.stem_in_place(word);
        other.spanish_due = other.spanish != *word;
        other.french_due = other.french != *word && other.french != other.spanish;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, TextAnalyzer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn remembered_stems_are_the_plain_stemmers_stems() {
        let text = "Detenciones detención détention detentions children's children \
                    alternatives alternativas alternatives supervisión supervision \
                    supervisée communautaire community communities comunitaria";
        for (language, algorithm) in [
            (Language::English, Algorithm::English),
            (Language::Spanish, Algorithm::Spanish),
            (Language::French, Algorithm::French),
        ] {
            let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(tantivy::tokenizer::Stemmer::new(language))
                .build();
            let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(CachedStemmer::new(algorithm))
                .build();
            let shared = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(SharedStemmer::new(algorithm))
                .build();
            // Twice: the second pass reads every stem from memory (the shared one through
            // another clone, as the next search would).
            for _ in 0..2 {
                assert_eq!(tokens(&mut cached, text), tokens(&mut plain, text));
                assert_eq!(tokens(&mut shared.clone(), text), tokens(&mut plain, text));
            }
        }
    }

    /// Each word gives its distinct English, Spanish and French stems, English first, all at
    /// the word's position and offsets, the same through either memory and on a second pass.
    #[test]
    fn every_stem_is_each_languages_stem_once_at_the_words_position() {
        let text = "children families detenciones familias alternatives supervisée";
        let plain: Vec<_> = [Language::English, Language::Spanish, Language::French]
            .map(|language| {
                TextAnalyzer::builder(SimpleTokenizer::default())
                    .filter(LowerCaser)
                    .filter(tantivy::tokenizer::Stemmer::new(language))
                    .build()
            })
            .into_iter()
            .map(|mut analyzer| tokens(&mut analyzer, text))
            .collect();
        let mut expected = Vec::new();
        for (i, english) in plain[0].iter().enumerate() {
            for stems in [english, &plain[1][i], &plain[2][i]] {
                if !expected
                    .iter()
                    .any(|e: &(String, usize, usize, usize)| e.1 == english.1 && e.0 == stems.0)
                {
                    expected.push(stems.clone());
                }
            }
        }
        // Some words read the same in two or three languages, others do not.
        assert!(expected.len() > plain[0].len() && expected.len() < 3 * plain[0].len());
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmers)
            .build();
        let shared = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(SharedStemmers)
            .build();
        for _ in 0..2 {
            assert_eq!(tokens(&mut cached, text), expected);
            assert_eq!(tokens(&mut shared.clone(), text), expected);
        }
    }

    #[test]
    fn memory_stays_bounded() {
        let CachedStemmerFilter { mut memory, .. } =
            CachedStemmer::new(Algorithm::English).transform(SimpleTokenizer::default());
        for i in 0..(MAX_REMEMBERED * 2 + 7) {
            let mut word = format!("word{i}s");
            memory.stem_in_place(&mut word);
            assert_eq!(word, format!("word{i}"));
            assert!(memory.stems.len() <= MAX_REMEMBERED);
        }
        let mut long = "a".repeat(MAX_REMEMBERED_BYTES + 1) + "ing";
        let before = memory.stems.len();
        memory.stem_in_place(&mut long);
        assert_eq!(memory.stems.len(), before);
    }
}
