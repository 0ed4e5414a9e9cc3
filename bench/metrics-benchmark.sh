#!/usr/bin/env bash
# What metrics cost: the same load as api-benchmark.sh for the floor, { __typename } with a token
# and me, once with metrics on (the default: Prometheus registry, HTTP, GraphQL and security
# observations) and once with every meter and observation turned off, each in its own JVM.
#
#   bench/metrics-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bench_jar
mkdir -p "$out"
me='{ me { id profile { fullName email } consents { purposes { purpose { key } granted source } } } }'
declare -A on off

run() {
  local -n figures=$1
  shift
  rm -rf "$out/metrics" "$out/metrics.log"
  bench_start metrics "$@"
  local token
  token=$(bench_token bench-subject privacy.self)
  bench_graphql '{ me { id } }' "$token" > /dev/null
  bench_wrk floor /actuator/health/liveness
  figures[floor]=$rps
  bench_wrk typename /graphql '{ __typename }' "$token"
  figures[typename]=$rps
  bench_wrk me /graphql "$me" "$token"
  figures[me]=$rps
  bench_stop
}

run on
run off --management.metrics.enable.all=false --management.observations.enable.all=false

bench_machine
echo "wrk ${threads} threads x ${connections} connections, ${warmup} warm-up, ${duration} measured"
echo
echo "| request | req/s metrics on | req/s metrics off | on / off |"
echo "|---|---:|---:|---:|"
for key in floor typename me; do
  label=$(case $key in floor) echo 'GET /actuator/health/liveness' ;; typename) echo '{ __typename } with a token' ;; me) echo 'me' ;; esac)
  awk -v l="$label" -v a="${on[$key]}" -v b="${off[$key]}" 'BEGIN { printf "| `%s` | %d | %d | %.2f |\n", l, a, b, a / b }'
done
