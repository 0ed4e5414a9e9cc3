#!/usr/bin/env bash
# kill -9 during an export and during an erasure, then a restart on the same data directory: the
# work is finished exactly once and nothing is lost. Rerunnable: each run starts the jar on a fresh
# data directory under target/bench/crash and exits non-zero on any mismatch.
#
#   bench/crash-recovery.sh            build the jar if missing; a history of 50,000 consent events
#   bench/crash-recovery.sh 200000     another history size
#   BENCH_BUILD=1 bench/crash-recovery.sh   rebuild the jar first
#
# Short leases, polls and cooling-off (all documented settings) keep the waits after a restart short.
# The summary is printed and written to target/bench/crash-recovery.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

store_port=${BENCH_STORE_PORT:-27999}
events=${1:-50000}
settings=(--portal.store.port="$store_port" --portal.export.poll-interval=500ms --portal.export.lease=10s
  --portal.deletion.cooling-off=PT3S --portal.deletion.sweep-interval=PT1S --portal.deletion.lease=PT10S
  --portal.mail.poll-interval=PT1S)
summary=$out/crash-recovery.md
state=$out/crash.properties

bench_jar
rm -rf "$out/crash" "$out/crash.log" "$summary" "$state"
mkdir -p "$out"
bench_driver_libs

# step NAME [ARGS]: one step of CrashRecovery.java; a mismatch is remembered, a step that could not
# run (exit 2) ends the run
step() {
  local rc=0
  java -cp "$out/lib/*" bench/CrashRecovery.java "$1" "$base" "mongodb://127.0.0.1:$store_port/privacy-portal" \
    "$state" "$summary" "${@:2}" || rc=$?
  if [ "$rc" -eq 1 ]; then
    status=1
  elif [ "$rc" -ne 0 ]; then
    report
    echo "The run stopped at step $1: see $out/crash.log" >&2
    exit 2
  fi
}

report() {
  echo
  echo "Crash recovery, $(printf "%'d" "$events") consent events; $(bench_machine)"
  echo
  cat "$summary"
}

# the helper kills the portal; this shell reaps it so that bench_stop has nothing left to stop
killed() {
  if [ "$(ps -o stat= -p "$app" | cut -c1)" != Z ] && kill -0 "$app" 2>/dev/null; then
    report
    echo "The portal was not killed: see above" >&2
    exit 2
  fi
  wait "$app" 2>/dev/null || true
  app=
}

status=0
{
  echo "| check | expected | found | |"
  echo "|---|---|---|---|"
} > "$summary"
bench_start crash "${settings[@]}"
step export "$app" "$events"
killed
bench_start crash "${settings[@]}"
step export-check
step deletion "$app"
killed
bench_start crash "${settings[@]}"
step deletion-check
bench_stop

report
echo
if [ "$status" -ne 0 ]; then
  echo "MISMATCH: see above and $out/crash.log" >&2
fi
exit "$status"
