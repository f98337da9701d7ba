//! The SQLite store: the source of truth — schema by migrations, whole-dataset replacement, reads.

mod migrations;
pub mod proposals;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, bail};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, params};

use crate::changes::{self, Release};
use crate::model::{
    Cost, DerivedCost, Figure, Grade, Lang, Link, Practice, PracticeId, Relation, ReleaseMarks,
    Source, TextField, Translation, TranslationMethod,
};

/// What the store says about the data it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRelease {
    /// Incremented by every successful import; the index records the one it was built from.
    pub generation: i64,
    /// A fingerprint of the data files the import read, to tell when they changed.
    pub fingerprint: String,
    pub imported_at: String,
    pub practices: i64,
}

/// An area of the UN M49 scheme a practice lies in (its `subregion` or `region` key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Subregion,
    Region,
}

/// The writable store, used only by `import`.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub fn open(path: &Path) -> anyhow::Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create directory {}", dir.display()))?;
        }
        let mut conn = Connection::open(path)
            .with_context(|| format!("cannot open database {}", path.display()))?;
        // A rollback journal (not WAL) lets read-only servers open the file without a -shm;
        // FULL makes a finished import durable, not just consistent. A page cache of 64 MiB
        // keeps an import's transaction (with its released copy of the data files) out of the
        // database file until it commits: a kill before then leaves the file as it was, so a
        // read-only start still reads the last release (SQLite cannot roll a journal back
        // read-only once pages have spilled into the file).
        conn.execute_batch(
            "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;
             PRAGMA cache_size=-65536;",
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        check_integrity(&conn, path)?;
        migrations::apply(&mut conn)
            .with_context(|| format!("cannot migrate database {}", path.display()))?;
        Ok(Store { conn })
    }

    /// Replaces every practice in one transaction: readers see the old set or the new one.
    pub fn replace_all(
        &mut self,
        practices: &[Practice],
        fingerprint: &str,
    ) -> anyhow::Result<DataRelease> {
        let outcome = self.replace_all_streaming(fingerprint, |add| {
            for p in practices {
                add(p.clone())?;
            }
            Ok(Ok::<Vec<Figure>, std::convert::Infallible>(Vec::new()))
        })?;
        match outcome {
            Ok(release) => Ok(release),
            Err(never) => match never {},
        }
    }

    /// Like [`replace_all`](Self::replace_all), with the practices pushed one at a time by
    /// `feed` (e.g. straight from the CSV parser), so memory stays bounded by one record.
    /// When `feed` answers `Ok(Err(reason))` — a row turned out bad after others were
    /// written — or fails, the transaction is rolled back: nothing changes. `Ok(Ok(figures))`
    /// hands over the country-level figures (those of no practice), stored in the same
    /// transaction.
    pub fn replace_all_streaming<E>(
        &mut self,
        fingerprint: &str,
        feed: impl FnOnce(
            &mut dyn FnMut(Practice) -> anyhow::Result<()>,
        ) -> anyhow::Result<Result<Vec<Figure>, E>>,
    ) -> anyhow::Result<Result<DataRelease, E>> {
        self.replace_all_released(fingerprint, &[], &[], &[], feed)
    }

    /// [`replace_all_streaming`](Self::replace_all_streaming), recording the data releases of
    /// the changelog (newest first), the accepted proposals no release holds yet, and the
    /// data files as read (`files`: name and bytes, the copy `/data/{file}` serves) in the
    /// same transaction.
    pub fn replace_all_released<E>(
        &mut self,
        fingerprint: &str,
        releases: &[Release],
        unreleased: &[changes::Accepted],
        files: &[(String, Vec<u8>)],
        feed: impl FnOnce(
            &mut dyn FnMut(Practice) -> anyhow::Result<()>,
        ) -> anyhow::Result<Result<Vec<Figure>, E>>,
    ) -> anyhow::Result<Result<DataRelease, E>> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM figures", [])?;
        tx.execute("DELETE FROM practices", [])?;
        tx.execute("DELETE FROM releases", [])?;
        replace_released_files(&tx, files)?;
        for (position, release) in releases.iter().enumerate() {
            tx.execute(
                "INSERT INTO releases (position, version, date, entry) VALUES (?1, ?2, ?3, ?4)",
                params![
                    position as i64,
                    release.version,
                    release.date,
                    changes::render(release)
                ],
            )?;
        }
        {
            let mut insert = tx.prepare(INSERT_PRACTICE)?;
            let mut insert_fig = tx.prepare(INSERT_FIGURE)?;
            let mut position = 0usize;
            let mut figure_position = 0usize;
            let fed = feed(&mut |p: Practice| {
                insert_practice(&mut insert, position, &p)
                    .with_context(|| format!("cannot store practice {}", p.id))?;
                for figure in &p.figures {
                    insert_figure(&mut insert_fig, figure_position, figure)
                        .with_context(|| format!("cannot store figure {}", figure.id))?;
                    figure_position += 1;
                }
                position += 1;
                if position == 1 {
                    crate::faults::point("store::mid_transaction")
                        .context("cannot write the database")?;
                }
                Ok(())
            })?;
            let country_figures = match fed {
                Ok(figures) => figures,
                Err(reason) => return Ok(Err(reason)),
            };
            for figure in &country_figures {
                insert_figure(&mut insert_fig, figure_position, figure)
                    .with_context(|| format!("cannot store figure {}", figure.id))?;
                figure_position += 1;
            }
        }
        let generation: i64 = tx.query_row(
            "SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) + 1 FROM meta WHERE key = 'generation'",
            [],
            |r| r.get(0),
        )?;
        let imported_at: String =
            tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
                r.get(0)
            })?;
        for (key, value) in [
            ("generation", generation.to_string()),
            ("fingerprint", fingerprint.to_string()),
            ("imported_at", imported_at),
            ("unreleased", changes::render_unreleased(unreleased)),
        ] {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        crate::faults::point("store::before_commit").context("cannot commit the import")?;
        tx.commit().context("cannot commit the import")?;
        let release = release(&self.conn)?.context("the import left no release record")?;
        Ok(Ok(release))
    }

    pub fn release(&self) -> anyhow::Result<Option<DataRelease>> {
        release(&self.conn)
    }
}

