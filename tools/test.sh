#!/usr/bin/env bash
# `npm test`: everything from a fresh clone. Installs dependencies, generates the contracts,
# builds, lints and type-checks, runs the unit tests, starts the real Kafka broker and FerretDB
# (deploy/local/stack.sh), runs the integration tests against them, checks the Kubernetes charts,
# and stops whatever it started.
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

bash tools/install-deps.sh
rm -rf .cache/test-tally

step "contracts: lint the protos, generate, build every project"
npx nx run contracts:proto-lint
npx nx run-many -t build

step "lint, type-check, format"
npx nx run-many -t lint
npm run -s typecheck
npx prettier --check . --log-level warn

step "unit tests"
npx nx run-many -t test

step "local stack: Kafka (KRaft) and FerretDB"
if ! bash deploy/local/stack.sh status >/dev/null 2>&1; then started+=(stack); fi
bash deploy/local/stack.sh start

step "integration tests against the real broker and MongoDB-wire server"
npx nx run-many -t int-test --parallel=1

step "browser tests: the console in Debian's Chromium against the running platform"
npx nx run gateway:browser-test

step "Kubernetes: helm lint/template, schema validation, policy"
npx nx run k8s:check

echo
echo "finished in $((SECONDS - t0)) s"
node tools/test-tally.js
