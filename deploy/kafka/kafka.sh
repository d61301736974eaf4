#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft: broker + controller in one JVM) without Docker
# and without a Kafka tarball: the broker's jars come from Maven Central through
# deploy/kafka/pom.xml and the project's Maven wrapper.
#
#   deploy/kafka/kafka.sh start     format storage on first use, start, create topics
#   deploy/kafka/kafka.sh stop      graceful stop (SIGTERM), SIGKILL after 30 s
#   deploy/kafka/kafka.sh restart
#   deploy/kafka/kafka.sh status    exit 0 when running and answering, 1 otherwise
#   deploy/kafka/kafka.sh topics    (re)create the Earshot topics on a running broker
#   deploy/kafka/kafka.sh log       follow the broker log
#
# Works from any working directory. Settings (environment):
#   KAFKA_PORT             client listener, 127.0.0.1        (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener          (default 9093)
#   KAFKA_HOST             host the listeners bind/advertise  (default 127.0.0.1)
#   KAFKA_DATA_DIR         state: data, config, logs, pid     (default <project>/data/kafka)
#   KAFKA_HEAP_OPTS        JVM heap                           (default -Xmx512m -Xms128m)
#   KAFKA_TOPICS           name:partitions,...  created on start
#                          (default earshot.posts:3,earshot.posts.dlq:1,earshot.replies:3)
#   JAVA_HOME              JDK 17+ to use (default: java on PATH)
#
# Point the app at it with EARSHOT_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
# (config key earshot.kafka.bootstrap-servers).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$ROOT/data/kafka}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms128m}"
KAFKA_TOPICS="${KAFKA_TOPICS:-earshot.posts:3,earshot.posts.dlq:1,earshot.replies:3}"
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

mkdir -p "$KAFKA_DATA_DIR"
DATA="$(cd "$KAFKA_DATA_DIR" && pwd)"     # absolute from here on
LOG_DIRS="$DATA/kraft"                    # Kafka partitions + metadata log
PID_FILE="$DATA/kafka.pid"
CP_FILE="$DATA/kafka-broker.classpath"
PROPS="$DATA/server.properties"
LOG4J="$DATA/log4j2.xml"
LOG4J_TOOLS="$DATA/log4j2-tools.xml"
OUT="$DATA/kafka.out"                     # stdout/stderr of the JVM (crashes, GC)
SERVER_LOG="$DATA/server.log"             # the broker's own log, rolled

say() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # guard against a recycled pid
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

classpath() {
  # Re-resolve when missing, older than the pom, or a jar vanished from ~/.m2.
  local ok=1
  if [[ -s "$CP_FILE" && "$CP_FILE" -nt "$HERE/pom.xml" ]]; then
    local jar
    IFS=':' read -r -a jars < "$CP_FILE"
    for jar in "${jars[@]}"; do [[ -f "$jar" ]] || { ok=0; break; }; done
  else
    ok=0
  fi
  if [[ $ok -eq 0 ]]; then
    say "resolving the Kafka broker classpath through Maven (first time: downloads ~40 MB)"
    "$ROOT/mvnw" -q -B -f "$HERE/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE" >&2 || die "could not resolve org.apache.kafka:kafka_2.13 (see the Maven output above)"
  fi
  cat "$CP_FILE"
}

write_config() {
  cat > "$PROPS" <<EOF
# Written by deploy/kafka/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
# Static single-voter quorum: survives a change of the controller port.
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$LOG_DIRS
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
EOF
  cat > "$LOG4J" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN" shutdownHook="disable">
  <Appenders>
    <RollingFile name="FILE" fileName="$SERVER_LOG" filePattern="$SERVER_LOG.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy max="5"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Root level="INFO"><AppenderRef ref="FILE"/></Root>
  </Loggers>
</Configuration>
EOF
  cat > "$LOG4J_TOOLS" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN" shutdownHook="disable">
  <Appenders><Console name="ERR" target="SYSTEM_ERR"><PatternLayout pattern="%p %m%n"/></Console></Appenders>
  <Loggers><Root level="WARN"><AppenderRef ref="ERR"/></Root></Loggers>
</Configuration>
EOF
}