/// Makes `released_files` hold exactly `files`, writing only the files that changed: an
/// import after an accept rewrites practices.csv and sources.csv, not the large reference
/// tables, so its commit stays as short as before they were kept.
fn replace_released_files(
    tx: &rusqlite::Transaction<'_>,
    files: &[(String, Vec<u8>)],
) -> anyhow::Result<()> {
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let kept: Vec<String> = {
        let mut stmt = tx.prepare("SELECT name FROM released_files")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for gone in kept.iter().filter(|name| !names.contains(&name.as_str())) {
        tx.execute("DELETE FROM released_files WHERE name = ?1", [gone])?;
    }
    for (name, bytes) in files {
        tx.execute(
            "INSERT INTO released_files (name, bytes) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET bytes = excluded.bytes
             WHERE released_files.bytes IS NOT excluded.bytes",
            params![name, bytes],
        )?;
    }
    Ok(())
}

/// A read-only view of the store for serving and indexing: a small pool of connections.
pub struct Reader {
    path: PathBuf,
    pool: Mutex<Vec<Connection>>,
    /// How many passes over every record this reader has made (see [`Reader::full_reads`]).
    full_reads: AtomicU64,
}

impl Reader {
    /// Opens the database read-only; fails if it is missing, corrupt or never imported.
    pub fn open(path: &Path) -> anyhow::Result<Reader> {
        if !path.exists() {
            bail!(
                "database {} does not exist; run `atd-atlas import` first",
                path.display()
            );
        }
        let reader = Reader {
            path: path.to_path_buf(),
            pool: Mutex::new(Vec::new()),
            full_reads: AtomicU64::new(0),
        };
        let conn = reader.connect()?;
        check_integrity(&conn, path)?;
        let version = migrations::version(&conn)?;
        if version != migrations::LATEST {
            bail!(
                "database {} has schema version {version}, this program needs {}; run `atd-atlas import` to migrate it",
                path.display(),
                migrations::LATEST
            );
        }
        reader.give_back(conn);
        Ok(reader)
    }

    fn connect(&self) -> anyhow::Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)
            .with_context(|| format!("cannot open database {}", self.path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch("PRAGMA query_only=1;")?;
        Ok(conn)
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut pool) = self.pool.lock()
            && pool.len() < 8
        {
            pool.push(conn);
        }
    }

    fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let pooled = self.pool.lock().ok().and_then(|mut p| p.pop());
        let conn = match pooled {
            Some(conn) => conn,
            None => self.connect()?,
        };
        let result = f(&conn);
        self.give_back(conn);
        result
    }

    pub fn release(&self) -> anyhow::Result<Option<DataRelease>> {
        self.with_conn(release)
    }

    /// The accepted proposals the last import published that no release holds yet, in the
    /// order they were accepted.
    pub fn unreleased(&self) -> anyhow::Result<Vec<changes::Accepted>> {
        self.with_conn(|conn| {
            let section: Option<String> = conn
                .prepare_cached("SELECT value FROM meta WHERE key = 'unreleased'")?
                .query_row([], |r| r.get(0))
                .optional()?;
            Ok(section.map_or_else(Vec::new, |s| changes::unreleased(&s)))
        })
    }

    /// A data file as the last import read it (`practices.csv`, `sources.csv`, …), or
    /// `None` when that import had no such file.
    pub fn released_file(&self, name: &str) -> anyhow::Result<Option<Vec<u8>>> {
        self.with_conn(|conn| {
            let bytes = conn
                .query_row(
                    "SELECT bytes FROM released_files WHERE name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(bytes)
        })
    }

    /// The data releases of the changelog the last import read, newest first.
    pub fn releases(&self) -> anyhow::Result<Vec<Release>> {
        self.with_conn(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT version, date, entry FROM releases ORDER BY position")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            let mut releases = Vec::new();
            for row in rows {
                let (version, date, entry) = row?;
                // The entry is the changelog's own Markdown: it reads back as the release.
                let changes = changes::parse(&entry)
                    .into_iter()
                    .next()
                    .map(|r| r.changes)
                    .unwrap_or_default();
                releases.push(Release {
                    version,
                    date,
                    changes,
                });
            }
            Ok(releases)
        })
    }

    pub fn practice(&self, id: &PracticeId) -> anyhow::Result<Option<Practice>> {
        self.with_conn(|conn| {
            let sql = format!("{SELECT_PRACTICE} WHERE id = ?1");
            let found = conn
                .prepare_cached(&sql)?
                .query_row([id.as_str()], practice_from_row)
                .optional()?;
            Ok(found)
        })
    }

    /// The practices with these ids, in the order given; unknown ids are skipped.
    /// The practices with these ids, all from one import (one read transaction; it also
    /// takes SQLite's shared lock once instead of once per record).
    pub fn practices_by_ids(&self, ids: &[String]) -> anyhow::Result<Vec<Practice>> {
        self.snapshot(|snapshot| snapshot.practices_by_ids(ids))
    }

    /// Runs `reads` inside one read transaction, so everything it reads comes from the same
    /// import. An import's commit waits for it (up to the import's busy timeout), so keep
    /// it short: never wait on a client inside.
    pub fn snapshot<T>(
        &self,
        reads: impl FnOnce(&Snapshot<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.with_conn(|conn| {
            conn.execute_batch("BEGIN")?;
            let result = reads(&Snapshot {
                conn,
                full_reads: &self.full_reads,
            });
            conn.execute_batch("COMMIT")?;
            result
        })
    }

    /// Every practice in import order, streamed to `each` inside one read transaction.
    pub fn for_each_practice(
        &self,
        each: impl FnMut(Practice) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.snapshot(|snapshot| snapshot.for_each_practice(each))
    }

    /// How many times this reader has read every record (index builds, the per-generation
    /// summaries the server keeps): what a page at 100k records must not do per request.
    pub fn full_reads(&self) -> u64 {
        self.full_reads.load(Ordering::Relaxed)
    }

    /// The generation of the import the store holds (`None` before the first): one read of
    /// the meta table, for caches kept per generation (cheaper than [`Reader::release`]).
    pub fn generation(&self) -> anyhow::Result<Option<i64>> {
        self.with_conn(generation)
    }

    /// One country's practices (by ISO code), in import order.
    pub fn practices_of_country(&self, iso2: &str) -> anyhow::Result<Vec<Practice>> {
        self.practices_where("iso2 = ?1", iso2)
    }

    /// The practices of one sub-region or region (its vocabulary key), in import order.
    pub fn practices_in_area(&self, area: Area, key: &str) -> anyhow::Result<Vec<Practice>> {
        match area {
            Area::Subregion => self.practices_where("subregion = ?1", key),
            Area::Region => self.practices_where("region = ?1", key),
        }
    }

    /// The practices matching `condition` (one parameter, `?1`, indexed), in import order.
    fn practices_where(&self, condition: &str, value: &str) -> anyhow::Result<Vec<Practice>> {
        self.with_conn(|conn| {
            let sql = format!("{SELECT_PRACTICE} WHERE {condition} ORDER BY position");
            let mut stmt = conn.prepare_cached(&sql)?;
            let found = stmt
                .query_map([value], practice_from_row)?
                .collect::<rusqlite::Result<Vec<Practice>>>()?;
            Ok(found)
        })
    }

    /// One country's own figures (those of no practice: its detention costs, say), in
    /// import order.
    pub fn country_facts(&self, iso2: &str) -> anyhow::Result<Vec<Figure>> {
        self.with_conn(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT body FROM figures WHERE iso2 = ?1 AND practice_id IS NULL ORDER BY position",
            )?;
            let bodies = stmt
                .query_map([iso2], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            bodies
                .iter()
                .map(|b| figure_from_json(&serde_json::from_str(b)?))
                .collect()
        })
    }

    /// Every figure (of practices and of countries) in import order.
    pub fn figures(&self) -> anyhow::Result<Vec<Figure>> {
        self.with_conn(|conn| {
            let mut stmt = conn.prepare_cached("SELECT body FROM figures ORDER BY position")?;
            let bodies = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            bodies
                .iter()
                .map(|b| figure_from_json(&serde_json::from_str(b)?))
                .collect()
        })
    }

    /// The distinct ISO country codes the practices use.
    pub fn country_codes(&self) -> anyhow::Result<Vec<String>> {
        self.with_conn(|conn| {
            let mut stmt = conn.prepare("SELECT DISTINCT iso2 FROM practices")?;
            let codes = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(codes)
        })
    }

    pub fn all_practices(&self) -> anyhow::Result<Vec<Practice>> {
        let mut all = Vec::new();
        self.for_each_practice(|p| {
            all.push(p);
            Ok(())
        })?;
        Ok(all)
    }
}

