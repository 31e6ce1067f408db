#!/usr/bin/env bash
# The whole test suite: C++ natively, under ASan + UBSan and as wasm under node (Catch2 via
# ctest), a bounded run of every fuzz target, the JS API headless in node, and the demo shop
# in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

bash scripts/setup.sh

step "C++ unit tests, native (Catch2 + ctest)"
cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native

step "C++ unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang + ctest)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

# 20 s per target keeps the whole run well under 30 minutes; `npm run fuzz` runs 60 s each.
step "Fuzzing: every libFuzzer target for ${FUZZ_SECONDS:-20} s under ASan + UBSan"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"

step "C++ unit tests compiled to WebAssembly, run under node (ctest)"
cmake --preset wasm-tests >/dev/null
cmake --build --preset wasm-tests --target unit_tests
ctest --preset wasm-tests

step "Release build: wasm module and JS bundles"
bash scripts/build.sh

step "JS tests, headless in node (node:test)"
node --test tests/js/

step "Browser tests, Chromium against the demo shop (playwright-core + node:test)"
node --test tests/e2e/
