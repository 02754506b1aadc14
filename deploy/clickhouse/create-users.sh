#!/usr/bin/env bash
# Creates the GridPulse ClickHouse users on current ClickHouse (see create-users.sql).
# Environment: GRIDPULSE_WRITER_PASSWORD, GRIDPULSE_READER_PASSWORD (required);
# CLICKHOUSE_HOST [localhost], CLICKHOUSE_ADMIN_USER [default], CLICKHOUSE_ADMIN_PASSWORD [empty].
# Also runs as a docker-entrypoint-initdb.d script of the clickhouse/clickhouse-server image.
set -euo pipefail
: "${GRIDPULSE_WRITER_PASSWORD:?set GRIDPULSE_WRITER_PASSWORD}"
: "${GRIDPULSE_READER_PASSWORD:?set GRIDPULSE_READER_PASSWORD}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SQL="$HERE/create-users.sql"
[[ -f "$SQL" ]] || SQL=/docker-entrypoint-initdb.d/create-users.sql.txt
# a SQL string literal: backslashes and quotes escaped
literal() { local s=${1//\\/\\\\}; s=${s//\'/\\\'}; printf '%s' "$s"; }
w="$(literal "$GRIDPULSE_WRITER_PASSWORD")" r="$(literal "$GRIDPULSE_READER_PASSWORD")"
sql="$(<"$SQL")"
sql="${sql//@WRITER_PASSWORD@/$w}"
sql="${sql//@READER_PASSWORD@/$r}"
printf '%s\n' "$sql" | clickhouse-client --host "${CLICKHOUSE_HOST:-localhost}" \
  --user "${CLICKHOUSE_ADMIN_USER:-${CLICKHOUSE_USER:-default}}" \
  --password "${CLICKHOUSE_ADMIN_PASSWORD:-${CLICKHOUSE_PASSWORD:-}}" --multiquery
echo "gridpulse_writer and gridpulse_reader created"
