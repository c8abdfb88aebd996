package com.orthoseg.segments.model;

/** n points of d dimensions in one row-major array: point i is values[i*d .. i*d+d). */
public record Points(double[] values, int n, int d) {

    public Points {
        if (values.length != (long) n * d) {
            throw new IllegalArgumentException("expected " + n + " × " + d + " values, got " + values.length);
        }
    }

    public static Points of(double[][] rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        double[] values = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, values, i * d, d);
        }
        return new Points(values, rows.length, d);
    }

    public Points subset(int[] indices) {
        double[] picked = new double[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * d, picked, i * d, d);
        }
        return new Points(picked, indices.length, d);
    }

    /** Squared Euclidean distance between point i and row c of centers (k × d, row-major). */
    double distanceSquared(int i, double[] centers, int c) {
        return distanceSquared(values, i, centers, c, d);
    }

    static double distanceSquared(double[] a, int rowA, double[] b, int rowB, int d) {
        int p = rowA * d;
        int q = rowB * d;
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double diff = a[p + j] - b[q + j];
            sum += diff * diff;
        }
        return sum;
    }
}
