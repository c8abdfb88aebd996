package com.orthoseg.segments.model;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Stable cluster segment ids: a new version's centroids are matched to the previous version's by the
 * Hungarian assignment on centroid distance (both in the new version's standardized units) and inherit
 * their ids; a centroid left unmatched (k grew) gets an id never used before, largest segment first.
 */
final class SegmentIds {

    private static final String PREFIX = "c";

    private SegmentIds() {
    }

    static String[] assign(double[][] centroids, ClusterModel scaling, ClusterModel previous, Set<String> used,
                           int[] sizes) {
        String[] ids = new String[centroids.length];
        if (previous != null && previous.inputs().equals(scaling.inputs())) {
            double[][] cost = new double[centroids.length][previous.centroids().length];
            for (int i = 0; i < centroids.length; i++) {
                for (int j = 0; j < previous.centroids().length; j++) {
                    cost[i][j] = Math.sqrt(ClusterModel.squared(centroids[i], rescaled(previous, j, scaling)));
                }
            }
            int[] match = Hungarian.assign(cost);
            for (int i = 0; i < centroids.length; i++) {
                if (match[i] >= 0) {
                    ids[i] = previous.segments().get(match[i]).id();
                }
            }
        }
        int next = used.stream().filter(id -> id.matches(PREFIX + "\\d+"))
                .mapToInt(id -> Integer.parseInt(id.substring(PREFIX.length()))).max().orElse(0) + 1;
        int[] bySize = IntStream.range(0, centroids.length).boxed()
                .sorted(Comparator.comparingInt((Integer c) -> -sizes[c])).mapToInt(Integer::intValue).toArray();
        for (int c : bySize) {
            if (ids[c] == null) {
                ids[c] = PREFIX + next++;
            }
        }
        return ids;
    }

    /** The previous version's centroid j in the new version's standardized units. */
    private static double[] rescaled(ClusterModel previous, int j, ClusterModel scaling) {
        double[] centroid = previous.centroids()[j];
        double[] z = new double[centroid.length];
        for (int f = 0; f < centroid.length; f++) {
            double transformed = centroid[f] * previous.scales()[f] + previous.means()[f];
            z[f] = (transformed - scaling.means()[f]) / scaling.scales()[f];
        }
        return z;
    }
}
