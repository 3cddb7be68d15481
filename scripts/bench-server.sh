#!/usr/bin/env bash
# Benchmarks of the receiving server (server/examples/bench_server.rs), on SQLite and then on a
# throwaway PostgreSQL cluster (as scripts/test-server.sh starts it): one upload of 2,000
# villages x 5 needs, and 50 uploaders x 20 uploads with their p95 and the server's memory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --profile server -p qianshou-server --bin qianshou-server --example bench_server
BIN=target/server/qianshou-server
BENCH=target/server/examples/bench_server

echo "==> SQLite"
"$BENCH" "$BIN"

echo "==> PostgreSQL"
source scripts/pg-cluster.sh
start_pg "${PG_PORT:-55433}"
"$BENCH" "$BIN" "$PG_URL"
