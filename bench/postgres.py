#!/usr/bin/env python3
"""The PostgreSQL peer of bench/run: the stack a web developer would pick by default.

    bench/postgres.py start PGDIR            initdb into PGDIR, start on a unix socket there
    bench/postgres.py load PGDIR SQLITE N    copy the practices of SQLITE into table n<N>
    bench/postgres.py time PGDIR N QUERIES SECONDS OUT.md   (QUERIES: `atd-bench queries`)
    bench/postgres.py stop PGDIR

Debian's `postgresql` package (initdb, pg_ctl and pgbench from /usr/lib/postgresql/*/bin).
The server listens on a unix socket in PGDIR only (no TCP port). As root, it runs as the
`postgres` user, which initdb requires. Full-text search as the PostgreSQL documentation
teaches it: a stored `tsvector` column (English configuration, the programme weighted above
the rest) with a GIN index; per search, the top 20 by `ts_rank` with a `ts_headline`
excerpt, the total, and one `GROUP BY` per facet (8; multi-valued facets unnested) — with
no facet selected, as Atlas's "keyword + facets" scenario, and with a country and a type of
alternative selected, each facet counted without its own filter (disjunctive, as Atlas).
Each scenario is one pgbench transaction, one client, timed per transaction (p50, p99).
"""

import glob
import json
import os
import pwd
import sqlite3
import subprocess
import sys

FACETS = [  # (column, multi-valued)
    ("region", False),
    ("iso2", False),
    ("kind", False),
    ("atd_types", True),
    ("populations", True),
    ("cap_stages", True),
    ("status", False),
    ("organisation_type", False),
]


def pg_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        sys.exit(f"postgres.py: {name} not found (apt-get install postgresql)")
    return found[-1]


