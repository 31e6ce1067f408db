#!/usr/bin/env bash
# Installs what is missing, and only that: Debian packages (through sudo when not root)
# and the npm dependencies of package-lock.json. Quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# clang and its runtime libraries (libFuzzer, ASan, UBSan) for the sanitizer tests and fuzzing.
APT_PACKAGES=(cmake g++ make emscripten nlohmann-json3-dev catch2 chromium clang libclang-rt-dev)
command -v node >/dev/null || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

# node_modules/.package-lock.json is what npm wrote at the last install. `npm install`, not
# `npm ci`: npm 11 leaves the other platforms' optional DuckDB bindings out of the lock file,
# which `npm ci` then rejects as out of sync; `npm install` still installs the locked versions.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm install --no-audit --no-fund
fi
