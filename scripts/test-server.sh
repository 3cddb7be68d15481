#!/usr/bin/env bash
# Runs the server's tests (server/tests) twice: on SQLite, then on PostgreSQL. Installs Debian's
# postgresql when it is missing, starts a throwaway cluster on 127.0.0.1:55432 in a temporary
# folder, and stops and removes it whatever happens. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  step "Installing PostgreSQL (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# The TLS test makes a certificate with openssl and fetches with curl.
if ! command -v openssl >/dev/null || ! command -v curl >/dev/null; then
  step "Installing openssl and curl (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl curl >/dev/null
fi

step "Format and lints (server)"
cargo fmt --all --check
cargo clippy -p qianshou-server --all-targets -- -D warnings

step "Server tests on SQLite"
cargo test -p qianshou-server "$@"

step "Server tests on PostgreSQL"
PG_PORT=${PG_PORT:-55432}
d=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop() {
  as_pg "$PG_BIN/pg_ctl" -D "$d/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$d"
}
trap stop EXIT
if [ "$(id -u)" = 0 ]; then chown postgres "$d"; fi
# initdb refuses to run as root: the cluster belongs to the postgres user.
as_pg "$PG_BIN/initdb" -D "$d/data" -A trust -U postgres >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$d/data" -l "$d/log" -w \
  -o "-p $PG_PORT -k $d -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null
QIANSHOU_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/postgres" \
  cargo test -p qianshou-server "$@"
