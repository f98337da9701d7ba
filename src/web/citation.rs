//! What a citation of the dataset needs: its version, the year it was released and today's
//! date ("accessed on"). Pure, read from `datapackage.json` and `CITATION.cff`.

use std::path::Path;

/// The dataset's own citation file, published at `/data/CITATION.cff`.
pub const CITATION_CFF: &str = include_str!("../../CITATION.cff");

/// The `version` of `datapackage.json`, or "unversioned" when it cannot be read.
pub fn dataset_version(data_dir: &Path) -> String {
    let read = std::fs::read(data_dir.join("datapackage.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    read.as_ref()
        .and_then(|v| v["version"].as_str())
        .filter(|v| !v.is_empty())
        .unwrap_or("unversioned")
        .to_string()
}

/// The year the dataset version was released, from `CITATION.cff`'s `date-released`.
pub fn release_year() -> &'static str {
    CITATION_CFF
        .lines()
        .find_map(|l| l.strip_prefix("date-released:"))
        .map(|v| v.trim().trim_matches('"'))
        .and_then(|v| v.get(..4))
        .unwrap_or("n.d.")
}

/// Today's date in UTC as `YYYY-MM-DD`, for "accessed on" in citations.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_date((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(19_723), (2024, 1, 1));
        assert_eq!(civil_date(19_782), (2024, 2, 29));
        assert_eq!(civil_date(20_414), (2025, 11, 22));
    }
}
