package com.orthoseg.segments.assign;

import com.orthoseg.events.SegmentChanged.Driver;
import com.orthoseg.events.SegmentChanged.Scheme;

import java.time.Instant;
import java.util.List;

/** A doctor's current segment in one scheme. */
public record Assignment(String doctorId, Scheme scheme, String segmentId, String segmentName, String modelVersion,
                         Instant since, double margin, List<Driver> drivers) {
}
