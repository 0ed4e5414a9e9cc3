#!/usr/bin/env bash
# The self-service read path side by side with the HTTP floor, in one JVM and one run: wrk with
# BENCH_THREADS (2) threads x BENCH_CONNECTIONS (32) connections on loopback, BENCH_WARMUP (10s)
# of warm-up and BENCH_DURATION (20s) of measurement per request, against the jar on the embedded
# store (rate limits lifted). Each figure is also given as a ratio to the floor, which is what
# compares across machines.
#
#   bench/api-benchmark.sh                 build the jar if missing, then measure
#   BENCH_BUILD=1 bench/api-benchmark.sh   rebuild the jar first
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bench_jar
rm -rf "$out/api" "$out/api.log"
mkdir -p "$out"
bench_start api "$@"

token=$(bench_token bench-subject privacy.self)
bench_graphql '{ me { id } }' "$token" > /dev/null

me='{ me { id profile { fullName email } consents { purposes { purpose { key } granted source } } } }'
rows=(
  "floor: GET /actuator/health/liveness|/actuator/health/liveness||"
  "{ __typename } without a token|/graphql|{ __typename }|"
  "{ __typename } with a bearer token|/graphql|{ __typename }|$token"
  "{ consentPurposes { key } } (public)|/graphql|{ consentPurposes { key } }|"
  "{ privacyPolicy { version summary } } (public)|/graphql|{ privacyPolicy { version summary } }|"
  "me { profile consents }|/graphql|$me|$token"
)

bench_machine
echo "wrk ${threads} threads x ${connections} connections, ${warmup} warm-up, ${duration} measured; jar $jar"
echo
echo "| request | req/s | ratio to the floor | p50 ms | p99 ms | p99 / floor p99 | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
floor_rps=
for row in "${rows[@]}"; do
  IFS='|' read -r label path query tok <<< "$row"
  bench_wrk "$label" "$path" "$query" "$tok"
  if [ -z "$floor_rps" ]; then
    floor_rps=$rps
    floor_p99=$p99
  fi
  awk -v l="$label" -v r="$rps" -v f="$floor_rps" -v p50="$p50" -v p99="$p99" -v fp="$floor_p99" -v e="$errors" \
    'BEGIN { printf "| `%s` | %d | %.2f | %s | %s | %.1f | %d |\n", l, r, r / f, p50, p99, p99 / fp, e }'
done
echo
echo "Resident memory after the run: $(bench_rss) MB"
