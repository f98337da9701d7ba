//! One row of normalised cells → one validated [`Practice`], or every problem with its cells.

use super::cell;
use super::header::{COLUMNS, Col};
use crate::model::{
    Cost, DerivedCost, MoneyTables, Practice, Reference, ReleaseMarks, Vocab, Vocabularies,
};

/// The normalised text of each column of one row, indexed by [`Col`].
#[derive(Debug, Clone)]
pub struct Cells {
    values: [String; COLUMNS],
}

// By hand: the standard library derives `Default` for arrays of at most 32 elements.
impl Default for Cells {
    fn default() -> Self {
        Cells {
            values: std::array::from_fn(|_| String::new()),
        }
    }
}

impl Cells {
    pub fn set(&mut self, col: Col, value: String) {
        self.values[col as usize] = value;
    }

    pub fn get(&self, col: Col) -> &str {
        &self.values[col as usize]
    }
}

/// Columns that must not be empty in any row.
pub const REQUIRED: [Col; 11] = [
    Col::Id,
    Col::Country,
    Col::Iso2,
    Col::Programme,
    Col::Kind,
    Col::OrganisationType,
    Col::Status,
    Col::Summary,
    Col::SourceTitle,
    Col::SourceUrl,
    Col::LastVerified,
];

/// Free text shown on one line (titles, listings, the moderators' list).
const ONE_LINE: [Col; 4] = [
    Col::Country,
    Col::Programme,
    Col::Organisation,
    Col::SourceTitle,
];

/// The highest cost per day, in US dollars of its year, a practice may report (ATD or
/// detention, either end of a range): far above any programme, so only typos and attacks
/// meet it.
pub const MAX_USD_PER_DAY: f64 = 1_000_000.0;

/// Checks one row against the reference data; the problems are per column, in column order.
pub fn practice(
    cells: &Cells,
    reference: &Reference,
    this_year: i32,
) -> Result<Practice, Vec<(Col, String)>> {
    let mut check = Check {
        cells,
        problems: Vec::new(),
    };
    check.every_row();
    let vocabularies = &reference.vocabularies;
    let id = check.value(Col::Id, cell::practice_id);
    let country = check.value(Col::Iso2, |v| cell::country(v, &reference.countries));
    let kind = check.key(Col::Kind, Vocab::Kind, vocabularies);
    let organisation_type = check.key(Col::OrganisationType, Vocab::OrganisationType, vocabularies);
    let (start_year, end_year) = check.years(this_year);
    let status = check.key(Col::Status, Vocab::Status, vocabularies);
    let status_as_of = check.value(Col::StatusAsOf, |v| cell::partial_date(v, this_year));
    check.status_date(status.as_deref());
    let populations = check.list(Col::Populations, Vocab::Population, reference);
    let atd_types = check.list(Col::AtdTypes, Vocab::AtdType, reference);
    let cap_stages = check.list(Col::CapStages, Vocab::CapStage, reference);
    let participants = check.value(Col::Participants, cell::count).flatten();
    let cost = check.cost(reference, this_year);
    let compliance = check
        .value(Col::OutcomeCompliancePct, cell::percent)
        .flatten();
    let source_url = check.value(Col::SourceUrl, cell::web_url);
    let last_verified = check.value(Col::LastVerified, |v| cell::date(v, this_year));
    let text_lang = check.value(Col::TextLang, cell::text_lang);

    let Check { problems, .. } = check;
    // Every value below was checked above; a missing one means its problem is already listed.
    let (Some(id), Some(country), Some(source_url), Some(last_verified), Some(text_lang)) =
        (id, country, source_url, last_verified, text_lang)
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let text = |col| cells.get(col).to_string();
    Ok(Practice {
        id,
        country: text(Col::Country),
        iso2: country.iso2.clone(),
        region: country.region.clone(),
        subregion: country.subregion.clone(),
        programme: text(Col::Programme),
        kind: kind.unwrap_or_default(),
        organisation: text(Col::Organisation),
        organisation_type: organisation_type.unwrap_or_default(),
        start_year,
        end_year,
        status: status.unwrap_or_default(),
        populations,
        atd_types,
        cap_stages,
        participants,
        participants_note: text(Col::ParticipantsNote),
        derived: DerivedCost::derive(&cost, &reference.money),
        cost,
        outcome_compliance_pct: compliance,
        outcome_other: text(Col::OutcomeOther),
        summary: text(Col::Summary),
        source_title: text(Col::SourceTitle),
        source_url,
        last_verified,
        status_as_of: status_as_of.flatten().map(|_| text(Col::StatusAsOf)),
        text_lang,
        sources: Vec::new(),
        figures: Vec::new(),
        releases: ReleaseMarks::default(),
        translations: Vec::new(),
        links: Vec::new(),
    })
}

