#!/usr/bin/env bash
# Wall time of `envflow up --exit` on an example spec: cold (a new state directory: PostgreSQL initdb, binaries
# unpacked, everything created) and warm (the same state directory again: servers restarted, everything adopted).
# Prints the figures; asserts nothing. Usage: scripts/bench-up.sh [SPEC] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-examples/synckairos-local.json}
runs=${2:-3}
[ -f worker/target/envflow.jar ] || mvn -B -q -DskipTests package
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
# embedded servers keep their default ports so a warm run finds them where the stored URLs say
export ENVFLOW_STATE_DIR="$state" ENVFLOW_PORT=0

measure() {
  local start end
  start=$(date +%s%N)
  ./envflow up --exit "$spec" > "$state/last-run.log" 2>&1 || { cat "$state/last-run.log"; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) ms total; $(grep -oE 'envflow ready in [0-9.]+s' "$state/last-run.log"); $(grep -oE 'provisioning took [0-9.]+s' "$state/last-run.log")"
}

printf 'spec: %s\n' "$spec"
printf 'cold: %s\n' "$(measure)"
for i in $(seq 1 "$runs"); do
  printf 'warm %d: %s\n' "$i" "$(measure)"
done
echo "last warm run:"
sed -n '/^env-.*  ACTIVE$/,$p' "$state/last-run.log" | grep -E '^  [✓-] ' | sed 's/^/  /'
