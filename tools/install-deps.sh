#!/usr/bin/env bash
# Installs the npm dependencies from package-lock.json when node_modules is missing or older than
# the lock file. The npm download cache lives in the project (.cache/npm), so a second install on
# the same machine needs no network.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund --cache "$root/.cache/npm" --prefer-offline
fi
