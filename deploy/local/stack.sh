#!/usr/bin/env bash
# Local infrastructure for development, integration tests and CI, without Docker:
#   - Apache Kafka, one node in KRaft mode (broker + controller), run from the
#     Maven Central jars on Java 17;
#   - FerretDB v1 (MongoDB wire protocol), built from the Go module proxy with the
#     project's patches, on PostgreSQL (default: a PostgreSQL server of the machine's
#     installation, with its data in STACK_DIR) or on its SQLite backend
#     (FERRETDB_BACKEND=sqlite). docs/persistence.md says why PostgreSQL.
#   - S3Proxy (Apache-2.0), an S3-compatible store on a folder of STACK_DIR, run from the
#     Maven Central jars on Java 17: intake's document store (docs/security.md, "Documents").
# Downloads are cached in CACHE_DIR (default .cache), data/logs/pids live in
# STACK_DIR (default .stack); both are relative to the repository root and ignored
# by git. See docs/local-stack.md.
#
# Usage: deploy/local/stack.sh <command>
#   start [kafka|ferretdb|postgres|s3]
#                     fetch/build what is missing, start what is not running, wait until ready
#                     (ferretdb on postgresql starts its PostgreSQL too)
#   ensure            same as start, terse output (jest global setup, CI)
#   stop [kafka|ferretdb|postgres|s3]
#                     stop all, or one (SIGTERM, then SIGKILL after STOP_TIMEOUT seconds;
#                     PostgreSQL: a fast shutdown, as `pg_ctl stop -m fast`)
#   status            one line per component; exit 1 unless all are running
#   logs [kafka|ferretdb|postgres|s3] [-f] [-n LINES]
#                     last lines of the logs (or follow them)
#   sql STATEMENT     runs one SQL statement in FerretDB's PostgreSQL database and prints the
#                     rows, one per line (fault injection; each MongoDB database is a schema)
#
# Environment: KAFKA_VERSION, FERRETDB_VERSION, FERRETDB_BACKEND, KAFKA_PORT,
# KAFKA_CONTROLLER_PORT, MONGO_PORT, POSTGRES_PORT, POSTGRES_BINDIR, POSTGRES_OS_USER,
# STACK_DIR, CACHE_DIR, KAFKA_HEAP_OPTS, KAFKA_START_TIMEOUT, FERRETDB_START_TIMEOUT,
# POSTGRES_START_TIMEOUT, STOP_TIMEOUT, FERRETDB_LOG_LEVEL, FERRETDB_DEBUG_ADDR, FERRETDB_GOGC,
# FERRETDB_GOMEMLIMIT,
# STACK_JAVA_HOME, KAFKA_SECURITY, S3PROXY_VERSION, S3_PORT, S3_BUCKET, S3_START_TIMEOUT.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(cd -- "$SCRIPT_DIR/../.." && pwd)

KAFKA_VERSION=${KAFKA_VERSION:-3.9.2}
FERRETDB_VERSION=${FERRETDB_VERSION:-v1.24.2}
FERRETDB_VERSION=v${FERRETDB_VERSION#v}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
# plaintext (the default), or sasl_ssl: the client listener takes TLS and SCRAM-SHA-512 only and
# the broker enforces ACLs (docs/security.md, "Kafka"); the TLS material and the users' passwords
# are made in STACK_DIR on the first start (a fresh STACK_DIR: the users are set at format time)
KAFKA_SECURITY=${KAFKA_SECURITY:-plaintext}
case $KAFKA_SECURITY in
  plaintext | sasl_ssl) ;;
  *) printf 'stack: error: KAFKA_SECURITY=%s: plaintext or sasl_ssl\n' "$KAFKA_SECURITY" >&2 && exit 2 ;;
esac
# the SCRAM users of the sasl_ssl profile: the broker's own (a super user) and one per client
KAFKA_SCRAM_USERS=${KAFKA_SCRAM_USERS:-admin intake mediation referral statistics notification gateway bootstrap}
MONGO_PORT=${MONGO_PORT:-27017}
S3PROXY_VERSION=${S3PROXY_VERSION:-2.6.0}
S3_PORT=${S3_PORT:-9380}
# the bucket made at start; the development credentials are public on purpose (loopback only)
S3_BUCKET=${S3_BUCKET:-mediation-documents}
S3_ACCESS_KEY=mediation-dev
S3_SECRET_KEY=mediation-dev-secret
# FerretDB's storage: postgresql (its own server, data in STACK_DIR; its queries use the
# collections' indexes) or sqlite (files in STACK_DIR, nothing else to run, every query but
# by _id scans)
FERRETDB_BACKEND=${FERRETDB_BACKEND:-postgresql}
case $FERRETDB_BACKEND in
  sqlite | postgresql) ;;
  *) printf 'stack: error: FERRETDB_BACKEND=%s: sqlite or postgresql\n' "$FERRETDB_BACKEND" >&2 && exit 2 ;;
esac
# not 5432: a PostgreSQL of the machine's own may listen there
POSTGRES_PORT=${POSTGRES_PORT:-55432}
# PostgreSQL refuses to run as root: who runs it when this script runs as root
POSTGRES_OS_USER=${POSTGRES_OS_USER:-postgres}
# measured (3.9.2, Java 17): ~45 MB live heap idle, peaks ~110 MB while producing 200k
# 1 KB messages; RSS ~210 MB idle, ~300 MB after load. 512m is headroom, not a target.
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms64m -Xmx512m}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-120}
FERRETDB_START_TIMEOUT=${FERRETDB_START_TIMEOUT:-60}
POSTGRES_START_TIMEOUT=${POSTGRES_START_TIMEOUT:-60}
S3_START_TIMEOUT=${S3_START_TIMEOUT:-60}
STOP_TIMEOUT=${STOP_TIMEOUT:-30}
FERRETDB_LOG_LEVEL=${FERRETDB_LOG_LEVEL:-warn}
# FerretDB's HTTP debug/metrics listener; "-" disables it (its default, 8088, clashes easily)
FERRETDB_DEBUG_ADDR=${FERRETDB_DEBUG_ADDR:--}
# FerretDB decodes every document it reads from PostgreSQL's JSON: under load a fifth of its CPU
# went to Go's garbage collector at the default GOGC=100. 400 collects a quarter as often (about
# 140 MB at its peak while the demo history loads, 65 MB before); the memory limit makes it
# collect sooner than that when the heap nears it (docs/local-stack.md).
FERRETDB_GOGC=${FERRETDB_GOGC:-400}
FERRETDB_GOMEMLIMIT=${FERRETDB_GOMEMLIMIT:-512MiB}

abs_path() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$ROOT_DIR/$1" ;;
  esac
}
STACK_DIR=$(abs_path "${STACK_DIR:-.stack}")
CACHE_DIR=$(abs_path "${CACHE_DIR:-.cache}")

