//! Every shape the site publishes for machines, defined once: the JSON of the API, the JSON
//! and CSV exports and the JSON error body. Handlers and the OpenAPI document both use these
//! types, so the document cannot drift from the answers (snapshots in `tests/it/published.rs`).
//!
//! Over 500 lines: every published shape is here on purpose (invariant 6): one file is the
//! whole public contract of the API and the exports, read and reviewed as one, and the OpenAPI
//! document is generated from it.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use crate::model::{
    DifferenceReading, Figure, Lang, Link, MoneyTables, PairingDeclined, Practice, REFERENCE_YEAR,
    Reference, Source, TextField, TranslationMethod, measures, pair_with_detention,
};
use crate::search::{FacetCounts, Hit};
use crate::spreadsheet;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<PracticeWire>,
    pub facets: Vec<FacetWire>,
    /// The next page of this search, or null on the last page.
    pub next_url: Option<String>,
    pub warnings: Vec<String>,
    pub index_generation: u64,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Facet)]
pub struct FacetWire {
    pub facet: &'static str,
    pub values: Vec<FacetValueWire>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FacetValue)]
pub struct FacetValueWire {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

/// A practice as published: raw values as sourced, derived figures named as such.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Practice)]
pub struct PracticeWire {
    pub id: String,
    pub url: String,
    pub country: String,
    pub iso2: String,
    pub region: String,
    pub subregion: String,
    pub programme: String,
    pub kind: String,
    pub organisation: String,
    pub organisation_type: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: String,
    /// The date of the latest source stating `status` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`);
    /// null when none dates it. An `active` older than three years is "last reported
    /// active" in that year.
    pub status_as_of: Option<String>,
    pub populations: Vec<String>,
    pub atd_types: Vec<String>,
    pub cap_stages: Vec<String>,
    pub participants: Option<u64>,
    pub participants_note: String,
    pub cost_per_day: Option<f64>,
    /// `exact`, `upper`, `lower` or `range`; carried by every figure derived from `cost_per_day`.
    pub cost_bound: Option<String>,
    /// The high end when `cost_bound` is `range`.
    pub cost_per_day_high: Option<f64>,
    pub cost_currency: Option<String>,
    pub cost_unit: Option<String>,
    pub cost_year: Option<i32>,
    /// `stated` by the source, or `publication`: the source's publication year, assumed.
    /// Every dollar figure below rests on `cost_year`, so it carries this basis.
    pub cost_year_basis: Option<String>,
    pub detention_cost_per_day: Option<f64>,
    pub detention_cost_bound: Option<String>,
    pub detention_cost_per_day_high: Option<f64>,
    pub cost_per_day_usd: Option<f64>,
    pub detention_cost_per_day_usd: Option<f64>,
    /// Constant US dollars of `usd_reference_year`.
    pub cost_per_day_usd_constant: Option<f64>,
    pub detention_cost_per_day_usd_constant: Option<f64>,
    pub saving_per_day_usd_constant: Option<f64>,
    pub usd_reference_year: i32,
    pub outcome_compliance_pct: Option<f64>,
    pub outcome_other: String,
    pub summary: String,
    /// The language `programme`, `summary`, `outcome_other` and `participants_note` are
    /// written in: `en`, `es` or `fr`.
    pub text_lang: &'static str,
    pub source_title: String,
    pub source_url: String,
    /// When the row's facts were last checked against its sources (`YYYY-MM-DD`).
    pub last_verified: String,
    /// Every source of the practice and the columns each one supports.
    pub sources: Vec<SourceWire>,
    /// Every figure of the practice (the cost and compliance fields above are headlines
    /// chosen from them), in file order.
    pub figures: Vec<FigureWire>,
    /// Other records of the same programme, each read from this record's side.
    pub links: Vec<LinkWire>,
    /// The data releases that added the practice and last changed it (empty when unknown).
    pub added_in: String,
    pub changed_in: String,
    /// A highlighted excerpt for this search, when the search had text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<SnippetWire>,
    /// With `lang`: the record's text in that language, when it has a translation into it,
    /// each field with how it was made. The fields above stay the original, in `text_lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<TranslationWire>,
    /// On the record (`/api/v1/practices/{id}`) only: each current ATD cost per day set
    /// against its country's detention cost per day of the nearest year, or why not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against_detention: Option<Vec<DetentionPairWire>>,
}

/// An ATD cost per day beside its country's detention cost per day of the nearest year (the
/// rule is in data/README.md), both in constant US dollars of `usd_reference_year`; or, with
/// `declined` set, the reason they are not set side by side (and no other field but the ATD
/// figure's id).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DetentionPair)]
pub struct DetentionPairWire {
    /// The id of the practice's `atd_cost_per_day` figure.
    pub atd_figure: String,
    /// The id of the country's `detention_cost_per_day` figure (a country fact).
    pub detention_figure: Option<String>,
    pub atd_usd_constant: Option<f64>,
    pub detention_usd_constant: Option<f64>,
    /// The detention figure's year minus the ATD cost's (negative: detention is older).
    pub year_gap: Option<i32>,
    /// Detention minus the alternative, per day.
    pub difference_usd_constant: Option<f64>,
    /// How the difference reads by the two figures' bounds: `exact`, `about`, `at_least`,
    /// `at_most` or `uncertain`.
    pub difference_reading: Option<String>,
    /// Why not paired: `not_convertible` (no constant-dollar value), `unit_unstated`,
    /// `no_detention_cost` (none recorded for the country) or `incompatible_units`.
    pub declined: Option<String>,
    /// With `incompatible_units`: the units of the country's detention costs.
    pub detention_units: Vec<String>,
}

impl DetentionPairWire {
    /// Every current ATD cost per day of `p` against the country facts `country_figures`.
    pub fn all(p: &Practice, country_figures: &[Figure], money: &MoneyTables) -> Vec<Self> {
        p.figures
            .iter()
            .filter(|f| f.measure == measures::ATD_COST_PER_DAY && !f.is_superseded())
            .map(|f| match pair_with_detention(f, country_figures, money) {
                Ok(pair) => DetentionPairWire {
                    atd_figure: f.id.clone(),
                    detention_figure: Some(pair.detention.id.clone()),
                    atd_usd_constant: Some(pair.atd_usd_constant),
                    detention_usd_constant: Some(pair.detention_usd_constant),
                    year_gap: Some(pair.year_gap),
                    difference_usd_constant: Some(pair.difference()),
                    difference_reading: Some(reading_key(pair.reading()).to_string()),
                    declined: None,
                    detention_units: Vec::new(),
                },
                Err(why) => {
                    let (reason, units) = match why {
                        PairingDeclined::NotConvertible => ("not_convertible", Vec::new()),
                        PairingDeclined::UnitUnstated => ("unit_unstated", Vec::new()),
                        PairingDeclined::NoDetentionCost => ("no_detention_cost", Vec::new()),
                        PairingDeclined::IncompatibleUnits { detention_units } => {
                            ("incompatible_units", detention_units)
                        }
                    };
                    DetentionPairWire {
                        atd_figure: f.id.clone(),
                        detention_figure: None,
                        atd_usd_constant: None,
                        detention_usd_constant: None,
                        year_gap: None,
                        difference_usd_constant: None,
                        difference_reading: None,
                        declined: Some(reason.to_string()),
                        detention_units: units,
                    }
                }
            })
            .collect()
    }
}

fn reading_key(reading: DifferenceReading) -> &'static str {
    match reading {
        DifferenceReading::Exact => "exact",
        DifferenceReading::About => "about",
        DifferenceReading::AtLeast => "at_least",
        DifferenceReading::AtMost => "at_most",
        DifferenceReading::Uncertain => "uncertain",
    }
}

