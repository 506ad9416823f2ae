#!/bin/sh
# Feeds Prometheus the alert rules envflow's local monitoring provider writes for each environment
# (<state dir>/monitoring/{app}-{environment}/alert-rules.yaml). Prometheus takes a glob only in the last element of
# a rule file path and reads rule files again only on SIGHUP, so this copies each environment's file to one flat
# directory ({app}-{environment}.yaml) and, in `watch` mode, sends SIGHUP whenever the set or a file changes.
#
#   environment-rules.sh once  SOURCE TARGET
#   environment-rules.sh watch SOURCE TARGET INTERVAL_SECONDS PROMETHEUS_PID
set -u
mode=$1
source_dir=$2
target_dir=$3

fingerprint() {
  (ls -1 "$source_dir" 2>/dev/null; cat "$source_dir"/*/alert-rules.yaml 2>/dev/null) | cksum
}

copy_rules() {
  mkdir -p "$target_dir"
  rm -f "$target_dir"/*.yaml
  for file in "$source_dir"/*/alert-rules.yaml; do
    [ -f "$file" ] || continue
    cp "$file" "$target_dir/$(basename "$(dirname "$file")").yaml"
  done
}

copy_rules
[ "$mode" = watch ] || exit 0
interval=$4
pid=$5
last=$(fingerprint)
while kill -0 "$pid" 2>/dev/null; do
  sleep "$interval"
  now=$(fingerprint)
  if [ "$now" != "$last" ]; then
    copy_rules
    kill -HUP "$pid"
    last=$now
  fi
done
