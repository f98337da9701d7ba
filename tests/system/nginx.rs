//! The app behind a real nginx (Debian's package; CI installs it) started on loopback with
//! `deploy/nginx/atd-atlas.conf`: it proxies, keeps the security headers (its own errors too),
//! cuts off slow-header clients and limits one address whatever X-Forwarded-For it sends.
//! Without nginx it says SKIPPED and passes, unless required (`crate::programs`).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::net::{self, RawReply};
use crate::programs;
use crate::support::{self, repo_path};

pub struct Nginx {
    child: Child,
    pub port: u16,
    binary: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Nginx {
    /// Replaces the site config and reloads it gracefully (`nginx -s reload`): new workers
    /// take the new config, old ones finish their requests first.
    pub fn reload(&self, site: &str) {
        let dir = self._dir.path();
        std::fs::write(dir.join("site.conf"), site).unwrap();
        let reload = Command::new(&self.binary)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-p")
            .arg(dir)
            .args(["-s", "reload"])
            .output()
            .unwrap();
        assert!(
            reload.status.success(),
            "nginx -s reload: {}",
            String::from_utf8_lossy(&reload.stderr)
        );
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The shipped site config with test ports, a 1 s header timeout and a small rate.
fn site_config(listen: u16, upstream: u16) -> String {
    shipped_config(&[
        ("listen 80;", format!("listen 127.0.0.1:{listen};")),
        (
            "server 127.0.0.1:8080;",
            format!("server 127.0.0.1:{upstream};"),
        ),
        (
            "client_header_timeout 10s;",
            "client_header_timeout 1s;".into(),
        ),
        ("rate=20r/s", "rate=1r/s".into()),
        ("burst=60 nodelay", "burst=5 nodelay".into()),
    ])
}

/// `deploy/nginx/atd-atlas.conf` with each `(from, to)` substituted; every `from` must be in it.
pub fn shipped_config(replaced: &[(&str, String)]) -> String {
    let shipped = std::fs::read_to_string(repo_path("deploy/nginx/atd-atlas.conf")).unwrap();
    let mut config = shipped;
    for (from, to) in replaced {
        assert!(
            config.contains(from),
            "deploy/nginx/atd-atlas.conf lost {from:?}"
        );
        config = config.replace(from, to);
    }
    config
}

/// nginx on a free loopback port with the site config `site(port)`. nginx cannot be handed a
/// bound socket, so a port probed free can be taken by another test before nginx binds it:
/// nginx then exits, and the start is tried again on another port. Its pid file, written
/// only after its sockets are bound, tells that the listener is nginx's own.
pub fn start_nginx(binary: &Path, site: &dyn Fn(u16) -> String) -> Nginx {
    let mut failures = Vec::new();
    for _ in 0..5 {
        match try_start_nginx(binary, site) {
            Ok(nginx) => return nginx,
            Err(why) => failures.push(why),
        }
    }
    panic!("nginx did not start in 5 tries: {failures:#?}");
}

fn try_start_nginx(binary: &Path, site: &dyn Fn(u16) -> String) -> Result<Nginx, String> {
    let dir = tempfile::tempdir().unwrap();
    let port = net::free_port();
    let d = dir.path().display();
    std::fs::write(dir.path().join("site.conf"), site(port)).unwrap();
    let main = format!(
        "daemon off;\nuser root;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
         events {{ worker_connections 256; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
           include {d}/site.conf;\n}}\n"
    );
    let conf = dir.path().join("nginx.conf");
    std::fs::write(&conf, main).unwrap();
    let test = Command::new(binary)
        .arg("-t")
        .arg("-q")
        .arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        test.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&test.stderr)
    );
    let child = Command::new(binary)
        .arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut nginx = Nginx {
        child,
        port,
        binary: binary.to_path_buf(),
        _dir: dir,
    };
    wait_listening(&mut nginx)?;
    Ok(nginx)
}

/// Waits for nginx's pid file; an error when nginx exits first (its port was taken).
fn wait_listening(nginx: &mut Nginx) -> Result<(), String> {
    let dir = nginx._dir.path().to_path_buf();
    let log = || std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        if let Some(status) = nginx.child.try_wait().unwrap() {
            return Err(format!("nginx exited ({status}): {}", log()));
        }
        let pid = std::fs::read_to_string(dir.join("nginx.pid")).unwrap_or_default();
        if pid.trim() == nginx.child.id().to_string() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("nginx did not listen: {}", log());
}

fn assert_security_headers(what: &str, reply: &RawReply, app_csp: &str) {
    assert_eq!(
        reply.header("content-security-policy"),
        Some(app_csp),
        "{what}: the proxy's CSP must be the app's"
    );
    for name in [
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
    ] {
        assert!(reply.header(name).is_some(), "{what}: {name} missing");
        let sent = reply.headers.iter().filter(|(n, _)| n == name).count();
        assert_eq!(sent, 1, "{what}: {name} sent {sent} times");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_in_front_proxies_keeps_headers_cuts_slow_clients_and_limits_per_address() {
    let Some(nginx_binary) = programs::need(
        "nginx_in_front_proxies_keeps_headers_cuts_slow_clients_and_limits_per_address",
        &programs::NGINX,
    ) else {
        return;
    };
    let app = net::start(
        support::shipped().state.clone(),
        net::loopback(net::no_rate_limit(), 60),
    )
    .await;
    let direct = net::get(app.addr, "/").await.unwrap();
    let app_csp = direct
        .header("content-security-policy")
        .unwrap()
        .to_string();
    let upstream = app.addr.port();
    let nginx = start_nginx(&nginx_binary, &|listen| site_config(listen, upstream));
    let front: std::net::SocketAddr = ([127, 0, 0, 1], nginx.port).into();

    // Proxies pages and the API, with the app's headers.
    let page = net::get(front, "/?q=detention").await.unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<html"));
    assert_security_headers("page", &page, &app_csp);
    let api = net::get(front, "/api/v1/search?q=bail").await.unwrap();
    assert_eq!(api.status, 200);
    assert_security_headers("api", &api, &app_csp);
    let missing = net::get(front, "/nowhere").await.unwrap();
    assert_eq!(missing.status, 404);
    assert_security_headers("404", &missing, &app_csp);

    // Slow clients: cut off after the header timeout while a normal client is served.
    let slow = tokio::spawn(async move {
        let started = Instant::now();
        let mut stream = TcpStream::connect(front).await.unwrap();
        let head = b"GET / HTTP/1.1\r\nHost: atlas.test\r\nX-Slow: ";
        for byte in head.iter().chain(std::iter::repeat(&b'z')) {
            if stream.write_all(&[*byte]).await.is_err() {
                break;
            }
            let mut buf = [0u8; 64];
            match tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await {
                Ok(_) => break,
                Err(_) if started.elapsed() > Duration::from_secs(30) => break,
                Err(_) => {}
            }
        }
        started.elapsed()
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The rate budget is small in the test config: wait for it to refill first.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let served = net::get(front, "/healthz").await.unwrap();
    assert_eq!(served.status, 200, "served while a slow client hangs on");
    let cut = slow.await.unwrap();
    assert!(cut < Duration::from_secs(30), "slow client held {cut:?}");
    eprintln!("nginx: slow-header client cut off after {cut:?} (client_header_timeout 1s)");

    // Per-address limit at the proxy; forged forwarding headers do not help.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let mut statuses = Vec::new();
    for n in 0..15 {
        let forged = format!("X-Forwarded-For: 203.0.113.{n}\r\n");
        let reply = net::get_with(front, "/healthz", &forged).await.unwrap();
        if reply.status == 429 {
            assert_security_headers("429", &reply, &app_csp);
        }
        statuses.push(reply.status);
    }
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 429),
        "{statuses:?}"
    );
    assert!(
        statuses.iter().filter(|s| **s == 429).count() >= 5,
        "{statuses:?}"
    );

    // The app down: nginx's own 502 still carries the headers. The wait refills the
    // address's rate budget (1 r/s, burst 5), so the answer is the proxy error, not a 429.
    drop(app);
    tokio::time::sleep(Duration::from_secs(6)).await;
    let down = net::get(front, "/healthz").await.unwrap();
    assert_eq!(down.status, 502, "{}", down.body);
    assert_security_headers("proxy error", &down, &app_csp);
}

/// Issue 21, L7: behind the shipped nginx listening on a port other than 80 (as here), a
/// browser's genuine proposal (`Origin` naming that port, no `Sec-Fetch-Site`) reaches the
/// app with the port still in `Host` and is received; one from another port is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn l7_a_genuine_post_through_nginx_on_another_port_is_received() {
    let Some(nginx_binary) = programs::need(
        "l7_a_genuine_post_through_nginx_on_another_port_is_received",
        &programs::NGINX,
    ) else {
        return;
    };
    let lab = crate::proposals::Lab::new();
    let limits = net::no_rate_limit();
    let app = net::start(lab.state(&limits), net::loopback(limits.clone(), 60)).await;
    let upstream = app.addr.port();
    let nginx = start_nginx(&nginx_binary, &|listen| site_config(listen, upstream));
    let front: std::net::SocketAddr = ([127, 0, 0, 1], nginx.port).into();
    let body = crate::proposals::encode_form(&crate::proposals::proposal());
    let post = |origin: String| {
        format!(
            "POST /propose?lang=en HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: {origin}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            nginx.port,
            body.len()
        )
    };
    let genuine = post(format!("http://127.0.0.1:{}", nginx.port));
    let reply = net::send_raw(front, genuine.as_bytes()).await.unwrap();
    assert_eq!(
        reply.status, 303,
        "a genuine post through nginx: {}",
        reply.body
    );
    let other_port = post(format!("http://127.0.0.1:{}", nginx.port.wrapping_add(1)));
    let reply = net::send_raw(front, other_port.as_bytes()).await.unwrap();
    assert_eq!(reply.status, 403, "a post from another origin");
    assert_eq!(lab.stored().len(), 1);
}
