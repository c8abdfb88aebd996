package com.orthoseg.features.compute;

import com.orthoseg.events.DoctorFeatures;

import java.time.Instant;
import java.util.Map;

/**
 * A doctor's features as of an instant.
 *
 * @param nextExpiry the first instant after asOf at which a window's contents change with no new
 *                   event (an event leaves or, if dated in the future, enters a window); null if never
 */
public record ComputedFeatures(String doctorId, Instant asOf, Map<String, Double> features,
                               DoctorFeatures.Coverage coverage, Instant nextExpiry) {
}
