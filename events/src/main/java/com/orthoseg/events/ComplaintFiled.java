package com.orthoseg.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A complaint. complaintType is one of Correct, Incorrect, Unknown, Specific, R&amp;R or any other
 * text, kept as given.
 *
 * @param complaintId {@code <doctorId>:<complaintType>} when the source has no id
 * @param qty         at least 1
 */
public record ComplaintFiled(
        String doctorId,
        String complaintId,
        String complaintType,
        int qty,
        Instant filedAt) {

    /** The complaint id of a source (such as the Datacamp table) that aggregates per doctor and type. */
    public static String aggregatedComplaintId(String doctorId, String complaintType) {
        return doctorId + ":" + complaintType;
    }

    /** {@code complaint:<complaintId>:<content hash>}, a filedAt the source gave in the content as for orders. */
    public UUID eventId(boolean filedAtGiven) {
        return EventIds.of("complaint:" + complaintId + ":" + (filedAtGiven
                ? EventIds.contentHash(doctorId, complaintType, qty, filedAt)
                : EventIds.contentHash(doctorId, complaintType, qty)));
    }
}
