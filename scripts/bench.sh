#!/usr/bin/env bash
# envflow's benchmark (docs/BENCHMARKS.md): in one run, (1) the orchestration overhead on the nop provider with 100 ms
# per step against the critical path, (2) the real local providers through the workflow against the same steps called
# directly, (3) throughput on nop, (4) 1,000 environments waiting for approval: heap, idle CPU, time to approve them
# all, (5) API latency under bounded load. Prints a table and writes the same figures as JSON. Asserts nothing: a
# missed target is a figure to explain, not a failure.
# Usage: scripts/bench.sh [--quick] [more Maven arguments, e.g. -o]
set -uo pipefail
cd "$(dirname "$0")/.."
size=full
if [ "${1:-}" = "--quick" ]; then
  size=quick
  shift
fi
out="$PWD/worker/target/bench/results.json"
log="$PWD/worker/target/bench/bench.log"
mkdir -p "$(dirname "$out")"
echo "bench: size $size, $(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "bench: other builds or tests on this machine make the figures noisy; the JSON records the load average"
# -am builds the workflows and activities modules from this checkout; the bench profile runs only the benchmark
: > "$log"
mvn -B -Pbench test -pl worker -am -Denvflow.bench.size="$size" -Denvflow.bench.out="$out" "$@" > "$log" 2>&1 &
maven=$!
# interrupted or killed: stop Maven (and with it the benchmark's JVM, whose shutdown hook stops its dev-server); the
# progress lines follow in the background so that the shell, waiting, can run the trap at once
trap 'kill "$maven" 2>/dev/null; wait "$maven" 2>/dev/null; exit 130' INT TERM
tail -n +1 -f "$log" --pid "$maven" | grep --line-buffered -E '^\[bench\]' &
wait "$maven"
status=$?
wait
sed -n '/^envflow benchmark/,/^\[bench\] figures written/p' "$log"
if [ "$status" -ne 0 ]; then
  echo "bench: Maven failed (exit $status); see $log" >&2
  exit "$status"
fi
