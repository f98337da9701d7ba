//! Where the data, database and index live, and how the server listens: flags with `ATD_*` env fallbacks.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

/// Paths shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct Paths {
    /// Folder with practices.csv and the vocabulary, country, currency, rate and CPI tables.
    #[arg(long, env = "ATD_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// The SQLite database (the source of truth; created by `import`).
    #[arg(
        long,
        env = "ATD_DB",
        default_value = "data/atd-atlas.sqlite3",
        global = true
    )]
    pub db: PathBuf,
    /// The folder of index generations (a cache: delete it and it is rebuilt).
    #[arg(long, env = "ATD_INDEX_DIR", default_value = "index", global = true)]
    pub index_dir: PathBuf,
}

impl Paths {
    pub fn practices_csv(&self) -> PathBuf {
        self.data_dir.join("practices.csv")
    }
}

/// The base URL citations use when `--public-url` is not given.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// How the server listens and protects itself.
#[derive(Debug, Clone, Args)]
pub struct ServeOptions {
    /// Address to listen on.
    #[arg(long, env = "ATD_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Seconds between checks for a new index generation.
    #[arg(long, env = "ATD_RELOAD_SECS", default_value_t = 2)]
    pub reload_secs: u64,
    /// The public base URL of the site, used in citations and stable record URLs.
    #[arg(long, env = "ATD_PUBLIC_URL", default_value = DEFAULT_PUBLIC_URL)]
    pub public_url: String,
    #[command(flatten)]
    pub limits: Limits,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            reload_secs: 2,
            public_url: DEFAULT_PUBLIC_URL.to_string(),
            limits: Limits::default(),
        }
    }
}

/// What one client, one request and the whole server may use before being cut off or shed.
#[derive(Debug, Clone, Args)]
pub struct Limits {
    /// Seconds a client has to send a request's headers before the connection is closed
    /// (slow-header clients, "slowloris").
    #[arg(long, env = "ATD_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Seconds a handler may take before the request is answered 503.
    #[arg(long, env = "ATD_REQUEST_TIMEOUT_SECS", default_value_t = 10)]
    pub request_timeout_secs: u64,
    /// Largest request body in bytes (413 beyond); the site only reads, so this is small.
    #[arg(long, env = "ATD_MAX_BODY_BYTES", default_value_t = 64 * 1024)]
    pub max_body_bytes: usize,
    /// Longest request target (path and query) in bytes (414 beyond).
    #[arg(long, env = "ATD_MAX_URI_BYTES", default_value_t = 8 * 1024)]
    pub max_uri_bytes: usize,
    /// Largest request head (request line and headers) in bytes (431 beyond; at least 8192).
    #[arg(long, env = "ATD_MAX_HEADER_BYTES", default_value_t = 64 * 1024)]
    pub max_header_bytes: usize,
    /// Requests handled at once; more are shed at once with 503 and Retry-After.
    #[arg(long, env = "ATD_MAX_CONCURRENT", default_value_t = 64)]
    pub max_concurrent: usize,
    /// Open connections at once; further clients wait in the listen backlog.
    #[arg(long, env = "ATD_MAX_CONNECTIONS", default_value_t = 1024)]
    pub max_connections: usize,
    /// Requests per second each client address may sustain (0: no limit, e.g. behind a proxy
    /// that limits, since every request then comes from the proxy's address).
    #[arg(long, env = "ATD_RATE_PER_SEC", default_value_t = 20)]
    pub rate_per_sec: u32,
    /// Requests a client may send in a burst above its rate before getting 429.
    #[arg(long, env = "ATD_RATE_BURST", default_value_t = 60)]
    pub rate_burst: u32,
}

impl Limits {
    /// Headers a request may carry (431 beyond); hyper parses four times as many, so the
    /// guard sees the excess and answers with the usual headers.
    pub const MAX_HEADERS: usize = 100;
    /// The smallest read buffer hyper accepts, so the least `max_header_bytes` can mean.
    pub const MIN_HEAD_BYTES: usize = 8192;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout_secs: 10,
            request_timeout_secs: 10,
            max_body_bytes: 64 * 1024,
            max_uri_bytes: 8 * 1024,
            max_header_bytes: 64 * 1024,
            max_concurrent: 64,
            max_connections: 1024,
            rate_per_sec: 20,
            rate_burst: 60,
        }
    }
}