/// Reads inside one read transaction of [`Reader::snapshot`].
pub struct Snapshot<'a> {
    conn: &'a Connection,
    full_reads: &'a AtomicU64,
}

impl Snapshot<'_> {
    pub fn release(&self) -> anyhow::Result<Option<DataRelease>> {
        release(self.conn)
    }

    /// Every practice in import order, streamed to `each`.
    pub fn for_each_practice(
        &self,
        mut each: impl FnMut(Practice) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.full_reads.fetch_add(1, Ordering::Relaxed);
        let sql = format!("{SELECT_PRACTICE} ORDER BY position");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            each(practice_from_row(row)?)?;
        }
        Ok(())
    }

    /// As [`Reader::generation`], inside this snapshot.
    pub fn generation(&self) -> anyhow::Result<Option<i64>> {
        generation(self.conn)
    }

    /// As [`Reader::practices_by_ids`], inside this snapshot.
    pub fn practices_by_ids(&self, ids: &[String]) -> anyhow::Result<Vec<Practice>> {
        practices_by_ids(self.conn, ids)
    }

    /// The ids this snapshot holds a practice for, in the order given.
    pub fn present(&self, ids: Vec<String>) -> anyhow::Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM practices WHERE id = ?1")?;
        let mut present = Vec::with_capacity(ids.len());
        for id in ids {
            if stmt.exists([&id])? {
                present.push(id);
            }
        }
        Ok(present)
    }
}

