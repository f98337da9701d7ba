//! The pinned benchmark workload: which SYNTHETIC records and which searches every benchmark
//! and instruction count runs, named by a version so that two results tables can be compared.
//!
//! The generator learns from a frozen copy of the shipped data ([`DIR`]: the practices and
//! reference tables as they were when the version was made), not from `data/`, so the
//! workload stays the same while the shipped data grows. The seeds are fixed here. Changing
//! the frozen copy, a seed, the generator or a query set is a new version: [`fingerprint`]
//! of the records and queries is checked against the one in [`DIR`] by a test, which says so.

use std::collections::HashSet;
use std::path::Path;

use super::measure;
use super::synthetic::{Model, Rng};
use crate::model::{Lang, Reference};
use crate::search::{FacetName, SearchQuery, Sort};
use crate::store::Reader;

/// The workload's version; every results table and `bench/baseline.json` names it.
pub const VERSION: u32 = 2;
/// The frozen copy of the shipped data the generator learns from, relative to the repository.
pub const DIR: &str = "bench/workload/v2";
/// The seed of the SYNTHETIC records.
pub const RECORDS_SEED: u64 = 42;
/// The seed of the in-process latency queries (and the peers' copy of them).
pub const QUERY_SEED: u64 = 7;
/// The seed of the load test's never-seen addresses.
pub const ADDRESS_SEED: u64 = 11;
/// The seed of the instruction counts' never-repeated searches.
pub const COUNTED_SEED: u64 = 2026;
/// Records and searches of each kind that the instruction counts run.
pub const COUNTED_RECORDS: u64 = 1000;
pub const COUNTED_SEARCHES: usize = 200;
/// The frozen files besides `practices.csv`: the reference tables copied beside the SYNTHETIC
/// practices, and the figures the generator learns costs from (never copied beside them).
pub const REFERENCE_FILES: [&str; 7] = [
    "figures.csv",
    "vocabularies.csv",
    "countries.csv",
    "currencies.csv",
    "fx_usd_annual.csv",
    "us_cpi_annual.csv",
    "synonyms.csv",
];
/// The file in [`DIR`] holding this version's [`fingerprint`] (records and every query set at
/// [`COUNTED_RECORDS`]), as hexadecimal.
pub const FINGERPRINT_FILE: &str = "FINGERPRINT";

/// How results tables name the workload.
pub fn name() -> String {
    format!(
        "workload v{VERSION} (records seed {RECORDS_SEED}, query seeds {QUERY_SEED}/{ADDRESS_SEED}/{COUNTED_SEED})"
    )
}

/// The three kinds of never-repeated search the instruction counts run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One or two words; the total, eight facet counts, 20 hits with snippets.
    Keyword,
    /// A record's word with its country and one of its types of alternative selected.
    Filtered,
    /// No words: every record (or one country's), a sort and a page.
    Browse,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Keyword, Kind::Filtered, Kind::Browse];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Keyword => "keyword",
            Kind::Filtered => "filtered",
            Kind::Browse => "browse",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What a counted search needs of one record.
struct RecordFacts {
    words: Vec<String>,
    iso2: String,
    atd_types: Vec<String>,
}

fn record_facts(store: &Reader, band: &HashSet<&str>) -> anyhow::Result<Vec<RecordFacts>> {
    let mut facts = Vec::new();
    store.for_each_practice(|p| {
        let text = format!("{} {}", p.programme, p.summary).to_lowercase();
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| band.contains(w))
            .map(str::to_string)
            .collect();
        words.sort_unstable();
        words.dedup();
        facts.push(RecordFacts {
            words,
            iso2: p.iso2.clone(),
            atd_types: FacetName::AtdType
                .values(&p)
                .into_iter()
                .map(str::to_string)
                .collect(),
        });
        Ok(())
    })?;
    Ok(facts)
}

