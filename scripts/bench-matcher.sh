#!/usr/bin/env bash
# Times the matcher (all suggestions and the plan) natively and in wasm in headless Chromium, on
# generated programmes (a benchmark, not a test). Native sizes may be given: bench-matcher.sh 1000 500
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --test
source scripts/env.sh
echo "Native:"
cargo run --quiet --release -p qianshou-core --features sample --example bench_matcher -- "$@"
echo
echo "Wasm (headless Chromium):"
WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --release -p qianshou --target wasm32-unknown-unknown --test matcher_bench -- --include-ignored --nocapture 2>&1 | grep '^|'
