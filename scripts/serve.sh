#!/usr/bin/env bash
# Builds the app for release and the receiving server, and serves both (the app and the upload API
# on one origin) at http://127.0.0.1:8080/ (PORT and HOST to change). Data goes to data/qianshou.db,
# or to PostgreSQL when DATABASE_URL is set. See the README's "Server" section for tokens and TLS.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh
source scripts/env.sh
trunk build --release
cargo build --profile server -p qianshou-server
exec target/server/qianshou-server serve --dist dist --listen "${HOST:-127.0.0.1}:${PORT:-8080}"
