//! The command line: subcommands, and the one place that wires import, store, search and web together.
//!
//! Over 500 lines: the subcommands and the start-up decisions they share (import when the
//! data changed; rebuild a missing, damaged or older index; the fingerprint of the files read)
//! are one wiring of import → store → index → serve, kept in one place on purpose.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::changes;
use crate::config::{Paths, ServeOptions};
use crate::faults;
use crate::import::{self, Limits, Problem};
use crate::model::{Practice, Reference};
use crate::search::generation;
use crate::store::{DataRelease, Reader, Store};

#[derive(Debug, Parser)]
#[command(
    name = "atd-atlas",
    version,
    about = "A searchable database of alternatives to immigration detention.",
    long_about = "A searchable database of alternatives to immigration detention.\n\n\
                  With no subcommand, serves the shipped data, importing and indexing it first \
                  if the database or index is missing or older than the CSV."
)]
pub struct Cli {
    #[command(flatten)]
    pub paths: Paths,
    #[command(subcommand)]
    pub command: Option<Command>,
}

// The field docs are clap's help text, shown as written: `<data-dir>` is not HTML.
#[allow(rustdoc::invalid_html_tags)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a practices CSV and replace the database with it, then rebuild the index.
    Import {
        /// The CSV to import (default: <data-dir>/practices.csv).
        csv: Option<PathBuf>,
        #[command(flatten)]
        caps: FileCaps,
    },
    /// Rebuild the search index from the database.
    Index,
    /// Serve the web site and JSON API.
    Serve(ServeOptions),
    /// Validate a practices CSV without changing anything.
    Check {
        /// The CSV to check (default: <data-dir>/practices.csv).
        csv: Option<PathBuf>,
        #[command(flatten)]
        caps: FileCaps,
    },
    /// Moderate proposed practices and corrections (list, show, accept, reject, purge, export).
    // `submissions`: the command's first name, kept (hidden) for moderators' scripts.
    #[command(alias = "submissions")]
    Proposals {
        /// The proposals database (default: proposals.sqlite3 beside --db).
        #[arg(
            long = "proposals-db",
            alias = "submissions-db",
            env = "ATD_PROPOSALS_DB"
        )]
        proposals_db: Option<PathBuf>,
        #[command(subcommand)]
        action: crate::moderation::Moderation,
    },
    /// List the practices added, removed and changed (field by field) from OLD to NEW, and
    /// write the release's entry into the changelog.
    Diff {
        /// The practices CSV before the release.
        old: PathBuf,
        /// The practices CSV of the release.
        new: PathBuf,
        /// The release's version (default: `version` of <data-dir>/datapackage.json).
        #[arg(long)]
        version: Option<String>,
        /// The release's date, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        date: Option<String>,
        /// The changelog to write (default: <data-dir>/CHANGELOG.md).
        #[arg(long)]
        changelog: Option<PathBuf>,
    },
}

/// A CSV that failed validation: every problem, and nothing was written.
#[derive(Debug)]
pub struct Rejected {
    pub file: PathBuf,
    pub problems: Vec<Problem>,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for problem in &self.problems {
            writeln!(f, "  {problem}")?;
        }
        let n = self.problems.len();
        write!(
            f,
            "{} has {n} problem{}; nothing was changed. Fix the rows above and run again.",
            self.file.display(),
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Rejected {}

/// The command line of this process, reading the old names of renamed environment variables
/// when only those are set (`config::with_old_env_names`).
pub fn parse() -> Cli {
    let command = crate::config::with_old_env_names(Cli::command());
    match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    }
}

const MIB: u64 = 1024 * 1024;

/// The caps on a practices file that `import` and `check` read: a mistaken or hostile file
/// cannot exhaust memory, and a larger collection raises them on purpose.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct FileCaps {
    /// Largest practices CSV read, in MiB (the whole file is held in memory while it is checked).
    #[arg(long, value_name = "MIB", default_value_t = Limits::default().max_file_bytes / MIB,
          value_parser = clap::value_parser!(u64).range(1..=1024 * 1024))]
    pub max_file_mib: u64,
    /// Most practice rows read.
    #[arg(long, value_name = "ROWS", default_value_t = Limits::default().max_rows as u64,
          value_parser = clap::value_parser!(u64).range(1..=u64::from(u32::MAX)))]
    pub max_rows: u64,
}

