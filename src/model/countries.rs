//! Countries (`data/countries.csv`): ISO codes, UN M49 regions, names in each language and
//! their alphabetical order.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lang::{Labels, Lang};

/// An ISO 3166-1 country with its UN M49 region and sub-region keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub m49: String,
    pub name: Labels,
    pub region: String,
    pub subregion: String,
}

/// One language's alphabetical order of two names.
pub type Collation = fn(Lang, &str, &str) -> std::cmp::Ordering;

#[derive(Debug, Clone, Default)]
pub struct Countries {
    by_iso2: HashMap<String, Country>,
    /// How names are ordered in each language (byte order until [`Countries::rank_names`]).
    collation: Option<Collation>,
    /// Each code's place in each language's alphabetical order of names (`Lang::ALL`'s
    /// order), decided on first use: pages sort countries on every request, and a collator's
    /// comparison costs more than the rest of the sort.
    alphabetical: OnceLock<HashMap<String, [u32; 3]>>,
}

impl Countries {
    pub fn insert(&mut self, country: Country) {
        self.by_iso2.insert(country.iso2.clone(), country);
        self.alphabetical = OnceLock::new();
    }

    pub fn get(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(iso2)
    }

    pub fn len(&self) -> usize {
        self.by_iso2.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_iso2.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.by_iso2.values()
    }

    /// The display name of a code in a language, or the code when unknown.
    pub fn name<'a>(&'a self, iso2: &'a str, lang: Lang) -> &'a str {
        self.get(iso2).map_or(iso2, |c| c.name.get(lang))
    }

    /// Orders names in each language by `collation` from now on.
    pub fn rank_names(&mut self, collation: Collation) {
        self.collation = Some(collation);
        self.alphabetical = OnceLock::new();
    }

    fn ranks(&self) -> &HashMap<String, [u32; 3]> {
        self.alphabetical.get_or_init(|| {
            let mut ranks: HashMap<String, [u32; 3]> = HashMap::new();
            for (slot, lang) in Lang::ALL.into_iter().enumerate() {
                let mut codes: Vec<&Country> = self.by_iso2.values().collect();
                codes.sort_by(|a, b| {
                    let (x, y) = (a.name.get(lang), b.name.get(lang));
                    self.collation
                        .map_or_else(|| x.cmp(y), |order| order(lang, x, y))
                        .then_with(|| a.iso2.cmp(&b.iso2))
                });
                for (rank, country) in codes.into_iter().enumerate() {
                    ranks.entry(country.iso2.clone()).or_default()[slot] = rank as u32;
                }
            }
            ranks
        })
    }

    /// The place of a code's name in `lang`'s alphabetical order; unknown codes come after
    /// every known one.
    pub fn alphabetical_rank(&self, iso2: &str, lang: Lang) -> u32 {
        let slot = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.ranks().get(iso2).map_or(u32::MAX, |ranks| ranks[slot])
    }

    /// Orders two codes by their names in `lang`, unknown codes last (by code).
    pub fn cmp_names(&self, a: &str, b: &str, lang: Lang) -> std::cmp::Ordering {
        self.alphabetical_rank(a, lang)
            .cmp(&self.alphabetical_rank(b, lang))
            .then_with(|| a.cmp(b))
    }
}
