# Sourced by tools/start.sh (and its test, tools/workspace/supervise.spec.ts).
#
# supervise NAME LOG COMMAND...: runs COMMAND with its output appended to LOG and, whenever it
# exits, says so on stdout ("intake exited with 137; restarting in 2 s") and starts it again after
# 1 s, 2 s, 4 s... up to 30 s; a run that lasted a minute starts the back-off over. SIGTERM stops
# the command (SIGTERM, then waits for it) and the supervisor, without a restart. Run it in the
# background, one per service.

SUPERVISE_MAX_DELAY_S=30
SUPERVISE_STABLE_S=60

# The pause before a restart; the test replaces it to run fast.
supervise_pause() { sleep "$1"; }

# On SIGTERM: the command stops gracefully (the services drain on SIGTERM), then the supervisor.
supervise_stop() {
  local child=$1 pause=$2
  if [ -n "$pause" ]; then kill "$pause" 2>/dev/null || true; fi
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit 0
}

supervise() {
  local name=$1 log=$2
  shift 2
  local delay=1 child='' pause='' code started
  trap 'supervise_stop "$child" "$pause"' TERM
  while :; do
    started=$SECONDS
    "$@" >>"$log" 2>&1 &
    child=$!
    code=0
    wait "$child" || code=$?
    child=''
    if [ $((SECONDS - started)) -ge "$SUPERVISE_STABLE_S" ]; then delay=1; fi
    echo "$name exited with $code; restarting in $delay s"
    # In the background, so that SIGTERM interrupts the pause at once.
    supervise_pause "$delay" &
    pause=$!
    wait "$pause" || true
    pause=''
    delay=$((delay * 2 > SUPERVISE_MAX_DELAY_S ? SUPERVISE_MAX_DELAY_S : delay * 2))
  done
}
