//! The system programs some tests need (nginx, Chromium, chromedriver, axe-core): where they
//! are, and what a test does without one — says `SKIPPED` and passes on a developer's machine,
//! fails where the program is required (`CI=true`, `REQUIRE_SYSTEM_PROGRAMS=1`, or the
//! program's own `REQUIRE_…` variable).
//!
//! `ATD_TEST_PROGRAM_DIRS` (`:`-separated folders) replaces the places searched, so CI can
//! prove that the README's test command passes on a machine without these programs:
//! `ATD_TEST_PROGRAM_DIRS=/nonexistent cargo test --locked`.

#![allow(dead_code)] // each test binary uses the programs it needs

use std::path::{Path, PathBuf};

/// A program a test needs and how a developer gets it.
pub struct Program {
    /// What the SKIPPED line calls it.
    pub name: &'static str,
    /// File names to look for, in order.
    pub files: &'static [&'static str],
    /// Folders searched besides `PATH` (Debian puts nginx in /usr/sbin).
    pub dirs: &'static [&'static str],
    pub install: &'static str,
    /// The variable that makes this program required outside CI.
    pub require_var: &'static str,
}

pub const NGINX: Program = Program {
    name: "nginx",
    files: &["nginx"],
    dirs: &["/usr/sbin", "/usr/bin"],
    install: "apt-get install nginx-light",
    require_var: "REQUIRE_NGINX",
};

pub const CHROMIUM: Program = Program {
    name: "chromium",
    files: &["chromium", "chromium-browser"],
    dirs: &["/usr/bin"],
    install: "apt-get install chromium chromium-driver",
    require_var: "REQUIRE_BROWSER",
};

pub const CHROMEDRIVER: Program = Program {
    name: "chromedriver",
    files: &["chromedriver"],
    dirs: &["/usr/bin", "/usr/lib/chromium"],
    install: "apt-get install chromium chromium-driver",
    require_var: "REQUIRE_BROWSER",
};

/// The variable that hides every program from the tests when it names no folder that has one.
pub const DIRS_VAR: &str = "ATD_TEST_PROGRAM_DIRS";

/// Where `program` is, or `None`. Only `ATD_TEST_PROGRAM_DIRS` is searched when it is set.
pub fn locate(program: &Program) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = match std::env::var_os(DIRS_VAR) {
        Some(only) => std::env::split_paths(&only).collect(),
        None => std::env::var_os("PATH")
            .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .chain(program.dirs.iter().map(PathBuf::from))
            .collect(),
    };
    dirs.iter()
        .flat_map(|dir| program.files.iter().map(move |file| dir.join(file)))
        .find(|candidate| is_executable(candidate))
}

/// A file found under `ATD_TEST_PROGRAM_DIRS`'s rules (for things that are not programs, like
/// an npm package in the repository): hidden too when the variable is set.
pub fn locate_file(path: &Path) -> Option<PathBuf> {
    if std::env::var_os(DIRS_VAR).is_some() {
        return None;
    }
    path.exists().then(|| path.to_path_buf())
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether a missing `require_var` program fails the test here.
pub fn required(require_var: &str) -> bool {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0");
    std::env::var("CI").is_ok_and(|v| v == "true")
        || set("REQUIRE_SYSTEM_PROGRAMS")
        || set(require_var)
}

/// The line a test prints when it skips.
pub fn skipped_line(test: &str, name: &str, install: &str) -> String {
    format!("SKIPPED: {test} needs {name} — {install}; CI requires it")
}

/// What `test` does about `program`: its path, or `None` after printing the SKIPPED line.
/// Panics when the program is missing and required.
pub fn need(test: &str, program: &Program) -> Option<PathBuf> {
    need_found(
        test,
        program.name,
        locate(program),
        program.install,
        program.require_var,
    )
}

/// [`need`] for something already looked for (`found`).
pub fn need_found(
    test: &str,
    name: &str,
    found: Option<PathBuf>,
    install: &str,
    require_var: &str,
) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    let line = skipped_line(test, name, install);
    if required(require_var) {
        panic!(
            "{name} is required here (CI=true, REQUIRE_SYSTEM_PROGRAMS or {require_var}) \
             but missing: {install}\n({line})"
        );
    }
    // One write: the line stays whole in a pipe that libtest's own output shares.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{line}\n").as_bytes());
    None
}
