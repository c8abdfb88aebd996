package com.orthoseg.segments.model;

import java.util.Arrays;

/**
 * Minimum-cost assignment of rows to columns (Kuhn–Munkres with potentials, O(n³)), for matching a
 * new model version's centroids to the previous version's. Rectangular matrices are padded with zero
 * cost, so surplus rows stay unmatched. Written here because commons-math3 has none, and a graph
 * library for one k × k matrix (k ≤ a few dozen) would be more code to adapt than this.
 */
public final class Hungarian {

    private Hungarian() {
    }

    /** For each row, the column assigned to it, or -1 when there are more rows than columns. */
    public static int[] assign(double[][] cost) {
        int rows = cost.length;
        int columns = rows == 0 ? 0 : cost[0].length;
        int n = Math.max(rows, columns);
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] matchedRow = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            matchedRow[0] = i;
            int j0 = 0;
            double[] minimum = new double[n + 1];
            boolean[] used = new boolean[n + 1];
            Arrays.fill(minimum, Double.POSITIVE_INFINITY);
            do {
                used[j0] = true;
                int i0 = matchedRow[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double reduced = cell(cost, i0 - 1, j - 1, rows, columns) - u[i0] - v[j];
                        if (reduced < minimum[j]) {
                            minimum[j] = reduced;
                            way[j] = j0;
                        }
                        if (minimum[j] < delta) {
                            delta = minimum[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[matchedRow[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minimum[j] -= delta;
                    }
                }
                j0 = j1;
            } while (matchedRow[j0] != 0);
            do {
                int j1 = way[j0];
                matchedRow[j0] = matchedRow[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[rows];
        Arrays.fill(assignment, -1);
        for (int j = 1; j <= n; j++) {
            int row = matchedRow[j] - 1;
            if (row >= 0 && row < rows && j - 1 < columns) {
                assignment[row] = j - 1;
            }
        }
        return assignment;
    }

    private static double cell(double[][] cost, int row, int column, int rows, int columns) {
        return row < rows && column < columns ? cost[row][column] : 0;
    }
}
