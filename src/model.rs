//! The domain: a practice, its vocabularies, countries and money tables — validated types, no IO.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

/// The constant-dollar reference year for comparable costs (US CPI-U base).
pub const REFERENCE_YEAR: i32 = 2024;

/// The three languages every label exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }
}

/// A text in English, Spanish and French.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    pub en: String,
    pub es: String,
    pub fr: String,
}

impl Labels {
    pub fn get(&self, lang: Lang) -> &str {
        let text = match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
            Lang::Fr => &self.fr,
        };
        if text.is_empty() { &self.en } else { text }
    }

    pub fn all(&self) -> [&str; 3] {
        [&self.en, &self.es, &self.fr]
    }
}

/// The controlled vocabularies of the record, by the name used in `data/vocabularies.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vocab {
    Kind,
    OrganisationType,
    Status,
    Population,
    AtdType,
    CapStage,
    CostUnit,
    Bound,
    YearBasis,
    Region,
    Subregion,
    Measure,
    MeasureKind,
    SourceType,
    Origin,
    Independence,
}

impl Vocab {
    pub const ALL: [Vocab; 16] = [
        Vocab::Kind,
        Vocab::OrganisationType,
        Vocab::Status,
        Vocab::Population,
        Vocab::AtdType,
        Vocab::CapStage,
        Vocab::CostUnit,
        Vocab::Bound,
        Vocab::YearBasis,
        Vocab::Region,
        Vocab::Subregion,
        Vocab::Measure,
        Vocab::MeasureKind,
        Vocab::SourceType,
        Vocab::Origin,
        Vocab::Independence,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Vocab::Kind => "kind",
            Vocab::OrganisationType => "organisation_type",
            Vocab::Status => "status",
            Vocab::Population => "population",
            Vocab::AtdType => "atd_type",
            Vocab::CapStage => "cap_stage",
            Vocab::CostUnit => "cost_unit",
            Vocab::Bound => "bound",
            Vocab::YearBasis => "year_basis",
            Vocab::Region => "region",
            Vocab::Subregion => "subregion",
            Vocab::Measure => "measure",
            Vocab::MeasureKind => "measure_kind",
            Vocab::SourceType => "source_type",
            Vocab::Origin => "origin",
            Vocab::Independence => "independence",
        }
    }

    pub fn from_name(name: &str) -> Option<Vocab> {
        Vocab::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// One entry of a vocabulary: a stable key, its labels and a one-line definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub label: Labels,
    pub definition: Labels,
    /// For a `measure`: the key of its `measure_kind` (what sort of number it is); empty
    /// for every other vocabulary.
    pub kind: String,
}

/// All vocabularies, each in file order (the order the UI lists them in).
#[derive(Debug, Clone, Default)]
pub struct Vocabularies {
    terms: BTreeMap<Vocab, Vec<Term>>,
}

impl Vocabularies {
    pub fn insert(&mut self, vocab: Vocab, term: Term) {
        self.terms.entry(vocab).or_default().push(term);
    }

    pub fn terms(&self, vocab: Vocab) -> &[Term] {
        self.terms.get(&vocab).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn term(&self, vocab: Vocab, key: &str) -> Option<&Term> {
        self.terms(vocab).iter().find(|t| t.key == key)
    }

    pub fn contains(&self, vocab: Vocab, key: &str) -> bool {
        self.term(vocab, key).is_some()
    }

    /// The label of a key, or the key itself when the vocabulary lacks it.
    pub fn label<'a>(&'a self, vocab: Vocab, key: &'a str, lang: Lang) -> &'a str {
        self.term(vocab, key).map_or(key, |t| t.label.get(lang))
    }

    pub fn keys(&self, vocab: Vocab) -> impl Iterator<Item = &str> {
        self.terms(vocab).iter().map(|t| t.key.as_str())
    }

    /// What sort of number a measure is; `None` for an unknown measure.
    pub fn measure_kind(&self, measure: &str) -> Option<MeasureKind> {
        MeasureKind::from_key(&self.term(Vocab::Measure, measure)?.kind)
    }
}

/// What sort of number a figure's measure is: it decides the checks (a percentage stays
/// within 0–100, a count is whole, money has a currency) and what may be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureKind {
    /// Money per day of a person, family or place.
    MoneyPerDay,
    /// Money per case, stay, month, year or participant: never turned into a per-day cost.
    MoneyPerPeriod,
    /// A budget: money for a whole programme or system.
    MoneyTotal,
    Percent,
    Count,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 5] = [
        MeasureKind::MoneyPerDay,
        MeasureKind::MoneyPerPeriod,
        MeasureKind::MoneyTotal,
        MeasureKind::Percent,
        MeasureKind::Count,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MeasureKind::MoneyPerDay => "money_per_day",
            MeasureKind::MoneyPerPeriod => "money_per_period",
            MeasureKind::MoneyTotal => "money_total",
            MeasureKind::Percent => "percent",
            MeasureKind::Count => "count",
        }
    }

    pub fn from_key(key: &str) -> Option<MeasureKind> {
        MeasureKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn is_money(self) -> bool {
        matches!(
            self,
            MeasureKind::MoneyPerDay | MeasureKind::MoneyPerPeriod | MeasureKind::MoneyTotal
        )
    }
}

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

/// Annual average exchange rates (units of a currency per US dollar) and US CPI-U.
#[derive(Debug, Clone, Default)]
pub struct MoneyTables {
    pub fx: BTreeMap<(String, i32), f64>,
    pub fx_sources: BTreeMap<String, String>,
    pub cpi: BTreeMap<i32, f64>,
    pub cpi_source: String,
    pub currencies: BTreeMap<String, String>,
}

impl MoneyTables {
    pub fn units_per_usd(&self, currency: &str, year: i32) -> Option<f64> {
        self.fx.get(&(currency.to_string(), year)).copied()
    }

