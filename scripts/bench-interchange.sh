#!/usr/bin/env bash
# Builds release and prints export and import times for 2,000 villages x 5 needs (a benchmark, not a test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --test
source scripts/env.sh
trunk build --release
node bench/interchange.mjs "${1:-2000}"
