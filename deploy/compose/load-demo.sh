#!/bin/sh
# Waits for ingest-service, then imports the four Datacamp files through its API with ORTHOSEG_TOKEN.
set -eu
INGEST=${INGEST_URL:-http://ingest-service:8081}
until curl -fs "$INGEST/q/health/ready" >/dev/null; do sleep 2; done
for kind in doctors orders complaints instructions; do
  echo "importing $kind"
  curl -fsS -H 'Content-Type: text/csv' -H "Authorization: Bearer $ORTHOSEG_TOKEN" --data-binary "@/data/$kind.csv" "$INGEST/api/v1/imports/$kind"
  echo
done
