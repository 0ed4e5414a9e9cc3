#!/usr/bin/env bash
# Export time and heap for subjects with 1,000 and 50,000 consent events (or the sizes given as
# arguments), on the embedded store with a 256 MB heap. Rerunnable: each run starts the jar on a
# fresh data directory under target/bench and stops it at the end.
#
#   bench/export-benchmark.sh                 build the jar if missing, then measure 1000 and 50000
#   bench/export-benchmark.sh 1000 200000     other history sizes
#   BENCH_BUILD=1 bench/export-benchmark.sh   rebuild the jar first
#
# The results table is printed and written to target/bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${BENCH_PORT:-18080}
store_port=${BENCH_STORE_PORT:-27999}
heap=${BENCH_HEAP:-256m}
out=target/bench
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(1000 50000)
fi

jar=$(ls target/privacy-portal-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
if [ -z "$jar" ] || [ "${BENCH_BUILD:-0}" = 1 ]; then
  ./mvnw -q -B -DskipTests package
  jar=$(ls target/privacy-portal-*.jar | grep -v -- '-plain' | head -1)
fi

rm -rf "$out"
mkdir -p "$out/lib"
# the benchmark writes the history with the MongoDB driver the jar ships
(cd "$out/lib" && jar tf "../../../$jar" | grep -E '^BOOT-INF/lib/(mongodb-driver-(core|sync)|bson)-[0-9].*\.jar$' \
  | xargs jar xf "../../../$jar" && mv BOOT-INF/lib/*.jar . && rm -rf BOOT-INF)

java -Xmx"$heap" -Xlog:gc:file="$out/gc.log":time -jar "$jar" \
  --server.port="$port" \
  --portal.store.port="$store_port" \
  --portal.store.data-dir="$out/data" \
  --portal.store.cache-size-mb=32 \
  --portal.export.poll-interval=200ms \
  --portal.rate-limit.enabled=false \
  > "$out/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT

java -cp "$out/lib/*" bench/ExportBenchmark.java "http://127.0.0.1:$port" \
  "mongodb://127.0.0.1:$store_port/privacy-portal" "$out/gc.log" "$app" "${sizes[@]}" | tee "$out/results.md"

if grep -q OutOfMemoryError "$out/app.log"; then
  echo "The portal ran out of memory: see $out/app.log" >&2
  exit 1
fi
echo "Heap limit -Xmx$heap; GC log $out/gc.log; portal log $out/app.log"
