//! Figures (`figures.csv`): one published number with its source and grade, and the rule
//! that chooses a practice's headline figures from them.

use super::money::{Cost, MoneyTables};
use super::practice_id::PracticeId;

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

impl Figure {
    /// An amount of this figure (its value, or the high end of a range) in constant US
    /// dollars of [`REFERENCE_YEAR`](super::money::REFERENCE_YEAR): converted at the annual rate of the figure's year, then
    /// by US CPI-U, as a practice's headline costs are. `None` when any input is missing.
    pub fn usd_constant(&self, amount: f64, money: &MoneyTables) -> Option<f64> {
        let year = self.year()?;
        let usd = money.to_usd(amount, self.currency.as_deref()?, year)?;
        money.to_constant_usd(usd, year)
    }
}
