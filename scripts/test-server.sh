#!/usr/bin/env bash
# Runs the server's tests (server/tests) twice: on SQLite, then on PostgreSQL. Installs Debian's
# postgresql when it is missing, starts a throwaway cluster on 127.0.0.1:55432 in a temporary
# folder, and stops and removes it whatever happens. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

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
source scripts/pg-cluster.sh
start_pg "${PG_PORT:-55432}"
QIANSHOU_TEST_POSTGRES="$PG_URL" \
  cargo test -p qianshou-server "$@"
