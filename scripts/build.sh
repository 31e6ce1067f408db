#!/usr/bin/env bash
# Builds the release wasm module (compile -O2, link -Oz, exceptions off, Closure,
# DYNAMIC_EXECUTION=0) and bundles the JS layer into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset wasm >/dev/null
cmake --build --preset wasm
node scripts/bundle.mjs