def as_owner(pgdir):
    """Runs commands as PGDIR's owner (postgres when we are root)."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


def run(pgdir, argv, **kw):
    return subprocess.run(as_owner(pgdir) + argv, check=True, **kw)


def psql(pgdir, sql, db="atlas", capture=False):
    argv = [pg_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", sock(pgdir), "-d", db]
    return subprocess.run(
        as_owner(pgdir) + argv,
        input="SET client_min_messages = warning;\n" + sql,
        text=True,
        check=True,
        capture_output=capture,
    )


def sock(pgdir):
    return os.path.join(pgdir, "sock")


def start(pgdir):
    os.makedirs(sock(pgdir), exist_ok=True)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        for root, dirs, files in os.walk(pgdir):
            for name in [root] + [os.path.join(root, d) for d in dirs + files]:
                os.chown(name, pw.pw_uid, pw.pw_gid)
        # The bench dir's parents must be passable for the postgres user.
        os.chmod(pgdir, 0o755)
    data = os.path.join(pgdir, "data")
    if not os.path.isdir(data):
        run(pgdir, [pg_bin("initdb"), "-D", data, "-U", "postgres", "-A", "trust",
                    "--no-sync"], stdout=subprocess.DEVNULL)
    options = f"-k {sock(pgdir)} -c listen_addresses='' -c shared_buffers=256MB -c fsync=off"
    run(pgdir, [pg_bin("pg_ctl"), "-D", data, "-l", os.path.join(pgdir, "log"), "-o", options,
                "-w", "start"], stdout=subprocess.DEVNULL)
    subprocess.run(as_owner(pgdir) + [pg_bin("createdb"), "-h", sock(pgdir), "-U", "postgres",
                   "atlas"], stderr=subprocess.DEVNULL)


def stop(pgdir):
    run(pgdir, [pg_bin("pg_ctl"), "-D", os.path.join(pgdir, "data"), "-m", "fast", "stop"],
        stdout=subprocess.DEVNULL)


def pg_array(values):
    quoted = ['"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values]
    return "{" + ",".join(quoted) + "}"


def copy_text(value):
    if value is None:
        return "\\N"
    return (str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def load(pgdir, sqlite_path, n):
    table = f"n{n}"
    columns = ["id", "programme", "organisation", "summary", "outcome_other", "region", "iso2",
               "kind", "status", "organisation_type", "atd_types", "populations", "cap_stages",
               "cost_per_day_usd_constant", "start_year"]
    psql(pgdir, f"""
        DROP TABLE IF EXISTS {table};
        CREATE TABLE {table} (
            id text PRIMARY KEY, programme text, organisation text, summary text,
            outcome_other text, region text, iso2 text, kind text, status text,
            organisation_type text, atd_types text[], populations text[], cap_stages text[],
            cost_per_day_usd_constant double precision, start_year int);
    """)
    conn = sqlite3.connect(sqlite_path)
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM practices ORDER BY position")
    lines = []
    for row in rows:
        row = list(row)
        for i in (10, 11, 12):
            row[i] = pg_array(json.loads(row[i]))
        lines.append("\t".join(copy_text(v) for v in row))
    data = "\n".join(lines) + "\n\\.\n"
    psql(pgdir, f"COPY {table} ({', '.join(columns)}) FROM STDIN;\n" + data)
    psql(pgdir, f"""
        ALTER TABLE {table} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', programme), 'A') ||
            setweight(to_tsvector('english', organisation || ' ' || summary || ' ' ||
                                  outcome_other), 'D')) STORED;
        CREATE INDEX {table}_tsv ON {table} USING gin (tsv);
        VACUUM ANALYZE {table};
    """)


def counts_sql(table, where, facet):
    column, multi = facet
    if multi:
        return (f"SELECT v, count(*) FROM {table}, unnest({column}) v WHERE {where} "
                f"GROUP BY v ORDER BY 2 DESC;")
    return f"SELECT {column}, count(*) FROM {table} WHERE {where} GROUP BY 1 ORDER BY 2 DESC;"


def script(table, filtered):
    """One search as a pgbench transaction: top 20 with excerpts, the total, 8 facet counts."""
    text = "ftext" if filtered else "text"
    q = f"plainto_tsquery('english', (SELECT {text} FROM {table}_queries WHERE n = :n))"
    match = f"tsv @@ {q}"
    filters = {}
    if filtered:
        filters["iso2"] = f"iso2 = (SELECT country FROM {table}_queries WHERE n = :n)"
        filters["atd_types"] = (f"(SELECT atd_type FROM {table}_queries WHERE n = :n) "
                                f"= ANY(atd_types)")
    everything = " AND ".join([match] + list(filters.values()))
    lines = [f"\\set n random(1, :queries)"]
    lines.append(
        f"SELECT id, programme, ts_rank(tsv, {q}) AS rank, "
        f"ts_headline('english', summary || ' ' || outcome_other, {q}, 'MaxWords=35') "
        f"FROM {table} WHERE {everything} ORDER BY rank DESC LIMIT 20;")
    lines.append(f"SELECT count(*) FROM {table} WHERE {everything};")
    for facet in FACETS:
        # Disjunctive: a facet with a selection is counted without its own filter.
        where = " AND ".join([match] + [f for c, f in filters.items() if c != facet[0]])
        lines.append(counts_sql(table, where, facet))
    return "\n".join(lines) + "\n"


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), -(-len(sorted_values) * p // 100)))
    return sorted_values[int(rank) - 1]


def time_searches(pgdir, n, queries_file, seconds, out):
    table = f"n{n}"
    rows = [line.rstrip("\n").split("\t") for line in open(queries_file, encoding="utf-8")]
    psql(pgdir, f"""
        DROP TABLE IF EXISTS {table}_queries;
        CREATE TABLE {table}_queries (n int PRIMARY KEY, text text, ftext text,
                                      country text, atd_type text);
    """)
    data = "".join(f"{i}\t" + "\t".join(copy_text(v) for v in (r + [""] * 4)[:4]) + "\n"
                   for i, r in enumerate(rows, start=1))
    psql(pgdir, f"COPY {table}_queries FROM STDIN;\n{data}\\.\n")
    results = []
    for label, filtered in [("keyword + facets", False),
                            ("keyword + country + type filters + facets", True)]:
        path = os.path.join(pgdir, f"{table}-{'filtered' if filtered else 'keyword'}.sql")
        with open(path, "w", encoding="utf-8") as f:
            f.write(script(table, filtered))
        os.chmod(path, 0o644)
        log_prefix = os.path.join(pgdir, f"pgbench-{table}")
        for old in glob.glob(log_prefix + "*"):
            os.remove(old)
        run(pgdir, [pg_bin("pgbench"), "-n", "-h", sock(pgdir), "-c", "1", "-j", "1",
                    "-T", str(seconds), "-D", f"queries={len(rows)}", "-f", path, "-l",
                    "--log-prefix", log_prefix, "atlas"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        micros = []
        for log in glob.glob(log_prefix + "*"):
            for line in open(log, encoding="utf-8"):
                micros.append(int(line.split()[2]))
        micros.sort()
        ms = [m / 1000 for m in micros]
        results.append((label, len(ms), percentile(ms, 50), percentile(ms, 99),
                        ms[-1] if ms else 0.0))
    load_avg = open("/proc/loadavg").read().split()[0]
    with open(out, "a", encoding="utf-8") as f:
        for label, count, p50, p99, worst in results:
            f.write(f"| {n} | {label} | {count} | {p50:.2f} | {p99:.2f} | {worst:.2f} | "
                    f"{load_avg} |\n")


def main():
    command, pgdir = sys.argv[1], os.path.abspath(sys.argv[2])
    if command == "start":
        start(pgdir)
    elif command == "stop":
        stop(pgdir)
    elif command == "load":
        load(pgdir, sys.argv[3], int(sys.argv[4]))
    elif command == "time":
        time_searches(pgdir, int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), sys.argv[6])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
