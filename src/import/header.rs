//! The columns of `practices.csv` and the header row: which column is where, or exactly what is wrong.

use super::suggest::{closest, shown};

/// A column of `practices.csv`, in canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Col {
    Id,
    Country,
    Iso2,
    Programme,
    Kind,
    Organisation,
    OrganisationType,
    StartYear,
    EndYear,
    Status,
    Populations,
    AtdTypes,
    CapStages,
    Participants,
    ParticipantsNote,
    CostPerDay,
    CostCurrency,
    CostUnit,
    CostYear,
    DetentionCostPerDay,
    OutcomeCompliancePct,
    OutcomeOther,
    Summary,
    SourceTitle,
    SourceUrl,
    CostBound,
    DetentionCostBound,
    CostYearBasis,
    LastVerified,
    CostPerDayHigh,
    DetentionCostPerDayHigh,
    StatusAsOf,
    TextLang,
}

/// How many columns a practices file has (with the optional ones).
pub const COLUMNS: usize = 33;

impl Col {
    pub const ALL: [Col; COLUMNS] = [
        Col::Id,
        Col::Country,
        Col::Iso2,
        Col::Programme,
        Col::Kind,
        Col::Organisation,
        Col::OrganisationType,
        Col::StartYear,
        Col::EndYear,
        Col::Status,
        Col::Populations,
        Col::AtdTypes,
        Col::CapStages,
        Col::Participants,
        Col::ParticipantsNote,
        Col::CostPerDay,
        Col::CostCurrency,
        Col::CostUnit,
        Col::CostYear,
        Col::DetentionCostPerDay,
        Col::OutcomeCompliancePct,
        Col::OutcomeOther,
        Col::Summary,
        Col::SourceTitle,
        Col::SourceUrl,
        Col::CostBound,
        Col::DetentionCostBound,
        Col::CostYearBasis,
        Col::LastVerified,
        Col::CostPerDayHigh,
        Col::DetentionCostPerDayHigh,
        Col::StatusAsOf,
        Col::TextLang,
    ];

    /// Columns a file may leave out (read as [`Col::when_absent`]): the cost and compliance columns, whose
    /// figures now live in `figures.csv` (a practice's headline values are chosen from
    /// them; older files and proposals may still carry these columns), the high ends of
    /// ranges, the date of the status, and the language of the text, which older files lack.
    pub const OPTIONAL: [Col; 13] = [
        Col::CostPerDay,
        Col::CostCurrency,
        Col::CostUnit,
        Col::CostYear,
        Col::DetentionCostPerDay,
        Col::OutcomeCompliancePct,
        Col::CostBound,
        Col::DetentionCostBound,
        Col::CostYearBasis,
        Col::CostPerDayHigh,
        Col::DetentionCostPerDayHigh,
        Col::StatusAsOf,
        Col::TextLang,
    ];

    /// Figure, date and status columns: a non-empty value needs a source that supports it.
    pub const FIGURES: [Col; 11] = [
        Col::StartYear,
        Col::EndYear,
        Col::Status,
        Col::StatusAsOf,
        Col::Participants,
        Col::CostPerDay,
        Col::CostCurrency,
        Col::CostUnit,
        Col::CostYear,
        Col::DetentionCostPerDay,
        Col::OutcomeCompliancePct,
    ];

    pub fn is_optional(self) -> bool {
        Col::OPTIONAL.contains(&self)
    }

