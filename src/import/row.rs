//! One row of normalised cells → one validated [`Practice`], or every problem with its cells.

use super::cell;
use super::header::Col;
use crate::model::{Cost, DerivedCost, Practice, Reference, Vocab};

/// The normalised text of each column of one row, indexed by [`Col`].
#[derive(Debug, Clone, Default)]
pub struct Cells {
    values: [String; 25],
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
pub const REQUIRED: [Col; 10] = [
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
];

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
    for col in REQUIRED {
        check.required(col);
    }
    let vocabularies = &reference.vocabularies;
    let key = |vocab| move |v: &str| cell::vocab_key(v, vocab, vocabularies);
    let year = |v: &str| cell::year(v, this_year);

    let id = check.value(Col::Id, cell::practice_id);
    let country = check.value(Col::Iso2, |v| cell::country(v, &reference.countries));
    let kind = check.value(Col::Kind, key(Vocab::Kind)).flatten();
    let organisation_type = check
        .value(Col::OrganisationType, key(Vocab::OrganisationType))
        .flatten();
    let start_year = check.value(Col::StartYear, year).flatten();
    let end_year = check.value(Col::EndYear, year).flatten();
    let status = check.value(Col::Status, key(Vocab::Status)).flatten();
    let populations = check.list(Col::Populations, Vocab::Population, reference);
    let atd_types = check.list(Col::AtdTypes, Vocab::AtdType, reference);
    let cap_stages = check.list(Col::CapStages, Vocab::CapStage, reference);
    let participants = check.value(Col::Participants, cell::count).flatten();
    let per_day = check.value(Col::CostPerDay, cell::amount).flatten();
    let currency = check
        .value(Col::CostCurrency, |v| cell::currency(v, &reference.money))
        .flatten();
    let unit = check.value(Col::CostUnit, key(Vocab::CostUnit)).flatten();
    let cost_year = check.value(Col::CostYear, year).flatten();
    let detention_per_day = check
        .value(Col::DetentionCostPerDay, cell::amount)
        .flatten();
    let compliance = check
        .value(Col::OutcomeCompliancePct, cell::percent)
        .flatten();
    let source_url = check.value(Col::SourceUrl, cell::web_url);

    if let (Some(start), Some(end)) = (start_year, end_year)
        && end < start
    {
        check.problem(
            Col::EndYear,
            format!("end_year {end} is before start_year {start}; swap them or fix one"),
        );
    }
    let has_amount = per_day.is_some() || detention_per_day.is_some();
    if has_amount && cells.get(Col::CostCurrency).is_empty() {
        check.problem(
            Col::CostCurrency,
            "is empty but the row has a cost; add the ISO 4217 code of the amounts, like USD"
                .into(),
        );
    }

    let Check { problems, .. } = check;
    // Every value below was checked above; a missing one means its problem is already listed.
    let (Some(id), Some(country), Some(source_url)) = (id, country, source_url) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let cost = Cost {
        per_day,
        currency,
        unit,
        year: cost_year,
        detention_per_day,
    };
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
    })
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
