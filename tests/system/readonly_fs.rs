//! F01: the real binary serves from a data directory, database and index it cannot write
//! (run as `nobody` through setpriv when the tests run as root, since root ignores file
//! modes), and an import there fails with a clear message and changes nothing.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use atd_atlas::cli;
use atd_atlas::config::Paths;

use crate::support::repo_path;

const BIN: &str = env!("CARGO_BIN_EXE_atd-atlas");

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

fn path_args(paths: &Paths) -> Vec<std::ffi::OsString> {
    vec![
        "--data-dir".into(),
        paths.data_dir.clone().into(),
        "--db".into(),
        paths.db.clone().into(),
        "--index-dir".into(),
        paths.index_dir.clone().into(),
    ]
}

#[test]
fn f01_the_server_runs_from_a_read_only_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let data_dir = root.join("data");
    fs::create_dir_all(&data_dir).unwrap();
    for entry in fs::read_dir(repo_path("data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            fs::copy(&path, data_dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let paths = Paths {
        data_dir,
        db: root.join("atlas.sqlite3"),
        index_dir: root.join("index"),
    };
    cli::prepare(&paths).unwrap();
    let db_before = fs::read(&paths.db).unwrap();
    set_mode_recursively(root, 0o555, 0o444);

    let mut args = path_args(&paths);
    args.extend(["serve".into(), "--addr".into(), "127.0.0.1:0".into()]);
    let arg_refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let (mut server, addr) =
        crate::net::spawn_on_any_port(unprivileged(&arg_refs).stderr(Stdio::piped()));
    let answer = crate::net::wait_for_answer(&mut server, addr, "/api/v1/search?q=detention");
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert!(json["total"].as_u64().unwrap() > 0);

    // An import cannot write here: it says so, and nothing changes.
    let mut args = path_args(&paths);
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