/// A practice's free text in a language other than its original's.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Translation)]
pub struct TranslationWire {
    /// `en`, `es` or `fr`: never the practice's `text_lang`.
    pub lang: String,
    pub fields: Vec<TranslatedFieldWire>,
}

/// One translated field.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = TranslatedField)]
pub struct TranslatedFieldWire {
    /// `summary`, `outcome_other`, `participants_note`, or `programme` (a gloss of a
    /// descriptive name; proper names are never glossed).
    pub field: String,
    pub text: String,
    /// `machine` (generated, not yet reviewed by a person) or `human`.
    pub method: String,
    /// True when the original changed after the translation was made: it may be out of date.
    pub stale: bool,
}

impl TranslationWire {
    /// The translations of `p` into `lang`; none for its own language or an untranslated
    /// record.
    pub fn of(p: &Practice, lang: Lang) -> Option<TranslationWire> {
        let fields: Vec<TranslatedFieldWire> = TextField::ALL
            .into_iter()
            .filter_map(|field| p.translation(field, lang))
            .map(|t| TranslatedFieldWire {
                field: t.field.name().to_string(),
                text: t.text.clone(),
                method: t.method.name().to_string(),
                stale: t.stale,
            })
            .collect();
        (!fields.is_empty()).then(|| TranslationWire {
            lang: lang.code().to_string(),
            fields,
        })
    }
}