    /// A current ISO 4217 code, or a retired one the rate table still has years for
    /// (BGN left ISO 4217 when Bulgaria joined the euro in 2026; older costs are still in BGN).
    pub fn is_currency(&self, code: &str) -> bool {
        self.currencies.contains_key(code) || self.fx.keys().any(|(c, _)| c == code)
    }

    /// An amount of `currency` in `year` as US dollars of that year.
    pub fn to_usd(&self, amount: f64, currency: &str, year: i32) -> Option<f64> {
        let rate = self.units_per_usd(currency, year)?;
        (rate > 0.0).then(|| amount / rate)
    }

    /// US dollars of `year` as constant dollars of [`REFERENCE_YEAR`].
    pub fn to_constant_usd(&self, usd: f64, year: i32) -> Option<f64> {
        let then = self.cpi.get(&year)?;
        let now = self.cpi.get(&REFERENCE_YEAR)?;
        (*then > 0.0).then(|| usd * now / then)
    }
}

/// Everything the importer validates against and the UI labels with.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub vocabularies: Vocabularies,
    pub countries: Countries,
    pub money: MoneyTables,
}

/// A practice id: `[a-z0-9-]{3,80}`, stable forever (it is in citations and URLs).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PracticeId(String);

impl PracticeId {
    pub fn parse(raw: &str) -> Option<PracticeId> {
        let ok_len = (3..=80).contains(&raw.len());
        let ok_chars = raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        (ok_len && ok_chars).then(|| PracticeId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PracticeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a published amount relates to the true figure: `exact`, `upper` ("as much as"),
/// `lower` ("more than", "a minimum of") or `range` (low end in the amount, high end beside it).
pub const BOUNDS: [&str; 4] = ["exact", "upper", "lower", "range"];

/// Where a cost's year comes from: `stated` by the source, or the source's `publication`
/// year, assumed because the source does not date the figure.
pub const YEAR_BASES: [&str; 2] = ["stated", "publication"];

/// The ATD cost as published, with the detention cost in the same currency, unit and year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cost {
    pub per_day: Option<f64>,
    /// The high end when `bound` is `range`.
    pub per_day_high: Option<f64>,
    /// A key of [`BOUNDS`]; present exactly when `per_day` is.
    pub bound: Option<String>,
    pub currency: Option<String>,
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// A key of [`YEAR_BASES`]; present exactly when `year` is.
    pub year_basis: Option<String>,
    pub detention_per_day: Option<f64>,
    pub detention_per_day_high: Option<f64>,
    pub detention_bound: Option<String>,
}

impl Cost {
    /// True when the year of the figures was assumed from the source's publication date.
    pub fn year_assumed(&self) -> bool {
        self.year_basis.as_deref() == Some("publication")
    }
}

/// One source of a practice: where some of its figures can be checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub publisher: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when the source gives no date.
    pub published: String,
    /// Where on the page: section, paragraph, table or page number.
    pub locator: String,
    /// The practice columns whose values this source supports.
    pub supports: Vec<String>,
    /// When it was last read, `YYYY-MM-DD`.
    pub checked: String,
}

impl Source {
    pub fn supports(&self, column: &str) -> bool {
        self.supports.iter().any(|c| c == column)
    }
}

/// The data releases a practice first appeared in and last changed in (`1.2.0`), as
/// recorded in the changelog; empty when the store has no release history for it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReleaseMarks {
    pub added_in: String,
    pub changed_in: String,
}

/// A free-text field of a practice that can be read in another language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextField {
    /// A gloss of a descriptive programme name (proper names are never glossed).
    Programme,
    Summary,
    OutcomeOther,
    ParticipantsNote,
}

impl TextField {
    pub const ALL: [TextField; 4] = [
        TextField::Programme,
        TextField::Summary,
        TextField::OutcomeOther,
        TextField::ParticipantsNote,
    ];

    /// The column of `practices.csv` (and of `translations.csv`'s `field`).
    pub fn name(self) -> &'static str {
        match self {
            TextField::Programme => "programme",
            TextField::Summary => "summary",
            TextField::OutcomeOther => "outcome_other",
            TextField::ParticipantsNote => "participants_note",
        }
    }

    pub fn from_name(name: &str) -> Option<TextField> {
        TextField::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The English text of this field in `p`.
    pub fn of(self, p: &Practice) -> &str {
        match self {
            TextField::Programme => &p.programme,
            TextField::Summary => &p.summary,
            TextField::OutcomeOther => &p.outcome_other,
            TextField::ParticipantsNote => &p.participants_note,
        }
    }
}

/// How a translation was made: generated text stays `Machine` until a person reviews it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationMethod {
    Machine,
    Human,
}

impl TranslationMethod {
    pub fn name(self) -> &'static str {
        match self {
            TranslationMethod::Machine => "machine",
            TranslationMethod::Human => "human",
        }
    }

    pub fn from_name(name: &str) -> Option<TranslationMethod> {
        match name {
            "machine" => Some(TranslationMethod::Machine),
            "human" => Some(TranslationMethod::Human),
            _ => None,
        }
    }
}

/// One field of a practice in Spanish or French (from `translations.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub field: TextField,
    pub lang: Lang,
    pub text: String,
    pub method: TranslationMethod,
    /// The English text changed since this was made from it: it may be out of date.
    pub stale: bool,
}

/// A field as a reader sees it: the translation in the page language when there is one,
/// else the English original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    /// The language the text is in.
    pub lang: Lang,
    /// Set when `text` is a translation: the English it was made from, and how.
    pub translated: Option<Translated<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Translated<'a> {
    pub original: &'a str,
    pub method: TranslationMethod,
    pub stale: bool,
}

