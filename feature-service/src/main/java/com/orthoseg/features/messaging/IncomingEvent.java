package com.orthoseg.features.messaging;

import java.time.Instant;
import java.util.UUID;

/** A contract event read from Kafka: its id (ce_id), doctor, own time and payload record. */
public record IncomingEvent(UUID eventId, String doctorId, Instant time, Object payload) {
}
