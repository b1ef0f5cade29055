#!/usr/bin/env bash
# Rust -> wasm32 -> wasm-bindgen (--target web) -> wasm-opt -Oz, into ./wasm.
# wasm-opt is the pinned npm binaryen (Debian's is too old for this wasm),
# always called by its path in node_modules.
#
# scripts/build-wasm.sh --dev (used by `make watch`): the dev profile, fast
# to rebuild, with names and debug info kept for the browser's debugger, no
# wasm-opt; marked by wasm/.dev-build so that `make build` never ships it.
#
# scripts/build-wasm.sh --names (used by `make size-report`): the release
# build, the same steps, but the function names kept, into target/wasm-names;
# its code is byte for byte the shipped wasm's, plus a name section.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=wasm
NAMES=--remove-name-section
KEEP=
if [[ ${1:-} == --names ]]; then
  OUT=target/wasm-names NAMES= KEEP=-g
fi
if [[ ${1:-} == --dev ]]; then
  cargo build --target wasm32-unknown-unknown -p user-sharing-ui
  mkdir -p "$OUT"
  wasm-bindgen --target web --debug --keep-debug --out-dir "$OUT" --out-name user_sharing_ui \
    target/wasm32-unknown-unknown/debug/user_sharing_ui.wasm
  touch "$OUT/.dev-build"
  printf '[build] %s (dev): %s bytes\n' "$OUT/user_sharing_ui_bg.wasm" "$(wc -c < "$OUT/user_sharing_ui_bg.wasm")"
  exit 0
fi
# Panic locations are strings in the wasm (and shown in the dialog's
# internal-error message): crates.io sources as `yew-0.23.0/src/...`, ours
# relative to the project, rather than full paths of this machine.
remap=("--remap-path-prefix=$PWD/=")
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  remap+=("--remap-path-prefix=$registry=")
done
RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }${remap[*]}" \
  cargo build --release --target wasm32-unknown-unknown -p user-sharing-ui
rm -rf "$OUT.tmp" && mkdir -p "$OUT.tmp"
# --experimental-reset-state-function: the shim replaces the instance after a
# panic (the module aborts; its memory cannot be trusted), see js/index.ts.
wasm-bindgen --target web $NAMES --experimental-reset-state-function --out-dir "$OUT.tmp" --out-name user_sharing_ui \
  target/wasm32-unknown-unknown/release/user_sharing_ui.wasm
node_modules/.bin/wasm-opt -Oz --converge $KEEP --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT.tmp/user_sharing_ui_bg.wasm" -o "$OUT.tmp/user_sharing_ui_bg.wasm"
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
printf '[build] %s: %s bytes raw, %s bytes gzip\n' "$OUT/user_sharing_ui_bg.wasm" \
  "$(wc -c < "$OUT/user_sharing_ui_bg.wasm")" "$(gzip -9 -c "$OUT/user_sharing_ui_bg.wasm" | wc -c)"
