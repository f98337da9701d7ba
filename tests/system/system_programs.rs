//! The skip-or-require rule for tests that need a system program (`tests/common/programs.rs`),
//! seen from outside: this test binary runs its own nginx test with nginx hidden, once as a
//! developer would (SKIPPED, passes) and once as CI does (fails). And CI's reading of the
//! README's two commands (`.ci/readme-command`), which must fail loudly when one is gone.

use std::process::{Command, Output};

use crate::programs;
use crate::support::repo_path;

const NGINX_TEST: &str =
    "nginx::nginx_in_front_proxies_keeps_headers_cuts_slow_clients_and_limits_per_address";

/// This test binary running only the nginx test, with every system program hidden and the
/// requirement variables cleared, plus `extra`.
fn nginx_test_without_programs(extra: &[(&str, &str)]) -> Output {
    let hidden = tempfile::tempdir().unwrap();
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([NGINX_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(programs::DIRS_VAR, hidden.path())
        .env_remove("CI")
        .env_remove("REQUIRE_SYSTEM_PROGRAMS")
        .env_remove("REQUIRE_NGINX")
        .env_remove("REQUIRE_BROWSER");
    for (name, value) in extra {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_missing_program_is_skipped_with_one_clear_line_where_not_required() {
    let output = nginx_test_without_programs(&[]);
    let said = text(&output);
    assert!(output.status.success(), "{said}");
    let expected = programs::skipped_line(
        "nginx_in_front_proxies_keeps_headers_cuts_slow_clients_and_limits_per_address",
        "nginx",
        "apt-get install nginx-light",
    );
    assert!(said.contains(&expected), "no `{expected}` in:\n{said}");
    assert!(said.contains("1 passed"), "{said}");
}

#[test]
fn a_missing_program_fails_the_test_where_required() {
    for required in [
        ("CI", "true"),
        ("REQUIRE_NGINX", "1"),
        ("REQUIRE_SYSTEM_PROGRAMS", "1"),
    ] {
        let output = nginx_test_without_programs(&[required]);
        let said = text(&output);
        assert!(!output.status.success(), "{required:?}: {said}");
        assert!(
            said.contains("nginx is required here"),
            "{required:?}: {said}"
        );
        assert!(said.contains("1 failed"), "{required:?}: {said}");
    }
}

fn readme_command(which: &str, readme: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, readme).unwrap();
    Command::new("bash")
        .arg(repo_path(".ci/readme-command"))
        .arg(which)
        .arg(&path)
        .output()
        .unwrap()
}

#[test]
fn ci_reads_the_two_commands_from_the_readme() {
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    for (which, start) in [("run", "cargo run"), ("test", "cargo test")] {
        let output = readme_command(which, &readme);
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{}", text(&output));
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(said.starts_with(start), "{said}");
        assert!(
            !said.contains('#'),
            "the comment is not part of the command: {said}"
        );
    }
}

#[test]
fn ci_fails_loudly_when_the_readme_loses_a_command() {
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    for (which, line_start) in [("run", "cargo run"), ("test", "cargo test")] {
        let without: String = readme
            .lines()
            .filter(|line| !line.starts_with(line_start))
            .map(|line| format!("{line}\n"))
            .collect();
        let output = readme_command(which, &without);
        assert!(!output.status.success(), "{which}: {}", text(&output));
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(&format!("'{line_start}'")), "{which}: {said}");
    }
    let no_block = readme_command("test", "# A README\n\nNo commands here.\n");
    assert!(!no_block.status.success());
    assert!(String::from_utf8_lossy(&no_block.stderr).contains("no ```sh block"));
}
