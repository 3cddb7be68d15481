#!/usr/bin/env bash
# Runs every test layer: format and lints, native core tests, wasm tests in headless Chromium,
# a release build, and the end-to-end suite (Playwright, offline, accessibility).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh --test
source scripts/env.sh

step() { printf '\n==> %s\n' "$*"; }

step "Format and lints"
cargo fmt --all --check
cargo clippy -p qianshou-core --all-targets -- -D warnings
cargo clippy -p qianshou --target wasm32-unknown-unknown --all-targets -- -D warnings

step "Core tests (native)"
cargo test -p qianshou-core

step "Office workbook (LibreOffice headless)"
node --test tests/office/

step "Browser tests (wasm-bindgen-test in headless Chromium)"
cargo test -p qianshou --target wasm32-unknown-unknown

step "Release build"
trunk build --release

step "Server tests (SQLite, then a throwaway PostgreSQL)"
scripts/test-server.sh

step "End-to-end tests (Playwright, Chromium)"
npm run --silent e2e

step "Other engines: Firefox ESR and WebKitGTK smoke tests"
node --test --test-concurrency=1 tests/engines/
