#!/usr/bin/env bash
# The staff queues at scale: correction requests (PENDING) and complaints (overdue), first page of
# 50 and the 10th, timed one request at a time (BENCH_SAMPLES each, 50 by default) after
# 10,000 and 100,000 of each were written straight into the embedded store (or the sizes given).
#
#   bench/queue-benchmark.sh                 build the jar if missing, then measure 10000 and 100000
#   bench/queue-benchmark.sh 1000 20000      other sizes
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

store_port=${BENCH_STORE_PORT:-27999}
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(10000 100000)
fi

bench_jar
rm -rf "$out/queue" "$out/queue.log"
mkdir -p "$out"
bench_driver_libs
bench_start queue --portal.store.port="$store_port"

bench_machine
echo
java -cp "$out/lib/*" bench/QueueBenchmark.java "$base" "mongodb://127.0.0.1:$store_port/privacy-portal" \
  "$(bench_token bench-staff privacy.staff)" "${BENCH_SAMPLES:-50}" "${sizes[@]}"
echo
echo "Resident memory after the run: $(bench_rss) MB"