/// The columns of one amount: the amount, its bound and its high end.
struct Figure {
    amount: Col,
    bound: Col,
    high: Col,
}

impl Figure {
    const ATD: Figure = Figure {
        amount: Col::CostPerDay,
        bound: Col::CostBound,
        high: Col::CostPerDayHigh,
    };
    const DETENTION: Figure = Figure {
        amount: Col::DetentionCostPerDay,
        bound: Col::DetentionCostBound,
        high: Col::DetentionCostPerDayHigh,
    };
}

/// Collects problems while the row's columns are checked one by one.
struct Check<'a> {
    cells: &'a Cells,
    problems: Vec<(Col, String)>,
}

impl Check<'_> {
    fn problem(&mut self, col: Col, message: String) {
        self.problems.push((col, message));
    }

    /// What every row needs: the required columns filled, one-line text on one line.
    fn every_row(&mut self) {
        for col in REQUIRED {
            self.required(col);
        }
        for col in ONE_LINE {
            if let Some(message) = cell::multi_line(self.cells.get(col)) {
                self.problem(col, message);
            }
        }
    }

    /// A key of `vocab`, or `None` when the cell is empty or not one.
    fn key(&mut self, col: Col, vocab: Vocab, vocabularies: &Vocabularies) -> Option<String> {
        self.value(col, |v| cell::vocab_key(v, vocab, vocabularies))
            .flatten()
    }

    /// The start and end years, the end not before the start.
    fn years(&mut self, this_year: i32) -> (Option<i32>, Option<i32>) {
        let year = |v: &str| cell::year(v, this_year);
        let start_year = self.value(Col::StartYear, year).flatten();
        let end_year = self.value(Col::EndYear, year).flatten();
        if let (Some(start), Some(end)) = (start_year, end_year)
            && end < start
        {
            self.problem(
                Col::EndYear,
                format!("end_year {end} is before start_year {start}; swap them or fix one"),
            );
        }
        (start_year, end_year)
    }

    /// The cost columns: amounts with their bounds and high ends, currency, unit, year and
    /// where the year comes from, each amount under [`MAX_USD_PER_DAY`].
    fn cost(&mut self, reference: &Reference, this_year: i32) -> Cost {
        let vocabularies = &reference.vocabularies;
        let per_day = self.value(Col::CostPerDay, cell::amount).flatten();
        let currency = self
            .value(Col::CostCurrency, |v| cell::currency(v, &reference.money))
            .flatten();
        let unit = self.key(Col::CostUnit, Vocab::CostUnit, vocabularies);
        let year = self
            .value(Col::CostYear, |v| cell::year(v, this_year))
            .flatten();
        let detention_per_day = self.value(Col::DetentionCostPerDay, cell::amount).flatten();
        let bound = self.key(Col::CostBound, Vocab::Bound, vocabularies);
        let detention_bound = self.key(Col::DetentionCostBound, Vocab::Bound, vocabularies);
        let per_day_high = self.value(Col::CostPerDayHigh, cell::amount).flatten();
        let detention_high = self
            .value(Col::DetentionCostPerDayHigh, cell::amount)
            .flatten();
        let year_basis = self.key(Col::CostYearBasis, Vocab::YearBasis, vocabularies);
        self.bound(Figure::ATD, per_day, bound.as_deref(), per_day_high);
        self.bound(
            Figure::DETENTION,
            detention_per_day,
            detention_bound.as_deref(),
            detention_high,
        );
        self.year_basis(year, year_basis.is_some());
        let cost = Cost {
            per_day,
            per_day_high,
            bound,
            currency,
            unit,
            year,
            year_basis,
            detention_per_day,
            detention_per_day_high: detention_high,
            detention_bound,
        };
        self.plausible(&cost, &reference.money);
        cost
    }

    /// No amount over [`MAX_USD_PER_DAY`]; a currency whenever there is an amount.
    fn plausible(&mut self, cost: &Cost, money: &MoneyTables) {
        if let (Some(currency), Some(year)) = (cost.currency.as_deref(), cost.year) {
            for (col, amount) in [
                (Col::CostPerDay, cost.per_day),
                (Col::CostPerDayHigh, cost.per_day_high),
                (Col::DetentionCostPerDay, cost.detention_per_day),
                (Col::DetentionCostPerDayHigh, cost.detention_per_day_high),
            ] {
                let usd = amount.and_then(|a| money.to_usd(a, currency, year));
                if usd.is_some_and(|usd| usd > MAX_USD_PER_DAY) {
                    self.problem(
                        col,
                        format!(
                            "is over {MAX_USD_PER_DAY} US dollars a day in {year}; check the \
                             figure and its currency"
                        ),
                    );
                }
            }
        }
        let has_amount = cost.per_day.is_some() || cost.detention_per_day.is_some();
        if has_amount && self.cells.get(Col::CostCurrency).is_empty() {
            self.problem(
                Col::CostCurrency,
                "is empty but the row has a cost; add the ISO 4217 code of the amounts, like USD"
                    .into(),
            );
        }
    }

    fn reported(&self, col: Col) -> bool {
        self.problems.iter().any(|(c, _)| *c == col)
    }

    fn required(&mut self, col: Col) {
        if self.cells.get(col).is_empty() {
            let message = format!("is empty; every practice needs a {}", col.name());
            self.problem(col, message);
        }
    }

    /// Runs a validator on a cell not already reported (e.g. as empty); `None` on failure.
    fn value<T>(
        &mut self,
        col: Col,
        validate: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        if self.reported(col) {
            return None;
        }
        match validate(self.cells.get(col)) {
            Ok(value) => Some(value),
            Err(message) => {
                self.problem(col, message);
                None
            }
        }
    }

    /// An amount has a bound exactly when it is present; a `range` has a high end above
    /// the amount, and nothing else has one.
    fn bound(
        &mut self,
        figure: Figure,
        amount: Option<f64>,
        bound: Option<&str>,
        high: Option<f64>,
    ) {
        let (amount_name, bound_name) = (figure.amount.name(), figure.bound.name());
        let bound_given = !self.cells.get(figure.bound).is_empty();
        let amount_given = !self.cells.get(figure.amount).is_empty();
        if amount_given && !bound_given {
            let message = format!(
                "is empty but {amount_name} has a value; write exact, upper (\"as much as\"), \
                 lower (\"more than\", \"a minimum of\") or range"
            );
            self.problem(figure.bound, message);
        }
        if !amount_given && bound_given {
            let message = format!("has a value but {amount_name} is empty; empty it too");
            self.problem(figure.bound, message);
        }
        let high_given = !self.cells.get(figure.high).is_empty();
        match (bound, amount, high) {
            (Some("range"), Some(low), Some(top)) if top <= low => self.problem(
                figure.high,
                format!("{top} is not above {amount_name} {low}; the high end of a range goes here"),
            ),
            (Some("range"), _, None) if !self.reported(figure.high) => self.problem(
                figure.high,
                format!("is empty but {bound_name} is range; write the high end of the range here"),
            ),
            (bound, _, _) if bound != Some("range") && high_given => self.problem(
                figure.high,
                format!("has a value but {bound_name} is not range; empty it or set {bound_name} to range"),
            ),
            _ => {}
        }
    }

    /// A date says when a source last stated the status; `unknown` has no such source.
    fn status_date(&mut self, status: Option<&str>) {
        if status == Some("unknown") && !self.cells.get(Col::StatusAsOf).is_empty() {
            self.problem(
                Col::StatusAsOf,
                "has a date but status is unknown; a date says when a source last stated the \
                 status, so empty it or write the status that source states"
                    .into(),
            );
        }
    }

    /// A cost year says where it comes from, and only a cost year does.
    fn year_basis(&mut self, year: Option<i32>, basis: bool) {
        let basis_given = !self.cells.get(Col::CostYearBasis).is_empty();
        if year.is_some() && !basis_given {
            self.problem(
                Col::CostYearBasis,
                "is empty but cost_year has a value; write stated (the source names the year of \
                 the cost) or publication (the source's publication year, assumed)"
                    .into(),
            );
        }
        if !self.cells.get(Col::CostYear).is_empty() || !basis_given || basis && year.is_some() {
            return;
        }
        self.problem(
            Col::CostYearBasis,
            "has a value but cost_year is empty; empty it too".into(),
        );
    }

    fn list(&mut self, col: Col, vocab: Vocab, reference: &Reference) -> Vec<String> {
        match cell::vocab_list(self.cells.get(col), vocab, &reference.vocabularies) {
            Ok(keys) => keys,
            Err(messages) => {
                self.problems.extend(messages.into_iter().map(|m| (col, m)));
                Vec::new()
            }
        }
    }
}
