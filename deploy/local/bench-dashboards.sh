#!/usr/bin/env bash
# Dashboard queries at scale: a month of hourly interval_consumption for 100,000 meters (72 M rows,
# with one day replayed, as after a restore) and 200,000 anomaly cases (half closed by a second
# version row), in a scratch database of the ClickHouse server at $CLICKHOUSE_URL. Times each
# query pattern (FINAL, argMax, rows pre-aggregated by the job as versioned rows), prints a
# Markdown table, then drops the database. SQL runs on ClickHouse 18.16 and current servers.
#
# Usage: CLICKHOUSE_URL=http://127.0.0.1:8123 deploy/local/bench-dashboards.sh [METERS] [DAYS]
set -euo pipefail

URL="${CLICKHOUSE_URL:-http://127.0.0.1:8123}"
METERS="${1:-100000}"
DAYS="${2:-30}"
DB=gridpulse_dashboard_bench
ROWS=$((METERS * DAYS * 24))
RUNS="${RUNS:-2}"
SETTINGS="max_execution_time=120&max_memory_usage=6000000000"

q() { curl -sS --fail-with-body "$URL/" --data-binary "$1"; }
# queries only: a dashboard query that takes minutes or gigabytes has failed
sel() { curl -sS --fail-with-body "$URL/?$SETTINGS" --data-binary "$1"; }
elapsed() { # sql -> "seconds rows_read" of the fastest of $RUNS runs (server-side statistics)
  local best="" out s r i
  for ((i = 0; i < RUNS; i++)); do
    if ! out=$(sel "$1 FORMAT JSON" 2>&1); then
      echo "failed: $(printf "%s" "$out" | grep -o "Code: [0-9]*, e.displayText() = [A-Za-z:]*[^(]*" | head -1)"
      return
    fi
    s=$(printf '%s' "$out" | grep -o '"elapsed": [0-9.e-]*' | awk '{print $2}')
    r=$(printf '%s' "$out" | grep -o '"rows_read": [0-9]*' | awk '{print $2}')
    if [ -z "$best" ] || awk -v a="$s" -v b="${best% *}" 'BEGIN{exit !(a<b)}'; then best="$s $r"; fi
  done
  awk -v s="${best% *}" -v r="${best#* }" 'BEGIN{printf "%.3f s, %\047d rows read", s, r}'
}
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$(elapsed "$3")" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
timed() { local t0=$SECONDS; q "$1" >/dev/null || return 1; echo $((SECONDS - t0)); }

trap 'q "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true' EXIT
q "DROP DATABASE IF EXISTS $DB"
q "CREATE DATABASE $DB"
q "CREATE TABLE $DB.interval_consumption (meter_id String, customer_id String, grid_id String,
   segment String, interval_start DateTime('UTC'), interval_end DateTime('UTC'), interval_minutes UInt32,
   kwh Decimal(18, 3), source String, written_at DateTime('UTC'))
   ENGINE = ReplacingMergeTree(written_at) PARTITION BY toYYYYMM(interval_end) ORDER BY (meter_id, interval_end)"
q "CREATE TABLE $DB.consumption_anomalies (meter_id String, grid_id String, rule String,
   read_time DateTime('UTC'), closed_at Nullable(DateTime('UTC')), version UInt64)
   ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(read_time) ORDER BY (meter_id, rule, read_time)"
# what a job would write: one row per (grid, day), rewritten with a higher version when it changes
q "CREATE TABLE $DB.grid_daily_energy (grid_id String, day Date, kwh Decimal(18, 3), meters UInt32, version UInt64)
   ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(day) ORDER BY (grid_id, day)"

START="toDateTime('2026-10-01 00:00:00', 'UTC')"
ROW="concat('M', toString(number % $METERS)) AS meter_id, concat('C', toString(number % $METERS)),
   concat('GRID-', toString(number % $METERS % 200)), 'RESIDENT',
   $START + intDiv(number, $METERS) * 3600, $START + intDiv(number, $METERS) * 3600 + 3600, 60,
   toDecimal64(((number * 7919) % 1500) / 1000, 3), 'AMI'"
