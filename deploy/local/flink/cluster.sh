#!/usr/bin/env bash
# GridPulse local Flink cluster: a standalone session cluster run from the Flink Maven jars (no
# flink-dist): one JobManager (StandaloneSessionClusterEntrypoint) and N TaskManagers
# (TaskManagerRunner), each its own process, every port bound to 127.0.0.1. Configs, pid files,
# logs, uploads and checkpoints live under one cluster folder.
#
# Usage: deploy/local/flink/cluster.sh up|down|status|logs
#        deploy/local/flink/cluster.sh kill-tm N    SIGKILL TaskManager N (a crash, for drills and tests)
#        deploy/local/flink/cluster.sh start-tm N   start TaskManager N again
#
# Environment (defaults in brackets):
#   GRIDPULSE_FLINK_DIR     [<repo>/.local/flink]  the cluster folder
#   FLINK_REST_PORT         [8081]   REST API and web UI (http://127.0.0.1:PORT)
#   FLINK_RPC_PORT          [FLINK_REST_PORT + 1]  JobManager RPC (the TaskManagers register there)
#   FLINK_TASKMANAGERS      [2]      TaskManager processes
#   FLINK_TM_SLOTS          [2]      slots per TaskManager (one TaskManager alone still runs a
#                                    parallelism-2 job)
#   FLINK_JM_PROCESS_SIZE   [1024m]  / FLINK_TM_PROCESS_SIZE [1536m]  total process memory; the
#                                    JVM flags come from Flink's BashJavaUtils, as flink-dist's scripts do
#   GRIDPULSE_STACK_TIMEOUT [60]     seconds to wait for the cluster to come up
#
# The processes get no GRIDPULSE_* variables but the secrets (GRIDPULSE_*PASSWORD*): a submitted
# job's configuration comes with the submission, not from whatever was set at 'up'.
#
# Exit codes: 0 ok; 1 failure (message on stderr); 2 usage; 3 'status' found the cluster not up.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"

DIR="${GRIDPULSE_FLINK_DIR:-$REPO/.local/flink}"
REST_PORT="${FLINK_REST_PORT:-8081}"
RPC_PORT="${FLINK_RPC_PORT:-$(( REST_PORT + 1 ))}"
TASKMANAGERS="${FLINK_TASKMANAGERS:-2}"
TM_SLOTS="${FLINK_TM_SLOTS:-2}"
JM_PROCESS_SIZE="${FLINK_JM_PROCESS_SIZE:-1024m}"
TM_PROCESS_SIZE="${FLINK_TM_PROCESS_SIZE:-1536m}"
TIMEOUT="${GRIDPULSE_STACK_TIMEOUT:-60}"
STOP_TIMEOUT=20

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

log() { printf '%s\n' "$*"; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }
secs_since() { local d=$(( $(now_ms) - $1 )); printf '%d.%02d' $(( d / 1000 )) $(( d % 1000 / 10 )); }

make_dir_absolute() {
  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"
}

# The pid in a pid file, if alive and its command line names our cluster folder (not a recycled pid).
our_pid() { # pidfile
  local f="$1" pid
  [[ -f "$f" ]] || return 1
  pid="$(<"$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$DIR/" || return 1
  printf '%s\n' "$pid"
}

