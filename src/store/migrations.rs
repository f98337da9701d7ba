//! Append-only schema migrations, applied in order and recorded in `PRAGMA user_version`:
//! the published database's steps, and the one runner both databases use (the proposals
//! database has its own steps in `store::proposals`).

use rusqlite::Connection;

/// Never edit or reorder a shipped step: add a new one at the end.
const STEPS: &[&str] = &[
    // 1: practices and release metadata.
    "CREATE TABLE practices (
        id TEXT PRIMARY KEY NOT NULL,
        position INTEGER NOT NULL,
        country TEXT NOT NULL,
        iso2 TEXT NOT NULL,
        region TEXT NOT NULL,
        subregion TEXT NOT NULL,
        programme TEXT NOT NULL,
        kind TEXT NOT NULL,
        organisation TEXT NOT NULL,
        organisation_type TEXT NOT NULL,
        start_year INTEGER,
        end_year INTEGER,
        status TEXT NOT NULL,
        populations TEXT NOT NULL,
        atd_types TEXT NOT NULL,
        cap_stages TEXT NOT NULL,
        participants INTEGER,
        participants_note TEXT NOT NULL,
        cost_per_day REAL,
        cost_currency TEXT,
        cost_unit TEXT,
        cost_year INTEGER,
        detention_cost_per_day REAL,
        cost_per_day_usd REAL,
        detention_cost_per_day_usd REAL,
        cost_per_day_usd_constant REAL,
        detention_cost_per_day_usd_constant REAL,
        saving_per_day_usd_constant REAL,
        outcome_compliance_pct REAL,
        outcome_other TEXT NOT NULL,
        summary TEXT NOT NULL,
        source_title TEXT NOT NULL,
        source_url TEXT NOT NULL
    );
    CREATE INDEX practices_position ON practices(position);
    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);",
    // 2: bounds, year basis, verification date, sources (JSON) and release marks.
    "ALTER TABLE practices ADD COLUMN cost_per_day_high REAL;
    ALTER TABLE practices ADD COLUMN cost_bound TEXT;
    ALTER TABLE practices ADD COLUMN cost_year_basis TEXT;
    ALTER TABLE practices ADD COLUMN detention_cost_per_day_high REAL;
    ALTER TABLE practices ADD COLUMN detention_cost_bound TEXT;
    ALTER TABLE practices ADD COLUMN last_verified TEXT NOT NULL DEFAULT '';
    ALTER TABLE practices ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE practices ADD COLUMN added_in TEXT NOT NULL DEFAULT '';
    ALTER TABLE practices ADD COLUMN changed_in TEXT NOT NULL DEFAULT '';
    CREATE TABLE releases (
        position INTEGER PRIMARY KEY NOT NULL,
        version TEXT NOT NULL UNIQUE,
        date TEXT NOT NULL,
        entry TEXT NOT NULL
    );",
    // 3: translations of a practice's free text (JSON, read with the row).
    "ALTER TABLE practices ADD COLUMN translations TEXT NOT NULL DEFAULT '[]';",
    // 4: figures — each practice's with the practice (JSON, read with the row) and every
    // figure, country-level ones too, in their own table.
    "ALTER TABLE practices ADD COLUMN figures TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE figures (
        id TEXT PRIMARY KEY NOT NULL,
        position INTEGER NOT NULL,
        practice_id TEXT REFERENCES practices(id),
        iso2 TEXT NOT NULL,
        measure TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX figures_position ON figures(position);",
    // 5: the date of the latest source stating the status, and links to other records of
    // the same programme (JSON, read with the row).
    "ALTER TABLE practices ADD COLUMN status_as_of TEXT;
    ALTER TABLE practices ADD COLUMN links TEXT NOT NULL DEFAULT '[]';",
    // 6: the country and area pages read one country's (or one area's) practices and one
    // country's facts by these, not by a pass over every record.
    "CREATE INDEX practices_iso2 ON practices(iso2, position);
    CREATE INDEX practices_subregion ON practices(subregion, position);
    CREATE INDEX practices_region ON practices(region, position);
    CREATE INDEX figures_iso2 ON figures(iso2, position);",
    // 7: the data files as the import read them, byte for byte: `/data/{file}` serves the
    // released dataset, never rows accepted into the folder but not yet imported.
    "CREATE TABLE released_files (name TEXT PRIMARY KEY NOT NULL, bytes BLOB NOT NULL);",
    // 8: the language a record's free text is written in (`en`, `es`, `fr`); every record
    // before it was English.
    "ALTER TABLE practices ADD COLUMN text_lang TEXT NOT NULL DEFAULT 'en';",
];

pub const LATEST: i64 = STEPS.len() as i64;

pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the published database's schema to [`LATEST`].
pub fn apply(conn: &mut Connection) -> rusqlite::Result<()> {
    run(conn, STEPS)
}

/// Applies the `steps` a database has not had yet, each in its own transaction with the
/// version it reaches, so a crash between steps leaves a schema that a rerun completes.
pub fn run(conn: &mut Connection, steps: &[&str]) -> rusqlite::Result<()> {
    let current = version(conn)?;
    for (done, step) in steps.iter().enumerate().skip(current.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", done as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn).unwrap();
        apply(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST);
    }
}
