//! In-process search latency: a fixed, varied set of queries per scenario, timed one by one.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::synthetic::Rng;
use crate::model::Lang;
use crate::search::{FacetName, Range, SearchIndex, SearchQuery, Sort};
use crate::store::Reader;

/// What each timed query does; every one counts all eight facets and fetches 20 hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scenario {
    /// 1–2 words.
    Keyword,
    /// 1–2 words and a cost-per-day range.
    KeywordCost,
    /// 1 word, a country and a type of alternative selected (disjunctive counts).
    KeywordFilters,
    /// No text: every record, newest/cheapest/by-country, pages 1–5 (counts cached per generation).
    Browse,
    /// The same browse pages counting every document afresh (the cost without the cache).
    BrowseUncached,
}

impl Scenario {
    pub const ALL: [Scenario; 5] = [
        Scenario::Keyword,
        Scenario::KeywordCost,
        Scenario::KeywordFilters,
        Scenario::Browse,
        Scenario::BrowseUncached,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Scenario::Keyword => "keyword + facets",
            Scenario::KeywordCost => "keyword + cost range + facets",
            Scenario::KeywordFilters => "keyword + country + type filters + facets",
            Scenario::Browse => "browse all + facets (cached counts)",
            Scenario::BrowseUncached => "browse all + facets (counted afresh)",
        }
    }
}

/// Query words: the mid-frequency band of the generator's ranked vocabulary (neither stop
/// words that match everything nor hapaxes that match nothing).
pub fn query_words(ranked: &[String]) -> Vec<String> {
    let end = ranked.len().min(3_000);
    ranked[30.min(end)..end].to_vec()
}

