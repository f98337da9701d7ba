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
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            reload_secs: 2,
            public_url: DEFAULT_PUBLIC_URL.to_string(),
        }
    }
}
