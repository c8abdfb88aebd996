package com.orthoseg.events;

import java.time.Instant;
import java.util.Map;

/**
 * A doctor's features as of an instant.
 *
 * @param sequence increases with every record published for the doctor
 * @param features feature name → value, null where unknown
 */
public record DoctorFeatures(
        String doctorId,
        Instant asOf,
        long sequence,
        Map<String, Double> features,
        Coverage coverage) {

    /** Which sources exist for the doctor. */
    public record Coverage(boolean hasProfile, boolean hasOrders, boolean hasComplaints, boolean hasInstructions) {
    }
}
