package com.orthoseg.events;

import java.time.Instant;
import java.util.UUID;

/** Whether a doctor's orders come with special instructions. */
public record InstructionsPreference(
        String doctorId,
        boolean includesSpecialInstructions,
        Instant updatedAt) {

    /** {@code instructions:<doctorId>:<content hash>}. */
    public UUID eventId() {
        return EventIds.of("instructions:" + doctorId + ":" + EventIds.contentHash(includesSpecialInstructions));
    }
}