/// One to `max_words` words drawn from `words`, space-separated.
pub fn text(words: &[String], rng: &mut Rng, max_words: usize) -> String {
    let n = 1 + rng.below(max_words);
    (0..n)
        .map(|_| words[rng.below(words.len())].clone())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `n` varied queries of one scenario, the same for the same seed.
pub fn queries(
    scenario: Scenario,
    n: usize,
    words: &[String],
    countries: &[String],
    atd_types: &[String],
    seed: u64,
) -> Vec<SearchQuery> {
    let mut rng = Rng::new(seed ^ scenario as u64);
    let sorts = [Sort::Newest, Sort::CostAsc, Sort::Country, Sort::Relevance];
    (0..n)
        .map(|_| {
            let mut q = SearchQuery {
                page: 1,
                per_page: 20,
                ..SearchQuery::default()
            };
            match scenario {
                Scenario::Keyword => q.text = text(words, &mut rng, 2),
                Scenario::KeywordCost => {
                    q.text = text(words, &mut rng, 2);
                    let min = rng.range(2.0, 40.0).round();
                    q.cost_usd = Range {
                        min: Some(min),
                        max: Some(min + rng.range(10.0, 100.0).round()),
                    };
                }
                Scenario::KeywordFilters => {
                    q.text = text(words, &mut rng, 1);
                    let mut filters = BTreeMap::new();
                    filters.insert(
                        FacetName::Country,
                        vec![countries[rng.below(countries.len())].clone()],
                    );
                    filters.insert(
                        FacetName::AtdType,
                        vec![atd_types[rng.below(atd_types.len())].clone()],
                    );
                    q.filters = filters;
                }
                Scenario::Browse | Scenario::BrowseUncached => {
                    q.sort = sorts[rng.below(sorts.len())];
                    q.page = 1 + rng.below(5);
                }
            }
            q
        })
        .collect()
}

/// Latency figures of one scenario.
#[derive(Debug, Clone)]
pub struct Stats {
    pub scenario: Scenario,
    pub queries: usize,
    pub mean_hits: f64,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
    /// The same queries including the 20 records read from SQLite, as a page does.
    pub with_records_p50: Duration,
    pub with_records_p99: Duration,
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Times each query once after `warmup` untimed ones; then again with the SQLite reads.
pub fn run(
    index: &SearchIndex,
    store: &Reader,
    scenario: Scenario,
    queries: &[SearchQuery],
    warmup: usize,
) -> anyhow::Result<Stats> {
    let search = |q: &SearchQuery| match scenario {
        Scenario::BrowseUncached => index.search_uncached(q),
        _ => index.search(q),
    };
    for q in queries.iter().cycle().take(warmup) {
        search(q)?;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut with_records = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for q in queries {
        let started = Instant::now();
        let results = search(q)?;
        times.push(started.elapsed());
        hits += results.total;
    }
    for q in queries {
        let started = Instant::now();
        let results = search(q)?;
        let ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
        let found = store.practices_by_ids(&ids)?;
        with_records.push(started.elapsed());
        anyhow::ensure!(
            found.len() == ids.len(),
            "a hit is missing from the database"
        );
    }
    times.sort_unstable();
    with_records.sort_unstable();
    Ok(Stats {
        scenario,
        queries: queries.len(),
        mean_hits: hits as f64 / queries.len().max(1) as f64,
        p50: percentile(&times, 50.0),
        p99: percentile(&times, 99.0),
        max: times.last().copied().unwrap_or_default(),
        with_records_p50: percentile(&with_records, 50.0),
        with_records_p99: percentile(&with_records, 99.0),
    })
}

/// Search addresses for the load test, no two alike, each made from one record so that it
/// finds something, as a person refining a search would: one or two of the record's words,
/// one of its facet values (or none), a sort and a page language.
pub struct FreshAddresses {
    rng: Rng,
    seen: std::collections::HashSet<String>,
    addresses: Vec<String>,
}

impl FreshAddresses {
    pub fn new(seed: u64) -> FreshAddresses {
        FreshAddresses {
            rng: Rng::new(seed),
            seen: std::collections::HashSet::new(),
            addresses: Vec::new(),
        }
    }

    /// Up to `count` new addresses from one record's query words and facet values.
    pub fn add_record(&mut self, words: &[&str], facets: &[(FacetName, &str)], count: usize) {
        if words.is_empty() {
            return;
        }
        for _ in 0..count {
            let rng = &mut self.rng;
            let mut text = words[rng.below(words.len())].to_string();
            if rng.chance(0.5) {
                text.push(' ');
                text.push_str(words[rng.below(words.len())]);
            }
            let mut q = SearchQuery {
                text,
                sort: Sort::ALL[rng.below(Sort::ALL.len())],
                page: 1,
                per_page: crate::search::query::DEFAULT_PER_PAGE,
                ..SearchQuery::default()
            };
            // One chance in (facets + 1) of no facet at all.
            if let Some((name, value)) = facets.get(rng.below(facets.len() + 1)) {
                q.filters.insert(*name, vec![(*value).to_string()]);
            }
            let lang = Lang::ALL[rng.below(Lang::ALL.len())];
            let address = crate::web::urls::query_string(&q, lang);
            if self.seen.insert(address.clone()) {
                self.addresses.push(address);
            }
        }
    }

    /// At most `n` of the addresses, shuffled (records are added in order).
    pub fn finish(mut self, n: usize) -> Vec<String> {
        let mut addresses = std::mem::take(&mut self.addresses);
        for i in (1..addresses.len()).rev() {
            addresses.swap(i, self.rng.below(i + 1));
        }
        addresses.truncate(n);
        addresses
    }
}

/// `n` addresses (or fewer, if the records cannot make that many) from the records of `store`,
/// each with words from the shipped records' mid-frequency band (every N's synthetic text
/// draws from them first; the most frequent words match nearly everything).
pub fn fresh_addresses(
    store: &Reader,
    model: &super::synthetic::Model,
    n: usize,
    seed: u64,
) -> anyhow::Result<Vec<String>> {
    let band = query_words(model.shipped_words());
    let band: std::collections::HashSet<&str> = band.iter().map(String::as_str).collect();
    let records = store.release()?.map_or(0, |r| r.practices).max(1);
    let per_record = n.div_ceil(usize::try_from(records)?) * 2 + 1;
    let mut fresh = FreshAddresses::new(seed);
    store.for_each_practice(|p| {
        let text = format!("{} {}", p.programme, p.summary).to_lowercase();
        let mut words: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| band.contains(w))
            .collect();
        words.sort_unstable();
        words.dedup();
        let facets: Vec<(FacetName, &str)> = [
            FacetName::Country,
            FacetName::Region,
            FacetName::AtdType,
            FacetName::Population,
        ]
        .into_iter()
        .flat_map(|f| f.values(&p).into_iter().map(move |v| (f, v)))
        .collect();
        fresh.add_record(&words, &facets, per_record);
        Ok(())
    })?;
    Ok(fresh.finish(n))
}