fn practices_by_ids(conn: &Connection, ids: &[String]) -> anyhow::Result<Vec<Practice>> {
    let sql = format!("{SELECT_PRACTICE} WHERE id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(p) = stmt.query_row([id], practice_from_row).optional()? {
            found.push(p);
        }
    }
    Ok(found)
}

fn check_integrity(conn: &Connection, path: &Path) -> anyhow::Result<()> {
    let verdict: Result<String, _> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
    match verdict {
        Ok(ok) if ok == "ok" => Ok(()),
        Ok(problem) => bail!(
            "database {} is corrupt ({problem}); restore it from a backup or delete it and run `atd-atlas import`",
            path.display()
        ),
        Err(err) => bail!(
            "database {} is corrupt or not a database ({err}); restore it from a backup or delete it and run `atd-atlas import`",
            path.display()
        ),
    }
}

fn generation(conn: &Connection) -> anyhow::Result<Option<i64>> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'generation'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    value
        .map(|v| v.parse().context("bad generation in meta"))
        .transpose()
}

fn release(conn: &Connection) -> anyhow::Result<Option<DataRelease>> {
    let meta = |key: &str| -> anyhow::Result<Option<String>> {
        Ok(conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    };
    let Some(generation) = generation(conn)? else {
        return Ok(None);
    };
    let practices = conn.query_row("SELECT COUNT(*) FROM practices", [], |r| r.get(0))?;
    Ok(Some(DataRelease {
        generation,
        fingerprint: meta("fingerprint")?.unwrap_or_default(),
        imported_at: meta("imported_at")?.unwrap_or_default(),
        practices,
    }))
}

const INSERT_PRACTICE: &str = "INSERT INTO practices (position, id, country, iso2, region, \
    subregion, programme, kind, organisation, organisation_type, start_year, end_year, status, \
    populations, atd_types, cap_stages, participants, participants_note, cost_per_day, \
    cost_currency, cost_unit, cost_year, detention_cost_per_day, cost_per_day_usd, \
    detention_cost_per_day_usd, cost_per_day_usd_constant, detention_cost_per_day_usd_constant, \
    saving_per_day_usd_constant, outcome_compliance_pct, outcome_other, summary, source_title, \
    source_url, cost_per_day_high, cost_bound, cost_year_basis, detention_cost_per_day_high, \
    detention_cost_bound, last_verified, sources, added_in, changed_in, translations, figures, \
    status_as_of, links) VALUES (?1, \
    ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, \
    ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, \
    ?41, ?42, ?43, ?44, ?45, ?46)";

const INSERT_FIGURE: &str = "INSERT INTO figures (position, id, practice_id, iso2, measure, body) \
    VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

const SELECT_PRACTICE: &str = "SELECT id, country, iso2, region, subregion, programme, kind, organisation, \
    organisation_type, start_year, end_year, status, populations, atd_types, cap_stages, \
    participants, participants_note, cost_per_day, cost_currency, cost_unit, cost_year, \
    detention_cost_per_day, cost_per_day_usd, detention_cost_per_day_usd, \
    cost_per_day_usd_constant, detention_cost_per_day_usd_constant, saving_per_day_usd_constant, \
    outcome_compliance_pct, outcome_other, summary, source_title, source_url, cost_per_day_high, \
    cost_bound, cost_year_basis, detention_cost_per_day_high, detention_cost_bound, \
    last_verified, sources, added_in, changed_in, translations, figures, status_as_of, links \
    FROM practices";

fn insert_practice(
    insert: &mut rusqlite::Statement<'_>,
    position: usize,
    p: &Practice,
) -> anyhow::Result<()> {
    let list = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let participants = p.participants.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    insert.execute(params![
        position as i64,
        p.id.as_str(),
        p.country,
        p.iso2,
        p.region,
        p.subregion,
        p.programme,
        p.kind,
        p.organisation,
        p.organisation_type,
        p.start_year,
        p.end_year,
        p.status,
        list(&p.populations),
        list(&p.atd_types),
        list(&p.cap_stages),
        participants,
        p.participants_note,
        p.cost.per_day,
        p.cost.currency,
        p.cost.unit,
        p.cost.year,
        p.cost.detention_per_day,
        p.derived.per_day_usd,
        p.derived.detention_per_day_usd,
        p.derived.per_day_usd_constant,
        p.derived.detention_per_day_usd_constant,
        p.derived.saving_per_day_usd_constant,
        p.outcome_compliance_pct,
        p.outcome_other,
        p.summary,
        p.source_title,
        p.source_url,
        p.cost.per_day_high,
        p.cost.bound,
        p.cost.year_basis,
        p.cost.detention_per_day_high,
        p.cost.detention_bound,
        p.last_verified,
        sources_json(&p.sources),
        p.releases.added_in,
        p.releases.changed_in,
        translations_json(&p.translations),
        figures_json(&p.figures),
        p.status_as_of,
        links_json(&p.links),
    ])?;
    Ok(())
}

fn insert_figure(
    insert: &mut rusqlite::Statement<'_>,
    position: usize,
    f: &Figure,
) -> anyhow::Result<()> {
    insert.execute(params![
        position as i64,
        f.id,
        f.practice_id.as_ref().map(PracticeId::as_str),
        f.iso2,
        f.measure,
        figure_json(f).to_string(),
    ])?;
    Ok(())
}

fn figures_json(figures: &[Figure]) -> String {
    serde_json::Value::Array(figures.iter().map(figure_json).collect()).to_string()
}

/// A figure as one JSON object: the store's own shape (the published ones are in
/// `web::wire`), read back by [`figure_from_json`].
fn figure_json(f: &Figure) -> serde_json::Value {
    serde_json::json!({
        "id": f.id,
        "practice_id": f.practice_id.as_ref().map(PracticeId::as_str),
        "iso2": f.iso2,
        "measure": f.measure,
        "value": f.value,
        "bound": f.bound,
        "value_high": f.value_high,
        "currency": f.currency,
        "unit": f.unit,
        "period_start": f.period_start,
        "period_end": f.period_end,
        "period_basis": f.period_basis,
        "scope": f.scope,
        "sample_size": f.sample_size,
        "source": source_json(&f.source),
        "source_type": f.grade.source_type,
        "origin": f.grade.origin,
        "original": f.grade.original,
        "independent": f.grade.independent,
        "superseded_by": f.grade.superseded_by,
        "note": f.note,
    })
}

fn figure_from_json(v: &serde_json::Value) -> anyhow::Result<Figure> {
    let text = |key: &str| v[key].as_str().unwrap_or_default().to_string();
    let some_text = |key: &str| v[key].as_str().map(str::to_string);
    let practice_id = match v["practice_id"].as_str() {
        Some(id) => Some(PracticeId::parse(id).context("invalid practice id in a stored figure")?),
        None => None,
    };
    Ok(Figure {
        id: text("id"),
        practice_id,
        iso2: text("iso2"),
        measure: text("measure"),
        value: v["value"]
            .as_f64()
            .context("a stored figure has no value")?,
        bound: text("bound"),
        value_high: v["value_high"].as_f64(),
        currency: some_text("currency"),
        unit: some_text("unit"),
        period_start: text("period_start"),
        period_end: text("period_end"),
        period_basis: some_text("period_basis"),
        scope: text("scope"),
        sample_size: v["sample_size"].as_u64(),
        source: source_from_json(&v["source"]),
        grade: Grade {
            source_type: text("source_type"),
            origin: text("origin"),
            original: text("original"),
            independent: text("independent"),
            superseded_by: some_text("superseded_by"),
        },
        note: text("note"),
    })
}

fn figures_from_json(raw: &str) -> anyhow::Result<Vec<Figure>> {
    let value: serde_json::Value = serde_json::from_str(raw)?;
    value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(figure_from_json)
        .collect()
}
/// The links of a practice as a JSON array of `{relation, outgoing, other}` (one column).
fn links_json(links: &[Link]) -> String {
    let array: Vec<serde_json::Value> = links
        .iter()
        .map(|l| {
            serde_json::json!({
                "relation": l.relation.key(),
                "outgoing": l.outgoing,
                "other": l.other.as_str(),
            })
        })
        .collect();
    serde_json::Value::Array(array).to_string()
}

fn links_from_json(raw: &str) -> Result<Vec<Link>, String> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    let items = value.as_array().ok_or("links are not an array")?;
    items
        .iter()
        .map(|item| {
            let text = |key: &str| item.get(key).and_then(serde_json::Value::as_str);
            let relation = text("relation").and_then(Relation::from_key);
            let other = text("other").and_then(PracticeId::parse);
            let outgoing = item.get("outgoing").and_then(serde_json::Value::as_bool);
            match (relation, other, outgoing) {
                (Some(relation), Some(other), Some(outgoing)) => Ok(Link {
                    relation,
                    outgoing,
                    other,
                }),
                _ => Err(format!("bad link {item}")),
            }
        })
        .collect()
}

