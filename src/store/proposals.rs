//! The proposals database: proposed practices and corrections waiting for a moderator, in
//! their own SQLite file beside the published one (never inside it). Its own migrations; each
//! proposal is one transaction; contact emails live here and nowhere else.
//!
//! Over 500 lines (about 970 of code, 310 of tests): one database with its own invariants
//! (the pending caps counted in the proposal's own transaction, addresses only as keyed hashes,
//! one decision per proposal, accept intents, the moderators' lock) that hold across all of
//! its statements; split, each part would need the others' schema and locks.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, bail};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Never edit or reorder a shipped step: add a new one at the end.
const STEPS: &[&str] = &[
    // 1: proposals (named `submissions` until step 4), their cells, and the salt that keys client addresses.
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
    // 3: the client's address prefix (/24, /64) for the per-prefix pending cap and for
    // rejecting a flood; both hashes are now keyed by a secret outside this file, so the
    // old salt (which let anyone holding the file recover addresses) is dropped.
    "ALTER TABLE submissions ADD COLUMN client_prefix TEXT NOT NULL DEFAULT '';
    CREATE INDEX submissions_prefix ON submissions(status, client_prefix);
    DELETE FROM meta WHERE key = 'client_salt';",
    // 4: one noun: the tables take the name the code and the interface use. SQLite rewrites
    // the foreign keys that name them (`accepting`, the cells); the rows are untouched.
    "ALTER TABLE submissions RENAME TO proposals;
    ALTER TABLE submission_cells RENAME TO proposal_cells;
    DROP INDEX submissions_pending;
    CREATE INDEX proposals_pending ON proposals(status, client);
    DROP INDEX submissions_prefix;
    CREATE INDEX proposals_prefix ON proposals(status, client_prefix);",
    // 5: what the proposer is told and the moderator sees: the keyed hash of the token that
    // opens the proposal's status page (the token itself is never stored), a correction's
    // reason and supporting source, and the records it may duplicate (ids, `;`-joined).
    "ALTER TABLE proposals ADD COLUMN status_key TEXT NOT NULL DEFAULT '';
    ALTER TABLE proposals ADD COLUMN why TEXT NOT NULL DEFAULT '';
    ALTER TABLE proposals ADD COLUMN why_source TEXT NOT NULL DEFAULT '';
    ALTER TABLE proposals ADD COLUMN duplicate_of TEXT NOT NULL DEFAULT '';",
];

/// What a proposal proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProposalKind {
    /// A practice the atlas does not have yet.
    #[default]
    New,
    /// Changed cells of an existing practice.
    Correction,
}

impl ProposalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalKind::New => "new",
            ProposalKind::Correction => "correction",
        }
    }

    fn parse(text: &str) -> ProposalKind {
        if text == "correction" {
            ProposalKind::Correction
        } else {
            ProposalKind::New
        }
    }
}

/// Where a proposal is in moderation.
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

/// A proposal as received, before it has a reference.
#[derive(Debug, Clone, Default)]
pub struct NewProposal {
    pub kind: ProposalKind,
    pub practice_id: String,
    pub cells: Vec<Cell>,
    pub submitter: String,
    pub email: String,
    /// The client's address key (stored only as a salted hash, for the pending caps).
    pub client: String,
    pub lang: String,
    /// Said to the moderator (a likely duplicate, for instance); never a refusal.
    pub warnings: Vec<String>,
    /// Opens the proposal's status page ([`new_status_token`]); only its keyed hash is
    /// stored. Empty: the proposal has no status page.
    pub status_token: String,
    /// A correction: why the values change, and the address of the source that says so.
    pub why: String,
    pub why_source: String,
    /// Ids of records already in the atlas this may duplicate.
    pub duplicate_of: Vec<String>,
}

/// A stored proposal.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub reference: String,
    pub kind: ProposalKind,
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
    pub why: String,
    pub why_source: String,
    pub duplicate_of: Vec<String>,
}

impl Proposal {
    pub fn value(&self, column: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|c| c.column == column)
            .map(|c| c.value.as_str())
    }
}

/// How many pending proposals one address, one address prefix (/24, /64), and everyone
/// may have at once.
#[derive(Debug, Clone, Copy)]
pub struct PendingCaps {
    pub per_client: u32,
    pub per_prefix: u32,
    pub total: u32,
}

