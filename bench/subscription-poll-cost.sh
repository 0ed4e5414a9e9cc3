#!/usr/bin/env bash
# CPU the portal spends polling for dataExportUpdated subscriptions: 1,500 subscriptions to one
# READY export on one WebSocket (or the count given), the portal's CPU over a minute, beside a
# minute with none. Subscription caps and rate limits are lifted for the run. Rerunnable: starts the
# jar on a fresh data directory under target/bench-subscriptions and stops it at the end.
#
#   bench/subscription-poll-cost.sh              1500 subscriptions, 60 s windows
#   bench/subscription-poll-cost.sh 500 30       other count and window
#   BENCH_JAR=path/to.jar bench/subscription-poll-cost.sh   another build of the portal
set -euo pipefail
cd "$(dirname "$0")/.."

port=${BENCH_PORT:-18081}
out=target/bench-subscriptions
subscriptions=${1:-1500}
window=${2:-60}

jar=${BENCH_JAR:-$(ls target/privacy-portal-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)}
if [ -z "$jar" ]; then
  ./mvnw -q -B -DskipTests package
  jar=$(ls target/privacy-portal-*.jar | grep -v -- '-plain' | head -1)
fi

rm -rf "$out"
mkdir -p "$out"
java -jar "$jar" \
  --server.port="$port" \
  --portal.store.data-dir="$out/data" \
  --portal.identity.key-dir="$out/data" \
  --portal.rate-limit.enabled=false \
  --portal.subscriptions.max-per-connection="$subscriptions" \
  --portal.subscriptions.max-per-subject="$subscriptions" \
  > "$out/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT

until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null; do
  kill -0 "$app" 2>/dev/null || { echo "The portal did not start: see $out/app.log" >&2; exit 1; }
  sleep 1
done

java bench/SubscriptionPollCost.java "http://127.0.0.1:$port" "$app" "$subscriptions" "$window" | tee "$out/results.md"
