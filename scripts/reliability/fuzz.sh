#!/usr/bin/env bash
# C26/Q15: long property-based fuzz runs (cargo fuzz needs nightly; this machine is stable).
# CI runs the same properties with a few hundred cases; here CASES each (default 20000).
#
#   scripts/reliability/fuzz.sh
#   CASES=200000 scripts/reliability/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
CASES=${CASES:-20000}
echo "== C26: arbitrary bytes into the CSV importer ($CASES cases)"
PROPTEST_CASES=$CASES cargo test --locked --release --lib import::tests:: -- --test-threads 2
echo "== Q15: arbitrary text through the whole search path ($CASES cases)"
ATD_FUZZ_CASES=$CASES cargo test --locked --release --test it q15_ -- --test-threads 1
