//! The `atd-atlas` binary as the tests start it: one command on a lab's files (the paths in
//! its environment, or as flags where a test must name them), and a server on a port the
//! kernel picks, stopped when dropped.

#![allow(dead_code)] // each test binary uses the helpers it needs

use std::ffi::OsString;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use atd_atlas::config::Paths;

/// The binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_atd-atlas");

/// The arguments that make the binary serve on a port the kernel picks (see [`serve`]).
pub const SERVE_ON_ANY_PORT: [&str; 3] = ["serve", "--addr", "127.0.0.1:0"];

/// `atd-atlas` on `paths`, given through its environment (`ATD_DATA_DIR`, `ATD_DB`,
/// `ATD_INDEX_DIR`), logging warnings only; add the subcommand, variables and pipes.
pub fn atlas(paths: &Paths) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("ATD_DATA_DIR", &paths.data_dir)
        .env("ATD_DB", &paths.db)
        .env("ATD_INDEX_DIR", &paths.index_dir)
        .env("RUST_LOG", "warn");
    command
}

/// `paths` as the binary's flags, for a command that names them before its subcommand.
pub fn path_flags(paths: &Paths) -> Vec<OsString> {
    vec![
        "--data-dir".into(),
        paths.data_dir.clone().into(),
        "--db".into(),
        paths.db.clone().into(),
        "--index-dir".into(),
        paths.index_dir.clone().into(),
    ]
}

/// A server process; killed (SIGKILL) and reaped when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `command` (ending in [`SERVE_ON_ANY_PORT`]) and returns it once it has said
/// where it serves.
pub fn serve(command: &mut Command) -> Server {
    let (child, addr) = spawn_on_any_port(command);
    Server { child, addr }
}

/// Starts the real binary with `serve … --addr 127.0.0.1:0` in `command` and returns it with
/// the address it bound, read from its "serving on" line: the kernel picks the port, so no
/// other test can take it between a probe and the bind.
pub fn spawn_on_any_port(command: &mut Command) -> (Child, SocketAddr) {
    use std::io::BufRead;
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = std::io::BufReader::new(stdout).lines();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(addr) = line.strip_prefix("ATD Atlas is serving on http://") {
                let _ = tx.send(addr.trim().parse::<SocketAddr>().ok());
                break;
            }
        }
        // Keep reading, so a full pipe never blocks the server.
        for _ in lines {}
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Some(addr)) => (child, addr),
        outcome => {
            let _ = child.kill();
            let output = child.wait_with_output().expect("child output");
            panic!(
                "the server did not say where it serves ({outcome:?}): {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}