/// A link to another record of the same programme (from `links.csv`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Link)]
pub struct LinkWire {
    /// What this record is to the other: `successor_of`, `predecessor_of`, `phase_of`,
    /// `has_phase`, `part_of` or `has_part`.
    pub relation: &'static str,
    /// The other record's id.
    pub practice_id: String,
    pub url: String,
}

impl LinkWire {
    fn from_link(link: &Link) -> LinkWire {
        LinkWire {
            relation: link.role(),
            practice_id: link.other.to_string(),
            url: format!("/practices/{}", link.other),
        }
    }
}

/// One source of a practice: where the figures it supports can be checked.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Source)]
pub struct SourceWire {
    pub title: String,
    pub url: String,
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when the source gives none.
    pub published: String,
    pub locator: String,
    /// Practice columns whose values this source supports.
    pub supports: Vec<String>,
    pub checked: String,
}

impl SourceWire {
    fn from_source(s: &Source) -> SourceWire {
        SourceWire {
            title: s.title.clone(),
            url: s.url.clone(),
            publisher: s.publisher.clone(),
            published: s.published.clone(),
            locator: s.locator.clone(),
            supports: s.supports.clone(),
            checked: s.checked.clone(),
        }
    }
}

/// One published figure: a row of `figures.csv` — a practice's, or (with no
/// `practice_id`) a fact about a country.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Figure)]
pub struct FigureWire {
    pub id: String,
    pub practice_id: Option<String>,
    pub iso2: String,
    /// A key of the `measure` vocabulary.
    pub measure: String,
    /// As stated; the low end of a range.
    pub value: f64,
    /// `exact`, `approx`, `upper`, `lower` or `range`.
    pub bound: String,
    pub value_high: Option<f64>,
    pub currency: Option<String>,
    /// A key of the `cost_unit` vocabulary.
    pub unit: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when undated.
    pub period_start: String,
    pub period_end: String,
    /// `stated` or `publication` (the year is the source's publication year, assumed).
    pub period_basis: Option<String>,
    pub scope: String,
    pub sample_size: Option<u64>,
    /// The page and the sentence (`locator`) that state the figure.
    pub source: FigureSourceWire,
    pub grade: GradeWire,
    pub note: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = FigureSource)]
pub struct FigureSourceWire {
    pub title: String,
    pub url: String,
    pub publisher: String,
    pub published: String,
    /// The sentence that states the figure, quoted from the page.
    pub locator: String,
    pub checked: String,
}

/// The facts a figure is weighed by.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Grade)]
pub struct GradeWire {
    /// A key of `source_type`: who produced the figure.
    pub source_type: String,
    /// `primary` or `secondary`.
    pub origin: String,
    /// The document a secondary figure quotes.
    pub original: String,
    /// `yes`, `no` or `unknown`: the producer neither runs nor funds the programme.
    pub independent: String,
    /// The later figure that replaces this one.
    pub superseded_by: Option<String>,
}

impl FigureWire {
    pub fn from_figure(f: &Figure) -> FigureWire {
        FigureWire {
            id: f.id.clone(),
            practice_id: f.practice_id.as_ref().map(|id| id.to_string()),
            iso2: f.iso2.clone(),
            measure: f.measure.clone(),
            value: f.value,
            bound: f.bound.clone(),
            value_high: f.value_high,
            currency: f.currency.clone(),
            unit: f.unit.clone(),
            period_start: f.period_start.clone(),
            period_end: f.period_end.clone(),
            period_basis: f.period_basis.clone(),
            scope: f.scope.clone(),
            sample_size: f.sample_size,
            source: FigureSourceWire {
                title: f.source.title.clone(),
                url: f.source.url.clone(),
                publisher: f.source.publisher.clone(),
                published: f.source.published.clone(),
                locator: f.source.locator.clone(),
                checked: f.source.checked.clone(),
            },
            grade: GradeWire {
                source_type: f.grade.source_type.clone(),
                origin: f.grade.origin.clone(),
                original: f.grade.original.clone(),
                independent: f.grade.independent.clone(),
                superseded_by: f.grade.superseded_by.clone(),
            },
            note: f.note.clone(),
        }
    }
}