impl FileCaps {
    pub fn limits(self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_mib.saturating_mul(MIB),
            max_rows: usize::try_from(self.max_rows).unwrap_or(usize::MAX),
            ..Limits::default()
        }
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let paths = cli.paths;
    match cli.command {
        None => serve(&paths, serve_options_from_env()).await,
        Some(Command::Serve(options)) => serve(&paths, options).await,
        Some(Command::Import { csv, caps }) => {
            let csv = csv.unwrap_or_else(|| paths.practices_csv());
            let limits = caps.limits();
            blocking(move || import_and_index_within(&paths, &csv, &limits).map(|_| ())).await
        }
        Some(Command::Index) => blocking(move || rebuild_index(&paths).map(|_| ())).await,
        Some(Command::Check { csv, caps }) => {
            let csv = csv.unwrap_or_else(|| paths.practices_csv());
            blocking(move || check(&paths, &csv, &caps.limits())).await
        }
        Some(Command::Proposals {
            proposals_db,
            action,
        }) => {
            let db = paths.proposals_db(proposals_db.as_deref());
            blocking(move || crate::moderation::run(&paths, &db, action)).await
        }
        Some(Command::Diff {
            old,
            new,
            version,
            date,
            changelog,
        }) => {
            let release = ReleaseArgs {
                version,
                date,
                changelog,
            };
            blocking(move || diff(&paths, &old, &new, release)).await
        }
    }
}

/// The options of `atd-atlas diff`.
pub struct ReleaseArgs {
    pub version: Option<String>,
    pub date: Option<String>,
    pub changelog: Option<PathBuf>,
}

/// The rows of the figures file beside a practices file; none when it has none (a release
/// before figures had their own file).
fn figure_rows(practices: &Path) -> anyhow::Result<Vec<changes::Row>> {
    let path = import::figures_path(practices);
    if !path.exists() {
        return Ok(Vec::new());
    }
    changes::read_rows(&path)
}