gen=$(timed "INSERT INTO $DB.interval_consumption SELECT $ROW, $START + 86400 * $DAYS FROM numbers($ROWS)")
# day 10 written again an hour later, as a replay after a restore writes it
rep=$(timed "INSERT INTO $DB.interval_consumption SELECT $ROW, $START + 86400 * $DAYS + 3600
   FROM numbers($((METERS * 24 * 9)), $((METERS * 24)))")
q "INSERT INTO $DB.consumption_anomalies SELECT concat('M', toString(number % $METERS)),
   concat('GRID-', toString(number % $METERS % 200)), if(number % 3 = 0, 'SPIKE', 'ZERO_CONSUMPTION'),
   $START + (number * 7) % (86400 * $DAYS), NULL, 1 FROM numbers($((METERS * 2)))"
q "INSERT INTO $DB.consumption_anomalies SELECT concat('M', toString(number % $METERS)),
   concat('GRID-', toString(number % $METERS % 200)), if(number % 3 = 0, 'SPIKE', 'ZERO_CONSUMPTION'),
   $START + (number * 7) % (86400 * $DAYS), $START + (number * 7) % (86400 * $DAYS) + 7200, 2
   FROM numbers($((METERS * 2))) WHERE number % 2 = 0"
for v in 1 2; do
  q "INSERT INTO $DB.grid_daily_energy SELECT grid_id, toDate(interval_end) AS day, sum(kwh), uniqExact(meter_id), $v
     FROM $DB.interval_consumption FINAL GROUP BY grid_id, day"
done
rows=$(q "SELECT count() FROM $DB.interval_consumption")
parts=$(q "SELECT count() FROM system.parts WHERE database = '$DB' AND table = 'interval_consumption' AND active")

DAY="toDate(interval_end) = toDate('2026-10-10')"
echo "interval_consumption: $rows rows in $parts parts (generated in ${gen} s, replayed day in ${rep} s); $METERS meters, $DAYS days"
echo
echo "| query | pattern | fastest of $RUNS (server) | load (1/5/15 min) |"
echo "|---|---|---|---|"
row "per-grid energy of one day (control room)" "FINAL" \
  "SELECT grid_id, sum(kwh) FROM $DB.interval_consumption FINAL WHERE $DAY GROUP BY grid_id"
row "per-grid energy of one day (control room)" "argMax per key" \
  "SELECT grid_id, sum(k) FROM (SELECT meter_id, interval_end, argMax(grid_id, written_at) AS grid_id,
   argMax(kwh, written_at) AS k FROM $DB.interval_consumption WHERE $DAY GROUP BY meter_id, interval_end) GROUP BY grid_id"
row "per-grid energy of one day (control room)" "pre-aggregated rows, FINAL" \
  "SELECT grid_id, kwh FROM $DB.grid_daily_energy FINAL WHERE day = toDate('2026-10-10')"
row "per-grid daily energy, whole month (KPI)" "FINAL" \
  "SELECT grid_id, toDate(interval_end) AS day, sum(kwh) FROM $DB.interval_consumption FINAL GROUP BY grid_id, day"
row "per-grid daily energy, whole month (KPI)" "argMax per key" \
  "SELECT grid_id, day, sum(k) FROM (SELECT meter_id, interval_end, argMax(grid_id, written_at) AS grid_id,
   toDate(interval_end) AS day, argMax(kwh, written_at) AS k FROM $DB.interval_consumption
   GROUP BY meter_id, interval_end) GROUP BY grid_id, day"
row "per-grid daily energy, whole month (KPI)" "pre-aggregated rows, FINAL" \
  "SELECT grid_id, day, kwh FROM $DB.grid_daily_energy FINAL"
row "per-grid daily energy, whole month (KPI)" "pre-aggregated rows, argMax" \
  "SELECT grid_id, day, argMax(kwh, version) FROM $DB.grid_daily_energy GROUP BY grid_id, day"
row "open anomaly cases per grid" "FINAL" \
  "SELECT grid_id, count() FROM $DB.consumption_anomalies FINAL WHERE closed_at IS NULL GROUP BY grid_id"
row "open anomaly cases per grid" "argMax per key" \
  "SELECT grid_id, count() FROM (SELECT meter_id, rule, read_time, argMax(grid_id, version) AS grid_id,
   argMax(isNull(closed_at), version) AS open FROM $DB.consumption_anomalies GROUP BY meter_id, rule, read_time)
   WHERE open = 1 GROUP BY grid_id"
row "one meter's month of intervals (meter detail)" "FINAL" \
  "SELECT interval_end, kwh FROM $DB.interval_consumption FINAL WHERE meter_id = 'M4242' ORDER BY interval_end"
row "one meter's month of intervals (meter detail)" "argMax per key" \
  "SELECT interval_end, argMax(kwh, written_at) FROM $DB.interval_consumption WHERE meter_id = 'M4242'
   GROUP BY interval_end ORDER BY interval_end"
row "one meter's month of intervals (meter detail)" "LIMIT 1 BY key" \
  "SELECT interval_end, kwh FROM $DB.interval_consumption WHERE meter_id = 'M4242'
   ORDER BY interval_end, written_at DESC LIMIT 1 BY interval_end"
echo
echo "checks: month energy FINAL $(q "SELECT sum(kwh) FROM $DB.interval_consumption FINAL"), pre-aggregated $(q "SELECT sum(kwh) FROM $DB.grid_daily_energy FINAL"), raw (doubled day) $(q "SELECT sum(kwh) FROM $DB.interval_consumption")"
