package com.orthoseg.segments.report;

import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.events.SegmentChanged.Scheme;

import java.util.Map;

/**
 * A doctor as the reports see it: the latest features and coverage, the region of the latest profile
 * (null when none arrived yet), and the current segment of each scheme the doctor is in.
 */
public record ReportDoctor(String doctorId, String region, Map<String, Double> features, Coverage coverage,
                           Map<Scheme, String> segments) {

    public Double feature(String name) {
        return features.get(name);
    }

    /** Complaints on record (sum of quantities); a doctor with none on record counts as 0. */
    public double complaints() {
        Double total = features.get("complaintsTotal");
        return total == null ? 0 : total;
    }
}