/// Figures derived at import from [`Cost`] and the money tables; empty when an input is missing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DerivedCost {
    /// ATD cost per day in US dollars at the cost year's average rate.
    pub per_day_usd: Option<f64>,
    pub detention_per_day_usd: Option<f64>,
    /// The same in constant US dollars of [`REFERENCE_YEAR`].
    pub per_day_usd_constant: Option<f64>,
    pub detention_per_day_usd_constant: Option<f64>,
    /// Detention minus ATD cost per day, constant US dollars.
    pub saving_per_day_usd_constant: Option<f64>,
}

impl DerivedCost {
    pub fn derive(cost: &Cost, money: &MoneyTables) -> DerivedCost {
        let (Some(currency), Some(year)) = (cost.currency.as_deref(), cost.year) else {
            return DerivedCost::default();
        };
        let usd = |amount: Option<f64>| amount.and_then(|a| money.to_usd(a, currency, year));
        let constant = |usd: Option<f64>| usd.and_then(|u| money.to_constant_usd(u, year));
        let per_day_usd = usd(cost.per_day);
        let detention_per_day_usd = usd(cost.detention_per_day);
        let per_day_usd_constant = constant(per_day_usd);
        let detention_per_day_usd_constant = constant(detention_per_day_usd);
        let saving_per_day_usd_constant =
            match (detention_per_day_usd_constant, per_day_usd_constant) {
                (Some(detention), Some(atd)) => Some(detention - atd),
                _ => None,
            };
        DerivedCost {
            per_day_usd,
            detention_per_day_usd,
            per_day_usd_constant,
            detention_per_day_usd_constant,
            saving_per_day_usd_constant,
        }
    }
}

/// The `cost_unit` of an amount whose source says not per whom or what.
pub const UNIT_UNSTATED: &str = "unstated";

/// The measures a practice's headline figures come from (see [`Headline`]).
pub mod measures {
    pub const ATD_COST_PER_DAY: &str = "atd_cost_per_day";
    pub const DETENTION_COST_PER_DAY: &str = "detention_cost_per_day";
    /// The compliance headline: appearance at hearings first, then reporting, as the
    /// practices' single compliance column held them.
    pub const COMPLIANCE: [&str; 2] = ["appearance_pct", "reporting_compliance_pct"];
}

/// The facts a reader weighs a figure by: who produced it, whether the page is that
/// producer's own document, whether the producer runs or funds the programme, and whether
/// a later figure replaced it. Facts, never a score.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grade {
    /// A key of the `source_type` vocabulary: who produced the figure.
    pub source_type: String,
    /// `primary` (the producer's own document) or `secondary` (a page quoting it).
    pub origin: String,
    /// For a secondary figure: the document it quotes, and any doubt about the copy.
    pub original: String,
    /// `yes`, `no` or `unknown`: the producer neither runs nor funds the programme.
    pub independent: String,
    /// The id of a later figure of the same measure for the same thing, if one replaced it.
    pub superseded_by: Option<String>,
}

impl Grade {
    pub fn is_secondary(&self) -> bool {
        self.origin == "secondary"
    }
}

/// One published number: a row of `figures.csv` — about a practice, or (with no practice)
/// a fact about a country such as its detention cost.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figure {
    /// `[a-z0-9-]{3,100}`, stable.
    pub id: String,
    pub practice_id: Option<PracticeId>,
    pub iso2: String,
    /// A key of the `measure` vocabulary.
    pub measure: String,
    /// As stated; the low end of a range.
    pub value: f64,
    /// A key of the `bound` vocabulary: exact, approx, upper, lower, range.
    pub bound: String,
    /// The high end when `bound` is `range`.
    pub value_high: Option<f64>,
    pub currency: Option<String>,
    /// A key of the `cost_unit` vocabulary (per person, per place …).
    pub unit: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when the source dates neither the figure
    /// nor itself.
    pub period_start: String,
    pub period_end: String,
    /// A key of `year_basis` when the period is given: `stated` or `publication` (assumed).
    pub period_basis: Option<String>,
    /// What the figure covers, in short words ("meals only", "one centre").
    pub scope: String,
    pub sample_size: Option<u64>,
    /// The page that states it; `locator` is the sentence quoted exactly.
    pub source: Source,
    pub grade: Grade,
    pub note: String,
}

impl Figure {
    /// The year the figure refers to: that of the period's end.
    pub fn year(&self) -> Option<i32> {
        self.period_end.get(..4)?.parse().ok()
    }

    pub fn year_assumed(&self) -> bool {
        self.period_basis.as_deref() == Some("publication")
    }

    pub fn is_superseded(&self) -> bool {
        self.grade.superseded_by.is_some()
    }
}

/// A practice's headline figures, chosen from its figures by one rule (data/README.md,
/// "Headline figures"), so filters, sorts and exports keep one cost and one compliance share
/// per practice. Only figures not superseded count, primary before secondary, then in file
/// order: whoever curates figures.csv decides the headline by order or by `superseded_by`.
/// The first daily cost (ATD or detention) is the basis; the other daily cost joins it only
/// in the same currency, year and unit (when both state one), so the pair is comparable.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Headline {
    pub cost: Cost,
    pub compliance_pct: Option<f64>,
    /// The ids of the figures chosen (ATD cost, detention cost, compliance), for messages.
    pub chosen: Vec<String>,
}