RUN_DIR=$STACK_DIR/run
LOG_DIR=$STACK_DIR/logs
DATA_DIR=$STACK_DIR/data
# one data dir per Kafka version: a 4.x-formatted log dir cannot be read by 3.x
KAFKA_DATA=$DATA_DIR/kafka-$KAFKA_VERSION
FERRETDB_DATA=$DATA_DIR/ferretdb
FERRETDB_STATE=$DATA_DIR/ferretdb-state
KAFKA_LOG=$LOG_DIR/kafka.log
KAFKA_OUT=$LOG_DIR/kafka.out
FERRETDB_LOG=$LOG_DIR/ferretdb.log
POSTGRES_LOG=$LOG_DIR/postgres.log
S3_LOG=$LOG_DIR/s3proxy.log
S3_DATA=$DATA_DIR/s3
# PostgreSQL's Unix socket (FerretDB talks to it there; psql -h <this dir> -p POSTGRES_PORT)
POSTGRES_SOCKET_DIR=$RUN_DIR/postgres
# the database FerretDB keeps all of its databases in (one PostgreSQL schema each)
POSTGRES_DB=ferretdb

# log sizes before this start (error output shows only the new part)
KAFKA_LOG_FROM=0 KAFKA_OUT_FROM=0 FERRETDB_LOG_FROM=0 POSTGRES_LOG_FROM=0 S3_LOG_FROM=0

KAFKA_HOME=$CACHE_DIR/kafka/$KAFKA_VERSION
KAFKA_LIBS=$KAFKA_HOME/libs
MAVEN_REPO=$CACHE_DIR/maven
GO_DIR=$CACHE_DIR/go
FERRETDB_HOME=$CACHE_DIR/ferretdb/$FERRETDB_VERSION
FERRETDB_BIN=$FERRETDB_HOME/bin/ferretdb
FERRETDB_PATCHES=$SCRIPT_DIR/ferretdb-patches
S3PROXY_HOME=$CACHE_DIR/s3proxy/$S3PROXY_VERSION
S3PROXY_LIBS=$S3PROXY_HOME/libs

KAFKA_MAJOR=${KAFKA_VERSION%%.*}
if [[ $KAFKA_MAJOR -ge 4 ]]; then
  KAFKA_LOGGING=log4j2
else
  KAFKA_LOGGING=reload4j
fi

# ---------------------------------------------------------------------------- helpers

log() { printf 'stack: %s\n' "$*" >&2; }
die() {
  printf 'stack: error: %s\n' "$*" >&2
  exit 1
}
rel() { printf '%s\n' "${1#"$ROOT_DIR"/}"; }

size_of() { # file -> bytes (0 if missing)
  if [[ -f $1 ]]; then wc -c <"$1" | tr -d ' '; else echo 0; fi
}

show_tail() { # file [lines] [from-byte-offset]
  local file=$1 lines=${2:-40} from=${3:-0}
  if [[ -s $file ]] && (($(size_of "$file") > from)); then
    printf -- '--- last %s lines of %s ---\n' "$lines" "$(rel "$file")" >&2
    tail -c "+$((from + 1))" "$file" | tail -n "$lines" >&2
    printf -- '---\n' >&2
  fi
}

require() { # command hint
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found: $2"
}

# TCP connect to 127.0.0.1:port (bash's /dev/tcp, no extra tools)
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Sends a request (printf format string) to 127.0.0.1:port and prints the first
# bytes of the response as space-separated hex. A subshell, so fd 3 never leaks.
wire_call() { # port request-format
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    # shellcheck disable=SC2059 # the format string is the binary request
    printf "$2" >&3
    timeout 5 dd bs=4096 count=1 status=none <&3 | od -An -v -tx1 | tr -s ' \n' '  '
  ) 2>/dev/null
}

# Kafka: a Metadata v4 request (served by 3.x and by 4.x, which dropped v0-v3)
# asking for no topics; ready when the reply carries our correlation id and at
# least one live broker.
#   request: size=20 | api_key=3 api_version=4 correlation_id=1 client_id="stack"
#            topics=[] (int32 0) allow_auto_topic_creation=false
#   reply:   size | correlation_id | throttle_time_ms | brokers count | ...
kafka_probe() {
  # TLS on the client listener: the broker says when it serves (a fresh STACK_DIR per profile)
  if [[ $KAFKA_SECURITY == sasl_ssl ]]; then
    port_open "$KAFKA_PORT" && grep -qs 'Kafka Server started' "$KAFKA_OUT" "$KAFKA_LOG"
    return
  fi
  local hex
  hex=$(wire_call "$KAFKA_PORT" '\x00\x00\x00\x14\x00\x03\x00\x04\x00\x00\x00\x01\x00\x05stack\x00\x00\x00\x00\x00') || return 1
  local -a b
  read -r -a b <<<"$hex"
  [[ ${#b[@]} -ge 16 ]] || return 1
  [[ "${b[4]}${b[5]}${b[6]}${b[7]}" == 00000001 ]] || return 1
  ((16#${b[12]}${b[13]}${b[14]}${b[15]} >= 1))
}

# FerretDB: OP_MSG {ping: 1, $db: "admin"}; ready when the reply holds ok: 1.0.
#   header:  length=51 request_id=1 response_to=0 opcode=2013 (OP_MSG)
#   body:    flags=0, section kind 0, BSON {ping: int32 1, $db: "admin"} (30 bytes)
ferretdb_probe() {
  local hex
  hex=$(wire_call "$MONGO_PORT" '\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\x24db\x00\x06\x00\x00\x00admin\x00\x00') || return 1
  # "ok" as double 1.0 (01 6f 6b 00 + 00..f0 3f) or as int32 1 (10 6f 6b 00 01 00 00 00)
  [[ $hex == *"01 6f 6b 00 00 00 00 00 00 00 f0 3f"* || $hex == *"10 6f 6b 00 01 00 00 00"* ]]
}

# PostgreSQL: a StartupMessage (protocol 3.0) for user and database "postgres", then
# Terminate; ready when the reply is AuthenticationOk ('R', length 8, code 0), which also
# proves trust authentication. While starting up or shutting down the server answers 'E'.
#   request: length=41 | protocol 3.0 | "user" "postgres" "database" "postgres" "" | 'X' length=4
postgres_probe() {
  local hex
  hex=$(wire_call "$POSTGRES_PORT" '\x00\x00\x00\x29\x00\x03\x00\x00user\x00postgres\x00database\x00postgres\x00\x00\x58\x00\x00\x00\x04') || return 1
  [[ $hex == " 52 00 00 00 08 00 00 00 00"* ]]
}

# S3Proxy: an anonymous ListBuckets; ready when it answers with S3's XML (an AccessDenied error).
s3_probe() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT" || exit 1
    printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    timeout 5 cat <&3 | grep -q '<Code>AccessDenied</Code>'
  ) 2>/dev/null
}

# pid from the pid file if that process is alive and is what we started
running_pid() { # name
  local name=$1 pidfile="$RUN_DIR/$1.pid" pid args
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  args=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
  case $name in
    kafka) [[ $args == *kafka.Kafka* ]] || return 1 ;;
    ferretdb) [[ $args == *ferretdb* ]] || return 1 ;;
    postgres) [[ $args == *postgres*-D* ]] || return 1 ;;
    s3) [[ $args == *org.gaul.s3proxy.Main* ]] || return 1 ;;
  esac
  printf '%s\n' "$pid"
}

probe() { # name
  case $1 in
    kafka) kafka_probe ;;
    ferretdb) ferretdb_probe ;;
    postgres) postgres_probe ;;
    s3) s3_probe ;;
  esac
}

port_of() { # name
  case $1 in
    kafka) printf '%s\n' "$KAFKA_PORT" ;;
    ferretdb) printf '%s\n' "$MONGO_PORT" ;;
    postgres) printf '%s\n' "$POSTGRES_PORT" ;;
    s3) printf '%s\n' "$S3_PORT" ;;
  esac
}

