//! "Did you mean …?": the closest known name, key or code to a misspelt one.

/// How alike two names must be (normalised Damerau–Levenshtein, 0..=1) to be worth suggesting.
const MIN_SIMILARITY: f64 = 0.6;

/// The candidate most like `value`, ignoring case, if any is alike enough; ties go to the first.
pub fn closest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let value = value.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let score = strsim::normalized_damerau_levenshtein(&value, &candidate.to_lowercase());
        let better = best.is_none_or(|(top, _)| score > top);
        if score >= MIN_SIMILARITY && better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// `"; did you mean 'x'?"`, or nothing when there is no suggestion.
pub fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!("; did you mean '{s}'?"))
}

/// A value as quoted in a message: at most 60 characters, so one huge cell can't flood a report.
pub fn shown(value: &str) -> String {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_candidate() {
        let columns = ["id", "country", "iso2", "summary"];
        assert_eq!(closest("Countrty", columns), Some("country"));
        assert_eq!(closest("SUMMARY", columns), Some("summary"));
        assert_eq!(closest("EURO", ["USD", "EUR"]), Some("EUR"));
        assert_eq!(closest("zzzzzz", columns), None);
    }

    #[test]
    fn did_you_mean_is_empty_without_suggestion() {
        assert_eq!(did_you_mean(Some("EUR")), "; did you mean 'EUR'?");
        assert_eq!(did_you_mean(None), "");
    }

    #[test]
    fn long_values_are_cut() {
        assert_eq!(shown("short"), "short");
        let long = "é".repeat(100);
        assert_eq!(shown(&long).chars().count(), 61);
        assert!(shown(&long).ends_with('…'));
    }
}
