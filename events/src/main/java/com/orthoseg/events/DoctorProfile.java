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

    /** This profile as of another update time (a consumer fills in a missing one). */
    public DoctorProfile withUpdatedAt(Instant time) {
        return new DoctorProfile(doctorId, region, category, rank, incidenceRate, rRate, satisfaction, experience,
                purchases, time);
    }

    /**
     * {@code doctor:<doctorId>:<content hash>}. An updatedAt the source gave is part of the fact, so a
     * profile that returns to earlier values at a later updatedAt is a new fact; one filled in with
     * the time the record was received is not, so a retried request or a re-imported file without it
     * keeps its id.
     */
    public UUID eventId(boolean updatedAtGiven) {
        return EventIds.of("doctor:" + doctorId + ":" + (updatedAtGiven
                ? EventIds.contentHash(region, category, rank, incidenceRate, rRate, satisfaction, experience,
                        purchases, updatedAt)
                : EventIds.contentHash(region, category, rank, incidenceRate, rRate, satisfaction, experience,
                        purchases)));
    }
}