version_of() { # name
  case $1 in
    kafka) printf '%s\n' "$KAFKA_VERSION" ;;
    ferretdb) printf '%s\n' "$FERRETDB_VERSION/$FERRETDB_BACKEND" ;;
    postgres) printf '%s\n' "$POSTGRES_VERSION" ;;
    s3) printf '%s\n' "$S3PROXY_VERSION" ;;
  esac
}

# processes started from this STACK_DIR whose pid file is gone (deleted .stack, crash of
# this script between launch and pid file...): matched on the exact executable name
# plus an argument that only our launches carry
orphan_pids() { # name
  local marker comm
  case $1 in
    kafka) marker="-Dkafka.logs.dir=$LOG_DIR" comm=java ;;
    ferretdb) marker="--state-dir=$FERRETDB_STATE" comm=ferretdb ;;
    postgres) marker="-D $DATA_DIR/postgres-" comm=postgres ;;
    s3) marker="--properties $RUN_DIR/s3proxy.properties" comm=java ;;
  esac
  ps -eo pid=,comm=,args= 2>/dev/null | awk -v c="$comm" -v m="$marker" -v self=$$ \
    '$1 != self && $2 == c && index($0, m) > 0 { print $1 }'
}

# ------------------------------------------------------------------------- Java 17

java_major() { # java executable
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'
}

# Java 17 on purpose: prefer a JDK 17 over whatever "java" or JAVA_HOME happen to be
# (this machine also has a JDK 25). STACK_JAVA_HOME overrides.
find_java_home() {
  local c
  if [[ -n ${STACK_JAVA_HOME:-} ]]; then
    [[ -x $STACK_JAVA_HOME/bin/java ]] || die "STACK_JAVA_HOME=$STACK_JAVA_HOME has no bin/java"
    printf '%s\n' "$STACK_JAVA_HOME"
    return
  fi
  for c in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 \
    /usr/lib/jvm/java-17-openjdk /usr/lib/jvm/temurin-17-jdk-amd64 /usr/lib/jvm/temurin-17-jdk-arm64 \
    "${JAVA_HOME:-}"; do
    if [[ -n $c && -x $c/bin/java && $(java_major "$c/bin/java") == 17 ]]; then
      printf '%s\n' "$c"
      return
    fi
  done
  if [[ -x /usr/libexec/java_home ]] && c=$(/usr/libexec/java_home -v 17 2>/dev/null); then
    printf '%s\n' "$c"
    return
  fi
  c=$(command -v java) || die "no Java found: install a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless) or set STACK_JAVA_HOME"
  c=$(readlink -f "$c" 2>/dev/null || printf '%s\n' "$c")
  printf '%s\n' "${c%/bin/java}"
}

setup_java() {
  JAVA_HOME_17=$(find_java_home)
  JAVA_BIN=$JAVA_HOME_17/bin/java
  local major
  major=$(java_major "$JAVA_BIN")
  [[ -n $major ]] || die "cannot run $JAVA_BIN"
  if [[ $major != 17 ]]; then
    [[ $major -ge 17 ]] || die "Kafka needs Java 17 here, found Java $major at $JAVA_HOME_17 (set STACK_JAVA_HOME)"
    log "warning: no JDK 17 found, using Java $major at $JAVA_HOME_17 (set STACK_JAVA_HOME to choose)"
  fi
}

# --------------------------------------------------------------- fetch (cached) kafka

kafka_ready_in_cache() { [[ -f $KAFKA_HOME/.complete && -d $KAFKA_LIBS ]]; }

# Resolves the classpath of deploy/local/<pom>/pom.xml from Maven Central into HOME/libs (offline
# first), checks that MAIN_JAR is in it and marks HOME complete for VERSION.
fetch_classpath() { # pom home main-jar version [-Dproperty=value...]
  require mvn "install Maven 3 (e.g. apt-get install maven)"
  local pom=$1 home=$2 main_jar=$3 version=$4
  shift 4
  local tmp=$home/libs.tmp
  local -a args=(-B -q -Dstyle.color=never -f "$SCRIPT_DIR/$pom/pom.xml"
    "-Dmaven.repo.local=$MAVEN_REPO" "$@" "-DoutputDirectory=$tmp" dependency:copy-dependencies)
  rm -rf "$tmp"
  mkdir -p "$home"
  export JAVA_HOME=$JAVA_HOME_17
  if [[ -d $MAVEN_REPO ]] && mvn -o "${args[@]}"; then
    :
  else
    rm -rf "$tmp"
    mvn "${args[@]}"
  fi
  ls "$tmp/$main_jar" >/dev/null
  rm -rf "$home/libs"
  mv "$tmp" "$home/libs"
  printf '%s\n' "$version" >"$home/.complete"
}

# kafka_2.13:$KAFKA_VERSION and its logging backend into $KAFKA_LIBS.
fetch_kafka() {
  fetch_classpath kafka "$KAFKA_HOME" "kafka_2.13-$KAFKA_VERSION.jar" "$KAFKA_VERSION" \
    "-Dkafka.version=$KAFKA_VERSION" "-Dkafka.logging=$KAFKA_LOGGING"
}

# ------------------------------------------------------------- fetch (cached) s3proxy

s3proxy_ready_in_cache() { [[ -f $S3PROXY_HOME/.complete && -d $S3PROXY_LIBS ]]; }

# org.gaul:s3proxy:$S3PROXY_VERSION into $S3PROXY_LIBS.
fetch_s3proxy() {
  fetch_classpath s3proxy "$S3PROXY_HOME" "s3proxy-$S3PROXY_VERSION.jar" "$S3PROXY_VERSION" \
    "-Ds3proxy.version=$S3PROXY_VERSION"
}

# ------------------------------------------------------------ build (cached) ferretdb

