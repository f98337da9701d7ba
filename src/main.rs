//! The `atd-atlas` binary: parse the command line, set up logs, run, report errors plainly.

use std::io::IsTerminal;
use std::process::ExitCode;

use atd_atlas::cli::{self, Rejected};

/// sysexits' EX_DATAERR: the input data was wrong, nothing was changed.
const EXIT_BAD_DATA: u8 = 65;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::parse();
    init_tracing();
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(rejected) = err.downcast_ref::<Rejected>() {
                eprintln!("error: {rejected}");
                return ExitCode::from(EXIT_BAD_DATA);
            }
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only for people, never into log files.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