/// Why a proposal was not stored although it was valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// This address already has `per_client` pending proposals.
    Client,
    /// Its /24 (IPv4) or /64 (IPv6) already has `per_prefix` pending proposals.
    Prefix,
    /// The moderators' queue holds `total` pending proposals.
    Everyone,
}

/// The proposals database, opened for writing by the server or the moderation commands.
pub struct ProposalStore {
    path: PathBuf,
    conn: Mutex<Connection>,
    key: AddressKey,
}

/// Which pending proposals a moderator means (`proposals reject --from … --since …`).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Sent from this address, or this /24 (IPv4) or /64 (IPv6).
    pub from: Option<AddressMatch>,
    /// Received at or after this time (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`, UTC).
    pub since: Option<String>,
    /// Received before this time (same forms).
    pub until: Option<String>,
    /// Any cell, the name or the email contains this text (case folded).
    pub text: Option<String>,
}

/// An address or an address prefix as the store can match it: addresses are kept only as
/// keyed hashes of the client's address and of its /24 or /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressMatch {
    Address(IpAddr),
    Prefix(IpAddr),
}

impl AddressMatch {
    /// `203.0.113.7`, `203.0.113.0/24`, `2001:db8::1`, `2001:db8::/64`; other prefix lengths
    /// cannot be matched (no address is stored, only those two hashes).
    pub fn parse(text: &str) -> Result<AddressMatch, String> {
        let (addr, len) = match text.split_once('/') {
            Some((addr, len)) => (addr, Some(len)),
            None => (text, None),
        };
        let ip: IpAddr = addr
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not an IP address or prefix"))?;
        match (ip, len.map(str::trim)) {
            (_, None) | (IpAddr::V4(_), Some("32")) | (IpAddr::V6(_), Some("128")) => {
                Ok(AddressMatch::Address(ip))
            }
            (IpAddr::V4(_), Some("24")) | (IpAddr::V6(_), Some("64")) => {
                Ok(AddressMatch::Prefix(ip))
            }
            _ => Err(format!(
                "`{text}`: only a single address, a /24 (IPv4) or a /64 (IPv6) can be matched; \
                 addresses are kept only as keyed hashes of those"
            )),
        }
    }
}