# The build's identity: the version and the project's patches to it (a changed patch rebuilds).
ferretdb_build_id() {
  printf '%s' "$FERRETDB_VERSION"
  local patch
  for patch in "$FERRETDB_PATCHES"/*.patch; do
    [[ -f $patch ]] && printf ' %s' "$(cksum <"$patch" | cut -d' ' -f1)"
  done
  printf '\n'
}

ferretdb_ready_in_cache() {
  [[ -x $FERRETDB_BIN && -f $FERRETDB_HOME/.complete ]] &&
    [[ $(<"$FERRETDB_HOME/.complete") == "$(ferretdb_build_id)" ]]
}

# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@vX` builds a binary that panics
# at start: FerretDB embeds build/version/version.txt, which the module zip does not
# contain. So: download the module, copy it, write version.txt, apply the project's fixes
# (deploy/local/ferretdb-patches, each explained at its top), go build from the copy.
build_ferretdb() {
  require go "install Go >= 1.24 (https://go.dev/dl/)"
  require git "install git (it applies deploy/local/ferretdb-patches)"
  export GOPATH=$GO_DIR GOMODCACHE=$GO_DIR/pkg/mod GOCACHE=$GO_DIR/build
  # writable module cache (so `rm -rf .cache` works); pure Go build (modernc SQLite, no C compiler)
  export GOFLAGS="-modcacherw -buildvcs=false" CGO_ENABLED=0
  local mod src=$FERRETDB_HOME/src
  mod=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
  [[ -n $mod && -d $mod ]] || die "go mod download github.com/FerretDB/FerretDB@$FERRETDB_VERSION failed"
  rm -rf "$src"
  mkdir -p "$FERRETDB_HOME/bin"
  cp -R "$mod" "$src"
  chmod -R u+w "$src"
  printf '%s\n' "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  local patch
  for patch in "$FERRETDB_PATCHES"/*.patch; do
    [[ -f $patch ]] || continue
    # The ceiling keeps git from finding this project's repository around .cache (inside a
    # repository, `git apply` silently skips paths outside the current directory).
    (cd "$src" && export GIT_CEILING_DIRECTORIES=$FERRETDB_HOME &&
      git apply "$patch" && git apply --reverse --check "$patch") ||
      die "could not apply $patch to FerretDB $FERRETDB_VERSION"
  done
  (cd "$src" && go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb)
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  # The binary is kept per version: the build cache would only serve a rebuild that never comes
  # (the downloaded modules stay).
  rm -rf "$src" "$GOCACHE"
  local reported
  reported=$("$FERRETDB_BIN" --version)
  [[ $reported == *"version: $FERRETDB_VERSION"* ]] ||
    die "built ferretdb does not report $FERRETDB_VERSION: $reported"
  ferretdb_build_id >"$FERRETDB_HOME/.complete"
}

# Fetches/builds what the cache lacks, both in parallel; output to $LOG_DIR/prepare-*.log.
prepare() { # components...
  local c pid_k='' pid_f='' pid_s='' failed=0
  for c in "$@"; do
    case $c in
      kafka)
        kafka_ready_in_cache && continue
        log "kafka $KAFKA_VERSION: fetching jars from Maven Central into $(rel "$KAFKA_LIBS") (once)"
        fetch_kafka >"$LOG_DIR/prepare-kafka.log" 2>&1 &
        pid_k=$!
        ;;
      ferretdb)
        ferretdb_ready_in_cache && continue
        log "ferretdb $FERRETDB_VERSION: building from the Go module proxy into $(rel "$FERRETDB_BIN") (once, ~1-3 min)"
        build_ferretdb >"$LOG_DIR/prepare-ferretdb.log" 2>&1 &
        pid_f=$!
        ;;
      s3)
        s3proxy_ready_in_cache && continue
        log "s3proxy $S3PROXY_VERSION: fetching jars from Maven Central into $(rel "$S3PROXY_LIBS") (once)"
        fetch_s3proxy >"$LOG_DIR/prepare-s3proxy.log" 2>&1 &
        pid_s=$!
        ;;
    esac
  done
  if [[ -n $pid_k ]] && ! wait "$pid_k"; then
    show_tail "$LOG_DIR/prepare-kafka.log"
    log "kafka $KAFKA_VERSION: fetching the jars failed (is $KAFKA_VERSION on Maven Central? network?)"
    failed=1
  fi
  if [[ -n $pid_s ]] && ! wait "$pid_s"; then
    show_tail "$LOG_DIR/prepare-s3proxy.log"
    log "s3proxy $S3PROXY_VERSION: fetching the jars failed (network?)"
    failed=1
  fi
  if [[ -n $pid_f ]] && ! wait "$pid_f"; then
    show_tail "$LOG_DIR/prepare-ferretdb.log"
    log "ferretdb $FERRETDB_VERSION: build failed"
    failed=1
  fi
  [[ $failed == 0 ]] || exit 1
}

# ---------------------------------------------------------------------- PostgreSQL

# The server binaries: POSTGRES_BINDIR, else pg_config's, else the newest Debian/Ubuntu
# /usr/lib/postgresql/<major>/bin, else initdb/postgres on the PATH. Sets POSTGRES_BINDIR,
# POSTGRES_VERSION (the major: a data dir is only readable by its own major) and POSTGRES_DATA.
setup_postgres() {
  [[ -n ${POSTGRES_VERSION:-} ]] && return 0
  local dir='' c
  if [[ -n ${POSTGRES_BINDIR:-} ]]; then
    [[ -x $POSTGRES_BINDIR/postgres && -x $POSTGRES_BINDIR/initdb && -x $POSTGRES_BINDIR/psql ]] ||
      die "POSTGRES_BINDIR=$POSTGRES_BINDIR lacks postgres, initdb or psql"
    dir=$POSTGRES_BINDIR
  else
    local -a candidates=("$(pg_config --bindir 2>/dev/null || true)")
    # newest major first (a glob that matches nothing stays as is and fails the -x test below)
    mapfile -t -O 1 candidates < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -nr)
    candidates+=("$(dirname -- "$(command -v initdb 2>/dev/null || echo .)")")
    for c in "${candidates[@]}"; do
      if [[ -n $c && -x $c/postgres && -x $c/initdb && -x $c/psql ]]; then
        dir=$c
        break
      fi
    done
    [[ -n $dir ]] || die "FERRETDB_BACKEND=postgresql needs a PostgreSQL server (postgres, initdb, psql):" \
      "install it (Debian/Ubuntu: apt-get install postgresql; 13 or newer) or set POSTGRES_BINDIR"
  fi
  POSTGRES_BINDIR=$dir
  POSTGRES_VERSION=$("$dir/postgres" --version | sed -n 's/^postgres (PostgreSQL) \([0-9]*\).*/\1/p')
  [[ -n $POSTGRES_VERSION ]] || die "cannot run $dir/postgres"
  ((POSTGRES_VERSION >= 13)) || die "PostgreSQL $POSTGRES_VERSION at $dir: FerretDB needs 13 or newer"
  POSTGRES_DATA=$DATA_DIR/postgres-$POSTGRES_VERSION
  # the socket's path must fit in sun_path (108 bytes with the terminating NUL)
  local socket="$POSTGRES_SOCKET_DIR/.s.PGSQL.$POSTGRES_PORT"
  ((${#socket} < 108)) || die "PostgreSQL's socket path $socket is too long for a Unix socket: use a shorter STACK_DIR"
  if [[ $(id -u) == 0 ]]; then
    id "$POSTGRES_OS_USER" >/dev/null 2>&1 ||
      die "PostgreSQL does not run as root and there is no user '$POSTGRES_OS_USER': create one or set POSTGRES_OS_USER"
    require setpriv "install util-linux (it runs PostgreSQL as '$POSTGRES_OS_USER' when the script runs as root)"
  fi
}

# PostgreSQL refuses to run as root. Run by root, the script gives the server's files to
# POSTGRES_OS_USER (default postgres, the user Debian's package creates) and runs it as that
# user through setpriv, which execs (no child process: a pid written before it is the server's).
# Prints the command prefix, one word per line (nothing when not root); setup_postgres checked it.
postgres_runner() {
  [[ $(id -u) == 0 ]] || return 0
  printf '%s\n' setpriv "--reuid=$POSTGRES_OS_USER" "--regid=$POSTGRES_OS_USER" --init-groups --
}

own_for_postgres() { # dirs...
  [[ $(id -u) == 0 ]] || return 0
  chown -R "$POSTGRES_OS_USER:" "$@"
}

# Run by root, POSTGRES_OS_USER must be able to reach its files under DATA_DIR and RUN_DIR: a
# checkout below a private directory (mode 700, as `mktemp -d` makes) would lock it out. Each
# directory above that it cannot enter gets search permission for others (o+x: entering, not
# listing), the least that lets it through.
reach_for_postgres() { # dirs...
  [[ $(id -u) == 0 ]] || return 0
  local dir
  for dir in "$@"; do
    while [[ $dir != / && -n $dir ]]; do
      if [[ -d $dir ]] && ! setpriv "--reuid=$POSTGRES_OS_USER" "--regid=$POSTGRES_OS_USER" \
        --init-groups -- test -x "$dir"; then
        log "postgres: letting '$POSTGRES_OS_USER' enter $dir (chmod o+x)"
        chmod o+x "$dir"
      fi
      dir=$(dirname -- "$dir")
    done
  done
}

# Once per data dir: initdb into a temporary dir, then rename (an interrupted initdb leaves no
# half data dir behind). --locale=C: text compares byte by byte, as strings do in MongoDB.
init_postgres() {
  [[ -f $POSTGRES_DATA/PG_VERSION ]] && return 0
  local tmp=$POSTGRES_DATA.tmp
  local -a runner
  mapfile -t runner < <(postgres_runner)
  rm -rf "$tmp"
  mkdir -p "$tmp"
  reach_for_postgres "$DATA_DIR"
  own_for_postgres "$tmp"
  log "postgres $POSTGRES_VERSION: initdb into $(rel "$POSTGRES_DATA") (once)"
  if ! "${runner[@]}" "$POSTGRES_BINDIR/initdb" -D "$tmp" -U postgres -E UTF8 --locale=C --auth=trust \
    >>"$POSTGRES_LOG" 2>&1 </dev/null; then
    show_tail "$POSTGRES_LOG" 30 "$POSTGRES_LOG_FROM"
    die "initdb failed"
  fi
  # No passwords: safe only because the server listens on loopback and on a socket in
  # STACK_DIR (listen_addresses and unix_socket_directories in start_postgres).
  cat >"$tmp/pg_hba.conf" <<'EOF'
# generated by deploy/local/stack.sh: the Unix socket and loopback only, no passwords
local all all trust
host all all 127.0.0.1/32 trust
EOF
  own_for_postgres "$tmp/pg_hba.conf"
  mv "$tmp" "$POSTGRES_DATA"
}

start_postgres() {
  POSTGRES_LOG_FROM=$(size_of "$POSTGRES_LOG")
  init_postgres
  mkdir -p "$POSTGRES_SOCKET_DIR"
  reach_for_postgres "$DATA_DIR" "$RUN_DIR"
  own_for_postgres "$POSTGRES_SOCKET_DIR"
  local -a runner
  mapfile -t runner < <(postgres_runner)
  # Settings for a development/test box; durability (fsync, synchronous_commit) stays on.
  #  - shared_buffers 256MB (default 128MB): room for the hot tables and indexes of a
  #    50,000-case history;
  #  - jit off: FerretDB's queries are short; PostgreSQL starts LLVM compilation once a plan's
  #    cost passes jit_above_cost (any scan of a large collection does), and that costs more
  #    than it saves;
  #  - max_connections stays at 100: FerretDB's pool holds at most 50.
  launch postgres "$POSTGRES_LOG" "${runner[@]}" "$POSTGRES_BINDIR/postgres" -D "$POSTGRES_DATA" \
    -c listen_addresses=127.0.0.1 -c "port=$POSTGRES_PORT" \
    -c "unix_socket_directories=$POSTGRES_SOCKET_DIR" -c shared_buffers=256MB -c jit=off
}

psql_stack() { # psql arguments...
  "$POSTGRES_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$POSTGRES_SOCKET_DIR" -p "$POSTGRES_PORT" \
    -U postgres "$@" </dev/null
}

# FerretDB keeps each MongoDB database as a schema of this one PostgreSQL database.
create_ferretdb_database() {
  local exists
  exists=$(psql_stack -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'") ||
    die "postgres: no answer on $(rel "$POSTGRES_SOCKET_DIR") port $POSTGRES_PORT"
  [[ $exists == 1 ]] || psql_stack -d postgres -c "CREATE DATABASE $POSTGRES_DB" ||
    die "postgres: CREATE DATABASE $POSTGRES_DB failed"
}

# FerretDB reaches PostgreSQL on its Unix socket (no TCP round trip through loopback).
postgres_url() {
  printf 'postgres://postgres@/%s?host=%s&port=%s\n' "$POSTGRES_DB" "$POSTGRES_SOCKET_DIR" "$POSTGRES_PORT"
}

# ------------------------------------------------------------------------- launching

# Starts a command in its own session (Ctrl-C in the calling terminal or test runner
# does not reach it), stdin from /dev/null, output appended to a log file, no
# inherited lock fd; the pid file is written by the process itself before exec.
launch() { # name output-file command...
  local name=$1 out=$2 pidfile="$RUN_DIR/$1.pid" i
  shift 2
  rm -f "$pidfile"
  printf '=== %s: stack.sh starting %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$name" >>"$out"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  local -a inner=(bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@")
  if command -v setsid >/dev/null 2>&1; then
    setsid "${inner[@]}" </dev/null >>"$out" 2>&1 9>&- &
  else
    nohup "${inner[@]}" </dev/null >>"$out" 2>&1 9>&- &
  fi
  for ((i = 0; i < 50; i++)); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  die "$name did not start (no pid file $(rel "$pidfile"))"
}

# The sasl_ssl profile's secrets, in STACK_DIR/run/kafka-tls: a self-signed broker certificate
# (ca.pem is what clients trust: KAFKA_SSL_CA_FILE) and one password per SCRAM user
# (passwords/<user>). Made once; later starts reuse them.
kafka_tls_dir() { printf '%s\n' "$RUN_DIR/kafka-tls"; }
kafka_password() { cat "$(kafka_tls_dir)/passwords/$1"; }

make_kafka_tls() {
  local dir
  dir=$(kafka_tls_dir)
  if [[ -f $dir/.complete ]]; then
    add_kafka_passwords "$dir"
    return 0
  fi
  rm -rf "$dir" && mkdir -p "$dir/passwords"
  local keytool=${JAVA_BIN%/java}/keytool user
  head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/keystore.password"
  for user in $KAFKA_SCRAM_USERS; do
    head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/passwords/$user"
  done
  "$keytool" -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 \
    -dname CN=localhost -ext SAN=ip:127.0.0.1,dns:localhost -storetype PKCS12 \
    -keystore "$dir/broker.p12" -storepass "$(cat "$dir/keystore.password")" >/dev/null 2>&1 ||
    die "keytool could not make the broker's certificate"
  "$keytool" -exportcert -rfc -alias broker -keystore "$dir/broker.p12" \
    -storepass "$(cat "$dir/keystore.password")" -file "$dir/ca.pem" >/dev/null 2>&1 ||
    die "keytool could not export the broker's certificate"
  # the broker checks its own TLS settings as a client would (and talks to itself over them)
  "$keytool" -importcert -noprompt -alias broker -file "$dir/ca.pem" -storetype PKCS12 \
    -keystore "$dir/truststore.p12" -storepass "$(cat "$dir/keystore.password")" >/dev/null 2>&1 ||
    die "keytool could not make the broker's truststore"
  chmod -R go-rwx "$dir"
  touch "$dir/.complete"
}

# A user added to KAFKA_SCRAM_USERS after the TLS material was made. The broker learns users only
# when its storage is formatted: an unformatted storage gets the new password, a formatted one
# cannot, so the stack has to be made anew (docs/local-stack.md).
add_kafka_passwords() { # dir
  local dir=$1 user
  local -a missing=()
  for user in $KAFKA_SCRAM_USERS; do
    [[ -f $dir/passwords/$user ]] && continue
    if [[ -f $KAFKA_DATA/meta.properties ]]; then
      missing+=("$user")
    else
      head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/passwords/$user"
      chmod go-rwx "$dir/passwords/$user"
    fi
  done
  if ((${#missing[@]} > 0)); then
    log "warning: the broker in $(rel "$STACK_DIR") lacks the SCRAM user(s) ${missing[*]}: its" \
      "storage was formatted before they were added. To add them, make the stack anew:" \
      "STACK_DIR=$(rel "$STACK_DIR") deploy/local/stack.sh stop && rm -rf $(rel "$STACK_DIR")" \
      "(docs/local-stack.md)"
  fi
}

kafka_listener_config() {
  if [[ $KAFKA_SECURITY == plaintext ]]; then
    printf '%s\n' \
      "listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT" \
      "advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT" \
      "inter.broker.listener.name=PLAINTEXT" \
      "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
    return
  fi
  local dir
  dir=$(kafka_tls_dir)
  # The controller listener stays on loopback without TLS; the broker reaches it as ANONYMOUS,
  # which therefore is a super user (it serves controller requests only, not produce or fetch).
  printf '%s\n' \
    "listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT" \
    "advertised.listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT" \
    "inter.broker.listener.name=SASL_SSL" \
    "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT" \
    "sasl.enabled.mechanisms=SCRAM-SHA-512" \
    "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512" \
    "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(kafka_password admin)\";" \
    "ssl.keystore.type=PKCS12" \
    "ssl.keystore.location=$dir/broker.p12" \
    "ssl.keystore.password=$(cat "$dir/keystore.password")" \
    "ssl.truststore.type=PKCS12" \
    "ssl.truststore.location=$dir/truststore.p12" \
    "ssl.truststore.password=$(cat "$dir/keystore.password")" \
    "ssl.client.auth=none" \
    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer" \
    "super.users=User:admin;User:ANONYMOUS" \
    "allow.everyone.if.no.acl.found=false"
}

write_kafka_config() {
  local props=$RUN_DIR/kafka.properties
  [[ $KAFKA_SECURITY == sasl_ssl ]] && make_kafka_tls
  cat >"$props" <<EOF
# generated by deploy/local/stack.sh on each start; edit the script, not this file
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
$(kafka_listener_config)
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DATA
# the project creates its topics itself (kafkajs admin); a typo must fail, not create a topic
auto.create.topics.enable=false
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# the controller appends a no-op record to the metadata log when idle, which the broker then
# replays: every 500 ms by default, most of a broker's own work at rest (docs/local-stack.md)
metadata.max.idle.interval.ms=5000
# the log cleaner (compacted topics such as __consumer_offsets) allocates this buffer
# on the heap at startup; the 128 MB default would be most of a small broker's heap
log.cleaner.dedupe.buffer.size=16777216
EOF
  if [[ $KAFKA_MAJOR -ge 4 ]]; then
    cat >>"$props" <<EOF
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
  fi
  printf '%s\n' "$props"
}

kafka_java_opts() {
  local -a opts
  read -r -a opts <<<"$KAFKA_HEAP_OPTS"
  opts+=(-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    "-Dkafka.logs.dir=$LOG_DIR")
  if [[ $KAFKA_LOGGING == log4j2 ]]; then
    opts+=("-Dlog4j2.configurationFile=$SCRIPT_DIR/kafka/log4j2.properties")
  else
    opts+=("-Dlog4j.configuration=file:$SCRIPT_DIR/kafka/log4j.properties")
  fi
  opts+=(-cp "$KAFKA_LIBS/*")
  printf '%s\n' "${opts[@]}"
}

# a KRaft cluster id: 16 random bytes, URL-safe base64 without padding (not starting with "-")
new_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $id != -* ]] && break
  done
  printf '%s\n' "$id"
}

start_kafka() {
  KAFKA_LOG_FROM=$(size_of "$KAFKA_LOG")
  KAFKA_OUT_FROM=$(size_of "$KAFKA_OUT")
  local props
  props=$(write_kafka_config)
  local -a opts
  mapfile -t opts < <(kafka_java_opts)
  if [[ ! -f $KAFKA_DATA/meta.properties ]]; then
    mkdir -p "$KAFKA_DATA"
    log "kafka $KAFKA_VERSION: formatting storage in $(rel "$KAFKA_DATA")"
    local -a scram=()
    if [[ $KAFKA_SECURITY == sasl_ssl ]]; then
      local user
      for user in $KAFKA_SCRAM_USERS; do
        scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(kafka_password "$user")]")
      done
    fi
    if ! "$JAVA_BIN" "${opts[@]}" kafka.tools.StorageTool format -t "$(new_cluster_id)" -c "$props" "${scram[@]}" \
      >>"$KAFKA_OUT" 2>&1 </dev/null; then
      show_tail "$KAFKA_OUT" 40 "$KAFKA_OUT_FROM"
      die "kafka storage format failed"
    fi
  fi
  launch kafka "$KAFKA_OUT" "$JAVA_BIN" "${opts[@]}" kafka.Kafka "$props"
}

start_ferretdb() {
  FERRETDB_LOG_FROM=$(size_of "$FERRETDB_LOG")
  mkdir -p "$FERRETDB_STATE"
  local -a backend
  if [[ $FERRETDB_BACKEND == postgresql ]]; then
    backend=(--handler=postgresql "--postgresql-url=$(postgres_url)")
  else
    mkdir -p "$FERRETDB_DATA"
    backend=(--handler=sqlite "--sqlite-url=file:$FERRETDB_DATA/")
  fi
  launch ferretdb "$FERRETDB_LOG" env "GOGC=$FERRETDB_GOGC" "GOMEMLIMIT=$FERRETDB_GOMEMLIMIT" \
    "$FERRETDB_BIN" "${backend[@]}" \
    "--listen-addr=127.0.0.1:$MONGO_PORT" "--state-dir=$FERRETDB_STATE" \
    --telemetry=disable "--log-level=$FERRETDB_LOG_LEVEL" "--debug-addr=$FERRETDB_DEBUG_ADDR"
}

# S3Proxy on jclouds' filesystem provider: a bucket is a folder of S3_DATA, so the bucket is made
# by making its folder. Clients address buckets as paths (no virtual hosts).
start_s3() {
  S3_LOG_FROM=$(size_of "$S3_LOG")
  mkdir -p "$S3_DATA/$S3_BUCKET"
  local props=$RUN_DIR/s3proxy.properties
  cat >"$props" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_DATA
EOF
  launch s3 "$S3_LOG" "$JAVA_BIN" -Xms32m -Xmx256m \
    -Dlogback.configurationFile="$SCRIPT_DIR/s3proxy/logback.xml" \
    -cp "$S3PROXY_LIBS/*" org.gaul.s3proxy.Main --properties "$props"
}

# ----------------------------------------------------------------------- stopping

kill_and_wait() { # name pid [signal]
  local name=$1 pid=$2 signal=${3:-TERM} i
  kill "-$signal" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$name (pid $pid) still running after ${STOP_TIMEOUT}s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  die "$name (pid $pid) survived SIGKILL"
}

stop_component() { # name
  local name=$1 pid signal=TERM
  # SIGINT is PostgreSQL's fast shutdown, what `pg_ctl stop -m fast` sends: it rolls back open
  # transactions, disconnects clients and writes a checkpoint (SIGTERM would wait for clients).
  [[ $name == postgres ]] && signal=INT
  if pid=$(running_pid "$name"); then
    log "$name: stopping (pid $pid)"
    kill_and_wait "$name" "$pid" "$signal"
    log "$name: stopped"
  fi
  for pid in $(orphan_pids "$name"); do
    log "$name: stopping stray process $pid started from $(rel "$STACK_DIR")"
    kill_and_wait "$name" "$pid" "$signal"
  done
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.info"
}

# ------------------------------------------------------------------------ commands

take_lock() {
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/stack.lock"
    flock -w 900 9 || die "another stack.sh holds $(rel "$RUN_DIR/stack.lock")"
  fi
}

# What to do with one component: "reuse", "external" (someone else serves the port
# and speaks the protocol), "start"; dies on conflicts.
plan() { # name
  local name=$1 pid port version info
  port=$(port_of "$name")
  version=$(version_of "$name")
  if pid=$(running_pid "$name"); then
    info=$(cat "$RUN_DIR/$name.info" 2>/dev/null || true)
    # a FerretDB started before the backend setting existed runs on SQLite
    [[ $name == ferretdb && $info == "$FERRETDB_VERSION $port" ]] && info="$FERRETDB_VERSION/sqlite $port"
    if [[ -n $info && $info != "$version $port" ]]; then
      die "$name is running as '$info' (version port) but '$version $port' is wanted: run 'stack.sh stop' first"
    fi
    printf 'reuse\n'
    return
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.info"
  if port_open "$port"; then
    # FerretDB is told this stack's socket dir and database: another PostgreSQL cannot serve it
    if [[ $name != postgres ]] && probe "$name"; then
      printf 'external\n'
      return
    fi
    die "port $port is in use by another program (not a $name started by stack.sh from $(rel "$STACK_DIR")); free it or set $(port_variable "$name")"
  fi
  if [[ $name == kafka ]] && port_open "$KAFKA_CONTROLLER_PORT"; then
    die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is in use by another program; free it or set KAFKA_CONTROLLER_PORT"
  fi
  printf 'start\n'
}

port_variable() { # name
  case $1 in
    kafka) echo KAFKA_PORT ;;
    ferretdb) echo MONGO_PORT ;;
    postgres) echo POSTGRES_PORT ;;
    s3) echo S3_PORT ;;
  esac
}

