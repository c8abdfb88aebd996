package com.orthoseg.features.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.UUID;

/**
 * A contract event read from Kafka: its id (ce_id), doctor, own time and payload record, and the record
 * it was read from (dead-lettered as it is if PostgreSQL refuses the event).
 */
public record IncomingEvent(UUID eventId, String doctorId, Instant time, Object payload,
                            ConsumerRecord<String, byte[]> record) {
}
