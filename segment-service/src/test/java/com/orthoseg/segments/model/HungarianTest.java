package com.orthoseg.segments.model;

import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HungarianTest {

    @Test
    void findsTheCheapestAssignmentOfSquareMatrices() {
        MersenneTwister random = new MersenneTwister(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(6);
            double[][] cost = random(n, n, random);
            assertThat(total(cost, Hungarian.assign(cost))).isCloseTo(cheapest(cost), within(1e-9));
        }
    }

    @Test
    void leavesSurplusRowsUnmatched() {
        // rows 0 and 2 take the columns (1 + 0.5); matching rows 0 and 1 would cost 2, rows 1 and 2 1.6
        double[][] cost = {{5, 1}, {1, 5}, {0.5, 0.6}};
        assertThat(Hungarian.assign(cost)).containsExactly(1, -1, 0);
    }

    @Test
    void matchesEveryRowWhenThereAreMoreColumns() {
        MersenneTwister random = new MersenneTwister(12);
        for (int trial = 0; trial < 100; trial++) {
            double[][] cost = random(3, 5, random);
            int[] match = Hungarian.assign(cost);
            assertThat(match).doesNotContain(-1).doesNotHaveDuplicates();
            assertThat(total(cost, match)).isCloseTo(cheapestRectangular(cost), within(1e-9));
        }
    }

    private static double[][] random(int rows, int columns, MersenneTwister random) {
        double[][] cost = new double[rows][columns];
        for (double[] row : cost) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextInt(5) + random.nextDouble();
            }
        }
        return cost;
    }

    private static double total(double[][] cost, int[] match) {
        double sum = 0;
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                sum += cost[i][match[i]];
            }
        }
        return sum;
    }

    private static double cheapest(double[][] cost) {
        double best = Double.POSITIVE_INFINITY;
        for (int[] permutation : permutations(cost.length, cost.length)) {
            best = Math.min(best, total(cost, permutation));
        }
        return best;
    }

    private static double cheapestRectangular(double[][] cost) {
        double best = Double.POSITIVE_INFINITY;
        for (int[] choice : permutations(cost[0].length, cost.length)) {
            best = Math.min(best, total(cost, choice));
        }
        return best;
    }

    /** Every ordered choice of {@code length} distinct values of 0..n-1. */
    private static List<int[]> permutations(int n, int length) {
        List<int[]> all = new ArrayList<>();
        permute(new int[length], 0, new boolean[n], all);
        return all;
    }

    private static void permute(int[] prefix, int at, boolean[] used, List<int[]> all) {
        if (at == prefix.length) {
            all.add(prefix.clone());
            return;
        }
        for (int v = 0; v < used.length; v++) {
            if (!used[v]) {
                used[v] = true;
                prefix[at] = v;
                permute(prefix, at + 1, used, all);
                used[v] = false;
            }
        }
    }
}
