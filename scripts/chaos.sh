#!/usr/bin/env bash
# envflow's fault-injection suite (docs/RELIABILITY.md). Each scenario prints one line `scenario runs succeeded
# leaked` and fails unless every run went as promised and leaked is 0. `mvn verify` runs the reduced sizes; this
# script runs the reduced sizes, or the full ones with --full.
# Usage: scripts/chaos.sh [--full] [more Maven arguments, e.g. -o]
set -uo pipefail
cd "$(dirname "$0")/.."
size=reduced
if [ "${1:-}" = "--full" ]; then
  size=full
  shift
fi
out="$PWD/worker/target/chaos/results.txt"
log="$PWD/worker/target/chaos/chaos.log"
mkdir -p "$(dirname "$out")"
rm -f "$out"
echo "chaos: size $size"
# -am builds the workflows and activities modules from this checkout; the chaos profile runs only the suite
: > "$log"
mvn -B -Pchaos test -pl worker -am -Denvflow.chaos.size="$size" -Denvflow.chaos.out="$out" "$@" > "$log" 2>&1 &
maven=$!
tail -n +1 -f "$log" --pid "$maven" | grep --line-buffered -E '^\[chaos\]'
wait "$maven"
status=$?
echo
cat "$out" 2>/dev/null | cut -c1-60
if [ "$status" -ne 0 ]; then
  echo "chaos: a scenario failed or leaked (exit $status); see $log" >&2
  exit "$status"
fi
