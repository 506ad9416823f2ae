#!/bin/sh
# Waits until the Temporal server answers, then creates envflow's namespace unless it exists. Run by
# docker-compose.yml after the server is up; safe to run again. Needs TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE.
set -eu
: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}"
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" > /dev/null 2>&1; do
  echo "waiting for the Temporal server at $TEMPORAL_ADDRESS"
  sleep 2
done
if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" > /dev/null 2>&1; then
  echo "namespace $TEMPORAL_NAMESPACE exists"
else
  # closed workflows' histories are kept a week; envflow's inventory keeps environments for good
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention 168h
fi
