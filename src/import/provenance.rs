//! The provenance rule: every non-empty figure, date or status of a practice is supported by
//! one of its sources, and every source belongs to a practice of the file.

use super::header::Col;
use super::sources::{SOURCE_COLUMNS, Sources};
use crate::model::Practice;

/// The figure columns a practice fills, in column order.
pub fn filled(practice: &Practice) -> Vec<Col> {
    let cost = &practice.cost;
    Col::FIGURES
        .into_iter()
        .filter(|col| match col {
            Col::StartYear => practice.start_year.is_some(),
            Col::EndYear => practice.end_year.is_some(),
            Col::Status => practice.status != "unknown",
            Col::StatusAsOf => practice.status_as_of.is_some(),
            Col::Participants => practice.participants.is_some(),
            Col::CostPerDay => cost.per_day.is_some(),
            Col::CostCurrency => cost.currency.is_some(),
            Col::CostUnit => cost.unit.is_some(),
            Col::CostYear => cost.year.is_some(),
            Col::DetentionCostPerDay => cost.detention_per_day.is_some(),
            Col::OutcomeCompliancePct => practice.outcome_compliance_pct.is_some(),
            _ => false,
        })
        .collect()
}

/// Each filled figure of `practice` that none of its sources supports, with what to do.
pub fn unsupported(practice: &Practice, sources: &Sources) -> Vec<(Col, String)> {
    filled(practice)
        .into_iter()
        .filter(|col| practice.sources_of(col.name()).next().is_none())
        .map(|col| (col, advice(practice, col, sources)))
        .collect()
}

fn advice(practice: &Practice, col: Col, sources: &Sources) -> String {
    let (id, name, file) = (practice.id.as_str(), col.name(), &sources.file);
    if !sources.present {
        return format!(
            "has a value but no source supports it: there is no sources file {file}; create it \
             with the header {} and a row for `{id}` listing `{name}` in supports, or empty the cell",
            SOURCE_COLUMNS.join(",")
        );
    }
    if practice.sources.is_empty() {
        return format!(
            "has a value but `{id}` has no source in {file}; add a row for it listing `{name}` \
             in supports, or empty the cell"
        );
    }
    format!(
        "has a value but none of the {} sources of `{id}` in {file} supports it; add `{name}` \
         to the supports of the source that states it, or empty the cell",
        practice.sources.len()
    )
}

/// Source rows whose practice id is not in the practices file (`known` says which ids the
/// file has, valid or not), as (line, message).
pub fn unknown_practices(
    sources: &Sources,
    practices_file: &str,
    known: impl Fn(&str) -> bool,
) -> Vec<(u64, String)> {
    sources
        .unclaimed()
        .into_iter()
        .filter(|(_, id)| !known(id))
        .map(|(line, id)| {
            let message = format!(
                "`{id}` is not a practice id of {practices_file}; fix the id or delete the row"
            );
            (line, message)
        })
        .collect()
}
