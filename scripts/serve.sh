#!/usr/bin/env bash
# Builds the app for release and serves it at http://127.0.0.1:8080/ (PORT and HOST to change).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh
source scripts/env.sh
trunk build --release
exec python3 scripts/serve.py --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}" dist