port_in_use() { [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

stop_pid() { # pid name
  local pid="$1" name="$2" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for (( i = 0; i < STOP_TIMEOUT * 10; i++ )); do
    kill -0 "$pid" 2>/dev/null || { log "$name: stopped (pid $pid)"; return 0; }
    sleep 0.1
  done
  log "$name: still running after ${STOP_TIMEOUT}s, sending SIGKILL (pid $pid)"
  kill -KILL "$pid" 2>/dev/null || true
}

# Starts a command in its own session with GRIDPULSE_* variables removed (secrets kept), output
# appended to a log file; writes the pid of the exec'd process.
spawn() { # pidfile logfile cmd...
  local pidfile="$1" logfile="$2" v; shift 2
  local unset=()
  for v in $(compgen -e | grep '^GRIDPULSE_' || true); do
    [[ "$v" == *PASSWORD* ]] || unset+=(-u "$v")
  done
  printf '\n===== %s start: %s\n' "$(date -Is)" "$*" | cut -c1-400 >>"$logfile"
  rm -f "$pidfile"
  setsid nohup env "${unset[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  local i
  for (( i = 0; i < 50; i++ )); do [[ -s "$pidfile" ]] && return 0; sleep 0.1; done
  die "could not start: $*"
}

classpath() { # sets CP
  local cpfile="$DIR/classpath.txt" pom="$HERE/pom.xml" ok=1 jar
  if [[ -s "$cpfile" && ! "$pom" -nt "$cpfile" ]]; then
    while IFS= read -r jar; do [[ -f "$jar" ]] || { ok=0; break; }; done < <(tr ':' '\n' <"$cpfile")
  else
    ok=0
  fi
  if (( ok == 0 )); then
    command -v mvn >/dev/null 2>&1 || die "mvn not found: it resolves the Flink jars"
    log "flink: resolving the cluster classpath with Maven ($pom)..."
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cpfile.tmp" >"$DIR/log/maven.log" 2>&1 \
      || { tail -n 30 "$DIR/log/maven.log"; die "Maven could not resolve the Flink classpath"; }
    mv -f "$cpfile.tmp" "$cpfile"
  fi
  CP="$(<"$cpfile")"
}

write_config() {
  mkdir -p "$DIR/conf" "$DIR/log" "$DIR/tmp" "$DIR/web-upload" "$DIR/web-tmp" "$DIR/checkpoints"
  sed -e "s#@DIR@#$DIR#g" -e "s#@REST_PORT@#$REST_PORT#g" -e "s#@RPC_PORT@#$RPC_PORT#g" \
      -e "s#@TM_SLOTS@#$TM_SLOTS#g" -e "s#@JM_PROCESS_SIZE@#$JM_PROCESS_SIZE#g" \
      -e "s#@TM_PROCESS_SIZE@#$TM_PROCESS_SIZE#g" \
      "$HERE/config.yaml.template" >"$DIR/conf/config.yaml"
  cp "$HERE/log4j2.properties" "$DIR/conf/log4j2.properties"
  # Java argument file: the long classpath stays out of 'ps'
  printf -- '-cp\n"%s"\n' "$CP" >"$DIR/java.args"
}

# JVM memory flags and dynamic properties from Flink's own calculation (as flink-dist's config.sh).
resource_params() { # GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS -> sets JVM_PARAMS DYNAMIC_PARAMS
  local out
  out="$("$JAVA" "@$DIR/java.args" -Dlog4j2.configurationFile="$DIR/conf/log4j2.properties" \
        -Dlog.file="$DIR/log/bash-java-utils.log" \
        org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$DIR/conf" 2>&1)" \
    || { printf '%s\n' "$out" | tail -n 20 >&2; die "BashJavaUtils $1 failed"; }
  local results
  results="$(printf '%s\n' "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p')"
  JVM_PARAMS="$(printf '%s\n' "$results" | sed -n 1p)"
  DYNAMIC_PARAMS="$(printf '%s\n' "$results" | sed -n 2p)"
  [[ -n "$JVM_PARAMS" ]] || { printf '%s\n' "$out" | tail -n 20 >&2; die "BashJavaUtils $1 printed no JVM flags"; }
}

start_process() { # name mainclass (JVM_PARAMS and DYNAMIC_PARAMS set by resource_params)
  local name="$1" main="$2"
  # shellcheck disable=SC2086  # word splitting of the flag lists is intended
  spawn "$DIR/$name.pid" "$DIR/log/$name.out" \
    "$JAVA" $JVM_PARAMS "@$REPO/deploy/local/jvm.args" -XX:+UseG1GC \
    -Dlog.file="$DIR/log/$name.log" -Dlog4j2.configurationFile="$DIR/conf/log4j2.properties" \
    "@$DIR/java.args" "$main" --configDir "$DIR/conf" $DYNAMIC_PARAMS
}

rest() { # path
  curl -fsS --max-time 3 "http://127.0.0.1:$REST_PORT$1" 2>/dev/null
}

registered_taskmanagers() {
  local body
  body="$(rest /taskmanagers)" || { echo 0; return; }
  printf '%s' "$body" | { grep -o '"id":"' || true; } | wc -l
}

cmd_up() {
  make_dir_absolute
  mkdir -p "$DIR/log"
  local t0 pid i
  t0="$(now_ms)"
  if pid="$(our_pid "$DIR/jobmanager.pid")"; then
    log "jobmanager: already running (pid $pid)"
  else
    [[ "$REST_PORT" != "$RPC_PORT" ]] || die "FLINK_REST_PORT and FLINK_RPC_PORT are both $REST_PORT"
    for p in "$REST_PORT" "$RPC_PORT"; do
      ! port_in_use "$p" || die "port $p is already in use: set FLINK_REST_PORT (and FLINK_RPC_PORT) to free ports"
    done
    classpath
    write_config
    resource_params GET_JM_RESOURCE_PARAMS
    start_process jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  fi
  [[ -n "${CP:-}" ]] || { classpath; [[ -f "$DIR/conf/config.yaml" ]] || write_config; }
  # the same flags for every TaskManager: computed once
  resource_params GET_TM_RESOURCE_PARAMS
  for (( i = 1; i <= TASKMANAGERS; i++ )); do
    if pid="$(our_pid "$DIR/taskmanager-$i.pid")"; then
      log "taskmanager-$i: already running (pid $pid)"
    else
      start_process "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner
    fi
  done
  local deadline=$(( SECONDS + TIMEOUT )) n=0
  while (( SECONDS < deadline )); do
    our_pid "$DIR/jobmanager.pid" >/dev/null || { tail -n 30 "$DIR/log/jobmanager.log" "$DIR/log/jobmanager.out" 2>/dev/null; die "the JobManager exited"; }
    n="$(registered_taskmanagers)"
    (( n >= TASKMANAGERS )) && break
    sleep 0.3
  done
  (( n >= TASKMANAGERS )) || { cmd_status || true; die "only $n of $TASKMANAGERS TaskManagers registered within ${TIMEOUT} s (see $DIR/log)"; }
  log "flink: up in $(secs_since "$t0") s: $n TaskManagers x $TM_SLOTS slots; web UI and REST at http://127.0.0.1:$REST_PORT"
}

cmd_down() {
  [[ -d "$DIR" ]] || { log "flink: $DIR does not exist, nothing to stop"; return 0; }
  make_dir_absolute
  local f pid name
  for f in "$DIR"/taskmanager-*.pid "$DIR/jobmanager.pid"; do
    [[ -f "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if pid="$(our_pid "$f")"; then stop_pid "$pid" "$name"; else log "$name: not running"; fi
    rm -f "$f"
  done
}

cmd_status() {
  [[ -d "$DIR" ]] && make_dir_absolute
  log "flink: $DIR"
  local f pid name up=1
  if pid="$(our_pid "$DIR/jobmanager.pid")"; then
    if rest /overview >/dev/null; then
      log "jobmanager:    running (pid $pid) at http://127.0.0.1:$REST_PORT: $(rest /overview)"
    else
      log "jobmanager:    running (pid $pid), REST at 127.0.0.1:$REST_PORT NOT answering"; up=0
    fi
  else
    log "jobmanager:    stopped"; up=0
  fi
  for f in "$DIR"/taskmanager-*.pid; do
    [[ -f "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if pid="$(our_pid "$f")"; then log "$name: running (pid $pid)"; else log "$name: stopped"; up=0; fi
  done
  (( up == 1 )) || return 3
}

cmd_kill_tm() { # n
  [[ "${1:-}" =~ ^[0-9]+$ ]] || die "kill-tm needs a TaskManager number"
  make_dir_absolute
  local pid
  pid="$(our_pid "$DIR/taskmanager-$1.pid")" || die "taskmanager-$1 is not running"
  kill -KILL "$pid"
  log "taskmanager-$1: killed (pid $pid)"
}

cmd_start_tm() { # n
  [[ "${1:-}" =~ ^[0-9]+$ ]] || die "start-tm needs a TaskManager number"
  make_dir_absolute
  our_pid "$DIR/jobmanager.pid" >/dev/null || die "the JobManager is not running: use 'up'"
  ! our_pid "$DIR/taskmanager-$1.pid" >/dev/null || die "taskmanager-$1 is already running"
  classpath
  resource_params GET_TM_RESOURCE_PARAMS
  start_process "taskmanager-$1" org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  log "taskmanager-$1: started (pid $(<"$DIR/taskmanager-$1.pid"))"
}

cmd_logs() {
  local f
  for f in "$DIR"/log/*.log; do [[ -f "$f" ]] && { log "----- $f"; tail -n "${1:-30}" "$f"; }; done
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  kill-tm) shift; cmd_kill_tm "$@" ;;
  start-tm) shift; cmd_start_tm "$@" ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
