//! Similar practices: shared vocabulary tags plus word overlap of names and summaries. No IO.
//!
//! A score, not a search: with a few hundred records a pass over all of them is instant, and
//! the reasons (the shared tags) can be shown to the reader.

use std::collections::BTreeSet;

use crate::model::{Practice, Vocab};

/// Words too common in this field to say two practices are alike.
const STOP: &[&str] = &[
    "with",
    "from",
    "that",
    "this",
    "their",
    "they",
    "them",
    "have",
    "been",
    "were",
    "which",
    "into",
    "while",
    "where",
    "when",
    "than",
    "also",
    "under",
    "after",
    "before",
    "other",
    "such",
    "through",
    "programme",
    "program",
    "alternative",
    "alternatives",
    "detention",
    "immigration",
    "migrants",
    "people",
    "persons",
];

fn words(p: &Practice) -> BTreeSet<String> {
    format!("{} {}", p.programme, p.summary)
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 3 && !STOP.contains(&w.as_str()))
        .collect()
}

fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

fn tag_set(p: &Practice, vocab: Vocab) -> BTreeSet<&str> {
    p.tags(vocab).iter().map(String::as_str).collect()
}

/// How alike two practices are: tags weigh most, then words, kind and region.
pub fn score(a: &Practice, b: &Practice) -> f64 {
    let tags = |v: Vocab| jaccard(&tag_set(a, v), &tag_set(b, v));
    3.0 * tags(Vocab::AtdType)
        + 2.0 * tags(Vocab::Population)
        + 2.0 * tags(Vocab::CapStage)
        + 3.0 * jaccard(&words(a), &words(b))
        + if a.kind == b.kind { 0.5 } else { 0.0 }
        + if a.region == b.region { 0.5 } else { 0.0 }
}

/// The most similar other practices, best first (ties by id, so the order is stable).
pub fn most_similar<'a>(target: &Practice, all: &'a [Practice], n: usize) -> Vec<&'a Practice> {
    let mut scored: Vec<(f64, &Practice)> = all
        .iter()
        .filter(|p| p.id != target.id && shares_a_tag(target, p))
        .map(|p| (score(target, p), p))
        .filter(|(s, _)| *s >= 1.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    scored.into_iter().take(n).map(|(_, p)| p).collect()
}

fn shares_a_tag(a: &Practice, b: &Practice) -> bool {
    [Vocab::AtdType, Vocab::Population, Vocab::CapStage]
        .into_iter()
        .any(|v| !shared(a, b, v).is_empty())
}

/// The tags of `vocab` two practices share.
pub fn shared<'a>(a: &'a Practice, b: &Practice, vocab: Vocab) -> Vec<&'a str> {
    a.tags(vocab)
        .iter()
        .filter(|t| b.tags(vocab).contains(t))
        .map(String::as_str)
        .collect()
}