/// `/api/v1/figures`: the figures a filter selects, in file order.
#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresResponse {
    pub total: usize,
    pub figures: Vec<FigureWire>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Snippet)]
pub struct SnippetWire {
    pub text: String,
    /// The language of `text`: the requested `lang` when the record has a translation in it,
    /// else `en`.
    pub lang: String,
    /// Byte ranges `[start, end)` of matched words in `text`.
    pub highlights: Vec<[usize; 2]>,
}

impl PracticeWire {
    /// `lang`: the language asked for with `lang=` (its translation is added).
    pub fn from_practice(p: &Practice, hit: Option<&Hit>, lang: Lang) -> PracticeWire {
        let snippet = hit
            .filter(|h| !h.snippet.highlights.is_empty())
            .map(|h| SnippetWire {
                text: h.snippet.text.clone(),
                lang: h.snippet.lang.code().to_string(),
                highlights: h
                    .snippet
                    .highlights
                    .iter()
                    .map(|r| [r.start, r.end])
                    .collect(),
            });
        PracticeWire {
            id: p.id.to_string(),
            url: format!("/practices/{}", p.id),
            country: p.country.clone(),
            iso2: p.iso2.clone(),
            region: p.region.clone(),
            subregion: p.subregion.clone(),
            programme: p.programme.clone(),
            kind: p.kind.clone(),
            organisation: p.organisation.clone(),
            organisation_type: p.organisation_type.clone(),
            start_year: p.start_year,
            end_year: p.end_year,
            status: p.status.clone(),
            status_as_of: p.status_as_of.clone(),
            populations: p.populations.clone(),
            atd_types: p.atd_types.clone(),
            cap_stages: p.cap_stages.clone(),
            participants: p.participants,
            participants_note: p.participants_note.clone(),
            cost_per_day: p.cost.per_day,
            cost_bound: p.cost.bound.clone(),
            cost_per_day_high: p.cost.per_day_high,
            cost_currency: p.cost.currency.clone(),
            cost_unit: p.cost.unit.clone(),
            cost_year: p.cost.year,
            cost_year_basis: p.cost.year_basis.clone(),
            detention_cost_per_day: p.cost.detention_per_day,
            detention_cost_bound: p.cost.detention_bound.clone(),
            detention_cost_per_day_high: p.cost.detention_per_day_high,
            cost_per_day_usd: p.derived.per_day_usd,
            detention_cost_per_day_usd: p.derived.detention_per_day_usd,
            cost_per_day_usd_constant: p.derived.per_day_usd_constant,
            detention_cost_per_day_usd_constant: p.derived.detention_per_day_usd_constant,
            saving_per_day_usd_constant: p.derived.saving_per_day_usd_constant,
            usd_reference_year: REFERENCE_YEAR,
            outcome_compliance_pct: p.outcome_compliance_pct,
            outcome_other: p.outcome_other.clone(),
            summary: p.summary.clone(),
            text_lang: p.text_lang.code(),
            source_title: p.source_title.clone(),
            source_url: p.source_url.clone(),
            last_verified: p.last_verified.clone(),
            sources: p.sources.iter().map(SourceWire::from_source).collect(),
            figures: p.figures.iter().map(FigureWire::from_figure).collect(),
            links: p.links.iter().map(LinkWire::from_link).collect(),
            added_in: p.releases.added_in.clone(),
            changed_in: p.releases.changed_in.clone(),
            snippet,
            translation: TranslationWire::of(p, lang),
            against_detention: None,
        }
    }
}

impl FacetWire {
    /// One facet's counts, with labels in `lang`.
    pub fn from_counts(counts: &FacetCounts, reference: &Reference, lang: Lang) -> FacetWire {
        let label = |value: &str| match counts.facet.vocab() {
            Some(vocab) => reference.vocabularies.label(vocab, value, lang).to_string(),
            None => reference.countries.name(value, lang).to_string(),
        };
        FacetWire {
            facet: counts.facet.param(),
            values: counts
                .values
                .iter()
                .map(|v| FacetValueWire {
                    label: label(&v.value),
                    value: v.value.clone(),
                    count: v.count,
                    selected: v.selected,
                })
                .collect(),
        }
    }
}
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub version: &'static str,
    pub index_generation: u64,
    pub data_generation: i64,
    pub practices: u64,
}

