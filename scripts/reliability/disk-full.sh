#!/usr/bin/env bash
# D01/D02 on a real full disk (CI covers them with injected ENOSPC at every write point).
# Needs root to mount a small tmpfs; skips (exit 0, says so) where mounting is not allowed.
# The data folder, database and index live on the tmpfs; a filler file leaves FREE bytes,
# for a sweep of sizes, then a larger import runs. After each: the database passes
# integrity_check and is the old or the new import, and the server starts and answers.
#
#   scripts/reliability/disk-full.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-target/debug/atd-atlas}
PORT=${PORT:-18090}
[ -x "$BIN" ] || cargo build --locked
BIN=$(realpath "$BIN")
work=$(mktemp -d)
mnt="$work/mnt"
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=24m tmpfs "$mnt" 2>/dev/null; then
  echo "SKIPPED: cannot mount a tmpfs here (needs root); CI covers D01/D02 by fault injection"
  rm -rf "$work"; exit 0
fi
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  umount "$mnt" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$mnt/data"
cp data/*.csv "$mnt/data/"
# A larger, marked synthetic CSV: the shipped rows copied 12 times with new ids.
python3 - "$mnt/data/practices.csv" "$work/big.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
out = [rows[0]]
for k in range(12):
    for r in rows[1:]:
        r = list(r)
        if k:
            r[0] = r[0][:60] + f"-synthetic-{k}"
            r[3] = "[synthetic test record] " + r[3]
        out.append(r)
csv.writer(open(sys.argv[2], 'w', newline='')).writerows(out)
PY
args=(--data-dir "$mnt/data" --db "$mnt/db.sqlite3" --index-dir "$mnt/index")
"$BIN" "${args[@]}" import >/dev/null 2>&1
cp "$mnt/data/practices.csv" "$work/small.csv"

check() {
  local verdict gen rows
  verdict=$(sqlite3 "file:$mnt/db.sqlite3?mode=ro" "PRAGMA integrity_check;")
  gen=$(sqlite3 "file:$mnt/db.sqlite3?mode=ro" "SELECT value FROM meta WHERE key='generation';")
  rows=$(sqlite3 "file:$mnt/db.sqlite3?mode=ro" "SELECT count(*) FROM practices;")
  RUST_LOG=error ATD_RATE_PER_SEC=0 "$BIN" "${args[@]}" serve --addr "127.0.0.1:$PORT" >/dev/null 2>"$work/serve.log" &
  server=$!
  local health=""
  for _ in $(seq 1 100); do
    health=$(curl -fsS "http://127.0.0.1:$PORT/healthz" 2>/dev/null) && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""
  echo "   integrity=$verdict db_generation=$gen rows=$rows serving=${health:-NO: $(tail -1 "$work/serve.log")}"
  [ "$verdict" = ok ] && [ -n "$health" ]
}

fail=0
for free_kb in 16 64 256 512 1024 1536 2048 2560 3072 3584 4096 6144; do
  rm -f "$mnt/filler"
  # Alternate the data set so every import is a real change, then fill the disk.
  if [ "$(cmp -s "$mnt/data/practices.csv" "$work/big.csv" && echo same)" = same ]; then
    cp "$work/small.csv" "$mnt/data/practices.csv"
  else
    cp "$work/big.csv" "$mnt/data/practices.csv"
  fi
  avail=$(df --output=avail -k "$mnt" | tail -1)
  fill=$(( avail - free_kb ))
  [ "$fill" -gt 0 ] && dd if=/dev/zero of="$mnt/filler" bs=1k count="$fill" status=none 2>/dev/null || true
  set +e
  out=$("$BIN" "${args[@]}" import 2>&1); rc=$?
  set -e
  echo "== ${free_kb} kB free: import exit $rc: $(echo "$out" | grep -m1 -iE 'error|space|full' || echo ok)"
  check || fail=1
  rm -f "$mnt/filler"
done
rm -f "$mnt/filler"
cp "$work/big.csv" "$mnt/data/practices.csv"
"$BIN" "${args[@]}" import >/dev/null 2>&1 && echo "== space freed: the import succeeds"
check || fail=1
[ "$fail" = 0 ] && echo "OK: every full-disk import failed cleanly or succeeded; the last good data always served"
exit "$fail"
