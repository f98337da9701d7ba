//! Named fault points for the crash, disk-full and error tests: `ATD_FAILPOINTS` switches them
//! on in a spawned process; unset (always, in production), each point is one cached lookup.
//!
//! Syntax: `ATD_FAILPOINTS="store::mid_transaction=enospc;index::before_switch=pause"`.
//! Actions: `pause` (print `failpoint <name>: paused` to stderr and wait to be killed),
//! `error` (an injected I/O error), `enospc` (a "no space left on device" I/O error),
//! `panic`. The variable is read once per process, so in-process tests cannot switch points
//! on by accident for each other: fault tests run the real binary.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::OnceLock;

/// The environment variable that configures fault points.
pub const ENV: &str = "ATD_FAILPOINTS";

/// Every point an import passes, in order.
pub const POINTS: [&str; 7] = [
    "import::validated",
    "store::mid_transaction",
    "store::before_commit",
    "import::committed",
    "index::documents_added",
    "index::committed",
    "index::before_switch",
];

/// The point a proposal passes while the server saves it (its row written, its cells not).
pub const PROPOSAL_POINTS: [&str; 1] = ["proposals::mid_transaction"];

/// The points `atd-atlas proposals accept` passes, in order: its intent committed (the
/// first fsync), then each file's temporary copy synced, renamed over the file, and the
/// folder synced (sources.csv, then practices.csv), then the decision about to be recorded.
pub const ACCEPT_POINTS: [&str; 8] = [
    "accept::intent_recorded",
    "accept::sources_synced",
    "accept::sources_renamed",
    "accept::sources_folder_synced",
    "accept::practices_synced",
    "accept::practices_renamed",
    "accept::practices_folder_synced",
    "accept::files_written",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Pause,
    Error,
    NoSpace,
    Panic,
}

fn configured() -> &'static HashMap<String, Action> {
    static POINTS_ON: OnceLock<HashMap<String, Action>> = OnceLock::new();
    POINTS_ON.get_or_init(|| parse(&std::env::var(ENV).unwrap_or_default()))
}

fn parse(spec: &str) -> HashMap<String, Action> {
    spec.split(';')
        .filter_map(|item| {
            let (name, action) = item.trim().split_once('=')?;
            let action = match action.trim() {
                "pause" => Action::Pause,
                "error" => Action::Error,
                "enospc" => Action::NoSpace,
                "panic" => Action::Panic,
                _ => return None,
            };
            Some((name.trim().to_string(), action))
        })
        .collect()
}

/// Passes through `name`: does nothing unless `ATD_FAILPOINTS` switched it on.
pub fn point(name: &'static str) -> io::Result<()> {
    debug_assert!(
        POINTS.contains(&name) || PROPOSAL_POINTS.contains(&name) || ACCEPT_POINTS.contains(&name),
        "undeclared fault point {name}"
    );
    let Some(action) = configured().get(name) else {
        return Ok(());
    };
    match action {
        Action::Pause => {
            {
                // Released before parking: a held stderr lock would stall every logger.
                let mut err = io::stderr().lock();
                let _ = writeln!(err, "failpoint {name}: paused");
                let _ = err.flush();
            }
            loop {
                std::thread::park();
            }
        }
        Action::Error => Err(io::Error::other(format!("injected fault at {name}"))),
        Action::NoSpace => Err(io::Error::new(
            io::ErrorKind::StorageFull,
            format!("No space left on device (injected at {name})"),
        )),
        Action::Panic => panic!("injected panic at {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_names_points_and_actions_and_ignores_the_rest() {
        let on = parse("a=pause; b = enospc;c=error;d=panic;e=bogus;;junk");
        assert_eq!(on.get("a"), Some(&Action::Pause));
        assert_eq!(on.get("b"), Some(&Action::NoSpace));
        assert_eq!(on.get("c"), Some(&Action::Error));
        assert_eq!(on.get("d"), Some(&Action::Panic));
        assert_eq!(on.len(), 4);
    }

    #[test]
    fn points_are_inert_without_the_variable() {
        // The unit-test process never sets ATD_FAILPOINTS.
        for name in POINTS
            .into_iter()
            .chain(PROPOSAL_POINTS)
            .chain(ACCEPT_POINTS)
        {
            assert!(point(name).is_ok());
        }
    }
}
