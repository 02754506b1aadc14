#!/usr/bin/env bash
# The consumption job on the local standalone Flink cluster (deploy/local/flink/cluster.sh: a
# JobManager and two TaskManagers, each its own process), per TaskManager: the simulated city of
# the bench stack read to its end (`run --cluster --until-idle consumption`), then from the
# JobManager's REST API the records each TaskManager's source subtasks emitted and in how long, and
# the checkpoints the run took. Run by `./gridpulse bench cluster`, which sets the bench stack's
# ports, starts the stack and simulates the city first.
#
# Usage: deploy/local/bench-cluster.sh  (needs python3 to read the REST answers)
# Environment: FLINK_REST_PORT (the cluster's REST port), GRIDPULSE_FLINK_DIR, GRIDPULSE_LAUNCHER
# (the ./gridpulse of this checkout), plus the GRIDPULSE_* of the bench stack.
set -euo pipefail

REST="http://127.0.0.1:${FLINK_REST_PORT:?}"
LAUNCHER="${GRIDPULSE_LAUNCHER:?}"
command -v python3 >/dev/null || { echo "bench cluster: needs python3 to read Flink's REST answers" >&2; exit 1; }

get() { curl -sS --fail "$REST$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }

"$LAUNCHER" cluster up >&2
trap '"$LAUNCHER" cluster down >/dev/null 2>&1 || true' EXIT
load_before=$(cut -d' ' -f1 /proc/loadavg)
submitted=$("$LAUNCHER" run --cluster --until-idle consumption)
echo "$submitted" >&2
job=$(printf '%s\n' "$submitted" | sed -n 's/^job consumption: \([0-9a-f]\{32\}\) .*/\1/p')
[ -n "$job" ] || { echo "bench cluster: no job id in: $submitted" >&2; exit 1; }

# until a globally terminal state: a restart (RESTARTING, FAILING) is part of the run, not its end
state=RUNNING
until [[ "$state" =~ ^(FINISHED|FAILED|CANCELED|SUSPENDED)$ ]]; do
  sleep 2
  state=$(get "/jobs/$job" | json 'print(d["state"])')
done
load_after=$(cut -d' ' -f1 /proc/loadavg)
[ "$state" = FINISHED ] || { echo "bench cluster: the job ended $state" >&2; exit 1; }

source_vertex=$(get "/jobs/$job" | json '
print(next(v["id"] for v in d["vertices"] if v["name"].startswith("Source: meter-reads")))')
echo "| figure | value | load (1 min) before / after |"
echo "|---|---:|---|"
get "/jobs/$job" | json '
src = next(v for v in d["vertices"] if v["name"].startswith("Source: meter-reads"))
reads = src["metrics"]["write-records"]
secs = src["duration"] / 1000
print(f"| records out of the meter-reads source (its reads and a metrics row every few seconds) | {reads:,} | |")
print(f"| source duration (first subtask start to last end) | {secs:.1f} s | |")
print(f"| consumption job on the cluster | {reads / secs:,.0f} reads/s | '"$load_before / $load_after"' |")'
get "/jobs/$job/vertices/$source_vertex/taskmanagers" | json '
for i, tm in enumerate(sorted(d["taskmanagers"], key=lambda t: t["taskmanager-id"]), 1):
    reads, secs, where = tm["metrics"]["write-records"], tm["duration"] / 1000, tm["endpoint"]
    rate = reads / secs if secs > 0 else 0
    print(f"| TaskManager {i} ({where}): source reads, time, rate | {reads:,} in {secs:.1f} s = {rate:,.0f} reads/s | |")'
get "/jobs/$job/checkpoints" | json '
done, failed = d["counts"]["completed"], d["counts"]["failed"]
print(f"| checkpoints completed / failed | {done} / {failed} | |")
if done:
    e2e = d["summary"]["end_to_end_duration"]
    size = d["summary"].get("checkpointed_size", d["summary"].get("state_size"))
    lo, avg, hi = e2e["min"] / 1000, e2e["avg"] / 1000, e2e["max"] / 1000
    print(f"| checkpoint duration min / avg / max | {lo:.2f} / {avg:.2f} / {hi:.2f} s | |")
    avg_size, max_size = size["avg"], size["max"]
    print(f"| checkpointed size avg / max | {avg_size:,} / {max_size:,} bytes | |")'
