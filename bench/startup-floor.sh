#!/usr/bin/env bash
# The framework's own start-up on this machine, the floor under the portal's: an application built
# from the portal's pom (the same dependencies and Boot auto-configuration, the same extraction and
# CDS training as the pom's) with no portal code, a one-field schema and the portal's actuator
# settings. Its MongoDB URI points at a port nobody answers (the driver connects lazily). Started
# BENCH_STARTS (5) times the README's way, it prints the same columns as the last row of
# bench/startup-benchmark.sh; the difference between the two is what the portal's own start costs.
#
#   bench/startup-floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
out=$(realpath -m "$out")

starts=${BENCH_STARTS:-5}
floor=$out/floor
rm -rf "$floor"
mkdir -p "$floor/src/main/java/floor" "$floor/src/main/resources" "$floor/graphql"
cp -r pom.xml mvnw .mvn "$floor/"
cat > "$floor/src/main/java/floor/FloorApplication.java" <<'JAVA'
package floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FloorApplication {

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

}
JAVA
echo 'type Query { hello: String }' > "$floor/graphql/schema.graphqls"
cat > "$floor/src/main/resources/application.yml" <<'YAML'
spring:
  mongodb:
    uri: mongodb://127.0.0.1:9/floor
  graphql:
    http:
      path: /graphql
    websocket:
      path: /graphql
management:
  endpoints:
    web:
      exposure:
        include: health,info,prometheus
  endpoint:
    health:
      probes:
        enabled: true
YAML

(
  cd "$floor"
  ./mvnw -q -B -DskipTests -Dcds.skip -Dmaven.gitcommitid.skip=true package
  java -Djarmode=tools -jar target/privacy-portal-*.jar extract --force --destination target/privacy-portal \
    --application-filename privacy-portal.jar > /dev/null
  java -XX:ArchiveClassesAtExit=target/privacy-portal/privacy-portal.jsa -XX:+UseSerialGC \
    -Dspring.context.exit=onRefresh -jar target/privacy-portal/privacy-portal.jar --server.port=0 \
    > "$out/floor-training.log" 2>&1
)

cd "$floor"
jar=target/privacy-portal/privacy-portal.jar
ready=() cpu=() rss=()
for _ in $(seq "$starts"); do
  bench_start floor -XX:SharedArchiveFile=target/privacy-portal/privacy-portal.jsa -XX:+UseSerialGC -Xms64m --
  cpu+=("$(awk -v tick="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / tick }' "/proc/$app/stat")")
  ready+=("$ready_ms")
  sleep 2
  rss+=("$(bench_rss)")
  bench_stop
done
if grep -q 'Unable to use shared archive' "$out/floor.log"; then
  echo "The JVM did not use the archive: see $out/floor.log" >&2
  exit 1
fi

median() { sort -n | awk '{ v[NR] = $1 } END { printf "%s (%s to %s)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
bench_machine
echo "$starts starts, medians (range)"
echo
echo "| how | launch to ready, ms | CPU to ready, ms | RSS after start, MB |"
echo "|---|---:|---:|---:|"
echo "| the framework alone, the README's command | $(printf '%s\n' "${ready[@]}" | median) | $(printf '%s\n' "${cpu[@]}" | median) | $(printf '%s\n' "${rss[@]}" | median) |"
