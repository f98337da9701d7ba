//! The submissions database: proposed practices and corrections waiting for a moderator, in
//! their own SQLite file beside the published one (never inside it). Its own migrations; each
//! submission is one transaction; contact emails live here and nowhere else.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, bail};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Never edit or reorder a shipped step: add a new one at the end.
const STEPS: &[&str] = &[
    // 1: submissions, their cells, and the salt that keys client addresses.
    "CREATE TABLE submissions (
        seq INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('new', 'correction')),
        practice_id TEXT NOT NULL,
        client TEXT NOT NULL,
        lang TEXT NOT NULL,
        submitter TEXT NOT NULL,
        email TEXT NOT NULL,
        warnings TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
        received_at TEXT NOT NULL,
        decided_at TEXT,
        decided_by TEXT,
        decision_note TEXT
    );
    CREATE INDEX submissions_pending ON submissions(status, client);
    CREATE TABLE submission_cells (
        seq INTEGER NOT NULL REFERENCES submissions(seq),
        position INTEGER NOT NULL,
        column_name TEXT NOT NULL,
        value TEXT NOT NULL,
        before TEXT,
        changed INTEGER NOT NULL,
        PRIMARY KEY (seq, position)
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);",
    // 2: an accept's intent, recorded before any file is touched: who decided, and each file
    // as it was and as it is to be, so a retry after a stop can tell what was written and
    // finish it (or a reject can tell that nothing was).
    "CREATE TABLE accepting (
        seq INTEGER PRIMARY KEY REFERENCES submissions(seq),
        decided_by TEXT NOT NULL,
        decision_note TEXT NOT NULL,
        started_at TEXT NOT NULL
    );
    CREATE TABLE accepting_files (
        seq INTEGER NOT NULL REFERENCES accepting(seq),
        position INTEGER NOT NULL,
        path TEXT NOT NULL,
        before BLOB,
        after BLOB NOT NULL,
        PRIMARY KEY (seq, position)
    );",
];

/// What a submission proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionKind {
    /// A practice the atlas does not have yet.
    New,
    /// Changed cells of an existing practice.
    Correction,
}

impl SubmissionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionKind::New => "new",
            SubmissionKind::Correction => "correction",
        }
    }

    fn parse(text: &str) -> SubmissionKind {
        if text == "correction" {
            SubmissionKind::Correction
        } else {
            SubmissionKind::New
        }
    }
}

/// Where a submission is in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Accepted,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "pending" => Some(Status::Pending),
            "accepted" => Some(Status::Accepted),
            "rejected" => Some(Status::Rejected),
            _ => None,
        }
    }
}

/// One cell of the proposed row, by column name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub column: String,
    pub value: String,
    /// Corrections: the value the submitter saw, to notice a change made meanwhile.
    pub before: Option<String>,
    /// New practices: non-empty; corrections: differs from `before`.
    pub changed: bool,
}

/// A submission as received, before it has a reference.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub kind: SubmissionKind,
    pub practice_id: String,
    pub cells: Vec<Cell>,
    pub submitter: String,
    pub email: String,
    /// The client's address key (stored only as a salted hash, for the pending caps).
    pub client: String,
    pub lang: String,
    /// Said to the moderator (a likely duplicate, for instance); never a refusal.
    pub warnings: Vec<String>,
}

/// A stored submission.
#[derive(Debug, Clone)]
pub struct Submission {
    pub reference: String,
    pub kind: SubmissionKind,
    pub practice_id: String,
    pub cells: Vec<Cell>,
    pub submitter: String,
    pub email: String,
    pub lang: String,
    pub warnings: Vec<String>,
    pub status: Status,
    pub received_at: String,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

impl Submission {
    pub fn value(&self, column: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|c| c.column == column)
            .map(|c| c.value.as_str())
    }
}

/// How many pending submissions one address, and everyone, may have at once.
#[derive(Debug, Clone, Copy)]
pub struct PendingCaps {
    pub per_client: u32,
    pub total: u32,
}

