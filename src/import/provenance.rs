//! The provenance rule: every non-empty figure, date or status of a practice is supported by
//! one of its sources, and every source belongs to a practice of the file.

use super::header::Col;
use super::sources::{SOURCE_COLUMNS, Sources};
use super::{At, Report};
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

/// Reports each filled figure of `practice` that none of its sources supports.
pub fn check(report: &mut Report, practice: &Practice, sources: &Sources, at: At) {
    for col in filled(practice) {
        if practice.sources_of(col.name()).next().is_some() {
            continue;
        }
        let message = unsupported(practice, col, sources);
        report.push(Some(at.line), Some(at.record), Some(col.name()), message);
    }
}

fn unsupported(practice: &Practice, col: Col, sources: &Sources) -> String {
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

/// Reports source rows whose practice id is not in the practices file (`known` says which
/// ids the file has, valid or not).
pub fn unknown_practices(report: &mut Report, sources: &Sources, known: impl Fn(&str) -> bool) {
    for (line, id) in sources.unclaimed() {
        if known(&id) {
            continue;
        }
        let message = format!(
            "`{id}` is not a practice id of {}; fix the id or delete the row",
            report.file
        );
        report.push_in(&sources.file, Some(line), Some("practice_id"), message);
    }
}
