#!/usr/bin/env bash
# The one way to run a benchmark (benchmarks are not tests: they print figures, nothing fails).
#
#   bench/run.sh NAME [ARGS...]
#
#   shell        the app shell's sizes and start-up times (builds release; bench/shell.mjs)
#   records      storage of 2,000 villages x 5 needs: quota used, list and save times (bench/records.mjs)
#   interchange  export and import of 2,000 villages in the browser (bench/interchange.mjs)
#   matcher      the matcher (all suggestions and the plan), natively then in wasm in headless
#                Chromium (bench/matcher.rs, bench/matcher_wasm.rs), one browser run per size;
#                sizes may be given: bench/run.sh matcher 1000 500 10000 5000
#                (SUGGESTIONS_ONLY=1 leaves the plan out; RUNS=N runs each size N times in wasm,
#                a new page each: the first run in a page varies most on this machine; each
#                size runs twice, the export straight after preparing the matcher and 1000 ms
#                after, as the app prepares it ahead: MATCHER_PAUSES="0 1000" sets the idles)
#   suggest      one need's suggestions at 2,000 villages, 4x CPU throttling (bench/suggest.mjs);
#                sizes may be given: bench/run.sh suggest 2000 1000
#   import       export and import natively, in the core (bench/import.rs)
#   search       the list search (characters and pinyin) and orders at 2,000 villages, natively
#                (bench/search.rs); the number of villages may be given: bench/run.sh search 5000
#   search-browser  the same typed in the app, 4x CPU throttling: keystroke to next frame, and
#                each order picked (bench/search.mjs); bench/run.sh search-browser 2000
#   server       the receiving server on SQLite and on a throwaway PostgreSQL (bench/server.rs)
#
# Sizes default to what the README's figures were measured with; the browser ones take the
# number of villages as ARGS (bench/run.sh records 200 for a quick look).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"
shift || true

browser() {
  scripts/ensure-tools.sh --test
  source scripts/env.sh
  trunk build --release
}

case "$name" in
  shell)
    browser
    node bench/shell.mjs dist
    ;;
  records)
    browser
    node bench/records.mjs "${1:-2000}"
    ;;
  interchange)
    browser
    node bench/interchange.mjs "${1:-2000}"
    ;;
  suggest)
    browser
    node bench/suggest.mjs "$@"
    ;;
  matcher)
    scripts/ensure-tools.sh --test
    source scripts/env.sh
    echo "Native:"
    cargo run --quiet --release -p qianshou-core --features sample --example bench_matcher -- "$@"
    echo
    echo "Wasm (headless Chromium):"
    # One run per size: the sizes are compiled in (MATCHER_SIZES), and one page working past
    # chromedriver's limit (about 30 s) would lose every figure.
    set -- "${@:-64 29 1000 500 10000 5000}"
    set -- $*
    while [ "$#" -ge 2 ]; do
      for pause in ${MATCHER_PAUSES:-0 1000}; do
        for _ in $(seq "${RUNS:-1}"); do
          MATCHER_PAUSE_MS="$pause" MATCHER_SIZES="$1 $2" WASM_BINDGEN_TEST_TIMEOUT=600 \
            cargo test --release -p qianshou --target wasm32-unknown-unknown --test matcher_bench \
            -- --include-ignored --nocapture 2>&1 | grep '^|' \
            || echo "| $1 × $2 | did not finish (see cargo test --release -p qianshou --test matcher_bench) |"
        done
      done
      shift 2
    done
    ;;
  import)
    cargo run --quiet --release -p qianshou-core --features sample --example bench_import -- "$@"
    ;;
  search-browser)
    browser
    node bench/search.mjs "${1:-2000}"
    ;;
  search)
    cargo run --quiet --release -p qianshou-core --example bench_search -- "$@"
    ;;
  server)
    cargo build --profile server -p qianshou-server --bin qianshou-server --example bench_server
    BIN=target/server/qianshou-server
    BENCH=target/server/examples/bench_server
    echo "==> SQLite"
    "$BENCH" "$BIN"
    echo "==> PostgreSQL"
    source scripts/pg-cluster.sh
    start_pg "${PG_PORT:-55433}"
    "$BENCH" "$BIN" "$PG_URL"
    ;;
  *)
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    [ -z "$name" ] || { echo "unknown benchmark: $name" >&2; exit 2; }
    ;;
esac
