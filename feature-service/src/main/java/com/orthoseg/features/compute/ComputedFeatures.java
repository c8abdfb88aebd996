package com.orthoseg.features.compute;

import com.orthoseg.events.DoctorFeatures;

import java.time.Instant;
import java.util.Map;

/**
 * A doctor's features as of an instant.
 *
 * @param nextExpiry the first instant after asOf at which a feature changes with no new event (an event
 *                   dated after asOf happens, an event leaves a window, daysSinceLastOrder turns a day);
 *                   null if never
 */
public record ComputedFeatures(String doctorId, Instant asOf, Map<String, Double> features,
                               DoctorFeatures.Coverage coverage, Instant nextExpiry) {
}
