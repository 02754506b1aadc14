#!/usr/bin/env bash
# GridPulse local real stack: a Kafka broker (KRaft, single node, from Maven jars) and ClickHouse
# (Debian's clickhouse-server as a plain process), both on 127.0.0.1, with every file they write
# (configs, data, pid files, logs) under one stack folder.
#
# Usage: deploy/local/stack.sh up|down|status|wipe|logs [kafka|clickhouse] [lines]
#        deploy/local/stack.sh stop kafka|clickhouse   (one service; 'up' starts it again on the
#                                                     same data: the failure drills use it)
#
# Environment (defaults in brackets):
#   GRIDPULSE_STACK_DIR     [<repo>/.local/stack]  the stack folder
#   KAFKA_PORT              [9092]   broker listener (PLAINTEXT, or SASL_PLAINTEXT with SCRAM below)
#   KAFKA_CONTROLLER_PORT   [9093]   KRaft controller listener
#   CLICKHOUSE_HTTP_PORT    [8123]
#   CLICKHOUSE_TCP_PORT     [9000]
#   CLICKHOUSE_PASSWORD     [unset]  password of ClickHouse user 'default'; written only into the
#                                    stack folder's users.xml, as a SHA-256, never printed
#   KAFKA_SASL_SCRAM_USER   [unset]  when set, the broker listener is SASL_PLAINTEXT with SCRAM-SHA-512
#                                    and this user (created when the storage is formatted: to change
#                                    user or password, 'wipe' first)
#   KAFKA_SASL_SCRAM_PASSWORD       its password, or
#   KAFKA_SASL_SCRAM_PASSWORD_FILE  a file holding it (one line); the password is written only into
#                                    the stack folder's server.properties (mode 600), never printed
#                                    nor put on a command line. No ',' or control characters.
#   KAFKA_HEAP_OPTS         [-Xmx512m -Xms256m]
#   GRIDPULSE_STACK_TIMEOUT [60]     seconds to wait for each service to become healthy
#   JAVA_HOME                        java is $JAVA_HOME/bin/java if set, else java from PATH
#
# Exit codes: 0 ok; 1 failure (message on stderr); 2 usage; 3 'status' found a service not up.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

STACK="${GRIDPULSE_STACK_DIR:-$REPO/.local/stack}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
CLICKHOUSE_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
CLICKHOUSE_TCP_PORT="${CLICKHOUSE_TCP_PORT:-9000}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
TIMEOUT="${GRIDPULSE_STACK_TIMEOUT:-60}"
STOP_TIMEOUT=20

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

log() { printf '%s\n' "$*"; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }

check_port_value() { # name value
  [[ "$2" =~ ^[0-9]+$ ]] && (( $2 >= 1 && $2 <= 65535 )) || die "$1='$2' is not a port number"
}

make_stack_absolute() {
  mkdir -p "$STACK"
  STACK="$(cd "$STACK" && pwd)"
  K="$STACK/kafka"
  C="$STACK/clickhouse"
}

# One stack.sh at a time changes a stack folder (up, down, wipe). The services never hold the lock:
# spawn closes its descriptor.
LOCKED=0
lock_stack() {
  (( LOCKED )) && return 0
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$STACK/.lock"
  flock -w 120 9 || die "another stack.sh has held $STACK/.lock for 120 s"
  LOCKED=1
}
# Paths only (no mkdir): for commands that must not create the folder.
K="$STACK/kafka"
C="$STACK/clickhouse"

now_ms() { date +%s%3N; }
secs_since() { # start_ms -> "1.23"
  local d=$(( $(now_ms) - $1 ))
  printf '%d.%02d' $(( d / 1000 )) $(( d % 1000 / 10 ))
}

# ---------------------------------------------------------------- processes and ports

# The pid in a pid file, if that process is alive and its command line names our stack folder
# (guards against a recycled pid after a crash or a reboot).
our_pid() { # pidfile -> pid on stdout, status 0 if ours and alive
  local f="$1" pid
  [[ -f "$f" ]] || return 1
  pid="$(<"$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STACK/" || return 1
  printf '%s\n' "$pid"
}

