package com.orthoseg.segments.assign;

import com.orthoseg.events.DoctorFeatures.Coverage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A doctor's latest DoctorFeatures record as segment-service keeps it.
 *
 * @param eventId the record's ce_id: the causation of the changes it causes
 */
public record DoctorState(String doctorId, long sequence, Instant asOf, UUID eventId, Map<String, Double> features,
                          Coverage coverage) {
}
