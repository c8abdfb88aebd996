package com.orthoseg.segments.store;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.orthoseg.events.SegmentChanged.Scheme;

import java.time.Instant;

/**
 * A model version as stored. params and quality are JSON written by the model classes.
 *
 * @param doctors how many doctors it was trained on
 */
public record ModelVersion(String id, Scheme scheme, int number, Status status, Instant createdAt, Instant activatedAt,
                           int doctors, @JsonRawValue String params, @JsonRawValue String quality) {

    public enum Status { PREVIEW, ACTIVE, RETIRED, DISCARDED }
}
