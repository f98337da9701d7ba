//! The clock: today's date and year (UTC) by the system clock, and the calendar date of a
//! Unix time. A leaf: the importer (years "up to this year"), proposals (`last_verified`),
//! citations (the access date) and the changelog all read the date here.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch by the system clock (0 before it).
fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The current calendar year (UTC) by the system clock.
pub fn current_year() -> i32 {
    year_of_unix(now_unix())
}

/// The UTC calendar year of a Unix time.
pub fn year_of_unix(secs: i64) -> i32 {
    civil_of_unix(secs).0
}

/// Today's date (UTC) by the system clock, `YYYY-MM-DD`.
pub fn today() -> String {
    let (year, month, day) = civil_of_unix(now_unix());
    format!("{year:04}-{month:02}-{day:02}")
}

/// The UTC (year, month, day) of a Unix time (Howard Hinnant's `civil_from_days`).
fn civil_of_unix(secs: i64) -> (i32, u32, u32) {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let january_or_february = mp >= 10;
    let year = yoe + era * 400 + i64::from(january_or_february);
    (i32::try_from(year).unwrap_or(i32::MAX), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        let at = |days: i64| civil_of_unix(days * 86_400);
        assert_eq!(at(0), (1970, 1, 1));
        assert_eq!(at(19_723), (2024, 1, 1));
        assert_eq!(at(19_782), (2024, 2, 29));
        assert_eq!(at(20_414), (2025, 11, 22));
    }

    #[test]
    fn unix_times_map_to_years() {
        for (secs, want) in [
            (0, 1970),
            (951_782_400, 2000),
            (1_735_689_599, 2024),
            (1_735_689_600, 2025),
            (-1, 1969),
        ] {
            assert_eq!(year_of_unix(secs), want, "{secs}");
        }
        assert!(current_year() >= 2025);
    }

    #[test]
    fn unix_times_become_calendar_dates() {
        assert_eq!(civil_of_unix(0), (1970, 1, 1));
        assert_eq!(civil_of_unix(1_796_083_200), (2026, 12, 1));
        assert_eq!(civil_of_unix(1_709_164_800), (2024, 2, 29));
    }
}
