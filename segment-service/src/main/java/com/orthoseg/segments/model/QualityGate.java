package com.orthoseg.segments.model;

import java.util.List;

/** The figures k was chosen by, stored with the version. */
public record QualityGate(List<Candidate> candidates, int chosenK, boolean passed, double minStability,
                          double minSegmentShare) {

    /**
     * @param silhouette          mean silhouette on a sample (−1..1, higher = better separated)
     * @param stability           mean adjusted Rand index against fits on bootstrap resamples (1 = identical)
     * @param smallestSegmentShare the smallest segment's share of the doctors
     * @param failedBecause       null when the candidate passed the gate
     */
    public record Candidate(int k, double inertia, int iterations, double silhouette, double stability,
                            double smallestSegmentShare, String failedBecause) {
    }
}