impl Headline {
    pub fn choose(figures: &[Figure]) -> Headline {
        let is_daily = |f: &Figure| {
            f.measure == measures::ATD_COST_PER_DAY || f.measure == measures::DETENTION_COST_PER_DAY
        };
        let basis = best(figures, is_daily);
        let companion = |measure: &str| {
            let basis = basis?;
            best(figures, |f| {
                f.measure == measure
                    && f.currency == basis.currency
                    && f.year() == basis.year()
                    && (f.unit.is_none() || basis.unit.is_none() || f.unit == basis.unit)
            })
        };
        let (atd, detention) = match basis {
            Some(b) if b.measure == measures::ATD_COST_PER_DAY => {
                (Some(b), companion(measures::DETENTION_COST_PER_DAY))
            }
            Some(b) => (companion(measures::ATD_COST_PER_DAY), Some(b)),
            None => (None, None),
        };
        let compliance = measures::COMPLIANCE
            .iter()
            .find_map(|m| best(figures, |f| f.measure == *m));
        let mut cost = Cost::default();
        if let Some(basis) = basis {
            // `unstated` is a fact about the source; the practice's cost unit stays empty.
            let stated = |f: &Figure| f.unit.clone().filter(|u| u != UNIT_UNSTATED);
            cost.currency = basis.currency.clone();
            cost.unit =
                stated(basis).or_else(|| [atd, detention].into_iter().flatten().find_map(stated));
            cost.year = basis.year();
            cost.year_basis = cost.year.and(basis.period_basis.clone());
        }
        if let Some(a) = atd {
            cost.per_day = Some(a.value);
            cost.per_day_high = a.value_high;
            cost.bound = Some(a.bound.clone());
        }
        if let Some(d) = detention {
            cost.detention_per_day = Some(d.value);
            cost.detention_per_day_high = d.value_high;
            cost.detention_bound = Some(d.bound.clone());
        }
        let chosen = [atd, detention, compliance]
            .into_iter()
            .flatten()
            .map(|f| f.id.clone())
            .collect();
        Headline {
            cost,
            compliance_pct: compliance.map(|f| f.value),
            chosen,
        }
    }
}

/// The first figure among those `wanted` that is not superseded: primary before secondary,
/// then in file order.
fn best(figures: &[Figure], wanted: impl Fn(&Figure) -> bool) -> Option<&Figure> {
    let current = || figures.iter().filter(|f| !f.is_superseded() && wanted(f));
    current()
        .find(|f| !f.grade.is_secondary())
        .or_else(|| current().next())
}

/// Daily cost units that count the same thing: a participant is one person enrolled, so a
/// cost per participant stands beside a cost per person. Any other pair differs in kind (a
/// place is paid for empty or full, a family holds several people) and is never compared.
fn units_compatible(a: &str, b: &str) -> bool {
    let person = |u: &str| u == "per_person" || u == "per_participant";
    a != UNIT_UNSTATED && b != UNIT_UNSTATED && (a == b || (person(a) && person(b)))
}

impl Figure {
    /// An amount of this figure (its value, or the high end of a range) in constant US
    /// dollars of [`REFERENCE_YEAR`]: converted at the annual rate of the figure's year, then
    /// by US CPI-U, as a practice's headline costs are. `None` when any input is missing.
    pub fn usd_constant(&self, amount: f64, money: &MoneyTables) -> Option<f64> {
        let year = self.year()?;
        let usd = money.to_usd(amount, self.currency.as_deref()?, year)?;
        money.to_constant_usd(usd, year)
    }
}

/// How a difference of two bounded amounts reads: "about", "at least", "at most", or not at
/// all when its bounds pull both ways. A range's amount is its low end, so it pulls like a
/// lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DifferenceReading {
    Exact,
    About,
    AtLeast,
    AtMost,
    /// The bounds pull in opposite directions: no single reading.
    Uncertain,
}

impl DifferenceReading {
    /// The reading of `larger − smaller`, from the two figures' `bound` keys. A lower bound on
    /// the larger side (detention "more than USD 300") makes the difference at least what it
    /// shows; an upper bound on the smaller side does too.
    pub fn of(larger_bound: &str, smaller_bound: &str) -> DifferenceReading {
        // +1: the true difference may be larger; −1: smaller; 0: as shown.
        let larger = match larger_bound {
            "lower" | "range" => 1,
            "upper" => -1,
            _ => 0,
        };
        let smaller = match smaller_bound {
            "lower" | "range" => -1,
            "upper" => 1,
            _ => 0,
        };
        let approx = larger_bound == "approx" || smaller_bound == "approx";
        match (larger, smaller) {
            (0, 0) if approx => DifferenceReading::About,
            (0, 0) => DifferenceReading::Exact,
            (a, b) if a >= 0 && b >= 0 => DifferenceReading::AtLeast,
            (a, b) if a <= 0 && b <= 0 => DifferenceReading::AtMost,
            _ => DifferenceReading::Uncertain,
        }
    }
}

/// An ATD cost per day set against the detention cost per day its country records for the
/// nearest year (issue 19, item 2): both in constant US dollars, with what separates them.
#[derive(Debug, Clone, PartialEq)]
pub struct DetentionPair<'a> {
    pub atd: &'a Figure,
    pub detention: &'a Figure,
    pub atd_usd_constant: f64,
    pub detention_usd_constant: f64,
    /// The detention figure's year minus the ATD cost's: negative when detention is older.
    pub year_gap: i32,
}

impl DetentionPair<'_> {
    /// Detention minus the alternative, per day, constant US dollars (negative when the
    /// alternative costs more).
    pub fn difference(&self) -> f64 {
        self.detention_usd_constant - self.atd_usd_constant
    }

    pub fn reading(&self) -> DifferenceReading {
        DifferenceReading::of(&self.detention.bound, &self.atd.bound)
    }
}

/// Why an ATD cost is not set against its country's detention cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairingDeclined {
    /// The ATD cost has no year, currency, rate or CPI: it has no constant-dollar value.
    NotConvertible,
    /// The source does not say per whom or what the ATD cost is.
    UnitUnstated,
    /// The country records no detention cost per day that can be put in constant dollars.
    NoDetentionCost,
    /// Every detention cost of the country counts another unit (the units found, in order).
    IncompatibleUnits { detention_units: Vec<String> },
}

