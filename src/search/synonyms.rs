//! Synonyms and acronyms applied at query time: a word or phrase from a group also finds the
//! group's other terms ("UASC" finds "unaccompanied children"). The table is data
//! (`data/synonyms.csv`, read by `import::load_synonyms`); this module only matches.

use unicode_normalization::UnicodeNormalization;

use super::query::Clause;

/// Terms that mean the same for a search, and what they mean (shown on the about page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymGroup {
    pub terms: Vec<String>,
    pub meaning: String,
}

/// The whole table, with each term split into folded words for matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synonyms {
    groups: Vec<SynonymGroup>,
    /// (folded words of a term, group index), longest terms first.
    terms: Vec<(Vec<String>, usize)>,
}

/// Lower case without accents, as the analyzers see words: "Niños" → "ninos".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Synonyms {
    pub fn new(groups: Vec<SynonymGroup>) -> Synonyms {
        let mut terms: Vec<(Vec<String>, usize)> = groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.terms.iter().map(move |t| (words(t), i)))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        terms.sort_by_key(|t| std::cmp::Reverse(t.0.len()));
        Synonyms { groups, terms }
    }

    pub fn groups(&self) -> &[SynonymGroup] {
        &self.groups
    }

    /// The clauses with every run of words (or a quoted phrase) that is a term of a group
    /// replaced by "any of the group's terms". Other clauses are kept as they are.
    pub fn expand(&self, clauses: Vec<Clause>) -> Vec<Clause> {
        if self.terms.is_empty() {
            return clauses;
        }
        let mut out = Vec::with_capacity(clauses.len());
        let mut i = 0;
        while i < clauses.len() {
            match self.match_at(&clauses, i) {
                Some((len, group)) => {
                    out.push(Clause::Any(self.alternatives(group)));
                    i += len;
                }
                None => {
                    out.push(clauses[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// The longest term starting at clause `i`: (clauses it covers, group).
    fn match_at(&self, clauses: &[Clause], i: usize) -> Option<(usize, usize)> {
        if let Clause::Phrase(p) = &clauses[i] {
            let phrase = words(p);
            return self
                .terms
                .iter()
                .find(|(t, _)| *t == phrase)
                .map(|(_, g)| (1, *g));
        }
        let run: Vec<String> = clauses[i..]
            .iter()
            .map_while(|c| match c {
                Clause::Word(w) => Some(fold(w)),
                _ => None,
            })
            .collect();
        self.terms
            .iter()
            .find(|(t, _)| t.len() <= run.len() && run[..t.len()] == t[..])
            .map(|(t, g)| (t.len(), *g))
    }

    fn alternatives(&self, group: usize) -> Vec<Clause> {
        self.groups[group]
            .terms
            .iter()
            .map(|term| {
                if term.split_whitespace().count() > 1 {
                    Clause::Phrase(term.clone())
                } else {
                    Clause::Word(term.clone())
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Synonyms {
        Synonyms::new(vec![
            SynonymGroup {
                terms: vec!["UASC".into(), "unaccompanied children".into()],
                meaning: "Unaccompanied children".into(),
            },
            SynonymGroup {
                terms: vec!["bail".into(), "bond".into()],
                meaning: "Money deposited".into(),
            },
        ])
    }

    #[test]
    fn a_term_becomes_any_of_its_group() {
        let out = table().expand(vec![
            Clause::Word("uasc".into()),
            Clause::Word("Mexico".into()),
        ]);
        assert_eq!(
            out,
            vec![
                Clause::Any(vec![
                    Clause::Word("UASC".into()),
                    Clause::Phrase("unaccompanied children".into())
                ]),
                Clause::Word("Mexico".into())
            ]
        );
    }

    #[test]
    fn multi_word_terms_and_phrases_match_folded() {
        let t = table();
        let words = t.expand(vec![
            Clause::Word("Unaccompanied".into()),
            Clause::Word("CHILDREN".into()),
        ]);
        assert_eq!(words.len(), 1);
        assert!(matches!(words[0], Clause::Any(_)));
        let phrase = t.expand(vec![Clause::Phrase("unaccompanied children".into())]);
        assert!(matches!(phrase[0], Clause::Any(_)));
        let other = t.expand(vec![Clause::Word("children".into())]);
        assert_eq!(other, vec![Clause::Word("children".into())]);
        assert_eq!(fold("Niños Détention"), "ninos detention");
    }
}