# Pids listening on a TCP port on any local address ('' when none, or when ss cannot tell).
listeners_of_port() { # port
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u | tr '\n' ' ' || true
}

port_in_use() { # port
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
  else
    tcp_open 127.0.0.1 "$1"
  fi
}

tcp_open() { # host port
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# Fails unless the port is free or held by the given pid (our own running process).
require_port() { # port envvar service [our_pid]
  local port="$1" var="$2" svc="$3" mine="${4:-}" holders p desc=""
  port_in_use "$port" || return 0
  holders="$(listeners_of_port "$port")"
  if [[ -n "$mine" && " $holders " == *" $mine "* ]]; then return 0; fi
  for p in $holders; do
    desc+=" pid $p ($(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | cut -c1-160 | sed 's/ *$//'))"
  done
  die "port $port for $svc is already in use by${desc:- another process}. Set $var to a free port (or stop that process)."
}

stop_pid() { # pid name
  local pid="$1" name="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for (( i = 0; i < STOP_TIMEOUT * 10; i++ )); do
    kill -0 "$pid" 2>/dev/null || { log "$name: stopped (pid $pid)"; return 0; }
    sleep 0.1
  done
  log "$name: still running after ${STOP_TIMEOUT}s, sending SIGKILL (pid $pid)"
  kill -KILL "$pid" 2>/dev/null || true
  for (( i = 0; i < 50; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}

# Starts a command in its own session, immune to the calling shell's exit and hang-ups, with
# standard output and error appended to a log file; writes its pid (the exec'd process itself).
spawn() { # pidfile logfile cmd...
  local pidfile="$1" logfile="$2"; shift 2
  printf '\n===== %s start: %s\n' "$(date -Is)" "$*" | cut -c1-400 >>"$logfile"
  rm -f "$pidfile"
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  local i
  for (( i = 0; i < 50; i++ )); do [[ -s "$pidfile" ]] && return 0; sleep 0.1; done
  die "could not start: $*"
}

tail_log() { # title file [lines]
  local n="${3:-30}"
  if [[ -s "$2" ]]; then
    log "----- last $n lines of $2 ($1)"
    tail -n "$n" "$2"
    log "-----"
  else
    log "----- $2 ($1): empty or missing"
  fi
}

# ---------------------------------------------------------------- templates

fill() { # template output  (placeholders from the current environment)
  local tmp="$2.tmp.$$"
  sed -e "s#@STACK@#$STACK#g" \
      -e "s#@KAFKA_LISTENER@#${KAFKA_LISTENER:-PLAINTEXT}#g" \
      -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" \
      -e "s#@KAFKA_CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
      -e "s#@CH_HTTP_PORT@#$CLICKHOUSE_HTTP_PORT#g" \
      -e "s#@CH_TCP_PORT@#$CLICKHOUSE_TCP_PORT#g" \
      "$1" >"$tmp"
  mv -f "$tmp" "$2"
}

# Ports a service was configured with at its last 'up' (the generated files are the truth for a
# running service, whatever the current environment says).
kafka_cfg_ports() { # -> "port ctlport" or nothing
  [[ -f "$K/server.properties" ]] || return 0
  sed -n 's#^listeners=[A-Z_]*://[^:]*:\([0-9]*\),CONTROLLER://[^:]*:\([0-9]*\).*#\1 \2#p' "$K/server.properties"
}
ch_cfg_ports() { # -> "http tcp" or nothing
  [[ -f "$C/config.xml" ]] || return 0
  local h t
  h="$(sed -n 's#.*<http_port>\([0-9]*\)</http_port>.*#\1#p' "$C/config.xml")"
  t="$(sed -n 's#.*<tcp_port>\([0-9]*\)</tcp_port>.*#\1#p' "$C/config.xml")"
  [[ -n "$h" ]] && printf '%s %s\n' "$h" "$t"
}

# ---------------------------------------------------------------- Kafka

kafka_classpath() { # sets KCP
  local cpfile="$K/classpath.txt" pom="$HERE/kafka/pom.xml" ok=1 jar
  if [[ -s "$cpfile" && ! "$pom" -nt "$cpfile" ]]; then
    while IFS= read -r jar; do [[ -f "$jar" ]] || { ok=0; break; }; done < <(tr ':' '\n' <"$cpfile")
  else
    ok=0
  fi
  if (( ok == 0 )); then
    command -v mvn >/dev/null 2>&1 || die "mvn not found: it resolves the Kafka broker's jars"
    local t0; t0="$(now_ms)"
    log "kafka: resolving the broker classpath with Maven ($pom)..."
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cpfile.tmp" >"$K/log/maven.log" 2>&1 \
      || { tail_log maven "$K/log/maven.log"; die "Maven could not resolve the Kafka classpath"; }
    mv -f "$cpfile.tmp" "$cpfile"
    log "kafka: classpath resolved in $(secs_since "$t0") s"
  fi
  KCP="$(<"$cpfile")"
}

# 0 when our broker is already running and healthy; 1 when it is not running; dies when it runs
# but does not answer.
kafka_existing() {
  local pid ports want="$KAFKA_PORT $KAFKA_CONTROLLER_PORT"
  if pid="$(our_pid "$K/kafka.pid")"; then
    ports="$(kafka_cfg_ports)"
    [[ "$ports" == "$want" ]] || log "kafka: note: running with ports '$ports' from an earlier 'up' (environment says '$want'); run 'down' first to change them"
    KAFKA_ADDR="127.0.0.1:${ports%% *}"
    if kafka_wait "$pid" "${ports%% *}" 0; then
      log "kafka: already running (pid $pid) at $KAFKA_ADDR, healthy"
      return 0
    fi
    tail_log kafka "$K/log/server.log"
    die "kafka: running (pid $pid) but not answering on $KAFKA_ADDR; try 'down' then 'up'"
  fi
  rm -f "$K/kafka.pid"
  return 1
}

kafka_preflight() {
  [[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT are both $KAFKA_PORT"
  require_port "$KAFKA_PORT" KAFKA_PORT kafka
  require_port "$KAFKA_CONTROLLER_PORT" KAFKA_CONTROLLER_PORT "the kafka controller"
}

# SASL/SCRAM (opt-in): sets KAFKA_LISTENER and, with a user, SCRAM_USER and SCRAM_PASSWORD. Only bash
# builtins touch the password, so it never appears in a process's command line.
kafka_auth() {
  KAFKA_LISTENER=PLAINTEXT SCRAM_USER="" SCRAM_PASSWORD=""
  [[ -n "${KAFKA_SASL_SCRAM_USER:-}" ]] || return 0
  SCRAM_USER="$KAFKA_SASL_SCRAM_USER"
  [[ "$SCRAM_USER" =~ ^[A-Za-z0-9._-]+$ ]] || die "KAFKA_SASL_SCRAM_USER may hold only letters, digits, '.', '_' and '-'"
  if [[ -n "${KAFKA_SASL_SCRAM_PASSWORD_FILE:-}" ]]; then
    [[ -r "$KAFKA_SASL_SCRAM_PASSWORD_FILE" ]] || die "KAFKA_SASL_SCRAM_PASSWORD_FILE: cannot read $KAFKA_SASL_SCRAM_PASSWORD_FILE"
    SCRAM_PASSWORD="$(<"$KAFKA_SASL_SCRAM_PASSWORD_FILE")"
  else
    SCRAM_PASSWORD="${KAFKA_SASL_SCRAM_PASSWORD:-}"
  fi
  [[ -n "$SCRAM_PASSWORD" ]] || die "KAFKA_SASL_SCRAM_USER is set: give its password in KAFKA_SASL_SCRAM_PASSWORD or KAFKA_SASL_SCRAM_PASSWORD_FILE"
  # The format tool splits its SCRAM argument at commas; properties files are ISO-8859-1.
  [[ "$SCRAM_PASSWORD" != *,* ]] || die "the SCRAM password may not contain ','"
  local LC_ALL=C
  [[ "$SCRAM_PASSWORD" =~ ^[[:print:]]+$ ]] || die "the SCRAM password may hold only printable ASCII characters"
  KAFKA_LISTENER=SASL_PLAINTEXT
}

# What the storage was formatted for ("PLAINTEXT" or "SCRAM-SHA-512 <user>"): the credentials live in
# the formatted metadata, so another choice needs a fresh folder.
kafka_auth_label() { [[ -n "$SCRAM_USER" ]] && printf 'SCRAM-SHA-512 %s' "$SCRAM_USER" || printf 'PLAINTEXT'; }

# Appends the broker's SASL settings to server.properties: the inter-broker listener logs in with the
# same user, so the password is in that file, which only the owner can read.
kafka_sasl_properties() {
  local jaas
  # JAAS quoting (\ and \" inside quotes), then .properties escaping of the backslashes.
  jaas="${SCRAM_PASSWORD//\\/\\\\}"
  jaas="${jaas//\"/\\\"}"
  jaas="${jaas//\\/\\\\}"
  {
    printf '\n# SASL_PLAINTEXT with SCRAM-SHA-512 (KAFKA_SASL_SCRAM_USER); the user was created at format time.\n'
    printf 'sasl.enabled.mechanisms=SCRAM-SHA-512\n'
    printf 'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512\n'
    printf 'listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512\n'
    printf 'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";\n' \
      "$SCRAM_USER" "$jaas"
  } >>"$K/server.properties"
}

kafka_start() {
  mkdir -p "$K/data" "$K/log"
  kafka_classpath
  kafka_auth
  if [[ -f "$K/data/meta.properties" && "$(cat "$K/auth" 2>/dev/null || echo PLAINTEXT)" != "$(kafka_auth_label)" ]]; then
    die "kafka: the storage in $K/data was formatted for $(cat "$K/auth" 2>/dev/null || echo PLAINTEXT), not $(kafka_auth_label); run 'wipe' first"
  fi
  (umask 077; fill "$HERE/kafka/server.properties.template" "$K/server.properties")
  chmod 600 "$K/server.properties"
  [[ -z "$SCRAM_USER" ]] || kafka_sasl_properties
  fill "$HERE/kafka/log4j2.xml.template" "$K/log4j2.xml"
  # Java argument file: keeps the long classpath out of 'ps' and the stack path in the command line.
  {
    printf -- '-cp\n"%s"\n' "$KCP"
    printf -- '-Dlog4j2.configurationFile=%s\n' "$K/log4j2.xml"
  } >"$K/java.args"

  if [[ ! -f "$K/data/meta.properties" ]]; then
    local uuid
    uuid="$("$JAVA" "@$K/java.args" kafka.tools.StorageTool random-uuid 2>>"$K/log/stdout.log")" \
      || die "kafka: StorageTool random-uuid failed (see $K/log/stdout.log)"
    local format=(kafka.tools.StorageTool format -t "$uuid" -c "$K/server.properties" --standalone)
    if [[ -n "$SCRAM_USER" ]]; then
      # The SCRAM credential goes through an argument file of the tool (one argument a line, as it
      # is; mode 600, removed after use), not the command line. The tool strips the quotes around
      # the password.
      (umask 077; printf -- '--add-scram\nSCRAM-SHA-512=[name=%s,password="%s"]\n' "$SCRAM_USER" "$SCRAM_PASSWORD" >"$K/format.args")
      format+=("@$K/format.args")
    fi
    # The tool's output echoes no password; its failures go to the log, not the terminal.
    "$JAVA" "@$K/java.args" "${format[@]}" >>"$K/log/stdout.log" 2>&1 \
      || { rm -f "$K/format.args"; die "kafka: storage format failed (see $K/log/stdout.log)"; }
    rm -f "$K/format.args"
    kafka_auth_label >"$K/auth"
    log "kafka: formatted storage in $K/data (cluster id $uuid, $(kafka_auth_label))"
  fi

  KAFKA_LOG_OFFSET="$(stat -c %s "$K/log/server.log" 2>/dev/null || echo 0)"
  # shellcheck disable=SC2086  # KAFKA_HEAP_OPTS is a list of JVM flags
  spawn "$K/kafka.pid" "$K/log/stdout.log" \
    "$JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    "@$K/java.args" kafka.Kafka "$K/server.properties"
  KAFKA_ADDR="127.0.0.1:$KAFKA_PORT"
  [[ -z "$SCRAM_USER" ]] || KAFKA_ADDR+=" (SASL_PLAINTEXT, SCRAM-SHA-512, user $SCRAM_USER)"
  KAFKA_STARTING=1
}

# Waits until the broker accepts connections and (when it was just started) its log says it started.
kafka_wait() { # pid port just_started
  local pid="$1" port="$2" fresh="$3" deadline=$(( SECONDS + TIMEOUT ))
  while (( SECONDS < deadline )); do
    kill -0 "$pid" 2>/dev/null || return 1
    if tcp_open 127.0.0.1 "$port"; then
      if (( fresh == 0 )); then return 0; fi
      if tail -c +"$(( KAFKA_LOG_OFFSET + 1 ))" "$K/log/server.log" 2>/dev/null | grep -q 'Kafka Server started'; then
        return 0
      fi
    fi
    sleep 0.2
  done
  return 1
}

kafka_down() {
  local pid
  if pid="$(our_pid "$K/kafka.pid")"; then stop_pid "$pid" kafka; else log "kafka: not running"; fi
  rm -f "$K/kafka.pid"
}

# ---------------------------------------------------------------- ClickHouse

clickhouse_bin() { # sets CH_BIN
  CH_BIN="$(PATH="$PATH:/usr/sbin:/usr/bin:/sbin" command -v clickhouse-server || true)"
}

clickhouse_install() {
  clickhouse_bin
  [[ -n "$CH_BIN" ]] && return 0
  log "clickhouse: clickhouse-server not found, installing Debian's clickhouse-server and clickhouse-client..."
  local sudo=()
  if (( EUID != 0 )); then
    command -v sudo >/dev/null 2>&1 || die "clickhouse: not root and no sudo: install clickhouse-server and clickhouse-client yourself"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y clickhouse-server clickhouse-client
  clickhouse_bin
  [[ -n "$CH_BIN" ]] || die "clickhouse: clickhouse-server still not found after apt-get install"
}

clickhouse_ping() { # port
  [[ "$(curl -fsS --max-time 2 "http://127.0.0.1:$1/ping" 2>/dev/null)" == "Ok." ]]
}

clickhouse_write_config() {
  mkdir -p "$C/data" "$C/tmp" "$C/user_files" "$C/format_schemas" "$C/log"
  fill "$HERE/clickhouse/config.xml.template" "$C/config.xml"
  local element='<password></password>' hex tmp="$C/users.xml.tmp.$$"
  if [[ -n "${CLICKHOUSE_PASSWORD:-}" ]]; then
    # printf is a builtin: the password never appears in a process's command line.
    hex="$(printf '%s' "$CLICKHOUSE_PASSWORD" | sha256sum | cut -d' ' -f1)"
    element="<password_sha256_hex>$hex</password_sha256_hex>"
  fi
  (umask 077; sed -e "s#@CH_PASSWORD_ELEMENT@#$element#" "$HERE/clickhouse/users.xml.template" >"$tmp")
  mv -f "$tmp" "$C/users.xml"
}

clickhouse_existing() {
  local pid ports want="$CLICKHOUSE_HTTP_PORT $CLICKHOUSE_TCP_PORT"
  if pid="$(our_pid "$C/clickhouse.pid")"; then
    ports="$(ch_cfg_ports)"
    [[ "$ports" == "$want" ]] || log "clickhouse: note: running with ports '$ports' from an earlier 'up' (environment says '$want'); run 'down' first to change them"
    CH_ADDR="http://127.0.0.1:${ports%% *} (native ${ports##* })"
    if clickhouse_wait "$pid" "${ports%% *}"; then
      log "clickhouse: already running (pid $pid) at $CH_ADDR, healthy"
      return 0
    fi
    tail_log clickhouse "$C/log/server.err.log"
    die "clickhouse: running (pid $pid) but not answering /ping; try 'down' then 'up'"
  fi
  rm -f "$C/clickhouse.pid"
  return 1
}

clickhouse_preflight() {
  [[ "$CLICKHOUSE_HTTP_PORT" != "$CLICKHOUSE_TCP_PORT" ]] || die "CLICKHOUSE_HTTP_PORT and CLICKHOUSE_TCP_PORT are both $CLICKHOUSE_HTTP_PORT"
  require_port "$CLICKHOUSE_HTTP_PORT" CLICKHOUSE_HTTP_PORT "clickhouse HTTP"
  require_port "$CLICKHOUSE_TCP_PORT" CLICKHOUSE_TCP_PORT "clickhouse native TCP"
}

clickhouse_start() {
  clickhouse_install
  clickhouse_write_config
  # Runs from the clickhouse folder: 18.16 writes its preprocessed config files next to the config.
  (cd "$C" && spawn "$C/clickhouse.pid" "$C/log/stdout.log" "$CH_BIN" --config-file="$C/config.xml")
  CH_ADDR="http://127.0.0.1:$CLICKHOUSE_HTTP_PORT (native $CLICKHOUSE_TCP_PORT)"
  CH_STARTING=1
}

clickhouse_wait() { # pid port
  local pid="$1" port="$2" deadline=$(( SECONDS + TIMEOUT ))
  while (( SECONDS < deadline )); do
    kill -0 "$pid" 2>/dev/null || return 1
    clickhouse_ping "$port" && return 0
    sleep 0.1
  done
  return 1
}

clickhouse_down() {
  local pid
  if pid="$(our_pid "$C/clickhouse.pid")"; then stop_pid "$pid" clickhouse; else log "clickhouse: not running"; fi
  rm -f "$C/clickhouse.pid"
}

# ---------------------------------------------------------------- commands

rss_of() { # pid -> "123 MB"
  local kb; kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || true)"
  [[ -n "$kb" ]] && printf '%d MB' $(( kb / 1024 )) || printf '? MB'
}

# A service this 'up' started did not become healthy: say why, and stop it if it still runs so
# that the next 'up' starts afresh.
start_failed() { # name pid pidfile start_ms
  if kill -0 "$2" 2>/dev/null; then
    log "$1: FAILED: not healthy after ${TIMEOUT} s (GRIDPULSE_STACK_TIMEOUT); stopping it (pid $2)"
    stop_pid "$2" "$1"
  else
    log "$1: FAILED: the process exited $(secs_since "$4") s after 'up' began (pid $2)"
  fi
  rm -f "$3"
}

cmd_up() {
  local t0 pid failed=0
  t0="$(now_ms)"
  for v in KAFKA_PORT KAFKA_CONTROLLER_PORT CLICKHOUSE_HTTP_PORT CLICKHOUSE_TCP_PORT; do check_port_value "$v" "${!v}"; done
  make_stack_absolute
  lock_stack
  mkdir -p "$K/log" "$C/log"
  log "stack: $STACK"
  KAFKA_STARTING=0 CH_STARTING=0
  local need_kafka=1 need_ch=1
  kafka_existing && need_kafka=0
  clickhouse_existing && need_ch=0
  # Every port is checked before anything starts.
  if (( need_kafka && need_ch )); then
    local p
    for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
      [[ "$p" != "$CLICKHOUSE_HTTP_PORT" && "$p" != "$CLICKHOUSE_TCP_PORT" ]] || die "port $p is given to both Kafka and ClickHouse"
    done
  fi
  if (( need_kafka )); then kafka_preflight; fi
  if (( need_ch )); then clickhouse_preflight; fi
  # Both are started before either is waited for: the broker's JVM start dominates.
  if (( need_kafka )); then kafka_start; fi
  if (( need_ch )); then clickhouse_start; fi

  if (( CH_STARTING )); then
    pid="$(<"$C/clickhouse.pid")"
    if clickhouse_wait "$pid" "$CLICKHOUSE_HTTP_PORT"; then
      log "clickhouse: up (pid $pid) at $CH_ADDR in $(secs_since "$t0") s"
    else
      start_failed clickhouse "$pid" "$C/clickhouse.pid" "$t0"
      tail_log clickhouse "$C/log/server.err.log"
      tail_log clickhouse "$C/log/stdout.log"
      failed=1
    fi
  fi
  if (( KAFKA_STARTING )); then
    pid="$(<"$K/kafka.pid")"
    if kafka_wait "$pid" "$KAFKA_PORT" 1; then
      log "kafka: up (pid $pid) at $KAFKA_ADDR in $(secs_since "$t0") s"
    else
      start_failed kafka "$pid" "$K/kafka.pid" "$t0"
      tail_log kafka "$K/log/server.log"
      tail_log kafka "$K/log/stdout.log"
      failed=1
    fi
  fi
  (( failed == 0 )) || die "up failed (the other service, if up, is left running; 'down' stops it)"
  log "stack: up in $(secs_since "$t0") s"
}

cmd_down() {
  if [[ ! -d "$STACK" ]]; then log "stack: $STACK does not exist, nothing to stop"; return 0; fi
  make_stack_absolute
  lock_stack
  clickhouse_down
  kafka_down
}

cmd_stop() { # kafka|clickhouse
  [[ -d "$STACK" ]] || { log "stack: $STACK does not exist, nothing to stop"; return 0; }
  make_stack_absolute
  lock_stack
  case "${1:-}" in
    kafka) kafka_down ;;
    clickhouse) clickhouse_down ;;
    *) die "stop: name one service: kafka or clickhouse (all: down)" ;;
  esac
}

cmd_status() {
  local pid ports up=0
  [[ -d "$STACK" ]] && make_stack_absolute
  log "stack: $STACK"
  if pid="$(our_pid "$K/kafka.pid")"; then
    ports="$(kafka_cfg_ports)"; ports="${ports:-$KAFKA_PORT $KAFKA_CONTROLLER_PORT}"
    if tcp_open 127.0.0.1 "${ports%% *}"; then
      log "kafka:      running (pid $pid, $(rss_of "$pid")) at 127.0.0.1:${ports%% *} (controller ${ports##* }), healthy"
      up=$(( up + 1 ))
    else
      log "kafka:      running (pid $pid, $(rss_of "$pid")) at 127.0.0.1:${ports%% *}, NOT accepting connections"
    fi
  else
    log "kafka:      stopped"
  fi
  if pid="$(our_pid "$C/clickhouse.pid")"; then
    ports="$(ch_cfg_ports)"; ports="${ports:-$CLICKHOUSE_HTTP_PORT $CLICKHOUSE_TCP_PORT}"
    if clickhouse_ping "${ports%% *}"; then
      log "clickhouse: running (pid $pid, $(rss_of "$pid")) at http://127.0.0.1:${ports%% *} (native ${ports##* }), healthy"
      up=$(( up + 1 ))
    else
      log "clickhouse: running (pid $pid, $(rss_of "$pid")) at http://127.0.0.1:${ports%% *}, NOT answering /ping"
    fi
  else
    log "clickhouse: stopped"
  fi
  (( up == 2 )) || return 3
}

cmd_wipe() {
  cmd_down
  if [[ -d "$STACK" ]]; then
    case "$STACK" in
      /|"$HOME"|"$REPO") die "refusing to remove $STACK" ;;
    esac
    rm -rf -- "$STACK"
    log "stack: removed $STACK"
  fi
}

cmd_logs() { # [kafka|clickhouse] [lines]
  local which="all" n=30 f
  for a in "$@"; do
    case "$a" in
      kafka|clickhouse) which="$a" ;;
      ''|*[!0-9]*) die "logs: unknown argument '$a' (kafka|clickhouse, or a number of lines)" ;;
      *) n="$a" ;;
    esac
  done
  [[ "$which" == clickhouse ]] || for f in "$K/log/server.log" "$K/log/stdout.log"; do tail_log kafka "$f" "$n"; done
  [[ "$which" == kafka ]] || for f in "$C/log/server.log" "$C/log/server.err.log" "$C/log/stdout.log"; do tail_log clickhouse "$f" "$n"; done
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status ;;
  wipe) shift; cmd_wipe ;;
  logs) shift; cmd_logs "$@" ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