/// Sets the ATD cost `atd` against the country facts `country_figures` (figures of any
/// measure and country; only its country's current detention costs per day count): among
/// those in a compatible unit and convertible to constant dollars, the nearest in year; on a
/// tie, primary before secondary, an exact figure before a bounded one, the earlier year
/// (the cost known at the time), then file order.
pub fn pair_with_detention<'a>(
    atd: &'a Figure,
    country_figures: &'a [Figure],
    money: &MoneyTables,
) -> Result<DetentionPair<'a>, PairingDeclined> {
    let atd_year = atd.year().ok_or(PairingDeclined::NotConvertible)?;
    let atd_usd_constant = atd
        .usd_constant(atd.value, money)
        .ok_or(PairingDeclined::NotConvertible)?;
    let atd_unit = atd
        .unit
        .as_deref()
        .filter(|u| *u != UNIT_UNSTATED)
        .ok_or(PairingDeclined::UnitUnstated)?;
    let detention: Vec<(&Figure, f64, i32)> = country_figures
        .iter()
        .filter(|f| {
            f.practice_id.is_none()
                && f.iso2 == atd.iso2
                && f.measure == measures::DETENTION_COST_PER_DAY
                && !f.is_superseded()
        })
        .filter_map(|f| Some((f, f.usd_constant(f.value, money)?, f.year()?)))
        .collect();
    if detention.is_empty() {
        return Err(PairingDeclined::NoDetentionCost);
    }
    let unit_of = |f: &Figure| f.unit.clone().unwrap_or_else(|| UNIT_UNSTATED.to_string());
    let nearest = detention
        .iter()
        .enumerate()
        .filter(|(_, (f, _, _))| units_compatible(atd_unit, &unit_of(f)))
        .min_by_key(|(position, (f, _, year))| {
            (
                (year - atd_year).abs(),
                f.grade.is_secondary(),
                f.bound != "exact",
                *year > atd_year,
                *position,
            )
        });
    let Some((_, &(figure, usd_constant, year))) = nearest else {
        let mut detention_units: Vec<String> = Vec::new();
        for (f, _, _) in &detention {
            let unit = unit_of(f);
            if !detention_units.contains(&unit) {
                detention_units.push(unit);
            }
        }
        return Err(PairingDeclined::IncompatibleUnits { detention_units });
    };
    Ok(DetentionPair {
        atd,
        detention: figure,
        atd_usd_constant,
        detention_usd_constant: usd_constant,
        year_gap: year - atd_year,
    })
}

/// One way two or more figures set side by side are not like for like (issue 19: compare
/// flags what a reader would otherwise miss).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlike {
    /// They measure different things (appearance at hearings against reporting compliance):
    /// the measures' keys, in first-seen order.
    Measure(Vec<String>),
    /// They count different units (per person, per family, per place …).
    Unit(Vec<String>),
    /// They cover different periods, the latest ends this many years after the earliest.
    Period { years_apart: i32 },
    /// Money of different years: each converted with its own year's rate and price index.
    PriceYear(Vec<i32>),
    /// Some are bounds ("more than", "up to", a range), not all exact in the same way.
    Bound(Vec<String>),
    /// The year of some is assumed from the source's publication date.
    YearAssumed,
}

