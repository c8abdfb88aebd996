package com.orthoseg.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A doctor moved from one segment to another (or into or out of every segment) of one scheme.
 *
 * @param previous    null on a first assignment
 * @param current     null when the doctor leaves every segment
 * @param margin      how clearly the doctor belongs to current
 * @param drivers     the few features that most explain the assignment
 * @param causationId the event that caused the change
 */
public record SegmentChanged(
        UUID eventId,
        String doctorId,
        Scheme scheme,
        SegmentRef previous,
        SegmentRef current,
        String modelVersion,
        Reason reason,
        double margin,
        List<Driver> drivers,
        UUID causationId,
        Instant changedAt) {

    public enum Scheme { clusters, rfm }

    public enum Reason { FIRST_ASSIGNMENT, FEATURES_CHANGED, WINDOW_EXPIRY, MODEL_ACTIVATED, RESTATED }

    public record SegmentRef(String segmentId, String name) {
    }

    public record Driver(String feature, Double value, Double segmentMean, Double zScore) {
    }
}
