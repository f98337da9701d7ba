//! Ways on from a search that found nothing: a corrected spelling ("did you mean") in the
//! reader's language and the filter values nearest to the words typed. English pages correct
//! towards the labels and country names in all three languages and the synonyms table;
//! Spanish and French pages towards their own labels, country names and the records'
//! translations, so a reader is never offered an English word.

use std::collections::BTreeSet;

use crate::model::{Lang, Practice, Reference, TextField};
use crate::search::synonyms::fold;
use crate::search::{FacetName, SearchIndex, SearchQuery, Synonyms};

/// Ways on from a search that found nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    /// The search text with misspelt words replaced, when that finds something.
    pub did_you_mean: Option<String>,
    /// Filter values close to the words typed, or the most common ones: (facet, key, count).
    pub facet_values: Vec<(FacetName, String, u64)>,
}

/// Words looked at for suggestions (the first ones typed).
const MAX_WORDS: usize = 8;
/// Most filter values offered.
const MAX_VALUES: usize = 6;
/// How alike a typed word and a label word must be to offer the label (Jaro-Winkler).
const LABEL_SIMILARITY: f64 = 0.88;

/// A word a user might have meant: its folded form and its display form.
struct Word {
    folded: String,
    shown: String,
}

/// What suggestions compare typed words with, folded once per data generation (it depends
/// on the labels, synonyms and records' translations only, never on a search): folding every
/// label on every search that found nothing was over half of such a page's CPU.
pub struct Lexicon {
    /// The words a correction may offer on a page in each language (`Lang::ALL` order):
    /// English, every word of every label, country name and synonym; Spanish and French, the
    /// words of their labels, country names and translated record text.
    words: [Vec<Word>; 3],
    /// Every filter value with the folded words of each of its labels.
    labels: Vec<(FacetName, String, Vec<String>)>,
}

/// Distinct words of texts, folded once.
#[derive(Default)]
struct WordList {
    seen: BTreeSet<String>,
    words: Vec<Word>,
}

impl WordList {
    fn add(&mut self, text: &str) {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            let folded = fold(w);
            if folded.chars().count() >= 3 && self.seen.insert(folded.clone()) {
                self.words.push(Word {
                    folded,
                    shown: w.to_lowercase(),
                });
            }
        }
    }
}

/// Collects a [`Lexicon`]: the labels, country names and synonyms at once, then each record's
/// translations as the records stream by (never all of them in memory).
pub struct LexiconBuilder {
    lists: [WordList; 3],
    labelled: Vec<(FacetName, String, String, Lang)>,
}

impl LexiconBuilder {
    /// Adds the words of one record's Spanish and French text: its translations, or its
    /// original when it is written in that language.
    pub fn add(&mut self, practice: &Practice) {
        for lang in [Lang::Es, Lang::Fr] {
            for field in TextField::ALL {
                let shown = practice.text_in(field, lang);
                if shown.lang == lang {
                    self.lists[lang_index(lang)].add(shown.text);
                }
            }
        }
    }

    pub fn finish(self) -> Lexicon {
        let words = self.lists.map(|list| list.words);
        let labels = self
            .labelled
            .into_iter()
            .map(|(facet, key, label, _)| {
                let folded = label.split(|c: char| !c.is_alphanumeric()).map(fold);
                (facet, key, folded.collect())
            })
            .collect();
        Lexicon { words, labels }
    }
}

impl Lexicon {
    /// A lexicon of the labels, country names and synonyms, to which [`LexiconBuilder::add`]
    /// adds the records' translated words.
    pub fn builder(reference: &Reference, synonyms: &Synonyms) -> LexiconBuilder {
        let mut lists: [WordList; 3] = Default::default();
        let labelled = labelled_values(reference);
        for (_, _, label, lang) in &labelled {
            lists[0].add(label);
            if *lang != Lang::En {
                lists[lang_index(*lang)].add(label);
            }
        }
        for group in synonyms.groups() {
            for term in &group.terms {
                lists[0].add(term);
            }
        }
        LexiconBuilder { lists, labelled }
    }

    /// Runs off the async executor: it may run two more searches.
    pub fn suggest(&self, index: &SearchIndex, q: &SearchQuery) -> Suggestions {
        suggestions(index, self, q)
    }
}

fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// (facet, key, label, its language) for every vocabulary value and country, in every
/// language.
fn labelled_values(reference: &Reference) -> Vec<(FacetName, String, String, Lang)> {
    let mut out = Vec::new();
    for facet in FacetName::ALL {
        match facet.vocab() {
            Some(vocab) => {
                for term in reference.vocabularies.terms(vocab) {
                    for lang in Lang::ALL {
                        out.push((
                            facet,
                            term.key.clone(),
                            term.label.get(lang).to_string(),
                            lang,
                        ));
                    }
                }
            }
            None => {
                for country in reference.countries.iter() {
                    for lang in Lang::ALL {
                        out.push((
                            facet,
                            country.iso2.clone(),
                            country.name.get(lang).to_string(),
                            lang,
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The closest lexicon word within a third of the word's length in edits; `None` when the
/// word is already known or nothing is close.
fn closest<'a>(word: &str, lexicon: &'a [Word]) -> Option<&'a Word> {
    let folded = fold(word);
    if folded.chars().count() < 4 || lexicon.iter().any(|w| w.folded == folded) {
        return None;
    }
    let chars = folded.chars().count();
    let budget = (chars / 3).max(1);
    lexicon
        .iter()
        // The distance is at least the difference in length: most words need no comparing.
        .filter(|w| w.folded.chars().count().abs_diff(chars) <= budget)
        .map(|w| (strsim::damerau_levenshtein(&folded, &w.folded), w))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, w)| (*d, w.folded.len()))
        .map(|(_, w)| w)
}

fn suggestions(index: &SearchIndex, lexicon: &Lexicon, q: &SearchQuery) -> Suggestions {
    let mut out = Suggestions::default();
    let words: Vec<&str> = q
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .collect();
    if !words.is_empty() {
        let mut changed = false;
        let corrected: Vec<String> = words
            .iter()
            .map(|w| match closest(w, &lexicon.words[lang_index(q.lang)]) {
                Some(better) => {
                    changed = true;
                    better.shown.clone()
                }
                None => (*w).to_string(),
            })
            .collect();
        let text = corrected.join(" ");
        if changed && finds_something(index, q, &text) {
            out.did_you_mean = Some(text);
        }
    }
    out.facet_values = nearest_values(index, lexicon, &words);
    out
}

fn finds_something(index: &SearchIndex, q: &SearchQuery, text: &str) -> bool {
    let probe = SearchQuery {
        text: text.to_string(),
        page: 1,
        per_page: 1,
        ..q.clone()
    };
    index.search(&probe).is_ok_and(|r| r.total > 0)
}

/// Filter values whose label is like a typed word, with their counts over everything; the
/// most common countries and types of alternative when none is alike.
fn nearest_values(
    index: &SearchIndex,
    lexicon: &Lexicon,
    words: &[&str],
) -> Vec<(FacetName, String, u64)> {
    let everything = SearchQuery {
        page: 1,
        per_page: 1,
        ..SearchQuery::default()
    };
    let Ok(all) = index.search(&everything) else {
        return Vec::new();
    };
    let count_of = |facet: FacetName, key: &str| -> u64 {
        all.facets
            .iter()
            .find(|f| f.facet == facet)
            .and_then(|f| f.values.iter().find(|v| v.value == key))
            .map_or(0, |v| v.count)
    };
    let folded: Vec<String> = words
        .iter()
        .map(|w| fold(w))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let mut scored: Vec<(f64, FacetName, String)> = Vec::new();
    for (facet, key, label_words) in &lexicon.labels {
        let best = label_words
            .iter()
            .flat_map(|lw| folded.iter().map(move |w| strsim::jaro_winkler(w, lw)))
            .fold(0.0, f64::max);
        if best >= LABEL_SIMILARITY && count_of(*facet, key) > 0 {
            scored.push((best, *facet, key.clone()));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<(FacetName, String, u64)> = Vec::new();
    for (_, facet, key) in scored {
        if !out.iter().any(|(f, k, _)| *f == facet && *k == key) {
            let count = count_of(facet, &key);
            out.push((facet, key, count));
        }
        if out.len() == MAX_VALUES {
            break;
        }
    }
    if out.is_empty() {
        for facet in [FacetName::Country, FacetName::AtdType] {
            if let Some(counts) = all.facets.iter().find(|f| f.facet == facet) {
                for v in counts.values.iter().filter(|v| v.count > 0).take(3) {
                    out.push((facet, v.value.clone(), v.count));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(words: &[&str]) -> Vec<Word> {
        words
            .iter()
            .map(|w| Word {
                folded: fold(w),
                shown: w.to_lowercase(),
            })
            .collect()
    }

    #[test]
    fn a_misspelt_word_finds_the_nearest_label_word() {
        let lexicon = lex(&["Australia", "Austria", "guardianship", "niños"]);
        assert_eq!(
            closest("Austrlaia", &lexicon).map(|w| w.shown.as_str()),
            Some("australia")
        );
        assert_eq!(
            closest("gardianshipp", &lexicon).map(|w| w.shown.as_str()),
            Some("guardianship")
        );
        assert!(closest("australia", &lexicon).is_none(), "known words stay");
        assert!(closest("ninos", &lexicon).is_none(), "accents do not count");
        assert!(closest("xyzzyq", &lexicon).is_none());
    }
}