/// Why a submission was not stored although it was valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// This address already has `per_client` pending submissions.
    Client,
    /// The moderators' queue holds `total` pending submissions.
    Everyone,
}

/// The submissions database, opened for writing by the server or the moderation commands.
pub struct SubmissionStore {
    path: PathBuf,
    conn: Mutex<Connection>,
    salt: String,
}

impl SubmissionStore {
    /// Opens (creating if needed) the database, checks it and brings its schema up to date.
    pub fn open(path: &Path) -> anyhow::Result<SubmissionStore> {
        let mut conn = Connection::open(path)
            .with_context(|| format!("cannot open the submissions database {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL: the server keeps taking submissions while a moderator reads or decides.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        )
        .with_context(|| format!("cannot use the submissions database {}", path.display()))?;
        let verdict: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .with_context(|| format!("the submissions database {} is damaged", path.display()))?;
        if verdict != "ok" {
            bail!(
                "the submissions database {} is damaged ({verdict}); restore it from a backup",
                path.display()
            );
        }
        migrate(&mut conn).with_context(|| {
            format!("cannot migrate the submissions database {}", path.display())
        })?;
        let salt = salt(&conn)?;
        Ok(SubmissionStore {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
            salt,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn with_conn<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let mut conn = self
            .conn
            .lock()
            .map_err(|_| anyhow::anyhow!("the submissions database connection was poisoned"))?;
        f(&mut conn)
    }

    /// Stores one submission in one transaction and returns its reference (`S-2026-0007`),
    /// unless a pending cap is reached.
    pub fn submit(
        &self,
        new: &NewSubmission,
        caps: PendingCaps,
    ) -> anyhow::Result<Result<String, Full>> {
        let client = client_hash(&self.salt, &new.client);
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            if let Some(full) = full(&tx, &client, caps)? {
                return Ok(Err(full));
            }
            let reference = insert(&tx, new, &client)?;
            tx.commit().context("cannot save the submission")?;
            Ok(Ok(reference))
        })
    }

    /// Submissions in the order received, optionally only those with `status`.
    pub fn list(&self, status: Option<Status>) -> anyhow::Result<Vec<Submission>> {
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let mut stmt = tx.prepare(
                "SELECT seq FROM submissions WHERE ?1 IS NULL OR status = ?1 ORDER BY seq",
            )?;
            let seqs = stmt
                .query_map([status.map(Status::as_str)], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            drop(stmt);
            let all = seqs
                .into_iter()
                .map(|seq| load(&tx, seq))
                .collect::<anyhow::Result<Vec<_>>>()?;
            tx.commit()?;
            Ok(all)
        })
    }

    /// One submission by its reference.
    pub fn get(&self, reference: &str) -> anyhow::Result<Option<Submission>> {
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let seq: Option<i64> = tx
                .query_row(
                    "SELECT seq FROM submissions WHERE reference = ?1",
                    [reference],
                    |r| r.get(0),
                )
                .optional()?;
            let found = seq.map(|seq| load(&tx, seq)).transpose()?;
            tx.commit()?;
            Ok(found)
        })
    }

    /// Records a moderator's decision on a pending submission: who, when (now) and why.
    /// Refused while an accept of it is unfinished (its files may already be written).
    pub fn decide(
        &self,
        reference: &str,
        status: Status,
        by: &str,
        note: &str,
    ) -> anyhow::Result<()> {
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let seq = pending_seq(&tx, reference)?;
            if has_intent(&tx, seq)? {
                bail!(
                    "{reference} is being accepted (an accept stopped before it finished); \
                     run `atd-atlas submissions accept {reference}` to finish it"
                );
            }
            record(&tx, seq, status, by, note)?;
            tx.commit().context("cannot record the decision")?;
            Ok(())
        })
    }

    /// Waits (up to a minute) until no other moderator is deciding, and holds that turn
    /// until the lock is dropped: an OS lock on a file beside the database, released when
    /// the process ends however it ends, so a killed accept never leaves it taken.
    pub fn lock_moderation(&self) -> anyhow::Result<ModerationLock> {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".moderation-lock");
        let path = PathBuf::from(name);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open the moderation lock {}", path.display()))?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(ModerationLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => bail!(
                    "another moderator has been deciding for a minute ({} is locked); \
                     try again when they are done",
                    path.display()
                ),
                Err(std::fs::TryLockError::Error(err)) => {
                    return Err(err).with_context(|| format!("cannot lock {}", path.display()));
                }
            }
        }
    }

    /// Records that `reference` is being accepted and what its files will become, before
    /// any of them is touched. Refused unless the submission is pending with no intent yet.
    pub fn record_intent(
        &self,
        _turn: &ModerationLock,
        reference: &str,
        by: &str,
        note: &str,
        files: &[PlannedFile],
    ) -> anyhow::Result<()> {
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let seq = pending_seq(&tx, reference)?;
            if has_intent(&tx, seq)? {
                bail!("{reference} is already being accepted");
            }
            tx.execute(
                "INSERT INTO accepting (seq, decided_by, decision_note, started_at)
                 VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                params![seq, by, note],
            )?;
            for (position, file) in files.iter().enumerate() {
                tx.execute(
                    "INSERT INTO accepting_files (seq, position, path, before, after)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        seq,
                        position as i64,
                        file.path.to_string_lossy(),
                        file.before,
                        file.after
                    ],
                )?;
            }
            tx.commit().context("cannot record the accept's intent")?;
            Ok(())
        })
    }

    /// Accepts whose intent is recorded but whose decision is not (a stop between the two).
    pub fn unfinished_accepts(&self) -> anyhow::Result<Vec<Intent>> {
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let mut stmt = tx.prepare(
                "SELECT a.seq, s.reference, a.decided_by, a.decision_note, a.started_at
                 FROM accepting a JOIN submissions s ON s.seq = a.seq ORDER BY a.seq",
            )?;
            let heads = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Intent {
                            reference: r.get(1)?,
                            by: r.get(2)?,
                            note: r.get(3)?,
                            started_at: r.get(4)?,
                            files: Vec::new(),
                        },
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            drop(stmt);
            let mut intents = Vec::with_capacity(heads.len());
            for (seq, mut intent) in heads {
                let mut files = tx.prepare_cached(
                    "SELECT path, before, after FROM accepting_files
                     WHERE seq = ?1 ORDER BY position",
                )?;
                intent.files = files
                    .query_map([seq], |r| {
                        Ok(PlannedFile {
                            path: PathBuf::from(r.get::<_, String>(0)?),
                            before: r.get(1)?,
                            after: r.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                intents.push(intent);
            }
            tx.commit()?;
            Ok(intents)
        })
    }

    /// Records the decision an intent stood for and forgets the intent, in one transaction.
    /// Call it once every planned file holds its new bytes.
    pub fn finish_accept(&self, _turn: &ModerationLock, reference: &str) -> anyhow::Result<()> {
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let seq = pending_seq(&tx, reference)?;
            let (by, note): (String, String) = tx
                .query_row(
                    "SELECT decided_by, decision_note FROM accepting WHERE seq = ?1",
                    [seq],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .with_context(|| format!("{reference} has no accept to finish"))?;
            forget_intent(&tx, seq)?;
            record(&tx, seq, Status::Accepted, &by, &note)?;
            tx.commit().context("cannot record the decision")?;
            Ok(())
        })
    }

    /// Forgets an unfinished accept of `reference` whose files were never written, so the
    /// submission is simply pending again.
    pub fn drop_intent(&self, _turn: &ModerationLock, reference: &str) -> anyhow::Result<()> {
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let seq = pending_seq(&tx, reference)?;
            forget_intent(&tx, seq)?;
            tx.commit().context("cannot forget the accept")?;
            Ok(())
        })
    }
}

