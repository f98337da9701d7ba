//! The reference tables beside `practices.csv`: vocabularies, countries, currencies, exchange
//! rates and US CPI, loaded into a [`Reference`]. A bad row is an error naming file and line.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};

use super::cell;
use super::scan::{self, LineIndex};
use crate::model::{
    Country, Labels, MeasureKind, MoneyTables, REFERENCE_YEAR, Reference, Term, Vocab, Vocabularies,
};

/// At most this many bad rows are listed per file; the first few are enough to fix the pattern.
const MAX_ERRORS: usize = 20;

/// Loads vocabularies, countries, currencies, fx and CPI from the data dir; any bad row is an
/// error naming file and line.
pub fn load_reference(data_dir: &Path) -> anyhow::Result<Reference> {
    let vocabularies = vocabularies(&Table::read(data_dir, "vocabularies.csv", VOCAB_COLUMNS)?)?;
    let countries = Table::read(data_dir, "countries.csv", COUNTRY_COLUMNS)?;
    let countries = countries_of(&countries, &vocabularies)?;
    let mut money = MoneyTables::default();
    currencies(
        &Table::read(data_dir, "currencies.csv", &["code", "name"])?,
        &mut money,
    )?;
    fx(
        &Table::read(data_dir, "fx_usd_annual.csv", FX_COLUMNS)?,
        &mut money,
    )?;
    cpi(
        &Table::read(data_dir, "us_cpi_annual.csv", CPI_COLUMNS)?,
        &mut money,
    )?;
    Ok(Reference {
        vocabularies,
        countries,
        money,
    })
}

const VOCAB_COLUMNS: &[&str] = &[
    "vocabulary",
    "key",
    "label_en",
    "label_es",
    "label_fr",
    "definition_en",
    "definition_es",
    "definition_fr",
    "kind",
];
const COUNTRY_COLUMNS: &[&str] = &[
    "iso2",
    "iso3",
    "m49",
    "name_en",
    "name_es",
    "name_fr",
    "region",
    "subregion",
];
const FX_COLUMNS: &[&str] = &["currency", "year", "units_per_usd", "source"];
const CPI_COLUMNS: &[&str] = &["year", "cpi_u_annual_avg", "source"];

/// A small CSV file read whole: every cell normalised like a practice cell, looked up by name.
struct Table {
    name: String,
    rows: Vec<TableRow>,
}

struct TableRow {
    line: u64,
    cells: HashMap<&'static str, String>,
}

impl TableRow {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

impl Table {
    fn read(dir: &Path, name: &str, columns: &[&'static str]) -> anyhow::Result<Table> {
        let path = dir.join(name);
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let (body, _) = scan::strip_bom(&bytes);
        let lines = LineIndex::new(body);
        if let Some(&(offset, byte)) = scan::invalid_utf8(body).first() {
            bail!(
                "{name}:{}: not valid UTF-8 (byte 0x{byte:02X}); re-save the file as UTF-8",
                lines.line_of(offset)
            );
        }
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body);
        let header: Vec<String> = reader
            .headers()
            .with_context(|| format!("{name}: cannot read the header"))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let positions = positions(name, &header, columns)?;
        let mut rows = Vec::new();
        let mut errors = Errors::new(name);
        for record in reader.records() {
            let record = record.with_context(|| format!("{name}: cannot read the CSV"))?;
            let start = record
                .position()
                .map_or(0, |p| scan::record_start(body, p.byte()));
            let line = lines.line_of(start);
            if record.len() != header.len() {
                errors.add(
                    line,
                    format!("has {} fields, expected {}", record.len(), header.len()),
                );
                continue;
            }
            let mut cells = HashMap::new();
            for (&column, &position) in columns.iter().zip(&positions) {
                match cell::normalise(record.get(position).unwrap_or("")) {
                    Ok(value) => {
                        cells.insert(column, value);
                    }
                    Err(message) => errors.add(line, format!("column {column} {message}")),
                }
            }
            rows.push(TableRow { line, cells });
        }
        errors.into_result()?;
        Ok(Table {
            name: name.to_string(),
            rows,
        })
    }
}

/// The position of each expected column; every one must be present exactly once, nothing else.
fn positions(name: &str, header: &[String], columns: &[&str]) -> anyhow::Result<Vec<usize>> {
    if let Some(extra) = header.iter().find(|h| !columns.contains(&h.as_str())) {
        bail!(
            "{name}:1: unknown column `{extra}`; the columns are: {}",
            columns.join(",")
        );
    }
    let mut positions = Vec::new();
    for column in columns {
        let at: Vec<usize> = (0..header.len())
            .filter(|&i| header[i] == *column)
            .collect();
        match at.as_slice() {
            [one] => positions.push(*one),
            [] => bail!("{name}:1: required column `{column}` is missing"),
            _ => bail!("{name}:1: column `{column}` appears {} times", at.len()),
        }
    }
    Ok(positions)
}

/// Row errors of one file, reported together.
struct Errors {
    file: String,
    lines: Vec<String>,
}

impl Errors {
    fn new(file: &str) -> Errors {
        Errors {
            file: file.to_string(),
            lines: Vec::new(),
        }
    }

