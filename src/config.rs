//! Where the data, database and index live, and how the server listens: flags with `ATD_*` env fallbacks.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

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

    /// The proposals database: `explicit` when given, else `proposals.sqlite3` beside the
    /// published database (never inside it) — or, when only a `submissions.sqlite3` (its
    /// first name) is there, that one, so no one's proposals are left behind.
    pub fn proposals_db(&self, explicit: Option<&Path>) -> PathBuf {
        if let Some(path) = explicit {
            return path.to_path_buf();
        }
        let dir = self.db.parent().unwrap_or(Path::new(""));
        let current = dir.join(PROPOSALS_DB_NAME);
        let old = dir.join(OLD_PROPOSALS_DB_NAME);
        if !current.exists() && old.exists() {
            tracing::info!(
                "using {} (the proposals database's first name) because there is no {}",
                old.display(),
                current.display()
            );
            return old;
        }
        current
    }
}

/// The proposals database's file name beside `--db`, and the name it had first.
pub const PROPOSALS_DB_NAME: &str = "proposals.sqlite3";
pub const OLD_PROPOSALS_DB_NAME: &str = "submissions.sqlite3";

/// The environment variables that had other names first (new, old): when only the old one
/// is set it is read, so a deployment's settings keep working after the rename.
const OLD_ENV_NAMES: [(&str, &str); 3] = [
    ("ATD_PROPOSALS", "ATD_SUBMISSIONS"),
    ("ATD_PROPOSALS_DB", "ATD_SUBMISSIONS_DB"),
    ("ATD_PROPOSALS_PER_HOUR", "ATD_SUBMISSIONS_PER_HOUR"),
];

/// `command` (and every subcommand) reading an old environment variable name for each
/// argument whose new name is not set but whose old one is. Clap reads one name per
/// argument; choosing which one here keeps the process environment untouched.
pub fn with_old_env_names(command: clap::Command) -> clap::Command {
    let set = |name: &str| std::env::var_os(name).is_some();
    let chosen: Vec<(&str, &str)> = OLD_ENV_NAMES
        .into_iter()
        .filter(|(new, old)| !set(new) && set(old))
        .collect();
    if chosen.is_empty() {
        return command;
    }
    rename_env(command, &chosen)
}

fn rename_env(command: clap::Command, chosen: &[(&'static str, &'static str)]) -> clap::Command {
    command
        .mut_args(|arg| {
            let old = chosen
                .iter()
                .find(|(new, _)| arg.get_env().is_some_and(|env| env == *new));
            match old {
                Some((_, old)) => arg.env(*old),
                None => arg,
            }
        })
        .mut_subcommands(|sub| rename_env(sub, chosen))
}

/// Whether the site takes proposals (`off`: a read-only mirror).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProposalsMode {
    On,
    Off,
}

