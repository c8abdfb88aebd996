#!/usr/bin/env bash
# Start-up time and memory of each packaged service with and without a class-data cache, on JDK 25.
#   JAVA_HOME=/path/to/jdk-25 bench/startup.sh [runs]
# Needs the services packaged with the cache by that JDK:
#   ./mvnw package -DskipTests -Dquarkus.package.jar.aot.enabled=true        (AppCDS: app-cds.jsa)
#   ./mvnw verify -pl <service> -Dquarkus.package.jar.aot.enabled=true -Dit.test='Packaged*IT'
#                                                        (Leyden AOT cache trained by the ITs: app.aot)
# Starts the local stack (ports 19092/15432) for the services to connect to; prints a Markdown table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java
WORK=$(mktemp -d)
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null; rm -rf "$WORK"' EXIT

"$JAVA" -cp "$ROOT/local-stack/target/classes:$(cat "$ROOT/local-stack/target/launcher.classpath")" \
  com.orthoseg.localstack.LocalStackMain "$WORK/data" "$WORK/stack.env" >"$WORK/stack.log" 2>&1 &
STACK=$!
until [ -f "$WORK/stack.env" ]; do sleep 0.2; done
set -a; . "$WORK/stack.env"; set +a

echo "| service | cache | started in (s), median of $RUNS | RSS when ready (MB), median |"
echo "| --- | --- | --- | --- |"
for service in ingest-service feature-service segment-service; do
  app="$ROOT/$service/target/quarkus-app"
  for cache in none app-cds.jsa app.aot; do
    case $cache in
      none) flags=() ;;
      app-cds.jsa) [ -f "$app/app-cds.jsa" ] || continue; flags=(-XX:SharedArchiveFile="$app/app-cds.jsa") ;;
      app.aot) [ -f "$app/app.aot" ] || continue; flags=(-XX:AOTCache="$app/app.aot") ;;
    esac
    times=(); rss=()
    for _ in $(seq "$RUNS"); do
      (cd "$app" && QUARKUS_HTTP_PORT=18099 exec "$JAVA" "${flags[@]}" -jar quarkus-run.jar) >"$WORK/run.log" 2>&1 &
      pid=$!
      until grep -q "started in" "$WORK/run.log"; do sleep 0.05; done
      times+=("$(grep -o 'started in [0-9.]*' "$WORK/run.log" | awk '{print $3}')")
      rss+=("$(($(ps -o rss= -p "$pid") / 1024))")
      kill "$pid"; wait "$pid" 2>/dev/null || true
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    echo "| $service | $cache | $(median "${times[@]}") | $(median "${rss[@]}") |"
  done
done
