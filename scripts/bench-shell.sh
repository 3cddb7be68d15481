#!/usr/bin/env bash
# Builds release and prints the app shell's sizes and start-up times (a benchmark, not a test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --test
source scripts/env.sh
trunk build --release
node bench/shell.mjs dist