/// The base URL citations use when `--public-url` is not given.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// What to say at start when citations would point at the wrong site: `--public-url` left at
/// its default while the server listens elsewhere (behind a proxy, on another port), so every
/// "cite this record" and feed address would name `http://127.0.0.1:8080`.
pub fn public_url_warning(public_url: &str, listening: SocketAddr) -> Option<String> {
    let here = format!("http://{listening}");
    (public_url.trim_end_matches('/') == DEFAULT_PUBLIC_URL && here != DEFAULT_PUBLIC_URL).then(|| {
        format!(
            "--public-url is the default {DEFAULT_PUBLIC_URL} but the server listens on {here}: \
             citations, record addresses and feeds will name {DEFAULT_PUBLIC_URL}; set \
             --public-url (or ATD_PUBLIC_URL) to the address readers use"
        )
    })
}

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
    /// `off` serves a read-only mirror: /propose explains other ways to propose a change.
    #[arg(
        long,
        alias = "submissions",
        env = "ATD_PROPOSALS",
        value_enum,
        default_value = "on"
    )]
    pub proposals: ProposalsMode,
    /// The proposals database (default: proposals.sqlite3 beside --db).
    #[arg(long, alias = "submissions-db", env = "ATD_PROPOSALS_DB")]
    pub proposals_db: Option<PathBuf>,
    #[command(flatten)]
    pub limits: Limits,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            reload_secs: 2,
            public_url: DEFAULT_PUBLIC_URL.to_string(),
            proposals: ProposalsMode::On,
            proposals_db: None,
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
    /// Largest request body in bytes (413 beyond); only proposals have bodies, so this is small.
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
    /// Open connections one peer address (IPv4, or IPv6 /64) may hold; more are closed at
    /// once, so idle sockets from one address cannot fill `--max-connections`. Trusted
    /// proxies are exempt (they carry everyone). 0: no per-address cap.
    #[arg(long, env = "ATD_MAX_CONNECTIONS_PER_CLIENT", default_value_t = 64)]
    pub max_connections_per_client: usize,
    /// Requests one client address may have in progress at once, reading a body included
    /// (429 with Retry-After beyond). 0: no per-address cap.
    #[arg(long, env = "ATD_MAX_IN_FLIGHT_PER_CLIENT", default_value_t = 16)]
    pub max_in_flight_per_client: usize,
    /// Seconds a proposal's body (at most `--max-body-bytes`) has to arrive once its head
    /// has: a body slower than that (6.4 KB/s for the largest, by default) is answered 408.
    #[arg(long, env = "ATD_BODY_TIMEOUT_SECS", default_value_t = 10)]
    pub body_timeout_secs: u64,
    /// Requests per second each client address may sustain (0: no limit, e.g. behind a proxy
    /// that limits, since every request then comes from the proxy's address).
    #[arg(long, env = "ATD_RATE_PER_SEC", default_value_t = 20)]
    pub rate_per_sec: u32,
    /// Requests a client may send in a burst above its rate before getting 429.
    #[arg(long, env = "ATD_RATE_BURST", default_value_t = 60)]
    pub rate_burst: u32,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` say who the client is (comma
    /// separated addresses, e.g. 127.0.0.1 for nginx on the same host). From any other peer
    /// those headers are ignored; with none (the default) they are always ignored.
    #[arg(
        long = "trusted-proxy",
        env = "ATD_TRUSTED_PROXY",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Proposals each client address may send per hour (429 with Retry-After beyond).
    #[arg(
        long,
        alias = "submissions-per-hour",
        env = "ATD_PROPOSALS_PER_HOUR",
        default_value_t = 5
    )]
    pub proposals_per_hour: u32,
    /// Pending proposals one address may have waiting for a moderator (503 beyond).
    #[arg(long, env = "ATD_MAX_PENDING_PER_CLIENT", default_value_t = 20)]
    pub max_pending_per_client: u32,
    /// Pending proposals one /24 (IPv4) or /64 (IPv6) may have waiting (503 beyond): a
    /// flood from many neighbouring addresses fills this, not the whole queue.
    #[arg(long, env = "ATD_MAX_PENDING_PER_PREFIX", default_value_t = 50)]
    pub max_pending_per_prefix: u32,
    /// Pending proposals waiting for a moderator, from everyone (503 beyond).
    #[arg(long, env = "ATD_MAX_PENDING", default_value_t = 1000)]
    pub max_pending: u32,
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
            max_connections_per_client: 64,
            max_in_flight_per_client: 16,
            body_timeout_secs: 10,
            rate_per_sec: 20,
            rate_burst: 60,
            trusted_proxies: Vec::new(),
            proposals_per_hour: 5,
            max_pending_per_client: 20,
            max_pending_per_prefix: 50,
            max_pending: 1000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_public_url_is_reported_only_when_the_server_listens_elsewhere() {
        let elsewhere: SocketAddr = "0.0.0.0:9000".parse().unwrap();
        let default_addr: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let warning = public_url_warning(DEFAULT_PUBLIC_URL, elsewhere).expect("a warning");
        assert!(warning.contains("http://0.0.0.0:9000") && warning.contains("--public-url"));
        assert_eq!(public_url_warning(DEFAULT_PUBLIC_URL, default_addr), None);
        assert_eq!(
            public_url_warning("https://atlas.example.org", elsewhere),
            None,
            "a chosen public URL is trusted"
        );
    }
}
