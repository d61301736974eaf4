#!/usr/bin/env bash
# Builds and runs Earshot from one artifact on either database.
#
#   deploy/earshot.sh build            ./mvnw package: target/quarkus-app (a mutable jar, H2 by default)
#   deploy/earshot.sh use-postgresql   re-augment that build once for PostgreSQL (about 10 s)
#   deploy/earshot.sh use-h2           re-augment it back for the embedded H2 database
#   deploy/earshot.sh run              start it; configuration comes from the environment
#
# The database kind is fixed when Quarkus augments the application, so switching is a one-off step
# on the built artifact, not a runtime setting. For PostgreSQL, set before `run`:
#   QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db-host:5432/earshot
#   QUARKUS_DATASOURCE_USERNAME=earshot  QUARKUS_DATASOURCE_PASSWORD=...
# and for Kafka: EARSHOT_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 (see deploy/kafka/kafka.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="${EARSHOT_APP_DIR:-$ROOT/target/quarkus-app}"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

need_build() {
  [[ -f "$APP/quarkus-run.jar" ]] || { echo "earshot.sh: no build at $APP; run: deploy/earshot.sh build" >&2; exit 1; }
}

reaugment() {
  need_build
  (cd "$APP" && "$JAVA" -Dquarkus.launch.rebuild=true -Dquarkus.datasource.db-kind="$1" -jar quarkus-run.jar)
  echo "earshot.sh: $APP now runs on $1"
}

case "${1:-}" in
  build) (cd "$ROOT" && ./mvnw -B package -DskipTests) ;;
  use-postgresql) reaugment postgresql ;;
  use-h2) reaugment h2 ;;
  run) need_build; exec "$JAVA" ${JAVA_OPTS:-} -jar "$APP/quarkus-run.jar" ;;
  *) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
