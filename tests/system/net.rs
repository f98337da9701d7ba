//! A real server on 127.0.0.1 for a test, and a raw HTTP/1.1 client that can misbehave.

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use atd_atlas::config::{Limits, ServeOptions};
use atd_atlas::web::AppState;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

/// A server running in this process; stops when dropped.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Serving options for a test server on a free loopback port, looking for a new index
/// generation every `reload_secs`.
pub fn loopback(limits: Limits, reload_secs: u64) -> ServeOptions {
    ServeOptions {
        addr: "127.0.0.1:0".parse().expect("loopback address"),
        reload_secs,
        limits,
        ..ServeOptions::default()
    }
}

/// The served limits without the per-address limits (every test client is one address).
pub fn no_rate_limit() -> Limits {
    Limits {
        rate_per_sec: 0,
        max_connections_per_client: 0,
        max_in_flight_per_client: 0,
        ..Limits::default()
    }
}

/// Serves `state` the way `atd-atlas serve` does, on a free loopback port.
pub async fn start(state: AppState, options: ServeOptions) -> Running {
    start_with(|listener, stop| async move {
        atd_atlas::web::serve_on(listener, state, &options, stop)
            .await
            .expect("server runs");
    })
    .await
}

/// Serves any router through the production accept loop and limits (for handlers that
/// must be slow on purpose).
pub async fn start_router(app: axum::Router, limits: Limits) -> Running {
    start_with(|listener, stop| async move {
        let app = atd_atlas::web::limited(app, &limits);
        atd_atlas::web::serve_app(listener, app, &limits, stop)
            .await
            .expect("server runs");
    })
    .await
}

async fn start_with<F, Fut>(serve: F) -> Running
where
    F: FnOnce(tokio::net::TcpListener, std::pin::Pin<Box<dyn Future<Output = ()> + Send>>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    let stopped = Box::pin(async move {
        let _ = stopped.await;
    });
    tokio::spawn(serve(listener, stopped));
    Running {
        addr,
        stop: Some(stop),
    }
}

/// One raw response: status code, header lines (lower-cased names) and body.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `head` (and nothing else) on a new connection and reads the answer to its end.
pub async fn send_raw(addr: SocketAddr, head: &[u8]) -> std::io::Result<RawReply> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(head).await?;
    let mut bytes = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut bytes)).await;
    match read {
        Ok(Ok(_)) => {}
        // A reset after the server answered early (e.g. 413 before the body) still counts.
        Ok(Err(_)) if !bytes.is_empty() => {}
        Ok(Err(err)) => return Err(err),
        Err(_) => return Err(std::io::Error::other("no answer within 30 s")),
    }
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> std::io::Result<RawReply> {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {status_line:?}")))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok(RawReply {
        status,
        headers,
        body: body.to_string(),
    })
}

/// A connection from a chosen loopback `source` address (127.0.0.2 and so on: Linux routes
/// all of 127.0.0.0/8 to loopback), for tests of per-address limits.
pub async fn connect_from(source: IpAddr, addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(source, 0))?;
    socket.connect(addr).await
}

/// A plain GET from `source`, answered within `within` or an error.
pub async fn get_from(
    source: IpAddr,
    addr: SocketAddr,
    target: &str,
    within: Duration,
) -> std::io::Result<RawReply> {
    let exchange = async {
        let mut stream = connect_from(source, addr).await?;
        let head =
            format!("GET {target} HTTP/1.1\r\nHost: atlas.test\r\nConnection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).await?;
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).await?;
        parse(&bytes)
    };
    tokio::time::timeout(within, exchange)
        .await
        .unwrap_or_else(|_| {
            Err(std::io::Error::other(format!(
                "no answer within {within:?}"
            )))
        })
}

/// A plain GET that closes the connection after the answer.
pub async fn get(addr: SocketAddr, target: &str) -> std::io::Result<RawReply> {
    get_with(addr, target, "").await
}

/// A GET with extra header lines (each ending in `\r\n`).
pub async fn get_with(addr: SocketAddr, target: &str, extra: &str) -> std::io::Result<RawReply> {
    let head =
        format!("GET {target} HTTP/1.1\r\nHost: atlas.test\r\n{extra}Connection: close\r\n\r\n");
    send_raw(addr, head.as_bytes()).await
}

/// [`get`] from synchronous code (tests that drive the real binary).
pub fn get_blocking(addr: SocketAddr, target: &str) -> std::io::Result<RawReply> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(get(addr, target))
}

/// Polls `target` until the server at `addr` answers, or `child` exits, or a minute passes.
pub fn wait_for_answer(
    child: &mut std::process::Child,
    addr: SocketAddr,
    target: &str,
) -> RawReply {
    let until = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().expect("child status") {
            let mut err = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                use std::io::Read;
                let _ = stderr.read_to_string(&mut err);
            }
            panic!("the server exited ({status}): {err}");
        }
        if let Ok(reply) = get_blocking(addr, target) {
            return reply;
        }
        assert!(
            std::time::Instant::now() < until,
            "the server never answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A loopback port free at the time of asking. Only for programs that cannot bind port 0
/// themselves (nginx); they must retry when another process takes it first.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}
