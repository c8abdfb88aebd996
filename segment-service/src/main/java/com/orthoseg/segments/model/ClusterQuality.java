package com.orthoseg.segments.model;

import org.apache.commons.math3.util.CombinatoricsUtils;

/** The quality-gate measures of a clustering. */
public final class ClusterQuality {

    private ClusterQuality() {
    }

    /**
     * Mean silhouette of the given points (callers pass a sample: the cost is quadratic). A point alone
     * in its cluster scores 0, as in Rousseeuw's definition.
     */
    public static double silhouette(Points x, int[] labels, int k) {
        int n = x.n();
        if (n < 2 || k < 2) {
            return 0;
        }
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(sums, 0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sums[labels[j]] += Math.sqrt(Points.distanceSquared(x.values(), i, x.values(), j, x.d()));
                }
            }
            int own = labels[i];
            if (sizes[own] <= 1) {
                continue;
            }
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            if (b == Double.POSITIVE_INFINITY) {
                continue;
            }
            double s = Math.max(a, b) == 0 ? 0 : (b - a) / Math.max(a, b);
            total += s;
        }
        return total / n;
    }

    /** Hubert and Arabie's adjusted Rand index of two labellings of the same points: 1 = identical partitions. */
    public static double adjustedRandIndex(int[] first, int k1, int[] second, int k2) {
        long[][] table = new long[k1][k2];
        long[] rows = new long[k1];
        long[] columns = new long[k2];
        for (int i = 0; i < first.length; i++) {
            table[first[i]][second[i]]++;
            rows[first[i]]++;
            columns[second[i]]++;
        }
        double index = 0;
        for (long[] row : table) {
            for (long cell : row) {
                index += pairs(cell);
            }
        }
        double rowPairs = 0;
        for (long row : rows) {
            rowPairs += pairs(row);
        }
        double columnPairs = 0;
        for (long column : columns) {
            columnPairs += pairs(column);
        }
        double expected = rowPairs * columnPairs / pairs(first.length);
        double max = (rowPairs + columnPairs) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static double pairs(long n) {
        return n < 2 ? 0 : CombinatoricsUtils.binomialCoefficientDouble((int) Math.min(n, Integer.MAX_VALUE), 2);
    }
}
