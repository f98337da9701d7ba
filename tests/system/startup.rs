//! Start-up without a usable index (X10): the real binary answers at once — 503 with
//! `Retry-After` while it rebuilds from SQLite, never an empty result page — then serves.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use atd_atlas::cli;

use crate::net::{get_blocking, spawn_on_any_port, wait_for_answer};
use crate::support::paths_in;

fn start(dir: &std::path::Path, failpoints: &str) -> (Child, SocketAddr) {
    let paths = paths_in(dir);
    spawn_on_any_port(
        Command::new(env!("CARGO_BIN_EXE_atd-atlas"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("ATD_DATA_DIR", &paths.data_dir)
            .env("ATD_DB", &paths.db)
            .env("ATD_INDEX_DIR", &paths.index_dir)
            .env("ATD_FAILPOINTS", failpoints)
            .env("RUST_LOG", "warn")
            .stderr(Stdio::piped()),
    )
}

struct Stop(Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_missing_index_is_rebuilt_while_the_server_answers_503() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    std::fs::remove_dir_all(&paths.index_dir).unwrap();

    // Hold the rebuild half-way: the server must already be answering.
    let (child, addr) = start(dir.path(), "index::documents_added=pause");
    let mut server = Stop(child);
    let page = wait_for_answer(&mut server.0, addr, "/?q=children");
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(page.header("retry-after").is_some());
    assert!(page.body.contains("<html"), "a page for people");
    assert!(
        !page.body.contains("practices match"),
        "never an empty result page"
    );
    let es = get_blocking(addr, "/?lang=es").unwrap();
    assert!(es.body.contains("reconstruyendo"), "in the page's language");
    let health = get_blocking(addr, "/healthz").unwrap();
    assert_eq!(health.status, 503);
    assert!(health.header("content-security-policy").is_some());
    drop(server);

    // Without the pause the same start-up finishes the build and serves the site.
    let (child, addr) = start(dir.path(), "");
    let mut server = Stop(child);
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        let reply = wait_for_answer(&mut server.0, addr, "/api/v1/search?q=children");
        if reply.status == 200 {
            assert!(reply.body.contains("\"total\":"), "{}", reply.body);
            break;
        }
        assert_eq!(
            reply.status, 503,
            "only 503 while rebuilding: {}",
            reply.body
        );
        assert!(Instant::now() < until, "the rebuild never finished");
        std::thread::sleep(Duration::from_millis(100));
    }
}