/// The JSON export as streamed by `/practices.json` (documented here; written in chunks).
// Streamed: the head is this type serialised with no rows, reopened at `rows`
// (see `ExportWire::opening`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Export)]
pub struct ExportWire {
    /// How many rows match the search (all of them are in `rows`).
    pub total: usize,
    /// The search these rows answer, as a query string.
    pub query: String,
    pub dataset_version: String,
    pub usd_reference_year: i32,
    pub rows: Vec<PracticeWire>,
}

impl ExportWire {
    /// The export's bytes up to its first row: `{…,"rows":[`.
    pub fn opening(total: usize, query: &str, dataset_version: &str) -> anyhow::Result<Vec<u8>> {
        let head = ExportWire {
            total,
            query: query.to_string(),
            dataset_version: dataset_version.to_string(),
            usd_reference_year: REFERENCE_YEAR,
            rows: Vec::new(),
        };
        let mut bytes = serde_json::to_vec(&head)?;
        let closed = bytes.ends_with(b"[]}");
        anyhow::ensure!(closed, "the export head does not end with its rows");
        bytes.truncate(bytes.len() - 2); // reopen the rows to append them
        Ok(bytes)
    }
}

/// The error body every JSON endpoint uses.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ErrorWire {
    pub error: ErrorDetailWire,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ErrorDetail)]
pub struct ErrorDetailWire {
    pub status: u16,
    pub title: String,
    pub message: String,
}

impl ErrorWire {
    pub fn new(status: u16, title: &str, message: &str) -> ErrorWire {
        ErrorWire {
            error: ErrorDetailWire {
                status,
                title: title.to_string(),
                message: message.to_string(),
            },
        }
    }
}

/// A CSV column: its header, whether it holds numbers (never neutralised), and its value.
struct Column {
    name: &'static str,
    numeric: bool,
    value: fn(&Practice, &str) -> String,
}

/// A text column: neutralised for spreadsheets.
const fn text(name: &'static str, value: fn(&Practice, &str) -> String) -> Column {
    Column {
        name,
        numeric: false,
        value,
    }
}

/// A number column: written as it is, with dot decimals.
const fn num(name: &'static str, value: fn(&Practice, &str) -> String) -> Column {
    Column {
        name,
        numeric: true,
        value,
    }
}

/// A number cell, empty when there is none.
fn cell<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The export columns: the shipped CSV's columns, then the derived dollar figures and the
/// record's stable URL. Multi-valued tags are joined with `;` as in `data/practices.csv`.
const COLUMNS: &[Column] = &[
    text("id", |p, _| p.id.to_string()),
    text("country", |p, _| p.country.clone()),
    text("iso2", |p, _| p.iso2.clone()),
    text("region", |p, _| p.region.clone()),
    text("subregion", |p, _| p.subregion.clone()),
    text("programme", |p, _| p.programme.clone()),
    text("kind", |p, _| p.kind.clone()),
    text("organisation", |p, _| p.organisation.clone()),
    text("organisation_type", |p, _| p.organisation_type.clone()),
    num("start_year", |p, _| cell(p.start_year)),
    num("end_year", |p, _| cell(p.end_year)),
    text("status", |p, _| p.status.clone()),
    text("status_as_of", |p, _| {
        p.status_as_of.clone().unwrap_or_default()
    }),
    text("populations", |p, _| p.populations.join(";")),
    text("atd_types", |p, _| p.atd_types.join(";")),
    text("cap_stages", |p, _| p.cap_stages.join(";")),
    num("participants", |p, _| cell(p.participants)),
    text("participants_note", |p, _| p.participants_note.clone()),
    num("cost_per_day", |p, _| cell(p.cost.per_day)),
    text("cost_bound", |p, _| {
        p.cost.bound.clone().unwrap_or_default()
    }),
    num("cost_per_day_high", |p, _| cell(p.cost.per_day_high)),
    text("cost_currency", |p, _| {
        p.cost.currency.clone().unwrap_or_default()
    }),
    text("cost_unit", |p, _| p.cost.unit.clone().unwrap_or_default()),
    num("cost_year", |p, _| cell(p.cost.year)),
    text("cost_year_basis", |p, _| {
        p.cost.year_basis.clone().unwrap_or_default()
    }),
    num("detention_cost_per_day", |p, _| {
        cell(p.cost.detention_per_day)
    }),
    text("detention_cost_bound", |p, _| {
        p.cost.detention_bound.clone().unwrap_or_default()
    }),
    num("detention_cost_per_day_high", |p, _| {
        cell(p.cost.detention_per_day_high)
    }),
    num("cost_per_day_usd", |p, _| cell(p.derived.per_day_usd)),
    num("detention_cost_per_day_usd", |p, _| {
        cell(p.derived.detention_per_day_usd)
    }),
    num("cost_per_day_usd_constant", |p, _| {
        cell(p.derived.per_day_usd_constant)
    }),
    num("detention_cost_per_day_usd_constant", |p, _| {
        cell(p.derived.detention_per_day_usd_constant)
    }),
    num("saving_per_day_usd_constant", |p, _| {
        cell(p.derived.saving_per_day_usd_constant)
    }),
    num("usd_reference_year", |_, _| REFERENCE_YEAR.to_string()),
    num("outcome_compliance_pct", |p, _| {
        cell(p.outcome_compliance_pct)
    }),
    text("outcome_other", |p, _| p.outcome_other.clone()),
    text("summary", |p, _| p.summary.clone()),
    text("text_lang", |p, _| p.text_lang.code().to_string()),
    text("source_title", |p, _| p.source_title.clone()),
    text("source_url", |p, _| p.source_url.clone()),
    text("last_verified", |p, _| p.last_verified.clone()),
    text("sources", |p, _| sources_cell(p)),
    text("figures", |p, _| figures_cell(p)),
    text("added_in", |p, _| p.releases.added_in.clone()),
    text("changed_in", |p, _| p.releases.changed_in.clone()),
    text("url", |p, base| format!("{base}/practices/{}", p.id)),
];

