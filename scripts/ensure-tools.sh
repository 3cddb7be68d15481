#!/usr/bin/env bash
# Installs whatever building (and, with --test, testing) needs, skipping what is already there at
# the right version. Only registries are used: crates.io, npm, Debian. Nothing from GitHub or a CDN.
#
#   scripts/ensure-tools.sh          wasm target, Trunk, wasm-bindgen CLI, npm packages (wasm-opt)
#   scripts/ensure-tools.sh --test   the above, plus Debian's Chromium and chromedriver, Firefox ESR
#                                    and geckodriver, WebKitGTK's WebKitWebDriver and Xvfb,
#                                    LibreOffice Calc (headless) with poppler-utils
#
# Callers should `source scripts/env.sh` afterwards for PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
# The CLI must equal the wasm-bindgen crate in Cargo.lock exactly (Cargo.toml pins it with "=").
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

step() { printf '\n==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# Debian packages, with one `apt-get update` per run however many steps need one.
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -q; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qF " $TRUNK_VERSION"; then
  step "Installing Trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  # 0.22 needs a newer rustc than this machine's 1.95.
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF " $WASM_BINDGEN_VERSION"; then
  step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Not --locked: the CLI's own lockfile names a crate version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm packages from the lockfile: binaryen (wasm-opt for Trunk), playwright-core, axe-core.
stamp=node_modules/.qianshou-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  step "Installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  # Chromium and its driver for the browser tests; a small CJK font so that screenshots kept from
  # the test run show Chinese text rather than empty boxes (phones have such fonts already).
  if ! have chromium || ! have chromedriver || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
    step "Installing Debian's Chromium, chromedriver and a CJK font"
    apt_install chromium chromium-driver fonts-wqy-microhei
  fi
  # The other engines' smoke tests (tests/engines): Firefox ESR, WebKitGTK's driver (it starts
  # MiniBrowser), and Xvfb, since WebKitGTK 2.50 has no headless mode. About 2.5 minutes.
  if ! have firefox-esr || ! have WebKitWebDriver || ! have xvfb-run || ! have xauth; then
    step "Installing Debian's Firefox ESR, WebKitGTK's WebDriver and Xvfb"
    apt_install firefox-esr webkit2gtk-driver xvfb xauth
  fi
  # Read whole first: its long --version text would die of SIGPIPE under grep -q and pipefail.
  gecko_version=$(geckodriver --version 2>/dev/null || true)
  if [[ "$gecko_version" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
    step "Installing geckodriver $GECKODRIVER_VERSION (about 5 to 10 minutes on 2 cores)"
    cargo install geckodriver --locked --version "$GECKODRIVER_VERSION"
  fi
  # LibreOffice Calc without its GUI opens the office workbook in tests/office/ (soffice
  # --headless); poppler-utils reads the PDF it prints (pdfinfo, pdftotext).
  if ! have soffice || ! have pdftotext; then
    step "Installing Debian's LibreOffice Calc (headless) and poppler-utils"
    apt_install --no-install-recommends libreoffice-calc-nogui poppler-utils
  fi
fi
