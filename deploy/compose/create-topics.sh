#!/bin/bash
# The topics of DESIGN.md with the settings local-stack gives them (KafkaTopics): facts kept until an
# operator decides otherwise, compacted snapshots, dead letters 30 days from their arrival.
set -euo pipefail
BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}
PARTITIONS=${ORTHOSEG_PARTITIONS:-12}
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$1" --partitions "$PARTITIONS" --replication-factor 1 "${@:2}"
}
for topic in orders complaints segment-changes; do
  create "$topic" --config cleanup.policy=delete --config retention.ms=-1 --config retention.bytes=-1
done
for topic in doctors instructions doctor-features; do
  create "$topic" --config cleanup.policy=compact
done
for topic in doctors orders complaints instructions doctor-features segment-changes; do
  create "$topic.dlq" --config cleanup.policy=delete --config retention.ms=2592000000 \
    --config message.timestamp.type=LogAppendTime
done