/// What separates `figures` (one row of a comparison, one figure per practice that has one);
/// nothing when fewer than two are given or when they agree on all of it. Units and price
/// years are checked only where stated.
pub fn unlike(figures: &[&Figure], vocabularies: &Vocabularies) -> Vec<Unlike> {
    if figures.len() < 2 {
        return Vec::new();
    }
    fn distinct<T: PartialEq + Clone>(values: impl Iterator<Item = T>) -> Vec<T> {
        let mut out: Vec<T> = Vec::new();
        for v in values {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
    let mut found = Vec::new();
    let measures = distinct(figures.iter().map(|f| f.measure.clone()));
    if measures.len() > 1 {
        found.push(Unlike::Measure(measures));
    }
    let units = distinct(
        figures
            .iter()
            .map(|f| f.unit.clone().unwrap_or_else(|| UNIT_UNSTATED.to_string())),
    );
    if units.len() > 1 {
        found.push(Unlike::Unit(units));
    }
    let periods = distinct(
        figures
            .iter()
            .map(|f| (f.period_start.clone(), f.period_end.clone())),
    );
    let years: Vec<i32> = figures.iter().filter_map(|f| f.year()).collect();
    if periods.len() > 1 {
        let apart = match (years.iter().min(), years.iter().max()) {
            (Some(first), Some(last)) => last - first,
            _ => 0,
        };
        found.push(Unlike::Period { years_apart: apart });
    }
    let is_money = figures.iter().all(|f| {
        vocabularies
            .measure_kind(&f.measure)
            .is_some_and(MeasureKind::is_money)
    });
    let price_years = distinct(years.iter().copied());
    if is_money && price_years.len() > 1 {
        let mut sorted = price_years;
        sorted.sort_unstable();
        found.push(Unlike::PriceYear(sorted));
    }
    let bounds = distinct(figures.iter().map(|f| f.bound.clone()));
    if bounds.len() > 1 || bounds.iter().any(|b| b != "exact" && b != "approx") {
        found.push(Unlike::Bound(bounds));
    }
    if figures.iter().any(|f| f.year_assumed()) {
        found.push(Unlike::YearAssumed);
    }
    found
}

/// The headline figures of a practice as they stand in a comparison's rows: the ATD cost per
/// day, the detention cost per day and the compliance share [`Headline::choose`] picks.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeadlineFigures<'a> {
    pub atd_cost: Option<&'a Figure>,
    pub detention_cost: Option<&'a Figure>,
    pub compliance: Option<&'a Figure>,
}

impl<'a> HeadlineFigures<'a> {
    pub fn of(p: &'a Practice) -> HeadlineFigures<'a> {
        let chosen = Headline::choose(&p.figures).chosen;
        let pick = |wanted: &dyn Fn(&str) -> bool| {
            p.figures
                .iter()
                .find(|f| chosen.contains(&f.id) && wanted(&f.measure))
        };
        HeadlineFigures {
            atd_cost: pick(&|m| m == measures::ATD_COST_PER_DAY),
            detention_cost: pick(&|m| m == measures::DETENTION_COST_PER_DAY),
            compliance: pick(&|m| measures::COMPLIANCE.contains(&m)),
        }
    }
}

/// One law, policy or programme in one country: a validated row of `practices.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    pub id: PracticeId,
    /// Display name as written in the source.
    pub country: String,
    pub iso2: String,
    /// UN M49 region and sub-region keys, derived from `iso2`.
    pub region: String,
    pub subregion: String,
    pub programme: String,
    pub kind: String,
    pub organisation: String,
    pub organisation_type: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub status: String,
    pub populations: Vec<String>,
    pub atd_types: Vec<String>,
    pub cap_stages: Vec<String>,
    pub participants: Option<u64>,
    pub participants_note: String,
    pub cost: Cost,
    pub derived: DerivedCost,
    pub outcome_compliance_pct: Option<f64>,
    pub outcome_other: String,
    pub summary: String,
    pub source_title: String,
    pub source_url: String,
    /// When the row's facts were last checked against its sources, `YYYY-MM-DD`.
    pub last_verified: String,
    /// The date of the latest source stating `status` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`);
    /// `None` when no source dates it (always for `unknown`).
    pub status_as_of: Option<String>,
    /// Where each figure can be checked (from `sources.csv`).
    pub sources: Vec<Source>,
    /// Its figures (from `figures.csv`), in file order; `cost` and `outcome_compliance_pct`
    /// are headline values chosen from them.
    pub figures: Vec<Figure>,
    pub releases: ReleaseMarks,
    /// Spanish and French versions of its free text (from `translations.csv`).
    pub translations: Vec<Translation>,
    /// Other records of the same programme (from `links.csv`), seen from this record.
    pub links: Vec<Link>,
}

/// How long an `active` status stays current: older than this, it reads "last reported
/// active in YYYY" (issue 19: programmes close quietly; a reader must see how old the news is).
pub const STATUS_CURRENT_YEARS: i32 = 3;

/// How two records of one programme relate, as `links.csv` writes it (`a relation b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// `a` follows `b` (a later phase or a replacement).
    SuccessorOf,
    /// `a` is one period or phase of the programme `b`.
    PhaseOf,
    /// `a` is a component of `b` (a technology, service or pilot within it).
    PartOf,
}

impl Relation {
    pub const ALL: [Relation; 3] = [Relation::SuccessorOf, Relation::PhaseOf, Relation::PartOf];

    pub fn key(self) -> &'static str {
        match self {
            Relation::SuccessorOf => "successor_of",
            Relation::PhaseOf => "phase_of",
            Relation::PartOf => "part_of",
        }
    }

    pub fn from_key(key: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// One link as seen from a record: `outgoing` when the record is the subject of the row
/// (`this successor_of other`), not when it is the object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub relation: Relation,
    pub outgoing: bool,
    pub other: PracticeId,
}

impl Link {
    /// The link read from this record's side, as the API names it: `successor_of`,
    /// `predecessor_of`, `phase_of`, `has_phase`, `part_of`, `has_part`.
    pub fn role(&self) -> &'static str {
        match (self.relation, self.outgoing) {
            (Relation::SuccessorOf, true) => "successor_of",
            (Relation::SuccessorOf, false) => "predecessor_of",
            (Relation::PhaseOf, true) => "phase_of",
            (Relation::PhaseOf, false) => "has_phase",
            (Relation::PartOf, true) => "part_of",
            (Relation::PartOf, false) => "has_part",
        }
    }
}

/// The last day a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) can mean, as
/// `(year, month, day)`: a year-only date may be its 31 December.
fn latest_day(date: &str) -> Option<(i32, u32, u32)> {
    let mut parts = date.split('-').map(str::parse::<u32>);
    let year = i32::try_from(parts.next()?.ok()?).ok()?;
    let month = parts.next().transpose().ok()?;
    let day = parts.next().transpose().ok()?;
    Some((year, month.unwrap_or(12), day.unwrap_or(31)))
}

impl Practice {
    /// The translation of `field` into `lang`, if there is one.
    pub fn translation(&self, field: TextField, lang: Lang) -> Option<&Translation> {
        self.translations
            .iter()
            .find(|t| t.field == field && t.lang == lang)
    }

    /// `field` as shown on a page in `lang`: its translation, or the English original.
    pub fn text_in(&self, field: TextField, lang: Lang) -> Shown<'_> {
        let original = field.of(self);
        match self.translation(field, lang) {
            Some(t) if !original.is_empty() => Shown {
                text: &t.text,
                lang,
                translated: Some(Translated {
                    original,
                    method: t.method,
                    stale: t.stale,
                }),
            },
            _ => Shown {
                text: original,
                lang: Lang::En,
                translated: None,
            },
        }
    }

    /// The sources that support a column, in file order.
    pub fn sources_of<'a>(&'a self, column: &'a str) -> impl Iterator<Item = &'a Source> + 'a {
        self.sources.iter().filter(move |s| s.supports(column))
    }

    /// The year to show as "last reported active in YYYY": `Some` only for an `active`
    /// status whose latest source is certainly older than [`STATUS_CURRENT_YEARS`] on `today`
    /// (`YYYY-MM-DD`); a year-only date counts as its last day, so it is never called old
    /// too early.
    pub fn last_reported_active(&self, today: &str) -> Option<i32> {
        if self.status != "active" {
            return None;
        }
        let (year, month, day) = latest_day(self.status_as_of.as_deref()?)?;
        let (now_year, now_month, now_day) = latest_day(today)?;
        let limit = (now_year - STATUS_CURRENT_YEARS, now_month, now_day);
        ((year, month, day) < limit).then_some(year)
    }

    /// The tags of one multi-valued vocabulary.
    pub fn tags(&self, vocab: Vocab) -> &[String] {
        match vocab {
            Vocab::Population => &self.populations,
            Vocab::AtdType => &self.atd_types,
            Vocab::CapStage => &self.cap_stages,
            _ => &[],
        }
    }
}

