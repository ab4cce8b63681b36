#!/usr/bin/env bash
# `npm test`: everything from a fresh clone. Installs dependencies, generates the contracts,
# builds, lints and type-checks, runs the unit tests, starts the real Kafka broker and FerretDB
# (deploy/local/stack.sh; FerretDB on PostgreSQL, FERRETDB_BACKEND=sqlite on SQLite), runs the
# integration tests against them, checks the Kubernetes charts, and stops whatever it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
started=()
cleanup() {
  local code=$?
  if [ ${#started[@]} -gt 0 ]; then bash deploy/local/stack.sh stop || true; fi
  exit $code
}
trap cleanup EXIT INT TERM

step() { printf '\n==> %s\n' "$*"; }
t0=$SECONDS
# Every step runs under what is left of one time budget, so a step that hangs fails the run with
# its name (and the stack still stopped) instead of running into CI's own limit.
deadline=$((SECONDS + ${TEST_BUDGET_SECONDS:-4500}))
within() {
  local left=$((deadline - SECONDS)) code=0
  if [ $left -le 0 ]; then left=1; fi
  timeout --kill-after=30 "$left" "$@" || code=$?
  if [ $code -eq 124 ] || [ $code -eq 137 ]; then
    echo "test.sh: out of time (TEST_BUDGET_SECONDS) in: $*" >&2
  fi
  return $code
}

within bash tools/install-deps.sh
rm -rf .cache/test-tally

step "contracts: lint the protos, generate, build every project"
within npx nx run contracts:proto-lint
within npx nx run-many -t build

step "lint, type-check, format"
within npx nx run-many -t lint
within npm run -s typecheck
within npx prettier --check . --log-level warn

step "unit tests"
within npx nx run-many -t test

step "local stack: Kafka (KRaft) and FerretDB on ${FERRETDB_BACKEND:-postgresql}"
if ! bash deploy/local/stack.sh status >/dev/null 2>&1; then started+=(stack); fi
within bash deploy/local/stack.sh start

step "integration tests against the real broker and MongoDB-wire server"
within npx nx run-many -t int-test --parallel=1

step "browser tests: the console in Debian's Chromium against the running platform"
within npx nx run gateway:browser-test

step "Kubernetes: helm lint/template, schema validation, policy"
within npx nx run k8s:check

echo
echo "finished in $((SECONDS - t0)) s"
# Fails on a failure and on any skipped test not on tools/workspace/test-skips.allow.json.
node tools/workspace/test-tally.js
