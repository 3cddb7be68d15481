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
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_PORT=${PG_PORT:-55433}
d=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$d/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$d"
}
trap stop EXIT
if [ "$(id -u)" = 0 ]; then chown postgres "$d"; fi
as_pg "$PG_BIN/initdb" -D "$d/data" -A trust -U postgres >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$d/data" -l "$d/log" -w \
  -o "-p $PG_PORT -k $d -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
"$BENCH" "$BIN" "postgres://postgres@127.0.0.1:$PG_PORT/postgres"