/// The sources of a practice as a JSON array of objects (one column, read with the row).
fn sources_json(sources: &[Source]) -> String {
    serde_json::Value::Array(sources.iter().map(source_json).collect()).to_string()
}

fn source_json(s: &Source) -> serde_json::Value {
    serde_json::json!({
        "title": s.title,
        "url": s.url,
        "publisher": s.publisher,
        "published": s.published,
        "locator": s.locator,
        "supports": s.supports,
        "checked": s.checked,
    })
}

fn source_from_json(v: &serde_json::Value) -> Source {
    let text = |key: &str| v[key].as_str().unwrap_or_default().to_string();
    Source {
        title: text("title"),
        url: text("url"),
        publisher: text("publisher"),
        published: text("published"),
        locator: text("locator"),
        supports: v["supports"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect(),
        checked: text("checked"),
    }
}

/// The translations of a practice as a JSON array of objects (one column, read with the row).
fn translations_json(translations: &[Translation]) -> String {
    let array: Vec<serde_json::Value> = translations
        .iter()
        .map(|t| {
            serde_json::json!({
                "field": t.field.name(),
                "lang": t.lang.code(),
                "text": t.text,
                "method": t.method.name(),
                "stale": t.stale,
            })
        })
        .collect();
    serde_json::Value::Array(array).to_string()
}

fn translations_from_json(raw: &str) -> Result<Vec<Translation>, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(raw)?;
    let translations = value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|v| {
            Some(Translation {
                field: TextField::from_name(v["field"].as_str()?)?,
                lang: Lang::from_code(v["lang"].as_str()?)?,
                text: v["text"].as_str()?.to_string(),
                method: TranslationMethod::from_name(v["method"].as_str()?)?,
                stale: v["stale"].as_bool().unwrap_or(false),
            })
        })
        .collect();
    Ok(translations)
}

