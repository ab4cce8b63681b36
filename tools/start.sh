#!/usr/bin/env bash
# `npm start`: the whole platform on this machine. Installs and builds, starts Kafka and FerretDB
# (deploy/local/stack.sh; FerretDB on PostgreSQL, FERRETDB_BACKEND=sqlite on SQLite), creates the
# topics, then runs every service until Ctrl-C, which stops the services and the servers this
# script started. A service that exits is restarted with
# back-off (tools/supervise.sh). Once the services run, a generated demo
# history is loaded in the background through their gRPC commands (tools/seed, backfilled with
# x-recorded-at; HISTORY_CASES=0 skips it); a second start, that day or any later one, finds it
# there and loads nothing (it stays the history of the day it was first loaded: docs/backfill.md).
# With --secure (`npm run start:secure`): the production wiring, tools/secure-profile.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
logs="$root/.stack/logs"
mkdir -p "$logs"
# shellcheck source=tools/secure-profile.sh
source tools/secure-profile.sh

bash tools/install-deps.sh
echo "==> build"
npx nx run-many -t build --outputStyle=dynamic-legacy

stack_started=0
if ! bash deploy/local/stack.sh status >/dev/null 2>&1; then stack_started=1; fi
bash deploy/local/stack.sh start

pids=()
shutdown() {
  trap - INT TERM EXIT
  echo
  echo "==> stopping services"
  if [ -n "${history_pid:-}" ]; then kill -TERM "$history_pid" 2>/dev/null || true; fi
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$stack_started" = 1 ]; then bash deploy/local/stack.sh stop; fi
  exit 0
}
trap shutdown INT TERM EXIT

# shellcheck source=tools/supervise.sh
source tools/supervise.sh
start_secure_extras