wait_ready() { # name timeout-seconds
  local name=$1 timeout=$2 start=$SECONDS pid
  while :; do
    probe "$name" && return 0
    if ! pid=$(running_pid "$name"); then
      log "$name exited during startup"
      break
    fi
    if ((SECONDS - start >= timeout)); then
      log "$name not ready after ${timeout}s; stopping it"
      kill_and_wait "$name" "$pid"
      break
    fi
    sleep 0.25
  done
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.info"
  # only what this start wrote
  case $name in
    kafka)
      show_tail "$KAFKA_LOG" 40 "$KAFKA_LOG_FROM"
      show_tail "$KAFKA_OUT" 20 "$KAFKA_OUT_FROM"
      ;;
    ferretdb) show_tail "$FERRETDB_LOG" 40 "$FERRETDB_LOG_FROM" ;;
    postgres) show_tail "$POSTGRES_LOG" 40 "$POSTGRES_LOG_FROM" ;;
    s3) show_tail "$S3_LOG" 40 "$S3_LOG_FROM" ;;
  esac
  die "$name failed to start (logs in $(rel "$LOG_DIR"))"
}

cmd_start() { # terse: 0|1
  local terse=${1:-0} t0=$SECONDS kafka_plan=skip ferretdb_plan=skip postgres_plan=skip s3_plan=skip
  take_lock
  wants kafka && kafka_plan=$(plan kafka)
  wants ferretdb && ferretdb_plan=$(plan ferretdb)
  wants s3 && s3_plan=$(plan s3)
  # FerretDB on PostgreSQL needs its server, unless another program serves the MongoDB port
  if [[ $ONLY == postgres ]] ||
    [[ $FERRETDB_BACKEND == postgresql && $ferretdb_plan != skip && $ferretdb_plan != external ]]; then
    setup_postgres
    postgres_plan=$(plan postgres)
  fi
  local -a todo=()
  [[ $kafka_plan == start ]] && todo+=(kafka)
  [[ $ferretdb_plan == start ]] && todo+=(ferretdb)
  [[ $s3_plan == start ]] && todo+=(s3)

  [[ $kafka_plan == start || $s3_plan == start ]] && setup_java
  [[ ${#todo[@]} -gt 0 ]] && prepare "${todo[@]}"
  [[ $kafka_plan == start ]] && start_kafka
  [[ $s3_plan == start ]] && start_s3
  # PostgreSQL must answer before FerretDB starts: a few seconds (initdb, once, a few more),
  # while the broker starts in parallel
  if [[ $postgres_plan == start ]]; then
    start_postgres
    wait_ready postgres "$POSTGRES_START_TIMEOUT"
    printf '%s %s\n' "$POSTGRES_VERSION" "$POSTGRES_PORT" >"$RUN_DIR/postgres.info"
  fi
  [[ $postgres_plan == reuse ]] && wait_ready postgres "$POSTGRES_START_TIMEOUT"
  if [[ $postgres_plan == start || ($postgres_plan == reuse && $ferretdb_plan == start) ]]; then
    create_ferretdb_database
  fi
  # ferretdb is up in well under a second; check it first, then the broker
  if [[ $ferretdb_plan == start ]]; then
    start_ferretdb
    wait_ready ferretdb "$FERRETDB_START_TIMEOUT"
    printf '%s %s\n' "$FERRETDB_VERSION/$FERRETDB_BACKEND" "$MONGO_PORT" >"$RUN_DIR/ferretdb.info"
  fi
  if [[ $s3_plan == start ]]; then
    wait_ready s3 "$S3_START_TIMEOUT"
    printf '%s %s\n' "$S3PROXY_VERSION" "$S3_PORT" >"$RUN_DIR/s3.info"
  fi
  if [[ $kafka_plan == start ]]; then
    wait_ready kafka "$KAFKA_START_TIMEOUT"
    printf '%s %s\n' "$KAFKA_VERSION" "$KAFKA_PORT" >"$RUN_DIR/kafka.info"
  fi
  # reused processes must answer too (they may still be starting, e.g. a parallel start)
  [[ $kafka_plan == reuse ]] && wait_ready kafka "$KAFKA_START_TIMEOUT"
  [[ $ferretdb_plan == reuse ]] && wait_ready ferretdb "$FERRETDB_START_TIMEOUT"
  [[ $s3_plan == reuse ]] && wait_ready s3 "$S3_START_TIMEOUT"

  if [[ -n $ONLY ]]; then
    local only_plan
    case $ONLY in
      kafka) only_plan=$kafka_plan ;;
      ferretdb) only_plan=$ferretdb_plan ;;
      postgres) only_plan=$postgres_plan ;;
      s3) only_plan=$s3_plan ;;
    esac
    log "$ONLY ready in $((SECONDS - t0))s ($only_plan)"
    return 0
  fi
  local store="mongodb://127.0.0.1:$MONGO_PORT ($ferretdb_plan)"
  [[ $postgres_plan != skip ]] && store+=" on postgresql 127.0.0.1:$POSTGRES_PORT ($postgres_plan)"
  if [[ $terse == 1 ]]; then
    log "ready in $((SECONDS - t0))s: kafka 127.0.0.1:$KAFKA_PORT ($kafka_plan), $store, s3 127.0.0.1:$S3_PORT ($s3_plan)"
    return 0
  fi
  describe kafka "$kafka_plan"
  describe ferretdb "$ferretdb_plan"
  [[ $postgres_plan != skip ]] && describe postgres "$postgres_plan"
  describe s3 "$s3_plan"
  local logs="kafka.log,kafka.out,ferretdb.log,s3proxy.log"
  [[ $postgres_plan != skip ]] && logs+=",postgres.log"
  cat <<EOF