    /// The value every row has when the file leaves this optional column out: a file from
    /// before `text_lang` (an older release, a user's own) was written in English.
    pub fn when_absent(self) -> &'static str {
        match self {
            Col::TextLang => "en",
            _ => "",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Col::Id => "id",
            Col::Country => "country",
            Col::Iso2 => "iso2",
            Col::Programme => "programme",
            Col::Kind => "kind",
            Col::Organisation => "organisation",
            Col::OrganisationType => "organisation_type",
            Col::StartYear => "start_year",
            Col::EndYear => "end_year",
            Col::Status => "status",
            Col::Populations => "populations",
            Col::AtdTypes => "atd_types",
            Col::CapStages => "cap_stages",
            Col::Participants => "participants",
            Col::ParticipantsNote => "participants_note",
            Col::CostPerDay => "cost_per_day",
            Col::CostCurrency => "cost_currency",
            Col::CostUnit => "cost_unit",
            Col::CostYear => "cost_year",
            Col::DetentionCostPerDay => "detention_cost_per_day",
            Col::OutcomeCompliancePct => "outcome_compliance_pct",
            Col::OutcomeOther => "outcome_other",
            Col::Summary => "summary",
            Col::SourceTitle => "source_title",
            Col::SourceUrl => "source_url",
            Col::CostBound => "cost_bound",
            Col::DetentionCostBound => "detention_cost_bound",
            Col::CostYearBasis => "cost_year_basis",
            Col::LastVerified => "last_verified",
            Col::CostPerDayHigh => "cost_per_day_high",
            Col::DetentionCostPerDayHigh => "detention_cost_per_day_high",
            Col::StatusAsOf => "status_as_of",
            Col::TextLang => "text_lang",
        }
    }

    pub fn from_name(name: &str) -> Option<Col> {
        Col::ALL.into_iter().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The canonical header line (the columns every file needs), for messages.
pub fn canonical_header() -> String {
    let required: Vec<&str> = Col::ALL
        .into_iter()
        .filter(|c| !c.is_optional())
        .map(Col::name)
        .collect();
    required.join(",")
}

/// The columns a file may leave out, for messages.
pub fn optional_columns() -> String {
    let optional: Vec<&str> = Col::OPTIONAL.into_iter().map(Col::name).collect();
    optional.join(",")
}

/// A header past this many columns is not a practices file; say so once instead of per column.
pub const MAX_COLUMNS: usize = 100;

/// Where each column is in the file (header order may differ from the canonical order).
#[derive(Debug, Clone)]
pub struct Header {
    positions: [Option<usize>; COLUMNS],
    names: Vec<String>,
}

impl Header {
    /// The 0-based position of a column in the file's records; `None` for an optional
    /// column the file leaves out.
    pub fn position(&self, col: Col) -> Option<usize> {
        self.positions[col.index()]
    }

    /// How many fields every record must have.
    pub fn width(&self) -> usize {
        self.names.len()
    }
}

/// A problem with the header: the column it concerns, if one, and the message.
pub type HeaderProblem = (Option<String>, String);

/// Maps the header names to columns: every column exactly once, nothing else.
pub fn map_header(raw: &[String]) -> Result<Header, Vec<HeaderProblem>> {
    let names: Vec<String> = raw.iter().map(|n| n.trim().to_string()).collect();
    if let Some(problem) = wrong_shape(&names) {
        return Err(vec![problem]);
    }
    let mut problems = duplicates(&names);
    problems.extend(missing_and_unknown(&names));
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut positions = [None; COLUMNS];
    for (position, name) in names.iter().enumerate() {
        if let Some(col) = Col::from_name(name) {
            positions[col.index()] = Some(position);
        }
    }
    Ok(Header { positions, names })
}

/// A header that is not comma-separated CSV at all, or absurdly wide.
fn wrong_shape(names: &[String]) -> Option<HeaderProblem> {
    if let [only] = names {
        if only.contains(';') {
            return Some((
                None,
                "the header looks like a `;`-separated file; save it with commas \
                 (in Excel: 'CSV UTF-8 (Comma delimited)')"
                    .to_string(),
            ));
        }
        if only.contains('\t') {
            return Some((
                None,
                "the header looks like a tab-separated file; save it as comma-separated 'CSV UTF-8'"
                    .to_string(),
            ));
        }
    }
    (names.len() > MAX_COLUMNS).then(|| {
        let message = format!(
            "the header has {} columns, over the limit of {MAX_COLUMNS}; a practices file has these {}: {}",
            names.len(),
            Col::ALL.len(),
            canonical_header()
        );
        (None, message)
    })
}

/// "column `x` appears twice (columns 3 and 7)", for every repeated name.
fn duplicates(names: &[String]) -> Vec<HeaderProblem> {
    let mut problems = Vec::new();
    for (position, name) in names.iter().enumerate() {
        let first = names.iter().position(|n| n == name);
        if name.is_empty() || first != Some(position) {
            continue;
        }
        let at: Vec<usize> = (0..names.len())
            .filter(|&i| names[i] == *name)
            .map(|i| i + 1)
            .collect();
        if at.len() < 2 {
            continue;
        }
        let times = if at.len() == 2 {
            "twice".to_string()
        } else {
            format!("{} times", at.len())
        };
        let message = format!(
            "column `{}` appears {times} (columns {}); keep one and delete the others",
            shown(name),
            join_and(&at)
        );
        problems.push((Some(name.clone()), message));
    }
    problems
}

/// Missing columns, each paired with the misspelt header that was probably meant, and unknown columns.
fn missing_and_unknown(names: &[String]) -> Vec<HeaderProblem> {
    let missing: Vec<Col> = Col::ALL
        .into_iter()
        .filter(|c| !c.is_optional() && !names.iter().any(|n| n == c.name()))
        .collect();
    let mut unknown: Vec<(usize, &str)> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| Col::from_name(n).is_none())
        .map(|(i, n)| (i, n.as_str()))
        .collect();
    let mut problems = Vec::new();
    for col in missing {
        let guess = unknown
            .iter()
            .position(|(_, n)| closest(n, [col.name()]).is_some());
        let Some(index) = guess else {
            let message = format!(
                "required column `{}` is missing; add it to the header",
                col.name()
            );
            problems.push((Some(col.name().to_string()), message));
            continue;
        };
        // One problem for the pair: reporting the misspelt name as unknown too would be noise.
        let (position, name) = unknown.remove(index);
        let message = format!(
            "required column `{}` is missing; column {} is named `{}`: did you mean `{}`?",
            col.name(),
            position + 1,
            shown(name),
            col.name()
        );
        problems.push((Some(col.name().to_string()), message));
    }
    for (position, name) in unknown {
        problems.push(unknown_column(position, name));
    }
    problems
}

