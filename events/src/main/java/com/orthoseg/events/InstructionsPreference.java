package com.orthoseg.events;

import java.time.Instant;
import java.util.UUID;

/** Whether a doctor's orders come with special instructions. */
public record InstructionsPreference(
        String doctorId,
        boolean includesSpecialInstructions,
        Instant updatedAt) {

    /**
     * {@code instructions:<doctorId>:<content hash>}; a given updatedAt is part of the content, as for
     * {@link DoctorProfile#eventId(boolean)}, so Yes, No and Yes again at a later updatedAt are three facts.
     */
    public UUID eventId(boolean updatedAtGiven) {
        return EventIds.of("instructions:" + doctorId + ":" + (updatedAtGiven
                ? EventIds.contentHash(includesSpecialInstructions, updatedAt)
                : EventIds.contentHash(includesSpecialInstructions)));
    }
}