impl ProposalStore {
    /// Opens (creating if needed) the database, checks it and brings its schema up to date.
    pub fn open(path: &Path) -> anyhow::Result<ProposalStore> {
        let mut conn = Connection::open(path)
            .with_context(|| format!("cannot open the proposals database {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL: the server keeps taking proposals while a moderator reads or decides.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        )
        .with_context(|| format!("cannot use the proposals database {}", path.display()))?;
        let verdict: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .with_context(|| format!("the proposals database {} is damaged", path.display()))?;
        if verdict != "ok" {
            bail!(
                "the proposals database {} is damaged ({verdict}); restore it from a backup",
                path.display()
            );
        }
        super::migrations::run(&mut conn, STEPS)
            .with_context(|| format!("cannot migrate the proposals database {}", path.display()))?;
        let key = AddressKey::open_or_create(&key_path(path))?;
        Ok(ProposalStore {
            path: path.to_path_buf(),
            conn: Mutex::new(conn),
            key,
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
            .map_err(|_| anyhow::anyhow!("the proposals database connection was poisoned"))?;
        f(&mut conn)
    }

    /// Stores one proposal in one transaction and returns its reference (`S-2026-0007`),
    /// unless a pending cap is reached.
    pub fn submit(
        &self,
        new: &NewProposal,
        caps: PendingCaps,
    ) -> anyhow::Result<Result<String, Full>> {
        let client = self.key.client(&new.client);
        let prefix = self.key.prefix(&new.client);
        let status_key = match new.status_token.as_str() {
            "" => String::new(),
            token => self.key.status(token),
        };
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            if let Some(full) = full(&tx, &client, &prefix, caps)? {
                return Ok(Err(full));
            }
            let reference = insert(&tx, new, &client, &prefix, &status_key)?;
            tx.commit().context("cannot save the proposal")?;
            Ok(Ok(reference))
        })
    }

    /// Proposals in the order received, optionally only those with `status`.
    pub fn list(&self, status: Option<Status>) -> anyhow::Result<Vec<Proposal>> {
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let mut stmt = tx.prepare(
                "SELECT seq FROM proposals WHERE ?1 IS NULL OR status = ?1 ORDER BY seq",
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

    /// The proposal `reference` if `token` is the one its status page was given; `None` for
    /// any other token (or a proposal without a status page), whatever the reference. The
    /// keyed hashes are compared in constant time, so the time taken tells nothing.
    pub fn with_status_token(
        &self,
        reference: &str,
        token: &str,
    ) -> anyhow::Result<Option<Proposal>> {
        let offered = self.key.status(token);
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let found: Option<(i64, String)> = tx
                .query_row(
                    "SELECT seq, status_key FROM proposals WHERE reference = ?1",
                    [reference],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let opened = match found {
                Some((seq, stored)) if !stored.is_empty() && same_bytes(&stored, &offered) => {
                    Some(load(&tx, seq)?)
                }
                _ => None,
            };
            tx.commit()?;
            Ok(opened)
        })
    }

    /// One proposal by its reference.
    pub fn get(&self, reference: &str) -> anyhow::Result<Option<Proposal>> {
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let seq: Option<i64> = tx
                .query_row(
                    "SELECT seq FROM proposals WHERE reference = ?1",
                    [reference],
                    |r| r.get(0),
                )
                .optional()?;
            let found = seq.map(|seq| load(&tx, seq)).transpose()?;
            tx.commit()?;
            Ok(found)
        })
    }

    /// Records a moderator's decision on a pending proposal: who, when (now) and why.
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
                     run `atd-atlas proposals accept {reference}` to finish it"
                );
            }
            record(&tx, seq, status, by, note)?;
            tx.commit().context("cannot record the decision")?;
            Ok(())
        })
    }

    /// The pending proposals `filter` matches, oldest first.
    pub fn pending_matching(&self, filter: &Filter) -> anyhow::Result<Vec<Proposal>> {
        let (client, prefix) = match filter.from {
            Some(AddressMatch::Address(ip)) => (Some(self.key.client(&client_key(ip))), None),
            Some(AddressMatch::Prefix(ip)) => (None, Some(self.key.prefix(&ip.to_string()))),
            None => (None, None),
        };
        let text = filter.text.as_deref().map(str::to_lowercase);
        self.with_conn(|conn| {
            let tx = conn.transaction()?;
            let mut stmt = tx.prepare(
                "SELECT s.seq FROM proposals s
                 WHERE s.status = 'pending'
                   AND (?1 IS NULL OR s.client = ?1)
                   AND (?2 IS NULL OR s.client_prefix = ?2)
                   AND (?3 IS NULL OR s.received_at >= ?3)
                   AND (?4 IS NULL OR s.received_at < ?4)
                   AND (?5 IS NULL OR instr(lower(s.submitter), ?5) > 0
                        OR instr(lower(s.email), ?5) > 0
                        OR EXISTS (SELECT 1 FROM proposal_cells c
                                   WHERE c.seq = s.seq AND instr(lower(c.value), ?5) > 0))
                   AND NOT EXISTS (SELECT 1 FROM accepting a WHERE a.seq = s.seq)
                 ORDER BY s.seq",
            )?;
            let seqs = stmt
                .query_map(
                    params![client, prefix, filter.since, filter.until, text],
                    |r| r.get::<_, i64>(0),
                )?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            drop(stmt);
            let found = seqs
                .into_iter()
                .map(|seq| load(&tx, seq))
                .collect::<anyhow::Result<Vec<_>>>()?;
            tx.commit()?;
            Ok(found)
        })
    }

    /// Rejects every pending proposal in `references` (those still pending with no accept
    /// under way) in one transaction; returns the ones rejected.
    pub fn reject_all(
        &self,
        _turn: &ModerationLock,
        references: &[String],
        by: &str,
        note: &str,
    ) -> anyhow::Result<Vec<String>> {
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let mut rejected = Vec::new();
            for reference in references {
                let Ok(seq) = pending_seq(&tx, reference) else {
                    continue;
                };
                if has_intent(&tx, seq)? {
                    continue;
                }
                record(&tx, seq, Status::Rejected, by, note)?;
                rejected.push(reference.clone());
            }
            tx.commit().context("cannot record the decisions")?;
            Ok(rejected)
        })
    }

    /// Deletes rejected proposals decided more than `days` days ago (their cells, names
    /// and emails with them) and gives the space back to the filesystem. Returns how many.
    pub fn purge_rejected(&self, _turn: &ModerationLock, days: u32) -> anyhow::Result<usize> {
        self.with_conn(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let cutoff: String = tx.query_row(
                "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)",
                [format!("-{days} days")],
                |r| r.get(0),
            )?;
            let old = "SELECT seq FROM proposals WHERE status = 'rejected' AND decided_at <= ?1";
            tx.execute(
                &format!("DELETE FROM proposal_cells WHERE seq IN ({old})"),
                [&cutoff],
            )?;
            let purged = tx.execute(
                "DELETE FROM proposals WHERE status = 'rejected' AND decided_at <= ?1",
                [&cutoff],
            )?;
            tx.commit().context("cannot purge")?;
            if purged > 0 {
                conn.execute_batch("VACUUM")
                    .context("purged, but cannot give the space back (VACUUM)")?;
            }
            Ok(purged)
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
    /// any of them is touched. Refused unless the proposal is pending with no intent yet.
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
                 FROM accepting a JOIN proposals s ON s.seq = a.seq ORDER BY a.seq",
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
    /// proposal is simply pending again.
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

/// Held while one moderator decides (see [`ProposalStore::lock_moderation`]).
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

/// The row of a pending proposal, or why there is none to decide.
fn pending_seq(tx: &Transaction<'_>, reference: &str) -> anyhow::Result<i64> {
    let found: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, status FROM proposals WHERE reference = ?1",
            [reference],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        None => bail!("there is no proposal {reference}; see `atd-atlas proposals list`"),
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
        "UPDATE proposals SET status = ?2, decided_by = ?3, decision_note = ?4,
             decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE seq = ?1",
        params![seq, status.as_str(), by, note],
    )?;
    Ok(())
}

/// The key file of a proposals database: `proposals.sqlite3.key` beside it.
fn key_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// The secret that client addresses are hashed with, kept in a file of its own (owner-only
/// permissions, created on first start) and never in the database: whoever holds a copy of
/// the database alone cannot test guessed addresses against its hashes.
struct AddressKey([u8; 16]);

impl AddressKey {
    fn open_or_create(path: &Path) -> anyhow::Result<AddressKey> {
        use std::os::unix::fs::PermissionsExt;
        if !path.exists() {
            create_key_file(path)?;
        }
        let meta = std::fs::metadata(path)
            .with_context(|| format!("cannot read the address key {}", path.display()))?;
        if meta.permissions().mode() & 0o077 != 0 {
            // Readable by others: made owner-only again rather than refused, so a copy
            // restored with loose permissions does not close the desk.
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot make {} owner-only", path.display()))?;
        }
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the address key {}", path.display()))?;
        let bytes = parse_hex(text.trim()).with_context(|| {
            format!(
                "the address key {} is damaged; move it aside (a new one is made at the next \
                 start, and pending caps restart from zero)",
                path.display()
            )
        })?;
        Ok(AddressKey(bytes))
    }

    fn hash(&self, domain: &str, text: &str) -> String {
        use siphasher::sip128::{Hasher128, SipHasher24};
        use std::hash::Hasher;
        let mut hasher = SipHasher24::new_with_key(&self.0);
        hasher.write(domain.as_bytes());
        hasher.write(&[0]);
        hasher.write(text.as_bytes());
        let hash = hasher.finish128();
        format!("{:016x}{:016x}", hash.h1, hash.h2)
    }

    /// The keyed hash a status token is stored as.
    fn status(&self, token: &str) -> String {
        self.hash("status", token)
    }

    /// The client's address key (an IPv6 client is already its /64).
    fn client(&self, client: &str) -> String {
        self.hash("client", client)
    }

    /// The client's /24 (IPv4) or /64 (IPv6); a key that is not an address stands alone.
    fn prefix(&self, client: &str) -> String {
        let prefix = match client.parse::<IpAddr>() {
            Ok(IpAddr::V4(v4)) => {
                let [a, b, c, _] = v4.octets();
                format!("{a}.{b}.{c}.0/24")
            }
            Ok(IpAddr::V6(v6)) => format!("{}/64", mask_64(v6)),
            Err(_) => client.to_string(),
        };
        self.hash("prefix", &prefix)
    }
}

/// Writes a fresh random key where none is: written whole to a temporary file first, then
/// linked into place (which fails if another process made one meanwhile, whose key is kept).
fn create_key_file(path: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = dir.join(format!(
        ".{}.{}.new",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temp)
        .with_context(|| format!("cannot create the address key in {}", dir.display()))?;
    let key = random_hex()?;
    file.write_all(format!("{key}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write the address key {}", temp.display()))?;
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
    }
}

fn parse_hex(text: &str) -> Option<[u8; 16]> {
    if text.len() != 32 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

fn mask_64(v6: std::net::Ipv6Addr) -> std::net::Ipv6Addr {
    let mut segments = v6.segments();
    for s in &mut segments[4..] {
        *s = 0;
    }
    std::net::Ipv6Addr::from(segments)
}

/// The address a client is counted by: itself (IPv4) or its /64 (IPv6), as the server's
/// limiter keys it.
fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => mask_64(v6).to_string(),
    }
}