fn unknown_column(position: usize, name: &str) -> HeaderProblem {
    if name.is_empty() {
        let message = format!(
            "column {} has no name; delete the empty column (often a trailing comma in the header)",
            position + 1
        );
        return (None, message);
    }
    let hint = match closest(name, Col::ALL.map(Col::name)) {
        Some(known) => format!("did you mean `{known}` (which is already present)?"),
        None => format!(
            "the columns are: {}; optional: {} (`text_lang` left out reads every row as \
             English)",
            canonical_header(),
            optional_columns()
        ),
    };
    let message = format!(
        "unknown column `{}` (column {}); remove it, extra columns are not imported: {hint}",
        shown(name),
        position + 1
    );
    (Some(name.to_string()), message)
}

/// "3", "3 and 7", "3, 7 and 9".
pub fn join_and<T: ToString>(items: &[T]) -> String {
    let texts: Vec<String> = items.iter().map(T::to_string).collect();
    match texts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    fn problems(line: &str) -> Vec<HeaderProblem> {
        map_header(&names(line)).expect_err("header should be rejected")
    }

    #[test]
    fn canonical_and_shuffled_headers_map_by_name() {
        let header = map_header(&names(&canonical_header())).expect("canonical header");
        assert_eq!(header.position(Col::SourceUrl), Some(18));
        assert_eq!(header.position(Col::LastVerified), Some(19));
        assert_eq!(
            header.position(Col::CostPerDay),
            None,
            "figures live in figures.csv"
        );
        assert_eq!(header.position(Col::CostPerDayHigh), None);
        assert_eq!(header.width(), 20);
        let mut shuffled: Vec<String> = Col::ALL.map(|c| c.name().to_string()).to_vec();
        shuffled.reverse();
        let header = map_header(&shuffled).expect("shuffled header");
        assert_eq!(header.position(Col::Id), Some(32));
        assert_eq!(header.position(Col::TextLang), Some(0));
        assert_eq!(header.position(Col::StatusAsOf), Some(1));
    }

    #[test]
    fn misspelt_column_is_paired_with_its_suggestion() {
        let found = problems(&canonical_header().replace("country,", "Countrty,"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0.as_deref(), Some("country"));
        assert!(
            found[0]
                .1
                .contains("column 2 is named `Countrty`: did you mean `country`?")
        );
    }

    #[test]
    fn missing_unknown_and_duplicate_columns_are_named() {
        let found = problems(&canonical_header().replace(",source_url,", ",kind,notes,"));
        let messages: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert!(messages.contains(
            &"column `kind` appears twice (columns 5 and 19); keep one and delete the others"
        ));
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("required column `source_url` is missing"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("unknown column `notes` (column 20)"))
        );
    }

    #[test]
    fn a_header_without_text_lang_is_english_and_an_unknown_column_names_it() {
        let header = map_header(&names(&canonical_header())).expect("no text_lang");
        assert_eq!(header.position(Col::TextLang), None);
        assert_eq!(Col::TextLang.when_absent(), "en");
        let found = problems(&format!("{},zzzz", canonical_header()));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("optional:") && found[0].1.contains("text_lang"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn separators_other_than_comma_are_recognised() {
        let semicolon = problems(&canonical_header().replace(',', ";"));
        assert!(semicolon[0].1.contains("`;`-separated"));
        let tab = problems(&canonical_header().replace(',', "\t"));
        assert!(tab[0].1.contains("tab-separated"));
    }

    #[test]
    fn too_many_columns_are_refused_once() {
        let wide = vec!["x".to_string(); 10_000];
        let found = map_header(&wide).expect_err("too wide");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("10000 columns, over the limit of 100"));
    }

    #[test]
    fn join_and_reads_naturally() {
        assert_eq!(join_and(&[3]), "3");
        assert_eq!(join_and(&[3, 7]), "3 and 7");
        assert_eq!(join_and(&[3, 7, 9]), "3, 7 and 9");
    }
}
