#!/usr/bin/env bash
# M3/L1: `proposals accept` SIGKILLed at random moments, many times (CI runs 12 random
# kills + one at each of the 8 accept fault points). KILLS random kills (default 120); SEED
# repeats a run. Each kill is followed by a retry and the checks of
# tests/system/accept_crash.rs (published rows = accepted proposals, no orphan source,
# `check` passes).
#
#   scripts/reliability/accept-kills.sh            # 120 random kills + 8 named points
#   KILLS=500 SEED=42 scripts/reliability/accept-kills.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export ATD_ACCEPT_KILLS=${KILLS:-120}
[ -n "${SEED:-}" ] && export ATD_KILL_SEED=$SEED
cargo test --locked --test system accept_crash::m3_l1 -- --nocapture --test-threads 1