/// One line per figure: "id | measure | value bound high currency unit | period | grade | url".
fn figures_cell(p: &Practice) -> String {
    let lines: Vec<String> = p
        .figures
        .iter()
        .map(|f| {
            let amount = [
                Some(f.value.to_string()),
                Some(f.bound.clone()),
                f.value_high.map(|h| h.to_string()),
                f.currency.clone(),
                f.unit.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let period = match (f.period_start.as_str(), f.period_end.as_str()) {
                ("", _) => String::new(),
                (a, b) if a == b => a.to_string(),
                (a, b) => format!("{a}/{b}"),
            };
            let superseded = f
                .grade
                .superseded_by
                .as_ref()
                .map_or(String::new(), |by| format!(";superseded_by {by}"));
            format!(
                "{} | {} | {amount} | {period} | {};{};independent {}{superseded} | {}",
                f.id,
                f.measure,
                f.grade.source_type,
                f.grade.origin,
                f.grade.independent,
                f.source.url
            )
        })
        .collect();
    lines.join("\n")
}

/// One line per source: "title | url | locator | supports a;b".
fn sources_cell(p: &Practice) -> String {
    let lines: Vec<String> = p
        .sources
        .iter()
        .map(|s| {
            format!(
                "{} | {} | {} | supports {}",
                s.title,
                s.url,
                s.locator,
                s.supports.join(";")
            )
        })
        .collect();
    lines.join("\n")
}

/// The export's header row.
pub fn csv_header() -> Vec<&'static str> {
    COLUMNS.iter().map(|c| c.name).collect()
}

/// The header row of an export asked for in `lang`: in Spanish or French, the record's
/// translated text follows the English columns (`summary_es` …), then how it was made.
pub fn csv_header_in(lang: Lang) -> Vec<String> {
    let mut names: Vec<String> = csv_header().into_iter().map(str::to_string).collect();
    if lang != Lang::En {
        let code = lang.code();
        names.extend(TextField::ALL.map(|f| format!("{}_{code}", f.name())));
        names.push(format!("translation_{code}"));
    }
    names
}

