//! The SQLite store: the source of truth — schema by migrations, whole-dataset replacement, reads.
//! Over 500 lines: the one writer (`Store`) and the pooled reads (`Reader`, `Snapshot`) share
//! the connection rules, the integrity check and the release record kept here; apart, those
//! would sit in a third file both import, with nothing gained for a reader.

mod migrations;
pub mod proposals;
mod rows;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, bail};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use self::rows::{
    INSERT_FIGURE, INSERT_PRACTICE, SELECT_PRACTICE, figure_from_json, insert_figure,
    insert_practice, practice_from_row,
};
use crate::changes::{self, Release};

use crate::model::{Figure, Practice, PracticeId};

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
        insert_releases(&tx, releases)?;
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
        record_import(&tx, fingerprint, unreleased)?;
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
/// The changelog's releases, newest first, each with its entry as the changelog writes it.
fn insert_releases(tx: &rusqlite::Transaction<'_>, releases: &[Release]) -> anyhow::Result<()> {
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
    Ok(())
}

/// The record of this import: the next generation, the fingerprint of the files read, the
/// time, and the accepted proposals no release holds yet.
fn record_import(
    tx: &rusqlite::Transaction<'_>,
    fingerprint: &str,
    unreleased: &[changes::Accepted],
) -> anyhow::Result<()> {
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
    Ok(())
}

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
    /// Where an interrupted import's journal would be (see [`finish_interrupted_write`]).
    journal: PathBuf,
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
        finish_interrupted_write(path)?;
        let reader = Reader {
            path: path.to_path_buf(),
            journal: journal_of(path),
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
        // An import killed inside its commit while we serve leaves a journal our read-only
        // connections cannot play back: every read would fail until a restart.
        if self.journal.exists() {
            finish_interrupted_write(&self.path)?;
        }
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

    /// The language of each of these records' text (`text_lang`), from one import; an id
    /// that is no record now (removed since) is absent, so a page says nothing rather than
    /// guess.
    pub fn text_langs(
        &self,
        ids: &[&str],
    ) -> anyhow::Result<std::collections::HashMap<String, crate::model::Lang>> {
        self.snapshot(|snapshot| {
            let mut stmt = snapshot
                .conn
                .prepare_cached("SELECT text_lang FROM practices WHERE id = ?1")?;
            let mut langs = std::collections::HashMap::new();
            for id in ids {
                let code: Option<String> = stmt.query_row([id], |r| r.get(0)).optional()?;
                if let Some(lang) = code.as_deref().and_then(crate::model::Lang::from_code) {
                    langs.insert((*id).to_string(), lang);
                }
            }
            Ok(langs)
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

/// Plays back the journal an import killed inside its commit leaves beside the database, so
/// that start-up reads the last good data instead of calling the half-written file corrupt.
/// A read-only connection cannot do it; a writable one does it on its first read, and only
/// when the journal is hot (no writer holds it), so a running import is never disturbed.
fn finish_interrupted_write(db: &Path) -> anyhow::Result<()> {
    if !journal_of(db).exists() {
        return Ok(());
    }
    let played_back =
        Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).and_then(|conn| {
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        });
    if let Err(err) = played_back {
        bail!(
            "database {} was left half-written by an interrupted import, and this process cannot write to it to roll that back ({err}); run `atd-atlas import` (or start once with write access to {} and its folder) to restore the last good data",
            db.display(),
            db.display()
        );
    }
    Ok(())
}

/// SQLite's rollback journal beside a database file.
pub(crate) fn journal_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
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

#[cfg(test)]
mod tests;
