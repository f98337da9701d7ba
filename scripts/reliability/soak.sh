#!/usr/bin/env bash
# L01/L02/L07: steady load, then overload, against a real server on 127.0.0.1 with wrk;
# samples the server's RSS and open file descriptors, and fails if either grows or if any
# request fails under steady load. Bounded: DURATION seconds of steady load (default 60).
#
#   scripts/reliability/soak.sh                 # 60 s, debug binary (cargo build first)
#   DURATION=600 BIN=target/release/atd-atlas scripts/reliability/soak.sh   # the 10-min soak
#
# Needs: wrk (apt-get install -y wrk). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-target/debug/atd-atlas}
DURATION=${DURATION:-60}
PORT=${PORT:-18089}
[ -x "$BIN" ] || cargo build --locked
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$BIN" --db "$work/db.sqlite3" --index-dir "$work/index" import >/dev/null 2>&1
ATD_RATE_PER_SEC=0 RUST_LOG=warn "$BIN" --db "$work/db.sqlite3" --index-dir "$work/index" \
  serve --addr "127.0.0.1:$PORT" >/dev/null 2>"$work/server.log" &
server=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

cat > "$work/mix.lua" <<'LUA'
local paths = {
  "/", "/?q=detention", "/?q=children+case+management&sort=cost_asc",
  "/api/v1/search?q=bail&per_page=50", "/api/v1/search?country=US&country=MX",
  "/practices/ca-toronto-bail-program", "/api/v1/practices/ca-toronto-bail-program", "/about",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
fds() { ls "/proc/$server/fd" | wc -l; }

# Warm up, then measure from a settled baseline.
wrk -t2 -c20 -d5s -s "$work/mix.lua" "http://127.0.0.1:$PORT" >/dev/null
rss0=$(rss); fd0=$(fds)
echo "== L01/L07 steady: 50 connections, ${DURATION}s, mixed pages (baseline RSS ${rss0} kB, ${fd0} fds)"
wrk -t2 -c50 -d"${DURATION}s" --latency -s "$work/mix.lua" "http://127.0.0.1:$PORT" | tee "$work/steady.txt"
sleep 1
rss1=$(rss); fd1=$(fds)
errors=$(grep -E "Non-2xx|Socket errors" "$work/steady.txt" || true)
echo "RSS ${rss0} kB -> ${rss1} kB; fds ${fd0} -> ${fd1}"

echo "== L02 overload: 400 connections on a heavy search for 10 s"
wrk -t2 -c400 -d10s "http://127.0.0.1:$PORT/?q=detention+alternatives+community+children&per_page=100&sort=cost_desc" | tee "$work/over.txt"
start=$(date +%s%N)
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz"
echo "first answer after the overload: $(( ($(date +%s%N) - start) / 1000000 )) ms"

fail=0
if [ -n "$errors" ]; then echo "FAIL: errors under steady load: $errors"; fail=1; fi
if [ "$rss1" -gt $(( rss0 * 110 / 100 + 2048 )) ]; then echo "FAIL: RSS grew more than 10%"; fail=1; fi
if [ "$fd1" -gt $(( fd0 + 8 )) ]; then echo "FAIL: file descriptors grew"; fail=1; fi
[ "$fail" = 0 ] && echo "OK: no errors under steady load, RSS and fds flat"
exit "$fail"
