#!/bin/sh
# Creates Temporal's two PostgreSQL databases if they are missing and brings their schemas to the version of this
# admin-tools image (temporal-sql-tool, as Temporal's own auto-setup does). Run by docker-compose.yml on every
# `up`; safe to run again. Needs POSTGRES_SEEDS, POSTGRES_USER, SQL_PASSWORD (and DB_PORT, default 5432).
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
port=${DB_PORT:-5432}
schemas=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" "$@"
}

for pair in temporal:temporal temporal_visibility:visibility; do
  database=${pair%%:*}
  schema=${pair##*:}
  sql_tool --db "$database" create 2>/dev/null || echo "database $database exists"
  sql_tool --db "$database" setup-schema -v 0.0
  sql_tool --db "$database" update-schema -d "$schemas/$schema/versioned"
done
echo "Temporal schemas are up to date"
