//! Money: a practice's cost as published, the exchange-rate and CPI tables, and the US-dollar
//! and constant-dollar figures derived from them.

use std::collections::BTreeMap;

/// The constant-dollar reference year for comparable costs (US CPI-U base).
pub const REFERENCE_YEAR: i32 = 2024;

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
