# Shared by the benchmark scripts: build the jar once, start and stop it, run wrk. Sourced, not run.
# Rate limits are lifted (portal.rate-limit.enabled=false) so the load is not refused.

port=${BENCH_PORT:-18080}
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-10s}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
timeout=${BENCH_TIMEOUT:-10s}
out=${BENCH_OUT:-target/bench}
base="http://127.0.0.1:$port"
app=

# The packaged jar, built once if it is missing (BENCH_BUILD=1 rebuilds it); BENCH_JAR=path measures
# another build, e.g. one of an earlier commit.
bench_jar() {
  if [ -n "${BENCH_JAR:-}" ]; then
    jar=$BENCH_JAR
    return
  fi
  jar=$(ls target/privacy-portal-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
  if [ -z "$jar" ] || [ "${BENCH_BUILD:-0}" = 1 ]; then
    ./mvnw -q -B -DskipTests package
    jar=$(ls target/privacy-portal-*.jar | grep -v -- '-plain' | head -1)
  fi
}

# bench_start NAME [java options --] [portal arguments]: starts the jar on the data directory
# $out/NAME (kept between starts) and waits until it is ready; sets app (pid) and ready_ms.
bench_start() {
  local name=$1
  shift
  local java_opts=()
  if [[ " $* " == *" -- "* ]]; then
    while [ "$1" != "--" ]; do java_opts+=("$1"); shift; done
    shift
  fi
  mkdir -p "$out/$name"
  local started=$(date +%s%N)
  java "${java_opts[@]}" -jar "$jar" --server.port="$port" --portal.store.data-dir="$out/$name" \
    --portal.identity.key-dir="$out/$name" --portal.rate-limit.enabled=false "$@" >> "$out/$name.log" 2>&1 &
  app=$!
  trap bench_stop EXIT
  until curl -sf -o /dev/null "$base/actuator/health/readiness"; do
    if ! kill -0 "$app" 2>/dev/null; then
      echo "The portal did not start: see $out/$name.log" >&2
      exit 1
    fi
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

bench_stop() {
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    app=
  fi
}

# The MongoDB driver jars the portal ships, under $out/lib, for a benchmark that writes to the store.
bench_driver_libs() {
  rm -rf "$out/lib"
  mkdir -p "$out/lib"
  local archive
  archive=$(realpath "$jar")
  (cd "$out/lib" && unzip -q -o "$archive" 'BOOT-INF/lib/mongodb-driver-core-*' 'BOOT-INF/lib/mongodb-driver-sync-*' \
    'BOOT-INF/lib/bson-[0-9]*' && mv BOOT-INF/lib/*.jar . && rm -rf BOOT-INF)
}

# Resident memory of the portal in MB.
bench_rss() {
  awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$app/status"
}

# A token of the embedded issuer: bench_token SUB SCOPE.
bench_token() {
  curl -sf "$base/dev/tokens" -H 'Content-Type: application/json' \
    -d "{\"sub\": \"$1\", \"scopes\": [\"$2\"], \"email\": \"$1@example.com\", \"name\": \"Bench $1\"}" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# bench_graphql QUERY [TOKEN]: the response, failing when it has errors.
bench_graphql() {
  local body response
  body=$(printf '{"query": "%s"}' "$1")
  response=$(curl -sf "$base/graphql" -H 'Content-Type: application/json' ${2:+-H "Authorization: Bearer $2"} -d "$body")
  if [[ "$response" != *'"data"'* || "$response" == *'"errors"'* ]]; then
    echo "Unexpected answer to $1: $response" >&2
    exit 1
  fi
  echo "$response"
}

# bench_wrk LABEL PATH [QUERY [TOKEN]]: a GET of PATH, or a POST of the GraphQL QUERY; warms up,
# then measures. Sets rps, p50 and p99 (ms) and errors (non-2xx answers and socket errors).
bench_wrk() {
  local label=$1 path=$2 query=${3:-} token=${4:-} script=$out/wrk-$RANDOM.lua
  if [ -n "$query" ]; then
    bench_graphql "$query" "$token" > /dev/null
    {
      echo 'wrk.method = "POST"'
      printf 'wrk.body = [[{"query": "%s"}]]\n' "$query"
      echo 'wrk.headers["Content-Type"] = "application/json"'
      [ -n "$token" ] && printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token"
    } > "$script"
  else
    echo '' > "$script"
  fi
  wrk -t"$threads" -c"$connections" -d"$warmup" --timeout "$timeout" -s "$script" "$base$path" > /dev/null
  local result
  result=$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout "$timeout" --latency -s "$script" "$base$path")
  echo "$result" > "$out/wrk-$(echo "$label" | tr -c 'a-zA-Z0-9' '-').txt"
  rps=$(echo "$result" | awk '/Requests\/sec/ { printf "%d", $2 }')
  p50=$(echo "$result" | awk '$1 == "50%" { print $2 }' | bench_ms)
  p99=$(echo "$result" | awk '$1 == "99%" { print $2 }' | bench_ms)
  errors=$(echo "$result" | awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }')
  rm -f "$script"
}

# wrk's 1.23ms / 850.00us / 1.02s as milliseconds.
bench_ms() {
  awk '{ v = $1; if (v ~ /us$/) { sub("us", "", v); v /= 1000 } else if (v ~ /ms$/) { sub("ms", "", v) } else if (v ~ /s$/) { sub("s", "", v); v *= 1000 } printf "%.2f", v }'
}

bench_machine() {
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%d GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
}
