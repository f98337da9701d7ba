//! Start-up without a usable index (X10): the real binary answers at once — 503 with
//! `Retry-After` while it rebuilds from SQLite, never an empty result page — then serves.

use std::process::Stdio;
use std::time::{Duration, Instant};

use atd_atlas::cli;

use crate::binary::{SERVE_ON_ANY_PORT, Server, atlas, serve};
use crate::net::{get_blocking, wait_for_answer};
use crate::support::paths_in;

fn start(dir: &std::path::Path, failpoints: &str) -> Server {
    serve(
        atlas(&paths_in(dir))
            .args(SERVE_ON_ANY_PORT)
            .env("ATD_FAILPOINTS", failpoints)
            .stderr(Stdio::piped()),
    )
}

#[test]
fn a_missing_index_is_rebuilt_while_the_server_answers_503() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_in(dir.path());
    cli::prepare(&paths).unwrap();
    std::fs::remove_dir_all(&paths.index_dir).unwrap();

    // Hold the rebuild half-way: the server must already be answering.
    let mut server = start(dir.path(), "index::documents_added=pause");
    let addr = server.addr;
    let page = wait_for_answer(&mut server.child, addr, "/?q=children");
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
    let mut server = start(dir.path(), "");
    let addr = server.addr;
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        let reply = wait_for_answer(&mut server.child, addr, "/api/v1/search?q=children");
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
