# shellcheck shell=bash
# Installs what the build and the tests need and a fresh machine lacks. Sourced, not run.
# Every step checks first, so a second run costs nothing.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# The debug server binary, target/debug/zorgroute. Inside scripts/test the test run has just built
# it (cargo builds a package's binaries for its integration tests) with the whole workspace's
# features; `cargo build -p backend` alone resolves other features and would compile the server's
# dependencies a second time (about 190 s on a clean clone).
build_server() {
  [ -n "${ZR_SERVER_BUILT:-}" ] && [ -x "$ROOT/target/debug/zorgroute" ] && return 0
  cargo build -p backend --quiet
}

ensure_wasm_target() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && return 0
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

# The build tools below come from crates.io as source (no prebuilt binaries here). They handle a few
# MB of wasm, so they are compiled without optimisation (opt-level 0: 82 s for both instead of 274 s
# on a clean clone, about 1 s slower per frontend build) into one target directory, where the
# crates they share are compiled once.
install_tool() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_TARGET_DIR="$ROOT/target/tools" cargo install --quiet "$@"
}

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock exactly. Without its default
# TLS feature: its test runner only talks plain HTTP to the chromedriver we give it.
ensure_wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  # `|| true`: on a fresh machine the command is missing, and under `set -e -o pipefail` (the
  # scripts that source this) a failed substitution would end the script without a word.
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}') || true
  [ "$have" = "$want" ] && return 0
  say "installing wasm-bindgen-cli $want (matches Cargo.lock)"
  install_tool wasm-bindgen-cli --version "$want" --no-default-features
}

# Node packages for the browser tests and the wasm optimiser (npm's binaryen; Debian's is broken).
ensure_node_modules() {
  local dir="$ROOT/e2e"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing e2e node packages"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  if [ "$(id -u)" = 0 ]; then
    say "installing Chromium from apt"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium chromium-driver'" >&2
    return 1
  fi
}

# wasm-split cuts the app into one wasm chunk per group of pages (frontend/src/app.rs). It must
# understand the `wasm_split_helpers` version Leptos uses (Cargo.lock): 0.2.x.
WASM_SPLIT_VERSION=0.2.4
ensure_wasm_split() {
  cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" && command -v wasm-split-cli >/dev/null && return 0
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  install_tool wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
}

ensure_frontend_tools() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_node_modules
}