/// Whether a URL may be shown as a link: only absolute http(s).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|host| !host.is_empty() && !host.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money() -> MoneyTables {
        let mut m = MoneyTables::default();
        m.fx.insert(("CAD".into(), 2010), 1.25);
        m.fx.insert(("USD".into(), 2010), 1.0);
        m.cpi.insert(2010, 200.0);
        m.cpi.insert(REFERENCE_YEAR, 300.0);
        m
    }

    #[test]
    fn practice_ids_are_slugs() {
        assert!(PracticeId::parse("us-ice-isap").is_some());
        assert!(PracticeId::parse("ab").is_none());
        assert!(PracticeId::parse("Upper-case").is_none());
        assert!(PracticeId::parse("../etc/passwd").is_none());
        assert!(PracticeId::parse(&"a".repeat(81)).is_none());
    }

    #[test]
    fn derived_cost_converts_then_deflates() {
        let cost = Cost {
            per_day: Some(12.5),
            currency: Some("CAD".into()),
            unit: Some("per_person".into()),
            year: Some(2010),
            detention_per_day: Some(125.0),
            ..Cost::default()
        };
        let d = DerivedCost::derive(&cost, &money());
        assert_eq!(d.per_day_usd, Some(10.0));
        assert_eq!(d.detention_per_day_usd, Some(100.0));
        assert_eq!(d.per_day_usd_constant, Some(15.0));
        assert_eq!(d.saving_per_day_usd_constant, Some(135.0));
    }

    #[test]
    fn derived_cost_is_empty_without_year_or_rate() {
        let mut cost = Cost {
            per_day: Some(38.0),
            currency: Some("AUD".into()),
            year: Some(2010),
            ..Cost::default()
        };
        assert_eq!(DerivedCost::derive(&cost, &money()), DerivedCost::default());
        cost.currency = Some("CAD".into());
        cost.year = None;
        assert_eq!(DerivedCost::derive(&cost, &money()), DerivedCost::default());
    }

    /// A SYNTHETIC daily cost figure for the pairing tests.
    fn daily(id: &str, measure: &str, value: f64, unit: &str, year: i32) -> Figure {
        Figure {
            id: id.into(),
            iso2: "CA".into(),
            measure: measure.into(),
            value,
            bound: "exact".into(),
            currency: Some("CAD".into()),
            unit: Some(unit.into()),
            period_start: year.to_string(),
            period_end: year.to_string(),
            ..Figure::default()
        }
    }

    fn pairing_money() -> MoneyTables {
        let mut m = money();
        for year in [2008, 2009, 2011, 2012] {
            m.fx.insert(("CAD".into(), year), 1.25);
            m.cpi.insert(year, 200.0);
        }
        m
    }

    #[test]
    fn an_atd_cost_meets_the_detention_cost_of_the_nearest_year() {
        let atd = daily("a", measures::ATD_COST_PER_DAY, 12.5, "per_person", 2010);
        let country = vec![
            daily(
                "d2008",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                2008,
            ),
            daily(
                "d2011",
                measures::DETENTION_COST_PER_DAY,
                125.0,
                "per_person",
                2011,
            ),
            daily(
                "d2012",
                measures::DETENTION_COST_PER_DAY,
                150.0,
                "per_person",
                2012,
            ),
        ];
        let pair = pair_with_detention(&atd, &country, &pairing_money()).unwrap();
        assert_eq!(pair.detention.id, "d2011");
        assert_eq!(pair.year_gap, 1);
        // CAD 12.50 at 1.25 = USD 10 of 2010, × 300/200 = 15 constant dollars; 125 → 150.
        assert_eq!(pair.atd_usd_constant, 15.0);
        assert_eq!(pair.detention_usd_constant, 150.0);
        assert_eq!(pair.difference(), 135.0);
        assert_eq!(pair.reading(), DifferenceReading::Exact);
    }

    #[test]
    fn equal_gaps_prefer_the_earlier_year_and_a_participant_is_a_person() {
        let atd = daily(
            "a",
            measures::ATD_COST_PER_DAY,
            10.0,
            "per_participant",
            2010,
        );
        let country = vec![
            daily(
                "later",
                measures::DETENTION_COST_PER_DAY,
                150.0,
                "per_person",
                2012,
            ),
            daily(
                "earlier",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                2008,
            ),
        ];
        let pair = pair_with_detention(&atd, &country, &pairing_money()).unwrap();
        assert_eq!(pair.detention.id, "earlier");
        assert_eq!(pair.year_gap, -2);
    }

    #[test]
    fn a_nearer_figure_in_another_unit_gives_way_to_a_comparable_one() {
        let atd = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
        let country = vec![
            daily(
                "place",
                measures::DETENTION_COST_PER_DAY,
                90.0,
                "per_place",
                2010,
            ),
            daily(
                "person",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                2012,
            ),
        ];
        let pair = pair_with_detention(&atd, &country, &pairing_money()).unwrap();
        assert_eq!(pair.detention.id, "person");
    }

    #[test]
    fn incompatible_units_are_declined_with_the_units_found() {
        let atd = daily("a", measures::ATD_COST_PER_DAY, 38.0, "per_family", 2010);
        let country = vec![
            daily(
                "p1",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                2010,
            ),
            daily(
                "p2",
                measures::DETENTION_COST_PER_DAY,
                90.0,
                "per_place",
                2011,
            ),
            daily(
                "p3",
                measures::DETENTION_COST_PER_DAY,
                95.0,
                "per_person",
                2012,
            ),
        ];
        assert_eq!(
            pair_with_detention(&atd, &country, &pairing_money()),
            Err(PairingDeclined::IncompatibleUnits {
                detention_units: vec!["per_person".into(), "per_place".into()]
            })
        );
    }

    #[test]
    fn pairing_declines_what_cannot_be_compared() {
        let money = pairing_money();
        let detention = vec![daily(
            "d",
            measures::DETENTION_COST_PER_DAY,
            100.0,
            "per_person",
            2010,
        )];
        let mut undated = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
        undated.period_end.clear();
        assert_eq!(
            pair_with_detention(&undated, &detention, &money),
            Err(PairingDeclined::NotConvertible)
        );
        let unstated = daily("a", measures::ATD_COST_PER_DAY, 10.0, UNIT_UNSTATED, 2010);
        assert_eq!(
            pair_with_detention(&unstated, &detention, &money),
            Err(PairingDeclined::UnitUnstated)
        );
        let atd = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
        // Another country's cost, a practice's own figure, a superseded one, a cost per
        // year, and a year without a rate are not the country's detention cost per day.
        let mut others = vec![
            daily(
                "d",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                2010,
            ),
            daily(
                "e",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                2010,
            ),
            daily(
                "f",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                2010,
            ),
            daily("g", "detention_cost_per_year", 36500.0, "per_person", 2010),
            daily(
                "h",
                measures::DETENTION_COST_PER_DAY,
                100.0,
                "per_person",
                1990,
            ),
        ];
        others[0].iso2 = "US".into();
        others[1].practice_id = PracticeId::parse("ca-some-programme");
        others[2].grade.superseded_by = Some("later".into());
        assert_eq!(
            pair_with_detention(&atd, &others, &money),
            Err(PairingDeclined::NoDetentionCost)
        );
    }

    #[test]
    fn a_difference_reads_by_the_bounds_of_its_two_sides() {
        use DifferenceReading::*;
        assert_eq!(DifferenceReading::of("exact", "exact"), Exact);
        assert_eq!(DifferenceReading::of("approx", "exact"), About);
        // Detention "more than USD 300": the saving is at least what it shows.
        assert_eq!(DifferenceReading::of("lower", "exact"), AtLeast);
        assert_eq!(DifferenceReading::of("exact", "upper"), AtLeast);
        assert_eq!(DifferenceReading::of("upper", "exact"), AtMost);
        assert_eq!(DifferenceReading::of("exact", "lower"), AtMost);
        assert_eq!(DifferenceReading::of("lower", "lower"), Uncertain);
        // A range's amount is its low end: the saving from it is the largest one.
        assert_eq!(DifferenceReading::of("exact", "range"), AtMost);
        assert_eq!(DifferenceReading::of("range", "exact"), AtLeast);
        assert_eq!(DifferenceReading::of("range", "range"), Uncertain);
    }

    fn vocabularies_with_kinds() -> Vocabularies {
        let mut v = Vocabularies::default();
        for (key, kind) in [
            (measures::ATD_COST_PER_DAY, "money_per_day"),
            ("appearance_pct", "percent"),
            ("reporting_compliance_pct", "percent"),
        ] {
            v.insert(
                Vocab::Measure,
                Term {
                    key: key.into(),
                    label: Labels::default(),
                    definition: Labels::default(),
                    kind: kind.into(),
                },
            );
        }
        v
    }

    #[test]
    fn like_figures_raise_no_flag_and_unlike_ones_say_how_they_differ() {
        let v = vocabularies_with_kinds();
        let a = daily("a", measures::ATD_COST_PER_DAY, 10.0, "per_person", 2010);
        let b = daily("b", measures::ATD_COST_PER_DAY, 12.0, "per_person", 2010);
        assert_eq!(unlike(&[&a, &b], &v), vec![]);
        assert_eq!(
            unlike(&[&a], &v),
            vec![],
            "one figure is compared with nothing"
        );
        let mut c = daily("c", measures::ATD_COST_PER_DAY, 38.0, "per_family", 2017);
        c.bound = "lower".into();
        c.period_basis = Some("publication".into());
        assert_eq!(
            unlike(&[&a, &c], &v),
            vec![
                Unlike::Unit(vec!["per_person".into(), "per_family".into()]),
                Unlike::Period { years_apart: 7 },
                Unlike::PriceYear(vec![2010, 2017]),
                Unlike::Bound(vec!["exact".into(), "lower".into()]),
                Unlike::YearAssumed,
            ]
        );
        // Shares of different measures, same period: the measure differs, no price year.
        let mut appearance = daily("d", "appearance_pct", 99.0, "per_person", 2016);
        let mut reporting = daily("e", "reporting_compliance_pct", 95.0, "per_person", 2016);
        for f in [&mut appearance, &mut reporting] {
            f.unit = None;
            f.currency = None;
        }
        assert_eq!(
            unlike(&[&appearance, &reporting], &v),
            vec![Unlike::Measure(vec![
                "appearance_pct".into(),
                "reporting_compliance_pct".into()
            ])]
        );
    }

    #[test]
    fn only_http_urls_are_links() {
        assert!(is_web_url("https://example.org/x"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("data:text/html,x"));
        assert!(!is_web_url("/relative"));
        assert!(!is_web_url("https:///x"));
    }
}