/// A fresh token for a proposal's status page: 128 random bits as 32 hex digits.
pub fn new_status_token() -> anyhow::Result<String> {
    random_hex()
}

/// Whether two strings are equal, looking at every byte whatever the first difference.
fn same_bytes(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// 128 bits from the operating system's random source, as 32 hex digits; an error rather
/// than anything weaker when that source fails.
fn random_hex() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|err| anyhow::anyhow!("the system's random source failed: {err}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn full(
    tx: &Transaction<'_>,
    client: &str,
    prefix: &str,
    caps: PendingCaps,
) -> anyhow::Result<Option<Full>> {
    let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> anyhow::Result<u32> {
        Ok(tx.query_row(sql, args, |r| r.get(0))?)
    };
    let total = count(
        "SELECT COUNT(*) FROM proposals WHERE status = 'pending'",
        &[],
    )?;
    if total >= caps.total {
        return Ok(Some(Full::Everyone));
    }
    let mine = count(
        "SELECT COUNT(*) FROM proposals WHERE status = 'pending' AND client = ?1",
        &[&client],
    )?;
    if mine >= caps.per_client {
        return Ok(Some(Full::Client));
    }
    let neighbours = count(
        "SELECT COUNT(*) FROM proposals WHERE status = 'pending' AND client_prefix = ?1",
        &[&prefix],
    )?;
    Ok((neighbours >= caps.per_prefix).then_some(Full::Prefix))
}

fn insert(
    tx: &Transaction<'_>,
    new: &NewProposal,
    client: &str,
    prefix: &str,
    status_key: &str,
) -> anyhow::Result<String> {
    let received_at: String =
        tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
            r.get(0)
        })?;
    let year = &received_at[..4];
    // Numbered within the year after the highest number given (not the count: purged rows
    // must not free their numbers); the transaction is IMMEDIATE, so no one else counts.
    let number: i64 = tx.query_row(
        "SELECT COALESCE(MAX(CAST(substr(reference, 8) AS INTEGER)), 0) + 1 FROM proposals
         WHERE substr(reference, 3, 4) = ?1",
        [year],
        |r| r.get(0),
    )?;
    let reference = format!("S-{year}-{number:04}");
    tx.execute(
        "INSERT INTO proposals (reference, kind, practice_id, client, lang, submitter, email,
             warnings, status, received_at, client_prefix, status_key, why, why_source,
             duplicate_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            reference,
            new.kind.as_str(),
            new.practice_id,
            client,
            new.lang,
            new.submitter,
            new.email,
            new.warnings.join("\n"),
            received_at,
            prefix,
            status_key,
            new.why,
            new.why_source,
            new.duplicate_of.join(";")
        ],
    )?;
    let seq = tx.last_insert_rowid();
    crate::faults::point("proposals::mid_transaction").context("cannot save the proposal")?;
    let mut stmt = tx.prepare(
        "INSERT INTO proposal_cells (seq, position, column_name, value, before, changed)
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

fn load(tx: &Transaction<'_>, seq: i64) -> anyhow::Result<Proposal> {
    let mut proposal = tx.query_row(
        "SELECT reference, kind, practice_id, submitter, email, lang, warnings, status,
                received_at, decided_at, decided_by, decision_note, why, why_source,
                duplicate_of
         FROM proposals WHERE seq = ?1",
        [seq],
        |r| {
            let warnings: String = r.get(6)?;
            let status: String = r.get(7)?;
            Ok(Proposal {
                reference: r.get(0)?,
                kind: ProposalKind::parse(&r.get::<_, String>(1)?),
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
                why: r.get(12)?,
                why_source: r.get(13)?,
                duplicate_of: r
                    .get::<_, String>(14)?
                    .split(';')
                    .filter(|id| !id.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        },
    )?;
    let mut stmt = tx.prepare_cached(
        "SELECT column_name, value, before, changed FROM proposal_cells
         WHERE seq = ?1 ORDER BY position",
    )?;
    proposal.cells = stmt
        .query_map([seq], |r| {
            Ok(Cell {
                column: r.get(0)?,
                value: r.get(1)?,
                before: r.get(2)?,
                changed: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(proposal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(client: &str) -> NewProposal {
        NewProposal {
            kind: ProposalKind::New,
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
            ..NewProposal::default()
        }
    }

    const ROOMY: PendingCaps = PendingCaps {
        per_client: 10,
        per_prefix: 100,
        total: 100,
    };

    #[test]
    fn references_count_up_within_the_year_and_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProposalStore::open(&dir.path().join("s.sqlite3")).unwrap();
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
        let store = ProposalStore::open(&dir.path().join("s.sqlite3")).unwrap();
        let caps = PendingCaps {
            per_client: 2,
            per_prefix: 100,
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
        let store = ProposalStore::open(&path).unwrap();
        let first = store.submit(&sample("a"), ROOMY).unwrap().unwrap();
        let second = store.submit(&sample("b"), ROOMY).unwrap().unwrap();
        let other = ProposalStore::open(&path).unwrap();
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
        let store = ProposalStore::open(&path).unwrap();
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
    fn l5_address_hashes_are_keyed_by_a_secret_outside_the_database() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let store = ProposalStore::open(&path).unwrap();
        store.submit(&sample("127.0.0.77"), ROOMY).unwrap().unwrap();
        drop(store);
        let key_file = dir.path().join("s.sqlite3.key");
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the key file is owner-only");
        let key = std::fs::read_to_string(&key_file).unwrap();
        let conn = Connection::open(&path).unwrap();
        let (client, prefix): (String, String) = conn
            .query_row("SELECT client, client_prefix FROM proposals", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        let salts: i64 = conn
            .query_row("SELECT COUNT(*) FROM meta", [], |r| r.get(0))
            .unwrap();
        assert_eq!(salts, 0, "no secret in the database");
        drop(conn);
        let bytes = std::fs::read(&path).unwrap();
        let wal = std::fs::read(dir.path().join("s.sqlite3-wal")).unwrap_or_default();
        for haystack in [&bytes, &wal] {
            assert!(!haystack.windows(32).any(|w| w == key.trim().as_bytes()));
        }
        // With the database alone, trying every address of 127.0.0.0/24 finds nothing: the
        // old salted FNV and an unkeyed hash both miss, only the key makes the hash.
        let found = (0..=255u8).any(|last| {
            let guess = format!("127.0.0.{last}");
            AddressKey([0; 16]).client(&guess) == client
        });
        assert!(!found);
        let keyed = AddressKey(parse_hex(key.trim()).unwrap());
        assert_eq!(keyed.client("127.0.0.77"), client);
        assert_eq!(keyed.prefix("127.0.0.1"), prefix);
        // A key file made readable by others is made owner-only again at open.
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        ProposalStore::open(&path).unwrap();
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn m2_a_prefix_has_its_own_cap_and_a_flood_is_rejected_by_filter_then_purged() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProposalStore::open(&dir.path().join("s.sqlite3")).unwrap();
        let caps = PendingCaps {
            per_client: 5,
            per_prefix: 12,
            total: 1000,
        };
        let mut stored = 0;
        let mut refused = 0;
        for host in 1..=20u8 {
            for _ in 0..5 {
                match store
                    .submit(&sample(&format!("127.0.0.{host}")), caps)
                    .unwrap()
                {
                    Ok(_) => stored += 1,
                    Err(Full::Prefix) => refused += 1,
                    Err(other) => panic!("{other:?}"),
                }
            }
        }
        assert_eq!(
            (stored, refused),
            (12, 88),
            "the /24 is capped, not the queue"
        );
        assert!(store.submit(&sample("198.51.100.7"), caps).unwrap().is_ok());
        assert!(
            store
                .submit(&sample("2001:db8:1:2::"), caps)
                .unwrap()
                .is_ok()
        );

        let flood = Filter {
            from: Some(AddressMatch::parse("127.0.0.0/24").unwrap()),
            ..Filter::default()
        };
        assert_eq!(store.pending_matching(&flood).unwrap().len(), 12);
        let one = Filter {
            from: Some(AddressMatch::parse("127.0.0.1").unwrap()),
            ..Filter::default()
        };
        assert_eq!(store.pending_matching(&one).unwrap().len(), 5);
        let v6 = Filter {
            from: Some(AddressMatch::parse("2001:db8:1:2::/64").unwrap()),
            ..Filter::default()
        };
        assert_eq!(store.pending_matching(&v6).unwrap().len(), 1);
        assert!(AddressMatch::parse("127.0.0.0/16").is_err());
        let text = Filter {
            text: Some("SAMPLE".into()),
            since: Some("2000-01-01".into()),
            until: Some("2000-01-02".into()),
            ..Filter::default()
        };
        assert!(
            store.pending_matching(&text).unwrap().is_empty(),
            "outside the window"
        );

        let turn = store.lock_moderation().unwrap();
        let references: Vec<String> = store
            .pending_matching(&flood)
            .unwrap()
            .into_iter()
            .map(|s| s.reference)
            .collect();
        let rejected = store.reject_all(&turn, &references, "m", "flood").unwrap();
        assert_eq!(rejected.len(), 12);
        assert_eq!(store.list(Some(Status::Pending)).unwrap().len(), 2);
        // Decided just now: kept until the retention period is over.
        assert_eq!(store.purge_rejected(&turn, 30).unwrap(), 0);
        store
            .with_conn(|conn| {
                conn.execute(
                    "UPDATE proposals SET decided_at = '2000-01-01T00:00:00Z'
                     WHERE status = 'rejected'",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        assert_eq!(store.purge_rejected(&turn, 30).unwrap(), 12);
        assert_eq!(store.list(None).unwrap().len(), 2);
        // Purged numbers are not given again.
        let next = store.submit(&sample("192.0.2.1"), caps).unwrap().unwrap();
        assert!(next.ends_with("-0015"), "{next}");
    }

    #[test]
    fn a_database_from_before_the_rename_keeps_every_proposal_and_intent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("submissions.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        crate::store::migrations::run(&mut conn, &STEPS[..3]).unwrap();
        conn.execute_batch(
            "INSERT INTO submissions (seq, reference, kind, practice_id, client, lang, submitter,
                 email, warnings, status, received_at, client_prefix)
             VALUES (1, 'S-2026-0007', 'new', 'ke-sample', 'c', 'fr', 'A. Person',
                 'a@example.org', '', 'pending', '2026-01-02T03:04:05Z', 'p');
             INSERT INTO submission_cells VALUES (1, 0, 'programme', 'Sample', NULL, 1);
             INSERT INTO accepting VALUES (1, 'm', 'ok', '2026-01-03T00:00:00Z');",
        )
        .unwrap();
        drop(conn);
        let store = ProposalStore::open(&path).unwrap();
        let kept = store.get("S-2026-0007").unwrap().expect("still there");
        assert_eq!(kept.lang, "fr");
        assert_eq!(kept.value("programme"), Some("Sample"));
        let open = store.unfinished_accepts().unwrap();
        assert_eq!(open.len(), 1, "the intent still names its proposal");
        // Numbered after the kept one (when it is still 2026; another year starts at 0001).
        let next = store.submit(&sample("x"), ROOMY).unwrap().unwrap();
        assert!(next == "S-2026-0008" || next.ends_with("-0001"), "{next}");
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
        let err = ProposalStore::open(&path).err().expect("refused");
        assert!(format!("{err:#}").contains("proposals database"), "{err:#}");
    }
}