/// The translated cells of one record (see [`csv_header_in`]): empty where a field has no
/// translation; the method column says `machine` or `human`, and whether any may be out of
/// date.
fn translated_cells(p: &Practice, lang: Lang) -> Vec<String> {
    if lang == Lang::En {
        return Vec::new();
    }
    let mut cells: Vec<String> = TextField::ALL
        .map(|f| {
            p.translation(f, lang)
                .map(|t| spreadsheet::neutralise(&t.text).into_owned())
                .unwrap_or_default()
        })
        .to_vec();
    let ours: Vec<_> = p.translations.iter().filter(|t| t.lang == lang).collect();
    let method = if ours.is_empty() {
        ""
    } else if ours.iter().any(|t| t.method == TranslationMethod::Machine) {
        "machine"
    } else {
        "human"
    };
    let stale = if ours.iter().any(|t| t.stale) {
        "; may be out of date"
    } else {
        ""
    };
    cells.push(format!("{method}{stale}"));
    cells
}

/// One practice as a CSV record: text cells neutralised, numbers as they are (dot decimals);
/// in Spanish or French, its translated text after them.
pub fn csv_record(p: &Practice, base_url: &str, lang: Lang) -> Vec<String> {
    let mut cells: Vec<String> = COLUMNS
        .iter()
        .map(|c| {
            let value = (c.value)(p, base_url);
            if c.numeric {
                value
            } else {
                spreadsheet::neutralise(&value).into_owned()
            }
        })
        .collect();
    cells.extend(translated_cells(p, lang));
    cells
}

/// Rows as CSV bytes; the first chunk of an export starts with the BOM and the header.
pub fn csv_chunk(
    rows: &[Practice],
    base_url: &str,
    header: bool,
    lang: Lang,
) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    if header {
        out.extend_from_slice(UTF8_BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    if header {
        writer.write_record(csv_header_in(lang))?;
    }
    for p in rows {
        writer.write_record(csv_record(p, base_url, lang))?;
    }
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}

/// Rows as the JSON export's array items, comma-separated (the first chunk's first without);
/// in Spanish or French each carries its `translation`.
pub fn json_chunk(rows: &[Practice], first: bool, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    for (i, p) in rows.iter().enumerate() {
        if !(first && i == 0) {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &PracticeWire::from_practice(p, None, lang))?;
    }
    Ok(out)
}

/// A proposal as JSON: a new practice, or a correction of `practice`.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalRequest {
    /// The id of the practice to correct; absent for a new practice.
    pub practice: Option<String>,
    /// Cells by CSV column name (`iso2`, `programme`, `kind`, …, `source_url`). Lists
    /// (`populations`, `atd_types`, `cap_stages`) as arrays of vocabulary keys or `;`-joined.
    #[schema(value_type = Object)]
    pub fields: BTreeMap<String, serde_json::Value>,
    /// Who proposes it (kept for the moderators only).
    pub submitter: Option<String>,
    /// A contact email (kept for the moderators only; never published or returned).
    pub email: Option<String>,
    /// A correction: why the values change (required when it changes a figure: years,
    /// status, participants, costs, outcomes).
    pub why: Option<String>,
    /// A correction: the address (http or https) of the source that supports the new values
    /// (required when it changes a figure).
    pub why_source: Option<String>,
    /// The language the proposal's text (`programme`, `summary`, `outcome_other`,
    /// `participants_note`) is written in: `en`, `es` or `fr`. Left out, a new practice's is
    /// `en` and a correction keeps the record's. Another value is refused (422).
    #[serde(default, deserialize_with = "present_string")]
    pub text_lang: Option<String>,
}

/// An optional field that, when present, is a string (`null` is refused like a number: the
/// document says the field is a string, so a request saying otherwise is not a proposal).
fn present_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    <String as serde::Deserialize>::deserialize(d).map(Some)
}

/// A proposal received: pending until a moderator accepts or rejects it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalReceipt {
    /// The reference to quote, e.g. `S-2026-0007`.
    pub reference: String,
    pub status: &'static str,
    /// `new` or `correction`.
    pub kind: &'static str,
    /// The practice's id (made from country and name for a new practice).
    pub practice_id: String,
    /// The columns the proposal fills in or changes.
    pub changed: Vec<String>,
    /// Points for the moderators that are no reason to refuse (a likely duplicate).
    pub warnings: Vec<String>,
    /// The proposal's status page (received, accepted with its record and release, or
    /// rejected with the reason): keep it private, the address is the only key to it.
    pub status_url: String,
}

/// Why a proposal was refused: every problem, by column.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalProblems {
    pub errors: Vec<ProposalProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalProblem {
    /// The column (or `practice`, `submitter`, `email`); empty for the whole proposal.
    pub field: String,
    pub message: String,
}
