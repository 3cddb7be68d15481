#!/usr/bin/env bash
# Builds release and times one need's suggestions at 2,000 villages with 4x CPU throttling in
# headless Chromium (a benchmark, not a test). Sizes may be given: bench-suggest.sh 2000 1000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --test
source scripts/env.sh
trunk build --release
node bench/suggest.mjs "$@"