stack ready in $((SECONDS - t0))s
  KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
  MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT
  DOCUMENT_S3_ENDPOINT=http://127.0.0.1:$S3_PORT DOCUMENT_S3_BUCKET=$S3_BUCKET
  DOCUMENT_S3_ACCESS_KEY_ID=$S3_ACCESS_KEY DOCUMENT_S3_SECRET_ACCESS_KEY=$S3_SECRET_KEY
  logs: $(rel "$LOG_DIR")/{$logs}   data: $(rel "$DATA_DIR")
EOF
  if [[ $postgres_plan != skip ]]; then
    printf '  sql:  %s/psql -h %s -p %s -U postgres %s\n' "$POSTGRES_BINDIR" "$POSTGRES_SOCKET_DIR" \
      "$POSTGRES_PORT" "$POSTGRES_DB"
  fi
  printf '  stop: bash deploy/local/stack.sh stop\n'
}

describe() { # name plan
  local name=$1 plan=$2 pid='' what
  pid=$(running_pid "$name" || true)
  case $plan in
    reuse) what="already running" ;;
    start) what="started" ;;
    external) what="served by another program (not managed by stack.sh)" ;;
  esac
  case $name in
    kafka) printf 'kafka     %-8s %s%s, bootstrap servers 127.0.0.1:%s\n' "$KAFKA_VERSION" "$what" "${pid:+ (pid $pid)}" "$KAFKA_PORT" ;;
    ferretdb) printf 'ferretdb  %-8s %s%s, mongodb://127.0.0.1:%s on %s\n' "$FERRETDB_VERSION" "$what" "${pid:+ (pid $pid)}" "$MONGO_PORT" "$FERRETDB_BACKEND" ;;
    postgres) printf 'postgres  %-8s %s%s, 127.0.0.1:%s and socket %s, database %s\n' "$POSTGRES_VERSION" "$what" "${pid:+ (pid $pid)}" "$POSTGRES_PORT" "$(rel "$POSTGRES_SOCKET_DIR")" "$POSTGRES_DB" ;;
    s3) printf 's3proxy   %-8s %s%s, http://127.0.0.1:%s, bucket %s in %s\n' "$S3PROXY_VERSION" "$what" "${pid:+ (pid $pid)}" "$S3_PORT" "$S3_BUCKET" "$(rel "$S3_DATA")" ;;
  esac
}

