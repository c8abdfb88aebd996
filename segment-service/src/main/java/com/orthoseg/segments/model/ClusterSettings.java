package com.orthoseg.segments.model;

/**
 * How a clusters version is trained and gated.
 *
 * @param restarts         k-means++ runs per k; the lowest inertia is kept
 * @param resamples        bootstrap resamples for the stability figure
 * @param minStability     lowest mean adjusted Rand index between the fit and the bootstrap fits
 * @param minSegmentShare  smallest segment as a share of the doctors
 * @param qualitySample    doctors the bootstrap fits are drawn from (the gate's cost stays bounded)
 * @param silhouetteSample doctors the silhouette is computed on (quadratic cost)
 * @param hysteresis       how much closer another segment must be before a doctor moves
 */
public record ClusterSettings(int kMin, int kMax, int restarts, int resamples, double minStability,
                              double minSegmentShare, int qualitySample, int silhouetteSample, double hysteresis,
                              long seed) {
}
