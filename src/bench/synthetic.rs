//! SYNTHETIC records for benchmarks and tests only — never written into `data/`.
//!
//! Every generated row is plainly fake (ids `synthetic-…`, source titles saying so, URLs on
//! example.org), but shaped like the shipped data: its countries (weighted by how often the
//! shipped practices name them, with the rest of the ISO list as a tail), its vocabularies,
//! its text lengths, and its word frequencies (the shipped words at the top ranks of a Zipf
//! law, then a long tail of made-up words), with costs in the shipped currencies and years
//! that have an exchange rate and CPI, so the real importer derives every dollar figure.
//!
//! Over 500 lines: the model of the shipped records (their words, countries, tags, costs and
//! lengths, learnt once) and the rows drawn from it are one piece; every column of a row reads
//! the model's tables, so apart they would trade one file for a wide interface.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::model::{Reference, Vocab};

/// Distinct words in the synthetic vocabulary: shipped words first, then made-up ones.
const VOCABULARY_WORDS: usize = 40_000;
/// Zipf exponent of word frequencies (natural text is close to 1).
const ZIPF_S: f64 = 1.07;
const ORGANISATIONS: usize = 3_000;

/// A tiny deterministic PRNG (SplitMix64): the same seed gives the same file everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); `n` must be > 0.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
}

/// Values drawn with fixed weights (cumulative table + binary search).
#[derive(Debug, Clone)]
pub struct Weighted<T> {
    values: Vec<T>,
    cumulative: Vec<f64>,
}

impl<T> Weighted<T> {
    pub fn new(pairs: Vec<(T, f64)>) -> Weighted<T> {
        let mut values = Vec::with_capacity(pairs.len());
        let mut cumulative = Vec::with_capacity(pairs.len());
        let mut total = 0.0;
        for (value, weight) in pairs {
            total += weight.max(0.0);
            values.push(value);
            cumulative.push(total);
        }
        Weighted { values, cumulative }
    }

    pub fn draw(&self, rng: &mut Rng) -> &T {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|c| *c <= x);
        &self.values[i.min(self.values.len() - 1)]
    }

    pub fn values(&self) -> &[T] {
        &self.values
    }
}

/// What the generator learned from the shipped data.
pub struct Model {
    header: Vec<String>,
    countries: Weighted<(String, String)>,
    vocab: HashMap<Vocab, Weighted<String>>,
    /// Word ranks: index 0 is the most frequent word.
    words: Vec<String>,
    /// How many of `words` come from the shipped records (the rest are made up).
    shipped_words: usize,
    zipf: Weighted<u32>,
    summary_words: Vec<usize>,
    outcome_words: Vec<usize>,
    /// (currency, cost year) pairs that have an exchange rate and a CPI figure.
    money: Weighted<(String, i32)>,
    organisations: Vec<String>,
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
}

/// The shipped practices' header, and each row as column → value.
type ShippedRows = (Vec<String>, Vec<HashMap<String, String>>);

