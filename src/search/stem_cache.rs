//! A Snowball stemmer that remembers the words it has stemmed: the index build's hot path.
//!
//! Building the index stems every word of every record three times (English, Spanish and
//! French analysis), and the Snowball algorithms were over 40 % of the build's CPU
//! (BENCHMARKS.md, "Where the time goes"). Text repeats its words (Zipf), so each analyzer
//! keeps a bounded map from folded word to stem: the output is exactly the plain stemmer's.

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Most words one analyzer remembers; past it the map starts again (memory stays bounded
/// whatever the vocabulary). Each indexing thread holds one analyzer per text field.
const MAX_REMEMBERED: usize = 20_000;
/// Longer words are rare and not worth remembering.
const MAX_REMEMBERED_BYTES: usize = 24;

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
/// thread) has its own, so no lock is taken. Searches use the plain stemmer
/// (`schema::Use::Searching`): a search stems too few words to gain from remembering.
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
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            memory: &mut self.memory,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    memory: &'a mut StemMemory,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memory.stem_in_place(&mut self.tail.token_mut().text);
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
            // Twice: the second pass reads every stem from memory.
            for _ in 0..2 {
                assert_eq!(tokens(&mut cached, text), tokens(&mut plain, text));
            }
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
