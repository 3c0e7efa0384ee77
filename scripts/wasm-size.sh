#!/usr/bin/env bash
# The browser bundle as a release build ships it, and how big it is on the
# wire: the frontend crate built with the `wasm-release` profile (the one
# cargo-leptos uses for `--release`: opt-level z, LTO, one codegen unit),
# bound with wasm-bindgen, shrunk by wasm-opt -Oz, then gzip -9. Prints one
# line; `make wasm-size` runs it. The target is ≤ 300 KB gzipped (#14).
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/wasm-size
mkdir -p "$out"
# The same target directory as cargo-leptos' browser builds.
cargo build --package=frontend --lib --target=wasm32-unknown-unknown --target-dir=target/front \
  --profile wasm-release --quiet
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name pespro \
  target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm
# The WebAssembly features rustc emits for wasm32 by default (Rust ≥ 1.82);
# wasm-opt must be told, or it refuses them.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/pespro_bg.wasm" -o "$out/pespro_bg.opt.wasm"

wasm=$out/pespro_bg.opt.wasm
js=$out/pespro.js
wasm_gz=$(gzip -9 -c "$wasm" | wc -c)
js_gz=$(gzip -9 -c "$js" | wc -c)
# awk rather than bc: a fresh machine has awk.
awk -v w="$(stat -c %s "$wasm")" -v wg="$wasm_gz" -v jg="$js_gz" -v d="$(date -u +%F)" 'BEGIN {
  printf "wasm_bytes=%d wasm_gzip_bytes=%d js_gzip_bytes=%d total_gzip_kb=%.1f target_kb=300 date=%s\n", w, wg, jg, (wg + jg) / 1000, d
}'
