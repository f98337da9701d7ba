//! Figures set side by side: an ATD cost against its country's detention cost, how a
//! difference reads, what makes figures unlike, a practice's headline figures in a comparison.

use super::figures::{Figure, Headline, UNIT_UNSTATED, measures};
use super::money::MoneyTables;
use super::practice::Practice;
use super::vocabularies::{MeasureKind, Vocabularies};

/// Daily cost units that count the same thing: a participant is one person enrolled, so a
/// cost per participant stands beside a cost per person. Any other pair differs in kind (a
/// place is paid for empty or full, a family holds several people) and is never compared.
fn units_compatible(a: &str, b: &str) -> bool {
    let person = |u: &str| u == "per_person" || u == "per_participant";
    a != UNIT_UNSTATED && b != UNIT_UNSTATED && (a == b || (person(a) && person(b)))
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
