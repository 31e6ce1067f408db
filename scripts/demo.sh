#!/usr/bin/env bash
# Installs what is missing, builds, and serves the demo shop.
# Port: --port N or PORT=N (default 8080); host: --host or HOST (default 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node demo_site/server.js "$@"
