#!/usr/bin/env bash
# Install everything `make build`, `make test` and `make demo` need, and
# nothing that is already there. Idempotent; safe to run on every make.
#   - Debian: chromium + chromium-driver (apt-get, only when root)
#   - Rust:   the wasm32 target, wasm-bindgen-cli, wasm-pack and cargo-about
#             (pinned; cargo-about writes the Rust crates' licence file)
#   - npm:    package.json devDependencies into ./node_modules
#   - Python: requirements-dev.txt into ./.venv, requirements-hub5.txt into
#             ./.venv-hub5 (a JupyterHub 5.5 hub for the end-to-end tests)
# `scripts/setup.sh --no-browser` (make build SETUP_ARGS=--no-browser) is
# enough to build, e.g. on a release runner: no Chromium, no .venv-hub5.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
CARGO_ABOUT_VERSION=0.9.3

BROWSER=1
for arg in "$@"; do
  case $arg in
    --no-browser) BROWSER=0 ;;
    *) printf 'usage: scripts/setup.sh [--no-browser]\n' >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------
need_apt=()
if ((BROWSER)); then
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
fi
if ((${#need_apt[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing ${need_apt[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    die "missing ${need_apt[*]}: install them (e.g. 'sudo apt-get install ${need_apt[*]}') and run make again"
  fi
fi

# --- Rust ------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) and run make again"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  # No --locked: the registry mirror lacks one of the locked dependencies.
  cargo install --quiet wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if [[ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]]; then
  say "installing wasm-pack $WASM_PACK_VERSION (about 1 minute, once)"
  cargo install --quiet wasm-pack --version "$WASM_PACK_VERSION" --force
fi
if [[ "$(cargo-about --version 2>/dev/null || true)" != "cargo-about $CARGO_ABOUT_VERSION" ]]; then
  say "installing cargo-about $CARGO_ABOUT_VERSION (about 4 minutes, once)"
  cargo install --quiet cargo-about --version "$CARGO_ABOUT_VERSION" --locked --features cli --force
fi

# --- npm -------------------------------------------------------------------
command -v npm >/dev/null || die "npm not found: install Node.js 20+ and run make again"
if [[ ! -f node_modules/.setup-stamp || package.json -nt node_modules/.setup-stamp \
      || ( -f package-lock.json && package-lock.json -nt node_modules/.setup-stamp ) ]]; then
  say "installing npm packages into ./node_modules"
  if [[ -f package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
  touch node_modules/.setup-stamp
fi

# --- Python ----------------------------------------------------------------
PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  say "creating ./.venv"
  "$PYTHON" -m venv .venv
fi
if [[ ! -f .venv/.setup-stamp || requirements-dev.txt -nt .venv/.setup-stamp ]]; then
  say "installing Python packages into ./.venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
  touch .venv/.setup-stamp
fi
if ((!BROWSER)); then
  say "ready (build only: no browser, no .venv-hub5)"
  exit 0
fi
if [[ ! -x .venv-hub5/bin/python ]]; then
  say "creating ./.venv-hub5"
  "$PYTHON" -m venv .venv-hub5
fi
# keep it out of git without touching .gitignore (python >= 3.13 venvs do this)
[[ -f .venv-hub5/.gitignore ]] || echo '*' > .venv-hub5/.gitignore
if [[ ! -f .venv-hub5/.setup-stamp || requirements-hub5.txt -nt .venv-hub5/.setup-stamp ]]; then
  say "installing JupyterHub 5.5 into ./.venv-hub5"
  .venv-hub5/bin/python -m pip install --quiet --upgrade pip
  .venv-hub5/bin/python -m pip install --quiet -r requirements-hub5.txt
  touch .venv-hub5/.setup-stamp
fi
say "ready"