cmd_stop() {
  take_lock
  if wants kafka; then stop_component kafka; fi
  # FerretDB before the PostgreSQL it uses
  if wants ferretdb; then stop_component ferretdb; fi
  if wants postgres; then stop_component postgres; fi
  if wants s3; then stop_component s3; fi
}

# start/stop may name one component (tests stop the broker to show nothing is lost).
ONLY=''
wants() { [[ -z $ONLY || $ONLY == "$1" ]]; }
only() { # [component]
  case ${1:-} in
    '') ;;
    kafka | ferretdb | postgres | s3) ONLY=$1 ;;
    *) die "unknown component '$1' (kafka, ferretdb, postgres or s3)" ;;
  esac
}

cmd_status() {
  local name pid info ok=0 port
  local -a names=(kafka ferretdb s3)
  # postgres when FerretDB should use it, or when one from this stack dir still runs
  if [[ $FERRETDB_BACKEND == postgresql ]] || running_pid postgres >/dev/null || [[ -n $(orphan_pids postgres) ]]; then
    names+=(postgres)
  fi
  for name in "${names[@]}"; do
    port=$(port_of "$name")
    if pid=$(running_pid "$name"); then
      info=$(cat "$RUN_DIR/$name.info" 2>/dev/null || echo "? $port")
      if probe "$name"; then
        printf '%-9s running   %s, pid %s, port %s\n' "$name" "${info% *}" "$pid" "${info#* }"
      else
        printf '%-9s starting/unhealthy   %s, pid %s, port %s not answering\n' "$name" "${info% *}" "$pid" "$port"
        ok=1
      fi
    elif probe "$name"; then
      printf '%-9s external  port %s answers, not started by stack.sh\n' "$name" "$port"
    else
      printf '%-9s stopped\n' "$name"
      ok=1
    fi
    for pid in $(orphan_pids "$name"); do
      [[ $pid == "$(running_pid "$name" || true)" ]] && continue
      printf '%-9s warning: stray process %s from this stack dir (stack.sh stop kills it)\n' "$name" "$pid"
    done
  done
  printf 'logs: %s   data: %s\n' "$(rel "$LOG_DIR")" "$(rel "$DATA_DIR")"
  return "$ok"
}