echo "==> bootstrap: topics and org directory$([ "$secure" = 1 ] && echo ", Kafka ACLs (as the broker's admin)")"
# shellcheck disable=SC2046 # profile_env prints NAME=value words
env $(profile_env admin -) KAFKA_ACLS=$secure node tools/bootstrap/dist/main.js

# Each service runs under a supervisor: one that exits (a crash, kill -9) is started again after
# 1 s, 2 s, 4 s... up to 30 s, and the line "intake exited with 137; restarting in 2 s" says so.
# The gRPC ports lie below Linux's ephemeral range (32768-60999, ip_local_port_range): in it, any
# outgoing connection on the machine may briefly hold one, and the service fails with EADDRINUSE.
declare -A grpc_ports=([intake]=7051 [mediation]=7052 [referral]=7053 [statistics]=7054)
declare -A metrics_ports=([intake]=9461 [mediation]=9462 [referral]=9463 [statistics]=9464)
# Backfill (补录) is on locally so that the demo history can carry its real dates (docs/backfill.md).
# The supervisors' stderr only has the shell's "Killed" notices; what happened is on stdout.
# intake keeps documents, sealed, in the stack's S3-compatible store (its development credentials)
declare -A own_env=([intake]="DOCUMENT_STORE=s3 DOCUMENT_S3_ENDPOINT=http://127.0.0.1:${S3_PORT:-9380}
  DOCUMENT_S3_BUCKET=${S3_BUCKET:-mediation-documents} DOCUMENT_S3_ACCESS_KEY_ID=mediation-dev
  DOCUMENT_S3_SECRET_ACCESS_KEY=mediation-dev-secret")
for service in intake mediation referral statistics; do
  # shellcheck disable=SC2086,SC2046 # own_env and profile_env hold NAME=value words
  supervise "$service" "$logs/$service.log" env BACKFILL_ENABLED=true SERVICE_NAME=$service \
    GRPC_PORT=${grpc_ports[$service]} METRICS_PORT=${metrics_ports[$service]} MONGO_DB=$service \
    ${own_env[$service]:-} $(profile_env "$service" "$service") \
    node "services/$service/dist/main.js" 2>/dev/null &
  pids+=($!)
done

# Texts to the parties (docs/notification.md) go to the SMS provider's local stand-in, which
# writes what each phone received to sms.jsonl. In the secure profile notification signs in to
# Kafka as its own user and calls intake with its certificate, like the others.
supervise sms-standin "$logs/sms-standin.log" env SMS_STANDIN_PORT=9390 \
  SMS_STANDIN_TEMPLATES=services/notification/dist/notice/templates/sms-templates.json \
  SMS_STANDIN_LOG="$logs/sms.jsonl" node tools/sms-standin/dist/main.js 2>/dev/null &
pids+=($!)
if [ "$secure" = 1 ] && [ ! -f "$root/.stack/secure/run/kafka-tls/passwords/notification" ]; then
  # A secure stack made before notification had a Kafka user: its broker cannot add one.
  echo "==> notification: not started: this secure stack has no Kafka user for it; make the stack" \
    "anew (docs/local-stack.md, \"Kafka with TLS, SCRAM and ACLs\")" >&2
else
  # shellcheck disable=SC2046 # profile_env prints NAME=value words
  supervise notification "$logs/notification.log" env SERVICE_NAME=notification GRPC_PORT=7055 \
    METRICS_PORT=9465 MONGO_DB=notification $(profile_env notification notification) \
    node services/notification/dist/main.js 2>/dev/null &
  pids+=($!)
fi

sign_in="OIDC_ISSUER_URL=http://127.0.0.1:8180"
[ "$secure" = 1 ] || sign_in=""
# shellcheck disable=SC2046 # profile_env prints NAME=value words
supervise gateway "$logs/gateway.log" env HTTP_PORT=8080 SERVICE_NAME=gateway $sign_in \
  $(profile_env gateway gateway) node services/gateway/dist/main.js 2>/dev/null &
pids+=($!)

history_cases="${HISTORY_CASES:-3000}"
history_info="  Demo history  none (HISTORY_CASES=0)"
if [ "$history_cases" != 0 ]; then
  # In the background: the console is usable at once; the recent cases (inboxes, deadlines) load
  # first, then the years before them. Its progress and the time it took go to history.log.
  (
    trap 'kill -TERM "$loader" 2>/dev/null; exit 0' TERM
    began=$(date +%s)
    # shellcheck disable=SC2046 # profile_env prints NAME=value words
    env $(profile_env - operator) node tools/seed/dist/main.js --cases "$history_cases" \
      >>"$logs/history.log" 2>&1 &
    loader=$!
    if wait "$loader"; then
      echo "==> demo history ready after $(($(date +%s) - began)) s: $(tail -n 1 "$logs/history.log")"
    else
      echo "==> demo history: loading failed after $(($(date +%s) - began)) s; see $logs/history.log" >&2
    fi
  ) &
  history_pid=$!
  history_info="  Demo history  $history_cases generated cases over 3 years load in the background (recent ones first,
                the default 3,000 in about 17 minutes here, the case lists up to 10 minutes later); progress: tail -f $logs/history.log"
fi

cat <<INFO

The mediation platform is running.
  Web console http://127.0.0.1:8080/   (API http://127.0.0.1:8080/api/v1, OpenAPI /api/docs)
    Sign in on the console's login page as one of the demo users ($([ "$secure" = 1 ] &&
  echo "at the OpenID Connect provider http://127.0.0.1:8180, password demo" || echo "development issuer")):
      volunteer        王志愿  reasoning-point volunteer
      mediator         李调解  community mediator
      committee-admin  赵主任  committee admin
      lawyer           陈律师  stationed lawyer at a court desk
      analyst          孙分析  analyst (dashboards)
      administrator    周管理  administrator
    or get a token: curl -s -XPOST localhost:8080/api/v1/dev/token -H 'content-type: application/json' -d '{"userId":"mediator"}'
  intake      gRPC 127.0.0.1:7051    metrics http://127.0.0.1:9461/metrics
  mediation   gRPC 127.0.0.1:7052    metrics http://127.0.0.1:9462/metrics
  referral    gRPC 127.0.0.1:7053    metrics http://127.0.0.1:9463/metrics
  statistics  gRPC 127.0.0.1:7054    metrics http://127.0.0.1:9464/metrics
  notification gRPC 127.0.0.1:7055   metrics http://127.0.0.1:9465/metrics   texts to parties: $logs/sms.jsonl (SMS stand-in :9390)
  Kafka       127.0.0.1:9092$([ "$secure" = 1 ] && echo " (SASL_SSL)" || echo "        ") FerretDB mongodb://127.0.0.1:27017 on ${FERRETDB_BACKEND:-postgresql}
  S3          http://127.0.0.1:9380  bucket mediation-documents (documents, sealed)$([ "$secure" = 1 ] &&
  echo "
  Secure      gRPC with mutual TLS (certificates in .stack/secure/tls), Kafka ACLs per service")
  Logs        $logs/
$history_info
Press Ctrl-C to stop everything.
INFO
# The supervisors run until Ctrl-C (shutdown stops them, and they their service).
wait "${pids[@]}" || true