/// Held while one moderator decides (see [`SubmissionStore::lock_moderation`]).
pub struct ModerationLock {
    _file: std::fs::File,
}

/// A file an accept replaces: its bytes when the accept was checked (`None`: it did not
/// exist) and the bytes it is to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub path: PathBuf,
    pub before: Option<Vec<u8>>,
    pub after: Vec<u8>,
}

/// An accept recorded before its files were written, not yet recorded as decided.
#[derive(Debug, Clone)]
pub struct Intent {
    pub reference: String,
    pub by: String,
    pub note: String,
    pub started_at: String,
    pub files: Vec<PlannedFile>,
}

/// The row of a pending submission, or why there is none to decide.
fn pending_seq(tx: &Transaction<'_>, reference: &str) -> anyhow::Result<i64> {
    let found: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, status FROM submissions WHERE reference = ?1",
            [reference],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        None => bail!("there is no submission {reference}; see `atd-atlas submissions list`"),
        Some((seq, status)) if status == Status::Pending.as_str() => Ok(seq),
        Some((_, status)) => bail!("{reference} is already {status}"),
    }
}

fn has_intent(tx: &Transaction<'_>, seq: i64) -> anyhow::Result<bool> {
    Ok(tx
        .query_row("SELECT 1 FROM accepting WHERE seq = ?1", [seq], |_| Ok(()))
        .optional()?
        .is_some())
}

