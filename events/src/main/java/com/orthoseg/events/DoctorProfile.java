package com.orthoseg.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A doctor's profile as the CRM knows it. Only doctorId is mandatory.
 *
 * @param satisfaction -100..100
 * @param purchases    purchases over the last year as reported by the ERP
 */
public record DoctorProfile(
        String doctorId,
        String region,
        DoctorCategory category,
        DoctorRank rank,
        Double incidenceRate,
        Double rRate,
        Double satisfaction,
        Double experience,
        Integer purchases,
        Instant updatedAt) {

    /** {@code doctor:<doctorId>:<content hash>}; updatedAt is when, not what, so it is left out. */
    public UUID eventId() {
        return EventIds.of("doctor:" + doctorId + ":" + EventIds.contentHash(
                region, category, rank, incidenceRate, rRate, satisfaction, experience, purchases));
    }
}
