//! F01: the real binary serves from a data directory, database and index it cannot write
//! (run as `nobody` through setpriv when the tests run as root, since root ignores file
//! modes), and an import there fails with a clear message and changes nothing.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use atd_atlas::cli;

use crate::binary::{BIN, SERVE_ON_ANY_PORT, path_flags, serve};
use crate::support::{copy_shipped_data, lab_paths};

fn set_mode_recursively(path: &Path, dir_mode: u32, file_mode: u32) {
    let meta = fs::metadata(path).unwrap();
    if meta.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            set_mode_recursively(&entry.unwrap().path(), dir_mode, file_mode);
        }
        fs::set_permissions(path, fs::Permissions::from_mode(dir_mode)).unwrap();
    } else {
        fs::set_permissions(path, fs::Permissions::from_mode(file_mode)).unwrap();
    }
}

fn running_as_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// The command, as an unprivileged user when we are root.
fn unprivileged(args: &[&std::ffi::OsStr]) -> Command {
    let mut command = if running_as_root() {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            BIN,
        ]);
        c
    } else {
        Command::new(BIN)
    };
    command.args(args).env("RUST_LOG", "warn");
    command
}

#[test]
fn f01_the_server_runs_from_a_read_only_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let paths = lab_paths(root);
    copy_shipped_data(&paths.data_dir, |name| name.ends_with(".csv"));
    cli::prepare(&paths).unwrap();
    let db_before = fs::read(&paths.db).unwrap();
    set_mode_recursively(root, 0o555, 0o444);

    let mut args = path_flags(&paths);
    args.extend(SERVE_ON_ANY_PORT.map(Into::into));
    let arg_refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let mut server = serve(unprivileged(&arg_refs).stderr(Stdio::piped()));
    let answer =
        crate::net::wait_for_answer(&mut server.child, server.addr, "/api/v1/search?q=detention");
    drop(server);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert!(json["total"].as_u64().unwrap() > 0);

    // An import cannot write here: it says so, and nothing changes.
    let mut args = path_flags(&paths);
    args.push("import".into());
    let arg_refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let import = unprivileged(&arg_refs).output().unwrap();
    assert!(!import.status.success());
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(
        stderr.contains("read-only") || stderr.contains("readonly") || stderr.contains("ermission"),
        "{stderr}"
    );
    set_mode_recursively(root, 0o755, 0o644);
    assert_eq!(
        fs::read(&paths.db).unwrap(),
        db_before,
        "the database is untouched"
    );
}
