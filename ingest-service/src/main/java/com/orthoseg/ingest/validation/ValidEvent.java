package com.orthoseg.ingest.validation;

import java.time.Instant;
import java.util.UUID;

/**
 * A record that passed validation, ready to publish.
 *
 * @param time the event's own time (placedAt, filedAt, updatedAt): the CloudEvents ce_time
 */
public record ValidEvent(UUID eventId, String doctorId, Instant time, Object payload) {
}