format_storage() {
  local cp="$1"
  [[ -f "$LOG_DIRS/meta.properties" ]] && return 0
  mkdir -p "$LOG_DIRS"
  local id
  id="$("$JAVA" -Dlog4j2.configurationFile="$LOG4J_TOOLS" -cp "$cp" kafka.tools.StorageTool random-uuid)"
  say "formatting $LOG_DIRS (cluster id $id)"
  "$JAVA" -Dlog4j2.configurationFile="$LOG4J_TOOLS" -cp "$cp" kafka.tools.StorageTool \
    format --ignore-formatted --cluster-id "$id" --config "$PROPS" >/dev/null
}

create_topics() {
  # A few lines of Java over the AdminClient (kafka-clients is on the broker
  # classpath); Kafka's own TopicCommand lives in kafka-tools, which drags in
  # Kafka Connect. Java 11+ runs a single source file directly.
  local cp="$1" src="$DATA/CreateTopics.java"
  cat > "$src" <<'EOF'
import java.util.*;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get();           // waits until the broker serves
            for (String spec : args[1].split(",")) {
                if (spec.isBlank()) continue;
                String[] nv = spec.trim().split(":");
                int partitions = nv.length > 1 ? Integer.parseInt(nv[1]) : 3;
                try {
                    admin.createTopics(List.of(new NewTopic(nv[0], partitions, (short) 1))).all().get();
                    System.out.println("created topic " + nv[0] + " (" + partitions + " partitions)");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                    System.out.println("topic " + nv[0] + " exists");
                }
            }
        }
    }
}
EOF
  "$JAVA" -Dlog4j2.configurationFile="$LOG4J_TOOLS" -cp "$cp" "$src" \
    "$KAFKA_HOST:$KAFKA_PORT" "$KAFKA_TOPICS" | sed 's/^/kafka.sh: /' >&2
}

start() {
  local pid
  if pid="$(running_pid)"; then
    say "already running (pid $pid) on $KAFKA_HOST:$KAFKA_PORT"
    return 0
  fi
  rm -f "$PID_FILE"
  if port_open "$KAFKA_PORT"; then die "port $KAFKA_PORT is taken by another process"; fi
  if port_open "$KAFKA_CONTROLLER_PORT"; then die "port $KAFKA_CONTROLLER_PORT is taken by another process"; fi

  local cp; cp="$(classpath)"
  write_config
  format_storage "$cp"

  say "starting Kafka on $KAFKA_HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT), data in $DATA"
  local t0=$SECONDS
  # the classpath goes into a java @argfile, so that `ps` shows a readable command line
  printf -- '-cp "%s"\n' "$cp" > "$DATA/classpath.args"
  # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS is a list of options
  nohup setsid sh -c 'echo $$ > "$0"; exec "$@"' "$PID_FILE" \
    "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J" "@$DATA/classpath.args" kafka.Kafka "$PROPS" \
    >> "$OUT" 2>&1 < /dev/null &
  disown || true

  local deadline=$((SECONDS + 90))
  while ! port_open "$KAFKA_PORT"; do
    if [[ $SECONDS -ge $deadline ]]; then
      tail -n 40 "$SERVER_LOG" "$OUT" >&2 2>/dev/null || true
      stop || true
      die "Kafka did not open port $KAFKA_PORT within 90 s (log: $SERVER_LOG)"
    fi
    if [[ -s "$PID_FILE" ]] && ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      tail -n 40 "$SERVER_LOG" "$OUT" >&2 2>/dev/null || true
      die "Kafka exited during start-up (log: $SERVER_LOG)"
    fi
    sleep 0.2
  done
  say "listening after $((SECONDS - t0)) s (pid $(cat "$PID_FILE"))"
  create_topics "$cp"
  say "ready: bootstrap servers $KAFKA_HOST:$KAFKA_PORT"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    say "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  say "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if [[ $SECONDS -ge $deadline ]]; then
      say "still alive after 30 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  say "stopped"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if port_open "$KAFKA_PORT"; then
      echo "running (pid $pid), bootstrap servers $KAFKA_HOST:$KAFKA_PORT, data in $DATA"
      return 0
    fi
    echo "process $pid alive but port $KAFKA_PORT not answering (starting or stuck; see $SERVER_LOG)"
    return 1
  fi
  echo "not running"
  return 1
}

case "${1:-}" in
  start)   start ;;
  stop)    stop ;;
  restart) stop; start ;;
  status)  status ;;
  topics)  running_pid >/dev/null || die "not running"; create_topics "$(classpath)" ;;
  log|logs) exec tail -n 100 -F "$SERVER_LOG" ;;
  *) echo "usage: $0 start|stop|restart|status|topics|log" >&2; exit 2 ;;
esac
