#!/usr/bin/env bash
# Start-up of the packaged app on the embedded store: time from launching java to /readyz answering
# 200, the CPU time the JVM spent until then (all its threads; less disturbed by other load than the
# wall time), Spring's own "Started ... in" figure, and resident memory (RSS) two seconds after ready;
# BENCH_STARTS (5) starts, median and range. The data directory is made by one unmeasured start
# first, so the measured ones are restarts. Measured: the plain `java -jar`, and when the build made
# it (README "Faster start-up"), the extracted jar alone, with its CDS archive, and with the CDS
# archive and the README's memory options (the documented way to run it). The extracted rows always
# measure this build's target/privacy-portal/, also with BENCH_JAR.
#
#   bench/startup-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

starts=${BENCH_STARTS:-5}
extracted=target/privacy-portal/privacy-portal.jar
archive=target/privacy-portal/privacy-portal.jsa
# the README's memory options, beside the archive
memory=(-XX:+UseSerialGC -Xms64m)

bench_jar
rm -rf "$out/startup" "$out/startup.log"
mkdir -p "$out"
bench_start startup
bench_stop

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%s (%s to %s)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

measure() {
  local label=$1
  shift
  local ready=() cpu=() spring=() rss=()
  for _ in $(seq "$starts"); do
    : > "$out/startup.log"
    bench_start startup "$@"
    cpu+=("$(awk -v tick="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / tick }' "/proc/$app/stat")")
    sleep 2
    ready+=("$ready_ms")
    rss+=("$(bench_rss)")
    if grep -q 'Unable to use shared archive' "$out/startup.log"; then
      echo "The JVM did not use $archive: see $out/startup.log" >&2
      exit 1
    fi
    spring+=("$(sed -nE 's/.*Started PrivacyPortalApplication in ([0-9.]+) seconds.*/\1/p' "$out/startup.log" | awk '{ printf "%d", $1 * 1000 }')")
    bench_stop
  done
  echo "| $label | $(printf '%s\n' "${ready[@]}" | median) | $(printf '%s\n' "${cpu[@]}" | median) | $(printf '%s\n' "${spring[@]}" | median) | $(printf '%s\n' "${rss[@]}" | median) |"
}

bench_machine
echo "$starts starts each, medians (range)"
echo
echo "| how | launch to ready, ms | CPU to ready, ms | Spring's started in, ms | RSS after start, MB |"
echo "|---|---:|---:|---:|---:|"
measure "java -jar $jar"
if [ -f "$archive" ]; then
  jar=$extracted
  measure "java -jar $jar"
  measure "java -XX:SharedArchiveFile=$archive -jar $jar" "-XX:SharedArchiveFile=$archive" --
  measure "java -XX:SharedArchiveFile=$archive ${memory[*]} -jar $jar" "-XX:SharedArchiveFile=$archive" "${memory[@]}" --
fi