fn forget_intent(tx: &Transaction<'_>, seq: i64) -> anyhow::Result<()> {
    tx.execute("DELETE FROM accepting_files WHERE seq = ?1", [seq])?;
    tx.execute("DELETE FROM accepting WHERE seq = ?1", [seq])?;
    Ok(())
}

fn record(
    tx: &Transaction<'_>,
    seq: i64,
    status: Status,
    by: &str,
    note: &str,
) -> anyhow::Result<()> {
    tx.execute(
        "UPDATE submissions SET status = ?2, decided_by = ?3, decision_note = ?4,
             decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE seq = ?1",
        params![seq, status.as_str(), by, note],
    )?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (done, step) in STEPS.iter().enumerate().skip(current.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", done as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The per-database secret that client addresses are hashed with: addresses are never stored.
fn salt(conn: &Connection) -> anyhow::Result<String> {
    let fresh = random_hex();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('client_salt', ?1) ON CONFLICT(key) DO NOTHING",
        [&fresh],
    )?;
    Ok(conn.query_row(
        "SELECT value FROM meta WHERE key = 'client_salt'",
        [],
        |r| r.get(0),
    )?)
}

fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes));
    if read.is_err() {
        // std's hasher keys are random per process: good enough where /dev/urandom is not.
        for chunk in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(std::process::id().into());
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// FNV-1a of salt and address: a stable key for the caps that does not reveal the address.
fn client_hash(salt: &str, client: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in salt.bytes().chain([0]).chain(client.bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn full(tx: &Transaction<'_>, client: &str, caps: PendingCaps) -> anyhow::Result<Option<Full>> {
    let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> anyhow::Result<u32> {
        Ok(tx.query_row(sql, args, |r| r.get(0))?)
    };
    let total = count(
        "SELECT COUNT(*) FROM submissions WHERE status = 'pending'",
        &[],
    )?;
    if total >= caps.total {
        return Ok(Some(Full::Everyone));
    }
    let mine = count(
        "SELECT COUNT(*) FROM submissions WHERE status = 'pending' AND client = ?1",
        &[&client],
    )?;
    Ok((mine >= caps.per_client).then_some(Full::Client))
}

fn insert(tx: &Transaction<'_>, new: &NewSubmission, client: &str) -> anyhow::Result<String> {
    let received_at: String =
        tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
            r.get(0)
        })?;
    let year = &received_at[..4];
    // Numbered within the year; the transaction is IMMEDIATE, so no one else counts meanwhile.
    let number: i64 = tx.query_row(
        "SELECT COUNT(*) + 1 FROM submissions WHERE substr(received_at, 1, 4) = ?1",
        [year],
        |r| r.get(0),
    )?;
    let reference = format!("S-{year}-{number:04}");
    tx.execute(
        "INSERT INTO submissions (reference, kind, practice_id, client, lang, submitter, email,
             warnings, status, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9)",
        params![
            reference,
            new.kind.as_str(),
            new.practice_id,
            client,
            new.lang,
            new.submitter,
            new.email,
            new.warnings.join("\n"),
            received_at
        ],
    )?;
    let seq = tx.last_insert_rowid();
    crate::faults::point("submissions::mid_transaction").context("cannot save the submission")?;
    let mut stmt = tx.prepare(
        "INSERT INTO submission_cells (seq, position, column_name, value, before, changed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, cell) in new.cells.iter().enumerate() {
        stmt.execute(params![
            seq,
            position as i64,
            cell.column,
            cell.value,
            cell.before,
            cell.changed
        ])?;
    }
    Ok(reference)
}