/// `atd-atlas diff`: prints the release's changelog entry and writes it at the top of the
/// changelog (atomically: a temporary file renamed over it).
pub fn diff(paths: &Paths, old: &Path, new: &Path, args: ReleaseArgs) -> anyhow::Result<()> {
    let version = match args.version {
        Some(version) => version,
        None => changes::data_version(&paths.data_dir)?,
    };
    anyhow::ensure!(
        is_semantic(&version),
        "version `{version}` is not semantic (major.minor.patch, like 1.2.0); set it in \
         datapackage.json or pass --version"
    );
    let date = args.date.unwrap_or_else(crate::clock::today);
    anyhow::ensure!(
        import::is_date(&date),
        "date `{date}` is not a date; write it as YYYY-MM-DD"
    );
    let mut changes = changes::diff(&changes::read_rows(old)?, &changes::read_rows(new)?);
    changes.figures = changes::diff_figures(&figure_rows(old)?, &figure_rows(new)?);
    let release = changes::Release {
        version,
        date,
        changes,
    };
    let path = args
        .changelog
        .unwrap_or_else(|| paths.data_dir.join("CHANGELOG.md"));
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    let text = changes::with_entry(&existing, &release)?;
    let moved = changes::unreleased(&existing);
    let temporary = path.with_extension("md.tmp");
    std::fs::write(&temporary, &text)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, &path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    print!("{}", changes::render(&release));
    if !moved.is_empty() {
        println!(
            "\n{} accepted proposal(s) moved from \"Unreleased\" into release {}: {}",
            moved.len(),
            release.version,
            moved
                .iter()
                .map(|a| a.reference.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

fn is_semantic(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The serve options when no subcommand was given: defaults, overridden by `ATD_*` variables.
fn serve_options_from_env() -> ServeOptions {
    #[derive(Parser)]
    struct ServeOnly {
        #[command(flatten)]
        options: ServeOptions,
    }
    let command = crate::config::with_old_env_names(ServeOnly::command());
    match command
        .try_get_matches_from(["atd-atlas"])
        .and_then(|matches| ServeOnly::from_arg_matches(&matches))
    {
        Ok(parsed) => parsed.options,
        Err(err) => err.exit(),
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .context("background task failed")?
}

fn load_reference(paths: &Paths) -> anyhow::Result<Reference> {
    import::load_reference(&paths.data_dir).with_context(|| {
        format!(
            "cannot load the reference tables in {}",
            paths.data_dir.display()
        )
    })
}

fn rejected(csv: &Path, problems: Vec<Problem>) -> anyhow::Error {
    anyhow::Error::new(Rejected {
        file: csv.to_path_buf(),
        problems,
    })
}

/// `atd-atlas check`: validate only.
pub fn check(paths: &Paths, csv: &Path, limits: &Limits) -> anyhow::Result<()> {
    let reference = load_reference(paths)?;
    let checked = import::stream_import(csv, &reference, limits, &mut |_| Ok(()))?;
    let imported = checked.map_err(|problems| rejected(csv, problems))?;
    println!(
        "{}: {} practices, {} figures, no problems",
        csv.display(),
        imported.practices,
        imported.figures
    );
    let stale = import::stale_translations(csv, &reference);
    let file = import::translations_path(csv);
    for s in &stale {
        println!(
            "{}:{}: the {} `{}` of `{}` may be out of date: its original changed since it was \
             translated; translate it again and update source_sha256",
            file.display(),
            s.line,
            s.lang.code(),
            s.field.name(),
            s.practice
        );
    }
    if !stale.is_empty() {
        println!("{} translations may be out of date", stale.len());
    }
    Ok(())
}

/// Validates `csv` and replaces the database with it in one transaction, row by row, so
/// memory is bounded by the file, not by the parsed records. A bad row anywhere rolls it all
/// back (and a database this import created is removed again): nothing is changed.
pub fn import_streaming(
    paths: &Paths,
    csv: &Path,
    reference: &Reference,
    limits: &Limits,
) -> anyhow::Result<DataRelease> {
    let files = released_files(paths, csv)?;
    let fingerprint = fingerprint_of(&files);
    let releases = changes::releases_beside(csv)?;
    let unreleased = changes::unreleased_beside(csv)?;
    let marks = changes::marks(&releases);
    let existed = paths.db.exists();
    let outcome = Store::open(&paths.db).and_then(|mut store| {
        store.replace_all_released(&fingerprint, &releases, &unreleased, &files, |add| {
            let mut marked = |mut p: Practice| {
                if let Some(mark) = marks.get(p.id.as_str()) {
                    p.releases = mark.clone();
                }
                add(p)
            };
            let checked = import::stream_import(csv, reference, limits, &mut marked)?;
            if checked.is_ok() {
                faults::point("import::validated")?;
            }
            Ok(checked.map(|imported| imported.country_figures))
        })
    })?;
    outcome.map_err(|problems| {
        if !existed {
            remove_new_database(&paths.db);
        }
        rejected(csv, problems)
    })
}

/// A rejected first import leaves no empty database behind (it is re-created next time).
fn remove_new_database(db: &Path) {
    if let Err(err) = std::fs::remove_file(db) {
        tracing::warn!(path = %db.display(), %err, "could not remove the empty database a rejected import created");
    }
}

/// `atd-atlas import`: validate everything, replace the database in one transaction, reindex.
pub fn import_and_index(paths: &Paths, csv: &Path) -> anyhow::Result<DataRelease> {
    import_and_index_within(paths, csv, &Limits::default())
}

/// `atd-atlas import` with the file caps it was given (`--max-file-mib`, `--max-rows`).
pub fn import_and_index_within(
    paths: &Paths,
    csv: &Path,
    limits: &Limits,
) -> anyhow::Result<DataRelease> {
    let release = import_only(paths, csv, limits)?;
    rebuild_for(paths, &release)?;
    Ok(release)
}

/// Validates everything and replaces the database in one transaction; the index is untouched.
fn import_only(paths: &Paths, csv: &Path, limits: &Limits) -> anyhow::Result<DataRelease> {
    let started = Instant::now();
    let reference = load_reference(paths)?;
    let release = import_streaming(paths, csv, &reference, limits)?;
    tracing::info!(
        practices = release.practices,
        generation = release.generation,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "imported {}",
        csv.display()
    );
    faults::point("import::committed")?;
    Ok(release)
}

/// `atd-atlas index`: a new index generation from the database as it is.
pub fn rebuild_index(paths: &Paths) -> anyhow::Result<generation::BuildInfo> {
    let reference = load_reference(paths)?;
    let reader = Reader::open(&paths.db)?;
    let release = reader
        .release()?
        .context("the database holds no import yet; run `atd-atlas import`")?;
    build_index(paths, &reference, &release)
}

fn build_index(
    paths: &Paths,
    reference: &Reference,
    release: &DataRelease,
) -> anyhow::Result<generation::BuildInfo> {
    let started = Instant::now();
    let reader = Reader::open(&paths.db)?;
    // Streamed from SQLite: a million records never sit in memory at once.
    let info =
        generation::build_streaming(&paths.index_dir, release.generation, reference, |add| {
            reader.for_each_practice(add)
        })
        .with_context(|| format!("cannot build the index in {}", paths.index_dir.display()))?;
    tracing::info!(
        generation = info.generation,
        documents = info.practices,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "built index"
    );
    Ok(info)
}

/// Brings the database and index up to date with the data files before serving.
/// A data file with problems never replaces a good database: the last good one keeps serving.
pub fn prepare(paths: &Paths) -> anyhow::Result<()> {
    let release = prepare_database(paths)?;
    ensure_index(paths, &release)
}

/// The database half of [`prepare`]: imports when the data files changed (or there is no
/// database yet) and returns the release to serve. A bad data file keeps the last good import.
pub fn prepare_database(paths: &Paths) -> anyhow::Result<DataRelease> {
    let csv = paths.practices_csv();
    let wanted = fingerprint(paths, &csv)?;
    match existing_release(&paths.db)? {
        Some(release) if release.fingerprint == wanted => Ok(release),
        Some(release) => match import_only(paths, &csv, &Limits::default()) {
            Ok(fresh) => Ok(fresh),
            Err(err) => {
                tracing::warn!(
                    "the data files changed but cannot be imported; serving the last good import (generation {}): {err:#}",
                    release.generation
                );
                Ok(release)
            }
        },
        None => {
            tracing::info!("no database yet: importing {}", csv.display());
            import_only(paths, &csv, &Limits::default())
        }
    }
}

/// What start-up finds in the index folder for a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexState {
    /// Built from this release: serve it.
    Current,
    /// Whole, but built from an older import: serve it while a new one is built.
    Older,
    /// Missing or damaged (a damaged generation is moved aside): nothing to serve yet.
    Unusable,
}

pub fn index_state(paths: &Paths, release: &DataRelease) -> IndexState {
    let root = &paths.index_dir;
    let current = match generation::current(root) {
        Ok(Some(current)) => current,
        Ok(None) => return IndexState::Unusable,
        Err(err) => {
            tracing::warn!("index pointer unreadable, rebuilding: {err:#}");
            return IndexState::Unusable;
        }
    };
    match generation::open(root, current) {
        Ok(g)
            if g.info.data_generation == release.generation
                && g.info.layout == generation::INDEX_LAYOUT =>
        {
            IndexState::Current
        }
        Ok(_) => IndexState::Older,
        Err(err) => {
            tracing::warn!("index generation {current} is damaged, rebuilding: {err:#}");
            if let Ok(aside) = generation::quarantine(root, current) {
                tracing::warn!("moved the damaged generation to {}", aside.display());
            }
            IndexState::Unusable
        }
    }
}

fn existing_release(db: &Path) -> anyhow::Result<Option<DataRelease>> {
    if !db.exists() {
        return Ok(None);
    }
    Reader::open(db)?.release()
}

/// Rebuilds the index when it is missing, damaged, or built from another import.
fn ensure_index(paths: &Paths, release: &DataRelease) -> anyhow::Result<()> {
    match index_state(paths, release) {
        IndexState::Current => Ok(()),
        IndexState::Older => {
            tracing::info!("the index is older than the database: rebuilding");
            // A whole older index beats none: if the rebuild fails (disk full, say),
            // serve it and say so rather than refuse to start.
            if let Err(err) = rebuild_for(paths, release) {
                tracing::warn!(
                    "cannot rebuild the index; serving the older generation until `atd-atlas index` succeeds: {err:#}"
                );
            }
            Ok(())
        }
        IndexState::Unusable => rebuild_for(paths, release),
    }
}

fn rebuild_for(paths: &Paths, release: &DataRelease) -> anyhow::Result<()> {
    let reference = load_reference(paths)?;
    build_index(paths, &reference, release).map(|_| ())
}

/// The tables `import::load_reference` reads, beside the practices CSV.
const REFERENCE_FILES: [&str; 5] = [
    "vocabularies.csv",
    "countries.csv",
    "currencies.csv",
    "fx_usd_annual.csv",
    "us_cpi_annual.csv",
];

/// A fingerprint of every data file an import reads: changes when any of them does.
pub fn fingerprint(paths: &Paths, csv: &Path) -> anyhow::Result<String> {
    Ok(fingerprint_of(&released_files(paths, csv)?))
}

/// Every data file an import reads, by the name `/data/{file}` serves it under (the
/// practices file is `practices.csv` whatever it is called), with its bytes: the released
/// copy the database keeps.
fn released_files(paths: &Paths, csv: &Path) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files: Vec<(String, PathBuf)> = vec![("practices.csv".into(), csv.to_path_buf())];
    for beside in [
        import::sources_path(csv),
        import::translations_path(csv),
        import::figures_path(csv),
        import::links::links_path(csv),
        changes::changelog_path(csv),
    ] {
        if beside.exists() {
            files.push((file_name(&beside), beside));
        }
    }
    for name in REFERENCE_FILES {
        files.push((name.to_string(), paths.data_dir.join(name)));
    }
    files
        .into_iter()
        .map(|(name, path)| {
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            Ok((name, bytes))
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// FNV-1a over each file's name and bytes: stable across builds and platforms, unlike
/// std's hasher.
fn fingerprint_of(files: &[(String, Vec<u8>)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, bytes) in files {
        for b in name.as_bytes().iter().chain(bytes) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("fnv1a64:{hash:016x}")
}

async fn serve(paths: &Paths, options: ServeOptions) -> anyhow::Result<()> {
    let db_paths = paths.clone();
    let release = blocking(move || prepare_database(&db_paths)).await?;
    let state_paths = paths.clone();
    let state_release = release.clone();
    let state = blocking(move || Ok(index_state(&state_paths, &state_release))).await?;
    let build_paths = paths.clone();
    let build = move || rebuild_for(&build_paths, &release);
    match state {
        IndexState::Current => crate::web::serve(paths, &options).await,
        IndexState::Older => {
            // Serve the older generation now; the reloader switches when the build is done.
            tokio::task::spawn_blocking(move || {
                if let Err(err) = build() {
                    tracing::warn!(
                        "cannot rebuild the index; serving the older generation: {err:#}"
                    );
                }
            });
            crate::web::serve(paths, &options).await
        }
        IndexState::Unusable => crate::web::serve_while_building(paths, &options, build).await,
    }
}