cmd_logs() {
  local follow=0 lines=50 which=all
  while [[ $# -gt 0 ]]; do
    case $1 in
      -f | --follow) follow=1 ;;
      -n)
        lines=${2:?-n needs a number}
        shift
        ;;
      kafka | ferretdb | postgres | s3 | all) which=$1 ;;
      *) die "logs: unknown argument '$1' (usage: logs [kafka|ferretdb|postgres|s3] [-f] [-n LINES])" ;;
    esac
    shift
  done
  local -a files=()
  [[ $which == all || $which == kafka ]] && files+=("$KAFKA_LOG" "$KAFKA_OUT")
  [[ $which == all || $which == ferretdb ]] && files+=("$FERRETDB_LOG")
  [[ $which == all || $which == postgres ]] && files+=("$POSTGRES_LOG")
  [[ $which == all || $which == s3 ]] && files+=("$S3_LOG")
  local -a existing=()
  local f
  for f in "${files[@]}"; do
    [[ -f $f ]] && existing+=("$f")
  done
  [[ ${#existing[@]} -gt 0 ]] || die "no logs yet in $(rel "$LOG_DIR")"
  if [[ $follow == 1 ]]; then
    exec tail -n "$lines" -F "${existing[@]}"
  fi
  tail -n "$lines" "${existing[@]}"
}

cmd_sql() { # statement
  [[ $# == 1 ]] || die "usage: stack.sh sql STATEMENT"
  [[ $FERRETDB_BACKEND == postgresql ]] || die "sql: FerretDB runs on $FERRETDB_BACKEND here"
  setup_postgres
  psql_stack -d "$POSTGRES_DB" -tAc "$1"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    start)
      only "${1:-}"
      cmd_start 0
      ;;
    ensure) cmd_start 1 ;;
    stop)
      only "${1:-}"
      cmd_stop
      ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    sql) cmd_sql "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