fn sources_from_json(raw: &str) -> Result<Vec<Source>, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(raw)?;
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
    let sources = value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|v| Source {
            title: text(v, "title"),
            url: text(v, "url"),
            publisher: text(v, "publisher"),
            published: text(v, "published"),
            locator: text(v, "locator"),
            supports: v["supports"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect(),
            checked: text(v, "checked"),
        })
        .collect();
    Ok(sources)
}

fn practice_from_row(row: &Row<'_>) -> rusqlite::Result<Practice> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let raw: String = row.get(i)?;
        serde_json::from_str(&raw).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let json = |i: usize| -> rusqlite::Result<Vec<Source>> {
        let raw: String = row.get(i)?;
        sources_from_json(&raw).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let id: String = row.get(0)?;
    let id = PracticeId::parse(&id).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("invalid practice id {id:?}").into(),
        )
    })?;
    let participants: Option<i64> = row.get(15)?;
    Ok(Practice {
        id,
        country: row.get(1)?,
        iso2: row.get(2)?,
        region: row.get(3)?,
        subregion: row.get(4)?,
        programme: row.get(5)?,
        kind: row.get(6)?,
        organisation: row.get(7)?,
        organisation_type: row.get(8)?,
        start_year: row.get(9)?,
        end_year: row.get(10)?,
        status: row.get(11)?,
        populations: list(12)?,
        atd_types: list(13)?,
        cap_stages: list(14)?,
        participants: participants.and_then(|n| u64::try_from(n).ok()),
        participants_note: row.get(16)?,
        cost: Cost {
            per_day: row.get(17)?,
            per_day_high: row.get(32)?,
            bound: row.get(33)?,
            currency: row.get(18)?,
            unit: row.get(19)?,
            year: row.get(20)?,
            year_basis: row.get(34)?,
            detention_per_day: row.get(21)?,
            detention_per_day_high: row.get(35)?,
            detention_bound: row.get(36)?,
        },
        derived: DerivedCost {
            per_day_usd: row.get(22)?,
            detention_per_day_usd: row.get(23)?,
            per_day_usd_constant: row.get(24)?,
            detention_per_day_usd_constant: row.get(25)?,
            saving_per_day_usd_constant: row.get(26)?,
        },
        outcome_compliance_pct: row.get(27)?,
        outcome_other: row.get(28)?,
        summary: row.get(29)?,
        source_title: row.get(30)?,
        source_url: row.get(31)?,
        last_verified: row.get(37)?,
        sources: json(38)?,
        releases: ReleaseMarks {
            added_in: row.get(39)?,
            changed_in: row.get(40)?,
        },
        translations: {
            let raw: String = row.get(41)?;
            translations_from_json(&raw).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    41,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?
        },
        figures: {
            let raw: String = row.get(42)?;
            figures_from_json(&raw).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(42, rusqlite::types::Type::Text, e.into())
            })?
        },
        status_as_of: row.get(43)?,
        links: {
            let raw: String = row.get(44)?;
            links_from_json(&raw).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(44, rusqlite::types::Type::Text, e.into())
            })?
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(id: &str) -> Practice {
        Practice {
            id: PracticeId::parse(id).unwrap(),
            country: "Canada".into(),
            iso2: "CA".into(),
            region: "americas".into(),
            subregion: "northern_america".into(),
            programme: "Toronto Bail Program".into(),
            kind: "programme".into(),
            organisation: "TBP".into(),
            organisation_type: "ngo".into(),
            start_year: Some(1996),
            end_year: None,
            status: "active".into(),
            populations: vec!["migrants".into()],
            atd_types: vec!["bail_bond".into(), "case_management".into()],
            cap_stages: vec![],
            participants: Some(12),
            participants_note: "12 people".into(),
            cost: Cost {
                per_day: Some(12.0),
                per_day_high: Some(16.0),
                bound: Some("range".into()),
                currency: Some("CAD".into()),
                unit: Some("per_person".into()),
                year: Some(2010),
                year_basis: Some("publication".into()),
                detention_per_day: Some(112.0),
                detention_bound: Some("exact".into()),
                ..Cost::default()
            },
            derived: DerivedCost {
                per_day_usd: Some(11.6),
                ..DerivedCost::default()
            },
            outcome_compliance_pct: Some(94.5),
            outcome_other: String::new(),
            summary: "Supervision in the community.".into(),
            source_title: "Source".into(),
            source_url: "https://example.org".into(),
            last_verified: "2026-11-30".into(),
            sources: vec![Source {
                title: "Source".into(),
                url: "https://example.org".into(),
                locator: "p. 2".into(),
                supports: vec!["cost_per_day".into()],
                checked: "2026-11-30".into(),
                ..Source::default()
            }],
            releases: ReleaseMarks {
                added_in: "1.0.0".into(),
                changed_in: "1.1.0".into(),
            },
            figures: Vec::new(),
            translations: vec![Translation {
                field: TextField::Summary,
                lang: Lang::Es,
                text: "Supervisión en la comunidad.".into(),
                method: TranslationMethod::Machine,
                stale: false,
            }],
            status_as_of: Some("2024-07".into()),
            links: vec![Link {
                relation: Relation::PhaseOf,
                outgoing: false,
                other: PracticeId::parse("ca-other").unwrap(),
            }],
        }
    }

    #[test]
    fn a_replaced_dataset_reads_back_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("atlas.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let practices = vec![sample("ca-one"), sample("ca-two")];
        let release = store.replace_all(&practices, "fp1").unwrap();
        assert_eq!(release.generation, 1);
        assert_eq!(release.practices, 2);

        let reader = Reader::open(&path).unwrap();
        assert_eq!(reader.all_practices().unwrap(), practices);
        let one = PracticeId::parse("ca-one").unwrap();
        assert_eq!(reader.practice(&one).unwrap(), Some(practices[0].clone()));
        let missing = PracticeId::parse("zz-missing").unwrap();
        assert_eq!(reader.practice(&missing).unwrap(), None);

        let again = store.replace_all(&practices[..1], "fp2").unwrap();
        assert_eq!(again.generation, 2);
        assert_eq!(again.practices, 1);
        assert_eq!(again.fingerprint, "fp2");
    }

    #[test]
    fn a_corrupt_file_is_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("atlas.sqlite3");
        std::fs::write(&path, b"this is not a database, just some bytes....").unwrap();
        let err = Reader::open(&path).err().expect("must refuse");
        assert!(format!("{err:#}").contains("corrupt"), "{err:#}");
    }

    #[test]
    fn a_missing_database_says_to_import() {
        let dir = tempfile::tempdir().unwrap();
        let err = Reader::open(&dir.path().join("none.sqlite3"))
            .err()
            .expect("must refuse");
        assert!(format!("{err:#}").contains("atd-atlas import"));
    }
}
