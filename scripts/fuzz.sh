#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan + UBSan) and runs each for a
# bounded time, failing on any crash, leak, UB report or timeout.
# Usage: scripts/fuzz.sh [seconds per target, default 60] [target ...]
# Each target starts from its committed seeds (tests/fuzz/corpus/<target>/) plus what
# earlier runs on this machine found (build/asan/fuzz-corpus/<target>/, never committed).
# A failing input is saved as build/asan/fuzz-artifacts/<target>/crash-* (or leak-*, timeout-*);
# reproduce with: build/asan/tests/fuzz/<target> <that file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true

cmake --preset asan >/dev/null
cmake --build --preset fuzz

bin=build/asan/tests/fuzz
targets=("$@")
if ((${#targets[@]} == 0)); then
  for source in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
summary=()
for target in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$target"
  corpus="build/asan/fuzz-corpus/$target"
  artifacts="build/asan/fuzz-artifacts/$target"
  log="build/asan/fuzz-logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  [ -d "$seeds" ] || { echo "fuzz: $target has no seed corpus in $seeds" >&2; failed+=("$target"); continue; }
  printf '\n== fuzz %s (%ss)\n' "$target" "$seconds"
  status=0
  # -timeout: one input taking seconds means a super-linear path; -rss_limit_mb: unbounded memory.
  "$bin/$target" "$corpus" "$seeds" -dict=tests/fuzz/shopkeeper.dict -max_total_time="$seconds" \
    -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corp=$(grep -o 'corp: [0-9]*/[0-9]*[bKM]*' "$log" | tail -1 | cut -d' ' -f2)
  if ((status != 0)); then
    failed+=("$target")
    tail -n 40 "$log"
    summary+=("$(printf '%-20s FAILED (exit %s), see %s' "$target" "$status" "$log")")
  else
    summary+=("$(printf '%-20s %10s executions, corpus %s inputs/bytes' "$target" "${runs:-?}" "${corp:-?}")")
  fi
done

printf '\n== fuzz summary (%ss per target)\n' "$seconds"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