    fn add(&mut self, line: u64, message: String) {
        self.lines.push(format!("{}:{line}: {message}", self.file));
    }

    fn into_result(self) -> anyhow::Result<()> {
        let Some(first) = self.lines.first() else {
            return Ok(());
        };
        if self.lines.len() == 1 {
            bail!("{first}");
        }
        let shown = self.lines.len().min(MAX_ERRORS);
        let mut text = format!(
            "{} has {} bad rows:\n{}",
            self.file,
            self.lines.len(),
            self.lines[..shown].join("\n")
        );
        if self.lines.len() > shown {
            text.push_str(&format!("\n… and {} more", self.lines.len() - shown));
        }
        bail!("{text}")
    }
}

fn labels(row: &TableRow, prefix: &str) -> Labels {
    Labels {
        en: row.get(&format!("{prefix}_en")).to_string(),
        es: row.get(&format!("{prefix}_es")).to_string(),
        fr: row.get(&format!("{prefix}_fr")).to_string(),
    }
}

/// Keys end up in URLs, facet paths and `;`-separated lists, so they are plain identifiers.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A measure names its kind (what checks its figures get); no other term has one.
fn measure_kind(vocab: Vocab, term: &Term) -> Result<(), String> {
    let kinds = MeasureKind::ALL.map(MeasureKind::key).join(", ");
    match (vocab, MeasureKind::from_key(&term.kind)) {
        (Vocab::Measure, Some(_)) => Ok(()),
        (Vocab::Measure, None) => Err(format!(
            "measure `{}` needs a kind: one of {kinds}",
            term.key
        )),
        (_, _) if term.kind.is_empty() => Ok(()),
        (_, _) => Err(format!(
            "key `{}` has a kind, but only a measure has one; empty the cell",
            term.key
        )),
    }
}

fn vocabularies(table: &Table) -> anyhow::Result<Vocabularies> {
    let mut vocabularies = Vocabularies::default();
    let mut errors = Errors::new(&table.name);
    for row in &table.rows {
        let Some(vocab) = Vocab::from_name(row.get("vocabulary")) else {
            let names = Vocab::ALL.map(Vocab::name).join(", ");
            errors.add(
                row.line,
                format!(
                    "unknown vocabulary `{}`; expected one of {names}",
                    row.get("vocabulary")
                ),
            );
            continue;
        };
        let key = row.get("key");
        if !is_key(key) {
            errors.add(
                row.line,
                format!("key `{key}` must be letters, digits, `_` or `-`"),
            );
            continue;
        }
        if vocabularies.contains(vocab, key) {
            errors.add(
                row.line,
                format!("key `{key}` appears twice in vocabulary `{}`", vocab.name()),
            );
            continue;
        }
        let term = Term {
            key: key.to_string(),
            label: labels(row, "label"),
            definition: labels(row, "definition"),
            kind: row.get("kind").to_string(),
        };
        if let Err(message) = measure_kind(vocab, &term) {
            errors.add(row.line, message);
            continue;
        }
        if term.label.en.is_empty() {
            errors.add(row.line, format!("key `{key}` has no label_en"));
            continue;
        }
        vocabularies.insert(vocab, term);
    }
    for vocab in Vocab::ALL {
        if vocabularies.terms(vocab).is_empty() {
            errors.add(1, format!("vocabulary `{}` has no terms", vocab.name()));
        }
    }
    errors.into_result()?;
    Ok(vocabularies)
}

fn countries_of(
    table: &Table,
    vocabularies: &Vocabularies,
) -> anyhow::Result<crate::model::Countries> {
    let mut countries = crate::model::Countries::default();
    let mut errors = Errors::new(&table.name);
    for row in &table.rows {
        match country(row, vocabularies) {
            Ok(country) if countries.get(&country.iso2).is_some() => {
                errors.add(row.line, format!("iso2 `{}` appears twice", country.iso2));
            }
            Ok(country) => countries.insert(country),
            Err(message) => errors.add(row.line, message),
        }
    }
    errors.into_result()?;
    countries.rank_names(crate::i18n::collate);
    Ok(countries)
}

fn is_upper_code(code: &str, len: usize) -> bool {
    code.len() == len && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn country(row: &TableRow, vocabularies: &Vocabularies) -> Result<Country, String> {
    let (iso2, iso3) = (row.get("iso2"), row.get("iso3"));
    if !is_upper_code(iso2, 2) {
        return Err(format!("iso2 `{iso2}` must be two upper-case letters"));
    }
    if !iso3.is_empty() && !is_upper_code(iso3, 3) {
        return Err(format!("iso3 `{iso3}` must be three upper-case letters"));
    }
    let name = labels(row, "name");
    if name.en.is_empty() {
        return Err(format!("country `{iso2}` has no name_en"));
    }
    // Antarctica has no M49 region, so empty is allowed; anything else must be a known key.
    for (column, vocab) in [("region", Vocab::Region), ("subregion", Vocab::Subregion)] {
        let key = row.get(column);
        if !key.is_empty() && !vocabularies.contains(vocab, key) {
            return Err(format!(
                "{column} `{key}` is not a key of vocabulary `{}`",
                vocab.name()
            ));
        }
    }
    Ok(Country {
        iso2: iso2.to_string(),
        iso3: iso3.to_string(),
        m49: row.get("m49").to_string(),
        name,
        region: row.get("region").to_string(),
        subregion: row.get("subregion").to_string(),
    })
}

fn currencies(table: &Table, money: &mut MoneyTables) -> anyhow::Result<()> {
    let mut errors = Errors::new(&table.name);
    for row in &table.rows {
        let code = row.get("code");
        if !is_upper_code(code, 3) {
            errors.add(
                row.line,
                format!("code `{code}` must be three upper-case letters"),
            );
        } else if money.currencies.contains_key(code) {
            errors.add(row.line, format!("code `{code}` appears twice"));
        } else {
            money
                .currencies
                .insert(code.to_string(), row.get("name").to_string());
        }
    }
    errors.into_result()
}

/// A year column of a rate table: any plausible calendar year (rates may predate practices).
fn table_year(value: &str) -> Result<i32, String> {
    value
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| format!("year `{value}` is not a year"))
}

/// A positive rate or index value.
fn positive(column: &str, value: &str) -> Result<f64, String> {
    cell::number(value)
        .ok()
        .filter(|n| *n > 0.0)
        .ok_or_else(|| format!("{column} `{value}` must be a positive number"))
}

fn fx(table: &Table, money: &mut MoneyTables) -> anyhow::Result<()> {
    let mut errors = Errors::new(&table.name);
    for row in &table.rows {
        let currency = row.get("currency");
        // Not checked against currencies.csv: that lists current codes, while rates are kept
        // for withdrawn ones too (BGN, replaced by the euro in 2026).
        if !is_upper_code(currency, 3) {
            errors.add(
                row.line,
                format!("currency `{currency}` must be three upper-case letters"),
            );
            continue;
        }
        let parsed = table_year(row.get("year"))
            .and_then(|year| Ok((year, positive("units_per_usd", row.get("units_per_usd"))?)));
        let (year, rate) = match parsed {
            Ok(pair) => pair,
            Err(message) => {
                errors.add(row.line, message);
                continue;
            }
        };
        if money
            .fx
            .insert((currency.to_string(), year), rate)
            .is_some()
        {
            errors.add(row.line, format!("{currency} {year} appears twice"));
        }
        add_source(
            money.fx_sources.entry(currency.to_string()).or_default(),
            row.get("source"),
        );
    }
    errors.into_result()
}

fn cpi(table: &Table, money: &mut MoneyTables) -> anyhow::Result<()> {
    let mut errors = Errors::new(&table.name);
    for row in &table.rows {
        let parsed = table_year(row.get("year")).and_then(|year| {
            Ok((
                year,
                positive("cpi_u_annual_avg", row.get("cpi_u_annual_avg"))?,
            ))
        });
        match parsed {
            Ok((year, index)) => {
                if money.cpi.insert(year, index).is_some() {
                    errors.add(row.line, format!("year {year} appears twice"));
                }
                add_source(&mut money.cpi_source, row.get("source"));
            }
            Err(message) => errors.add(row.line, message),
        }
    }
    // Every constant-dollar figure is relative to the reference year.
    if !table.rows.is_empty() && !money.cpi.contains_key(&REFERENCE_YEAR) {
        errors.add(
            1,
            format!("there is no row for the reference year {REFERENCE_YEAR}"),
        );
    }
    errors.into_result()
}

/// Adds a source to a `; `-joined list unless it is already there.
fn add_source(sources: &mut String, source: &str) {
    if source.is_empty() || sources.split("; ").any(|s| s == source) {
        return;
    }
    if !sources.is_empty() {
        sources.push_str("; ");
    }
    sources.push_str(source);
}

#[cfg(test)]
mod tests;
