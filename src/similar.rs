//! Similar practices: shared vocabulary tags plus word overlap of names and summaries. No IO.
//!
//! A score, not a search, so the reasons (the shared tags) can be shown to the reader. The
//! record page scores against [`Profiles`]: every practice reduced once per data generation to
//! numbers (tags and words as sorted ids), scored with the same arithmetic as [`score`], so a
//! request never loads every record.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Practice, PracticeId, Vocab};

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

/// The three vocabularies whose shared tags make two practices alike.
const TAGGED: [Vocab; 3] = [Vocab::AtdType, Vocab::Population, Vocab::CapStage];

/// Every practice of one data generation as numbers: its tag sets and words as sorted ids
/// (one id per distinct string), its kind and region as ids. Built once by streaming the
/// records through [`ProfilesBuilder::add`]; [`Profiles::most_similar`] then answers exactly
/// what [`most_similar`] answers over the same records, without them.
#[derive(Debug, Default)]
pub struct Profiles {
    /// Sorted, so an index into it is also the id order that breaks ties.
    ids: Vec<PracticeId>,
    profiles: Vec<Profile>,
    /// Every profile's id lists end to end: `[start, ends[0])` its ATD types, then its
    /// populations, its stages of the migration cycle and its words.
    terms: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Profile {
    start: u32,
    /// Where each of the four lists (the three vocabularies, then words) ends in `terms`.
    ends: [u32; 4],
    kind: u32,
    region: u32,
}

/// Collects [`Profiles`] one practice at a time (the strings are interned as they come).
#[derive(Debug, Default)]
pub struct ProfilesBuilder {
    /// One interner per vocabulary, one for words, one for kinds and regions.
    tags: [HashMap<String, u32>; 3],
    words: HashMap<String, u32>,
    labels: HashMap<String, u32>,
    /// Each practice's profile, its lists in `terms` in the order they came.
    entries: Vec<(PracticeId, Profile)>,
    terms: Vec<u32>,
}

fn intern(names: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(&id) = names.get(name) {
        return id;
    }
    let id = names.len() as u32;
    names.insert(name.to_string(), id);
    id
}

impl ProfilesBuilder {
    pub fn add(&mut self, p: &Practice) {
        let start = self.terms.len() as u32;
        let mut ends = [0u32; 4];
        for (i, vocab) in TAGGED.into_iter().enumerate() {
            let mut ids: Vec<u32> = tag_set(p, vocab)
                .into_iter()
                .map(|t| intern(&mut self.tags[i], t))
                .collect();
            ids.sort_unstable();
            self.terms.extend(ids);
            ends[i] = self.terms.len() as u32;
        }
        let mut ids: Vec<u32> = words(p)
            .iter()
            .map(|w| intern(&mut self.words, w))
            .collect();
        ids.sort_unstable();
        self.terms.extend(ids);
        ends[3] = self.terms.len() as u32;
        let profile = Profile {
            start,
            ends,
            kind: intern(&mut self.labels, &p.kind),
            region: intern(&mut self.labels, &p.region),
        };
        self.entries.push((p.id.clone(), profile));
    }

    /// The profiles, sorted by id (the interners are dropped: only numbers are kept).
    pub fn finish(mut self) -> Profiles {
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut built = Profiles {
            ids: Vec::with_capacity(self.entries.len()),
            profiles: Vec::with_capacity(self.entries.len()),
            terms: Vec::with_capacity(self.terms.len()),
        };
        for (id, p) in self.entries {
            // The lists move to their place in id order.
            let start = built.terms.len() as u32;
            built
                .terms
                .extend_from_slice(&self.terms[p.start as usize..p.ends[3] as usize]);
            built.ids.push(id);
            built.profiles.push(Profile {
                start,
                ends: p.ends.map(|e| e - p.start + start),
                ..p
            });
        }
        built
    }
}

impl Profiles {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids of the `n` practices most similar to `target`, best first: the same list, in
    /// the same order, as [`most_similar`] over the records these profiles were built from
    /// (none when `target` is not among them).
    pub fn most_similar(&self, target: &PracticeId, n: usize) -> Vec<&PracticeId> {
        let Ok(t) = self.ids.binary_search(target) else {
            return Vec::new();
        };
        let mut scored: Vec<(f64, usize)> = (0..self.profiles.len())
            .filter(|&o| o != t && self.shares_a_tag(t, o))
            .map(|o| (self.score(t, o), o))
            .filter(|(s, _)| *s >= 1.0)
            .collect();
        // Best score first, ties by id: the profiles are in id order, so by index.
        let order = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > n && n > 0 {
            scored.select_nth_unstable_by(n - 1, order);
        }
        scored.truncate(n);
        scored.sort_by(order);
        scored.into_iter().map(|(_, o)| &self.ids[o]).collect()
    }

    /// List `list` (0..3 the vocabularies, 3 the words) of profile `i`.
    fn list(&self, i: usize, list: usize) -> &[u32] {
        let p = &self.profiles[i];
        let from = if list == 0 { p.start } else { p.ends[list - 1] };
        &self.terms[from as usize..p.ends[list] as usize]
    }

    fn shares_a_tag(&self, a: usize, b: usize) -> bool {
        (0..TAGGED.len()).any(|v| common(self.list(a, v), self.list(b, v)) > 0)
    }

    /// [`score`]'s arithmetic, term for term in the same order, on the ids.
    fn score(&self, a: usize, b: usize) -> f64 {
        let j = |list: usize| jaccard_sorted(self.list(a, list), self.list(b, list));
        let (pa, pb) = (&self.profiles[a], &self.profiles[b]);
        3.0 * j(0)
            + 2.0 * j(1)
            + 2.0 * j(2)
            + 3.0 * j(3)
            + if pa.kind == pb.kind { 0.5 } else { 0.0 }
            + if pa.region == pb.region { 0.5 } else { 0.0 }
    }
}

/// How many ids two sorted, distinct lists share.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// [`jaccard`] of two sets given as sorted, distinct id lists (the same counts, so the same
/// quotient).
fn jaccard_sorted(a: &[u32], b: &[u32]) -> f64 {
    let shared = common(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        return 0.0;
    }
    shared as f64 / union as f64
}