fn shipped_rows(data_dir: &Path) -> anyhow::Result<ShippedRows> {
    let path = data_dir.join("practices.csv");
    let mut reader =
        csv::Reader::from_path(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        rows.push(
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok((header, rows))
}

/// The shipped figures' rows (column → value); none when there is no figures file.
/// The costs generated records carry in their own columns, named as figures name them.
fn costs_in_records(rows: &[HashMap<String, String>]) -> Vec<HashMap<String, String>> {
    rows.iter()
        .filter_map(|row| {
            let currency = row.get("cost_currency").filter(|c| !c.is_empty())?;
            let unit = row.get("cost_unit").cloned().unwrap_or_default();
            Some(HashMap::from([
                ("currency".to_string(), currency.clone()),
                ("unit".to_string(), unit),
            ]))
        })
        .collect()
}

fn shipped_figures(data_dir: &Path) -> anyhow::Result<Vec<HashMap<String, String>>> {
    let path = data_dir.join("figures.csv");
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut reader =
        csv::Reader::from_path(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        rows.push(
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(rows)
}

/// The cost columns synthetic rows carry in the practices file itself (the shape releases
/// up to 1.2.0 shipped, still read by the importer), so the benchmark's workload — costs to
/// filter, sort and derive — stays the one it measured before figures moved to figures.csv.
const COST_COLUMNS: [&str; 9] = [
    "cost_per_day",
    "cost_currency",
    "cost_unit",
    "cost_year",
    "detention_cost_per_day",
    "outcome_compliance_pct",
    "cost_bound",
    "detention_cost_bound",
    "cost_year_basis",
];

/// A pronounceable made-up word for the long tail of the vocabulary.
fn made_up_word(rng: &mut Rng) -> String {
    const ONSETS: [&str; 16] = [
        "b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "st",
    ];
    const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "io"];
    const CODAS: [&str; 8] = ["", "", "n", "r", "s", "l", "nt", "m"];
    let syllables = 2 + rng.below(2);
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(ONSETS[rng.below(ONSETS.len())]);
        word.push_str(VOWELS[rng.below(VOWELS.len())]);
    }
    word.push_str(CODAS[rng.below(CODAS.len())]);
    word
}

fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(';').map(str::trim).filter(|v| !v.is_empty())
}

/// Each country of the reference table, weighted by how often the shipped practices name it
/// (the rest a light tail), in code order.
fn country_weights(
    rows: &[HashMap<String, String>],
    reference: &Reference,
) -> Vec<((String, String), f64)> {
    let mut country_counts: HashMap<&str, f64> = HashMap::new();
    for row in rows {
        *country_counts.entry(row["iso2"].as_str()).or_default() += 1.0;
    }
    let mut countries: Vec<((String, String), f64)> = reference
        .countries
        .iter()
        .map(|c| {
            let weight = country_counts
                .get(c.iso2.as_str())
                .map_or(0.05, |n| n * 4.0);
            ((c.iso2.clone(), c.name.en.clone()), weight)
        })
        .collect();
    countries.sort_by(|a, b| a.0.0.cmp(&b.0.0));
    countries
}

/// Each vocabulary's keys weighted by how often the shipped rows use them (the cost unit by
/// the daily figures), every key kept.
fn vocabulary_weights(
    rows: &[HashMap<String, String>],
    daily: &[HashMap<String, String>],
    reference: &Reference,
) -> HashMap<Vocab, Weighted<String>> {
    let mut vocab = HashMap::new();
    for (v, column) in [
        (Vocab::Kind, "kind"),
        (Vocab::OrganisationType, "organisation_type"),
        (Vocab::Status, "status"),
        (Vocab::Population, "populations"),
        (Vocab::AtdType, "atd_types"),
        (Vocab::CapStage, "cap_stages"),
        (Vocab::CostUnit, "unit"),
    ] {
        let mut counts: HashMap<&str, f64> = HashMap::new();
        let source = if v == Vocab::CostUnit { daily } else { rows };
        for row in source {
            for key in split_list(row.get(column).map_or("", String::as_str)) {
                *counts.entry(key).or_default() += 1.0;
            }
        }
        let pairs = reference
            .vocabularies
            .keys(v)
            .map(|k| (k.to_string(), counts.get(k).copied().unwrap_or(0.0) + 0.5))
            .collect();
        vocab.insert(v, Weighted::new(pairs));
    }
    vocab
}

/// The shipped words by frequency (most frequent first), then made-up words up to
/// [`VOCABULARY_WORDS`]; and how many were shipped.
fn ranked_words(rows: &[HashMap<String, String>], rng: &mut Rng) -> (Vec<String>, usize) {
    let mut word_counts: HashMap<String, u64> = HashMap::new();
    for row in rows {
        for column in ["summary", "outcome_other", "programme", "participants_note"] {
            for w in words_of(&row[column]) {
                *word_counts.entry(w).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(String, u64)> = word_counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut words: Vec<String> = words.into_iter().map(|(w, _)| w).collect();
    let shipped_words = words.len();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < VOCABULARY_WORDS {
        let w = made_up_word(rng);
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    (words, shipped_words)
}

/// The (currency, year) pairs a cost may be drawn in: the shipped daily costs' currencies,
/// weighted by use, in every year with both an exchange rate and a CPI.
fn money_weights(
    daily: &[HashMap<String, String>],
    reference: &Reference,
) -> anyhow::Result<Vec<((String, i32), f64)>> {
    let mut currency_counts: HashMap<&str, f64> = HashMap::new();
    for row in daily {
        let c = row["currency"].as_str();
        if !c.is_empty() {
            *currency_counts.entry(c).or_default() += 1.0;
        }
    }
    let money_pairs: Vec<((String, i32), f64)> = reference
        .money
        .fx
        .keys()
        .filter(|(c, y)| {
            currency_counts.contains_key(c.as_str()) && reference.money.cpi.contains_key(y)
        })
        .map(|(c, y)| ((c.clone(), *y), currency_counts[c.as_str()]))
        .collect();
    anyhow::ensure!(
        !money_pairs.is_empty(),
        "no shipped currency has an exchange rate and a CPI year"
    );
    Ok(money_pairs)
}

impl Model {
    /// Learns countries, vocabularies, words, lengths and currencies from `data_dir`.
    pub fn from_shipped(data_dir: &Path, reference: &Reference) -> anyhow::Result<Model> {
        let (mut header, rows) = shipped_rows(data_dir)?;
        for column in COST_COLUMNS {
            if !header.iter().any(|h| h == column) {
                header.push(column.to_string());
            }
        }
        // Costs are learnt from the figures per day (their currency and unit); a folder of
        // generated records has no figures.csv and carries its costs in the records' columns.
        let mut daily: Vec<HashMap<String, String>> = shipped_figures(data_dir)?
            .into_iter()
            .filter(|f| f["measure"].ends_with("_per_day"))
            .collect();
        if daily.is_empty() {
            daily = costs_in_records(&rows);
        }
        let mut rng = Rng::new(0x5eed);
        let countries = country_weights(&rows, reference);
        let vocab = vocabulary_weights(&rows, &daily, reference);
        let (words, shipped_words) = ranked_words(&rows, &mut rng);
        let zipf = Weighted::new(
            (0..words.len() as u32)
                .map(|r| (r, 1.0 / f64::from(r + 1).powf(ZIPF_S)))
                .collect(),
        );
        let lengths = |column: &str| -> Vec<usize> {
            let found: Vec<usize> = rows
                .iter()
                .map(|r| words_of(&r[column]).count())
                .filter(|n| *n > 0)
                .collect();
            if found.is_empty() { vec![40] } else { found }
        };
        let summary_words = lengths("summary");
        let outcome_words = lengths("outcome_other");
        let money_pairs = money_weights(&daily, reference)?;

        let mut model = Model {
            header,
            countries: Weighted::new(countries),
            vocab,
            words,
            shipped_words,
            zipf,
            summary_words,
            outcome_words,
            money: Weighted::new(money_pairs),
            organisations: Vec::new(),
        };
        model.organisations = (0..ORGANISATIONS)
            .map(|_| {
                let words = 2 + rng.below(3);
                let mut name = model.title_words(&mut rng, words);
                name.push_str(
                    [" Foundation", " Network", " Service", " Agency", " Centre"][rng.below(5)],
                );
                name
            })
            .collect();
        Ok(model)
    }

    /// Words ranked by frequency (most frequent first), for choosing benchmark queries.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The words of the shipped records, most frequent first (the made-up long tail left out).
    pub fn shipped_words(&self) -> &[String] {
        &self.words[..self.shipped_words]
    }

    fn word(&self, rng: &mut Rng) -> &str {
        &self.words[*self.zipf.draw(rng) as usize]
    }

    fn sentence(&self, rng: &mut Rng, words: usize) -> String {
        let mut text = String::with_capacity(words * 8);
        for i in 0..words {
            if i > 0 {
                text.push_str(if rng.chance(0.08) { ", " } else { " " });
            }
            text.push_str(self.word(rng));
            if rng.chance(0.06) && i + 1 < words {
                text.push('.');
            }
        }
        text.push('.');
        capitalise(&text)
    }

    fn title_words(&self, rng: &mut Rng, n: usize) -> String {
        (0..n)
            .map(|_| capitalise(self.word(rng)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn key(&self, vocab: Vocab, rng: &mut Rng) -> String {
        self.vocab[&vocab].draw(rng).clone()
    }

    fn keys(&self, vocab: Vocab, rng: &mut Rng, min: usize, max: usize) -> String {
        let n = min + rng.below(max - min + 1);
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..n * 3 {
            if chosen.len() == n {
                break;
            }
            let k = self.key(vocab, rng);
            if !chosen.contains(&k) {
                chosen.push(k);
            }
        }
        chosen.join(";")
    }

    fn scaled_length(&self, lengths: &[usize], rng: &mut Rng) -> usize {
        let base = lengths[rng.below(lengths.len())] as f64;
        (base * rng.range(0.7, 1.3)).round().max(3.0) as usize
    }

    /// One synthetic row, as cells in the shipped header's order.
    pub fn record(&self, number: u64, rng: &mut Rng, reference: &Reference) -> Vec<String> {
        let (iso2, country) = self.countries.draw(rng).clone();
        let start = 1995 + rng.below(31) as i32;
        let status = self.key(Vocab::Status, rng);
        let end = (status == "ended" || rng.chance(0.05))
            .then(|| (start + rng.below(8) as i32).min(2025));
        let has_cost = rng.chance(0.7);
        let (currency, cost_year) = self.money.draw(rng).clone();
        let rate = reference
            .money
            .fx
            .get(&(currency.clone(), cost_year))
            .copied()
            .unwrap_or(1.0);
        let usd = (rng.range(3f64.ln(), 150f64.ln())).exp();
        let detention = has_cost && rng.chance(0.4);
        let mut cells: HashMap<&str, String> = HashMap::new();
        cells.insert("id", format!("synthetic-{number:07}"));
        cells.insert("country", country);
        cells.insert("iso2", iso2);
        let words = 3 + rng.below(5);
        cells.insert("programme", self.title_words(rng, words));
        cells.insert("kind", self.key(Vocab::Kind, rng));
        cells.insert(
            "organisation",
            self.organisations[rng.below(self.organisations.len())].clone(),
        );
        cells.insert("organisation_type", self.key(Vocab::OrganisationType, rng));
        cells.insert("start_year", start.to_string());
        cells.insert("end_year", end.map(|e| e.to_string()).unwrap_or_default());
        cells.insert("status", status);
        cells.insert("populations", self.keys(Vocab::Population, rng, 1, 3));
        cells.insert("atd_types", self.keys(Vocab::AtdType, rng, 1, 3));
        cells.insert("cap_stages", self.keys(Vocab::CapStage, rng, 0, 2));
        if rng.chance(0.5) {
            cells.insert("participants", (10 + rng.below(20_000)).to_string());
            let words = 3 + rng.below(6);
            cells.insert("participants_note", self.sentence(rng, words));
        }
        cells.insert("last_verified", SYNTHETIC_DATE.to_string());
        // Written in English, as every shipped row is: a file without the column reads so too.
        cells.insert("text_lang", "en".to_string());
        if has_cost {
            cells.insert("cost_bound", "exact".to_string());
            cells.insert("cost_year_basis", "stated".to_string());
            cells.insert("cost_per_day", format!("{:.2}", usd * rate));
            cells.insert("cost_currency", currency);
            cells.insert("cost_unit", self.key(Vocab::CostUnit, rng));
            cells.insert("cost_year", cost_year.to_string());
            if detention {
                let d = rng.range(50.0, 400.0) * rate;
                cells.insert("detention_cost_per_day", format!("{d:.2}"));
                cells.insert("detention_cost_bound", "exact".to_string());
            }
        }
        if rng.chance(0.4) {
            cells.insert(
                "outcome_compliance_pct",
                format!("{:.1}", rng.range(60.0, 100.0)),
            );
        }
        if rng.chance(0.8) {
            let n = self.scaled_length(&self.outcome_words, rng);
            cells.insert("outcome_other", self.sentence(rng, n));
        }
        let n = self.scaled_length(&self.summary_words, rng);
        cells.insert("summary", self.sentence(rng, n));
        cells.insert(
            "source_title",
            format!("SYNTHETIC benchmark record {number} (not a real programme)"),
        );
        cells.insert(
            "source_url",
            format!("https://example.org/synthetic/{number}"),
        );
        self.header
            .iter()
            .map(|h| cells.remove(h.as_str()).unwrap_or_default())
            .collect()
    }

    /// Writes `n` synthetic rows to `out` and their sources beside it (the file
    /// [`crate::import::sources_path`] names), so the real importer accepts them.
    pub fn write_files(
        &self,
        out: &Path,
        n: u64,
        seed: u64,
        reference: &Reference,
    ) -> anyhow::Result<()> {
        let file = std::fs::File::create(out)
            .with_context(|| format!("cannot create {}", out.display()))?;
        self.write_csv(
            std::io::BufWriter::with_capacity(1 << 20, file),
            n,
            seed,
            reference,
        )?;
        let sources = crate::import::sources_path(out);
        let file = std::fs::File::create(&sources)
            .with_context(|| format!("cannot create {}", sources.display()))?;
        write_sources(std::io::BufWriter::with_capacity(1 << 20, file), n)
    }

    /// Writes `n` synthetic rows as a practices CSV with the shipped header.
    pub fn write_csv(
        &self,
        out: impl Write,
        n: u64,
        seed: u64,
        reference: &Reference,
    ) -> anyhow::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.header)?;
        let mut rng = Rng::new(seed);
        for number in 1..=n {
            writer.write_record(self.record(number, &mut rng, reference))?;
        }
        writer.flush()?;
        Ok(())
    }
}

/// The verification and checking date of every synthetic row and source.
const SYNTHETIC_DATE: &str = "2026-11-30";

/// One SYNTHETIC source per synthetic row, supporting every figure column.
pub fn write_sources(out: impl Write, n: u64) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(crate::import::sources::SOURCE_COLUMNS)?;
    let supports = "start_year;end_year;status;participants;cost_per_day;cost_currency;\
                    cost_unit;cost_year;detention_cost_per_day;outcome_compliance_pct";
    for number in 1..=n {
        writer.write_record([
            format!("synthetic-{number:07}").as_str(),
            &format!("SYNTHETIC benchmark source {number} (not a real source)"),
            &format!("https://example.org/synthetic/{number}"),
            "",
            "",
            "synthetic",
            supports,
            SYNTHETIC_DATE,
        ])?;
    }
    writer.flush()?;
    Ok(())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Refuses to write synthetic records into the shipped data folder.
pub fn refuse_data_dir(out: &Path, data_dir: &Path) -> anyhow::Result<()> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let parent = std::fs::canonicalize(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    })?;
    let data = std::fs::canonicalize(data_dir)?;
    anyhow::ensure!(
        !parent.starts_with(&data),
        "synthetic records never go into {}; write them to a temporary folder",
        data_dir.display()
    );
    Ok(())
}
