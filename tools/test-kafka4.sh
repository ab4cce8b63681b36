#!/usr/bin/env bash
# `npm run test:kafka4`: the Kafka-facing integration tests (event bus, outbox) against a Kafka 4.x
# broker, on a private stack (own ports and data folder) beside the default 3.9 one. Stops what it
# started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
export KAFKA_VERSION=${KAFKA_VERSION:-4.4.0} STACK_DIR=.stack/kafka4 \
  KAFKA_PORT=19392 KAFKA_CONTROLLER_PORT=19393 MONGO_PORT=27317 POSTGRES_PORT=55732
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT
trap 'bash deploy/local/stack.sh stop' EXIT
bash tools/install-deps.sh
npx nx run-many -t build -p event-bus persistence
bash deploy/local/stack.sh start
# --skip-nx-cache: a cached 3.9 result must not stand in for a 4.x run.
npx nx run-many -t int-test -p event-bus persistence --parallel=1 --skip-nx-cache