fn load(tx: &Transaction<'_>, seq: i64) -> anyhow::Result<Submission> {
    let mut submission = tx.query_row(
        "SELECT reference, kind, practice_id, submitter, email, lang, warnings, status,
                received_at, decided_at, decided_by, decision_note
         FROM submissions WHERE seq = ?1",
        [seq],
        |r| {
            let warnings: String = r.get(6)?;
            let status: String = r.get(7)?;
            Ok(Submission {
                reference: r.get(0)?,
                kind: SubmissionKind::parse(&r.get::<_, String>(1)?),
                practice_id: r.get(2)?,
                cells: Vec::new(),
                submitter: r.get(3)?,
                email: r.get(4)?,
                lang: r.get(5)?,
                warnings: warnings
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                status: Status::parse(&status).unwrap_or(Status::Pending),
                received_at: r.get(8)?,
                decided_at: r.get(9)?,
                decided_by: r.get(10)?,
                decision_note: r.get(11)?,
            })
        },
    )?;
    let mut stmt = tx.prepare_cached(
        "SELECT column_name, value, before, changed FROM submission_cells
         WHERE seq = ?1 ORDER BY position",
    )?;
    submission.cells = stmt
        .query_map([seq], |r| {
            Ok(Cell {
                column: r.get(0)?,
                value: r.get(1)?,
                before: r.get(2)?,
                changed: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(submission)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(client: &str) -> NewSubmission {
        NewSubmission {
            kind: SubmissionKind::New,
            practice_id: "ke-sample".into(),
            cells: vec![Cell {
                column: "programme".into(),
                value: "Sample".into(),
                before: None,
                changed: true,
            }],
            submitter: "A. Person".into(),
            email: "a@example.org".into(),
            client: client.into(),
            lang: "en".into(),
            warnings: vec!["possible duplicate".into()],
        }
    }

    const ROOMY: PendingCaps = PendingCaps {
        per_client: 10,
        total: 100,
    };

    #[test]
    fn references_count_up_within_the_year_and_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = SubmissionStore::open(&dir.path().join("s.sqlite3")).unwrap();
        let first = store.submit(&sample("1.2.3.4"), ROOMY).unwrap().unwrap();
        let second = store.submit(&sample("1.2.3.4"), ROOMY).unwrap().unwrap();
        assert!(
            first.starts_with("S-") && first.ends_with("-0001"),
            "{first}"
        );
        assert!(second.ends_with("-0002"), "{second}");
        let back = store.get(&first).unwrap().unwrap();
        assert_eq!(back.cells, sample("x").cells);
        assert_eq!(back.email, "a@example.org");
        assert_eq!(back.warnings, vec!["possible duplicate".to_string()]);
        assert_eq!(back.status, Status::Pending);
    }

    #[test]
    fn pending_caps_count_per_address_and_in_total() {
        let dir = tempfile::tempdir().unwrap();
        let store = SubmissionStore::open(&dir.path().join("s.sqlite3")).unwrap();
        let caps = PendingCaps {
            per_client: 2,
            total: 3,
        };
        assert!(store.submit(&sample("a"), caps).unwrap().is_ok());
        assert!(store.submit(&sample("a"), caps).unwrap().is_ok());
        assert_eq!(store.submit(&sample("a"), caps).unwrap(), Err(Full::Client));
        assert!(store.submit(&sample("b"), caps).unwrap().is_ok());
        assert_eq!(
            store.submit(&sample("c"), caps).unwrap(),
            Err(Full::Everyone)
        );
        let first = store.list(None).unwrap()[0].reference.clone();
        store
            .decide(&first, Status::Rejected, "mod", "spam")
            .unwrap();
        assert!(store.submit(&sample("c"), caps).unwrap().is_ok());
        assert!(store.decide(&first, Status::Accepted, "mod", "").is_err());
    }

    #[test]
    fn moderators_take_turns_and_an_intent_is_finished_or_dropped_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let store = SubmissionStore::open(&path).unwrap();
        let first = store.submit(&sample("a"), ROOMY).unwrap().unwrap();
        let second = store.submit(&sample("b"), ROOMY).unwrap().unwrap();
        let other = SubmissionStore::open(&path).unwrap();
        let turn = store.lock_moderation().unwrap();
        // A second lock on the same file is refused while the first is held (`try_lock`
        // through another open file description, as another process would see it).
        let mut name = path.as_os_str().to_owned();
        name.push(".moderation-lock");
        let again = std::fs::File::open(std::path::PathBuf::from(name)).unwrap();
        assert!(again.try_lock().is_err());
        let planned = PlannedFile {
            path: dir.path().join("practices.csv"),
            before: None,
            after: b"new".to_vec(),
        };
        store
            .record_intent(&turn, &first, "m", "ok", std::slice::from_ref(&planned))
            .unwrap();
        assert!(store.record_intent(&turn, &first, "m", "ok", &[]).is_err());
        let refused = other.decide(&first, Status::Rejected, "n", "");
        assert!(refused.unwrap_err().to_string().contains("being accepted"));
        let open = other.unfinished_accepts().unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].reference, first);
        assert_eq!(open[0].files, vec![planned.clone()]);
        store.finish_accept(&turn, &first).unwrap();
        let done = store.get(&first).unwrap().unwrap();
        assert_eq!(done.status, Status::Accepted);
        assert_eq!(done.decided_by.as_deref(), Some("m"));
        assert!(store.unfinished_accepts().unwrap().is_empty());
        assert!(store.finish_accept(&turn, &first).is_err());
        store
            .record_intent(&turn, &second, "m", "", &[planned])
            .unwrap();
        store.drop_intent(&turn, &second).unwrap();
        other.decide(&second, Status::Rejected, "n", "").unwrap();
        drop(turn);
        assert!(again.try_lock().is_ok());
    }

    #[test]
    fn addresses_are_stored_only_as_salted_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let store = SubmissionStore::open(&path).unwrap();
        store
            .submit(&sample("203.0.113.77"), ROOMY)
            .unwrap()
            .unwrap();
        drop(store);
        let bytes = std::fs::read(&path).unwrap();
        let wal = std::fs::read(dir.path().join("s.sqlite3-wal")).unwrap_or_default();
        for haystack in [bytes, wal] {
            assert!(!haystack.windows(12).any(|w| w == b"203.0.113.77"));
        }
    }

    #[test]
    fn a_damaged_file_is_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        std::fs::write(
            &path,
            b"this is not a database at all, just some text bytes",
        )
        .unwrap();
        let err = SubmissionStore::open(&path).err().expect("refused");
        assert!(
            format!("{err:#}").contains("submissions database"),
            "{err:#}"
        );
    }
}