/// `n` searches of `kind`, no two alike (the page language aside), each with the page
/// language it is shown in; the same for the same records everywhere.
pub fn searches(
    kind: Kind,
    n: usize,
    model: &Model,
    store: &Reader,
) -> anyhow::Result<Vec<(SearchQuery, Lang)>> {
    let words = measure::query_words(model.words());
    let band = measure::query_words(model.shipped_words());
    let band: HashSet<&str> = band.iter().map(String::as_str).collect();
    let records = record_facts(store, &band)?;
    anyhow::ensure!(!records.is_empty(), "the database holds no practice");
    let pages = records
        .len()
        .div_ceil(crate::search::query::DEFAULT_PER_PAGE);
    let mut rng = Rng::new(COUNTED_SEED ^ kind as u64);
    let mut seen = HashSet::new();
    let mut found = Vec::with_capacity(n);
    for _ in 0..n * 50 {
        if found.len() == n {
            break;
        }
        let mut q = SearchQuery {
            page: 1,
            per_page: crate::search::query::DEFAULT_PER_PAGE,
            ..SearchQuery::default()
        };
        let record = &records[rng.below(records.len())];
        match kind {
            Kind::Keyword => q.text = measure::text(&words, &mut rng, 2),
            Kind::Filtered => {
                if record.words.is_empty() || record.atd_types.is_empty() {
                    continue;
                }
                q.text = record.words[rng.below(record.words.len())].clone();
                q.filters
                    .insert(FacetName::Country, vec![record.iso2.clone()]);
                let atd_type = &record.atd_types[rng.below(record.atd_types.len())];
                q.filters.insert(FacetName::AtdType, vec![atd_type.clone()]);
                q.sort = Sort::ALL[rng.below(Sort::ALL.len())];
            }
            Kind::Browse => {
                q.sort = Sort::ALL[rng.below(Sort::ALL.len())];
                if rng.chance(0.3) {
                    q.filters
                        .insert(FacetName::Country, vec![record.iso2.clone()]);
                } else {
                    q.page = 1 + rng.below(pages);
                }
            }
        }
        let lang = Lang::ALL[rng.below(Lang::ALL.len())];
        if seen.insert(crate::web::urls::query_string_without_lang(&q)) {
            found.push((q, lang));
        }
    }
    anyhow::ensure!(
        found.len() == n,
        "only {} different {} searches in these records",
        found.len(),
        kind.name()
    );
    Ok(found)
}

/// FNV-1a over `bytes`, continuing from `hash`: a fingerprint that needs no dependency.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The fingerprint of the records CSV and of every query set made from `store` (which must
/// hold exactly those records): equal to [`FINGERPRINT_FILE`]'s while the workload is unchanged.
pub fn fingerprint(
    csv: &[u8],
    model: &Model,
    store: &Reader,
    reference: &Reference,
) -> anyhow::Result<u64> {
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, csv);
    let mut add = |text: &str| hash = fnv1a(hash, text.as_bytes());
    for kind in Kind::ALL {
        for (q, lang) in searches(kind, COUNTED_SEARCHES, model, store)? {
            add(&crate::web::urls::query_string(&q, lang));
        }
    }
    let words = measure::query_words(model.words());
    let mut countries = store.country_codes()?;
    countries.sort();
    let atd_types: Vec<String> = reference
        .vocabularies
        .keys(crate::model::Vocab::AtdType)
        .map(str::to_string)
        .collect();
    for scenario in measure::Scenario::ALL {
        for q in measure::queries(scenario, 50, &words, &countries, &atd_types, QUERY_SEED) {
            add(&crate::web::urls::query_string_without_lang(&q));
        }
    }
    for address in measure::fresh_addresses(store, model, 500, ADDRESS_SEED)? {
        add(&address);
    }
    Ok(hash)
}

/// Refuses a workload folder that is not this version's frozen copy.
pub fn check_dir(dir: &Path) -> anyhow::Result<()> {
    for file in std::iter::once("practices.csv").chain(REFERENCE_FILES) {
        anyhow::ensure!(
            dir.join(file).is_file(),
            "{} has no {file}: the pinned workload v{VERSION} lives in {DIR}",
            dir.display()
        );
    }
    Ok(())
}
