#!/usr/bin/env bash
# K01/K02/R01: the SIGKILL harness with many iterations (CI runs 20 random kills + one at
# each named fault point). ITERATIONS random kills (default 200); SEED repeats a run.
#
#   scripts/reliability/kill-loop.sh            # 200 random kills + 7 named points
#   ITERATIONS=1000 SEED=42 scripts/reliability/kill-loop.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export ATD_KILL_ITERATIONS=${ITERATIONS:-200}
[ -n "${SEED:-}" ] && export ATD_KILL_SEED=$SEED
cargo test --locked --release --test system crash:: -- --nocapture --test-threads 1
