package com.orthoseg.segments.model;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KMeansTest {

    @Test
    void hamerlysBoundsGiveExactlyLloydsResult() {
        Points points = blobs(6_000, 8, 6, 1.5, new MersenneTwister(1));
        for (int run = 0; run < 5; run++) {
            double[] start = KMeans.seed(points, 6, new MersenneTwister(100 + run));
            KMeans.Result fast = new KMeans(500, 0).run(points, start, 6);
            BruteForce slow = lloyd(points, start, 6);
            assertThat(fast.labels()).isEqualTo(slow.labels);
            assertThat(fast.iterations()).isEqualTo(slow.iterations);
            for (int j = 0; j < start.length; j++) {
                assertThat(fast.centroids()[j]).isCloseTo(slow.centroids[j], within(1e-9));
            }
            assertThat(fast.inertia()).isCloseTo(slow.inertia, within(1e-6 * slow.inertia));
        }
    }

    @Test
    void overlappingClustersStillMatchLloyd() {
        Points points = blobs(3_000, 4, 5, 6.0, new MersenneTwister(2));
        double[] start = KMeans.seed(points, 9, new MersenneTwister(3));
        KMeans.Result fast = new KMeans(1_000, 0).run(points, start, 9);
        assertThat(fast.labels()).isEqualTo(lloyd(points, start, 9).labels);
    }

    @Test
    void findsWellSeparatedClusters() {
        int n = 4_000;
        Points points = blobs(n, 5, 4, 0.5, new MersenneTwister(4));
        KMeans.Result fit = new KMeans(300, 1e-4).fit(points, 4, 4, new MersenneTwister(5));
        assertThat(ClusterQuality.adjustedRandIndex(fit.labels(), 4, truth(n, 4), 4)).isEqualTo(1.0);
    }

    @Test
    void theSameSeedGivesTheSameFit() {
        Points points = blobs(2_000, 3, 3, 2.0, new MersenneTwister(6));
        KMeans.Result first = new KMeans(300, 1e-4).fit(points, 3, 3, new MersenneTwister(7));
        KMeans.Result second = new KMeans(300, 1e-4).fit(points, 3, 3, new MersenneTwister(7));
        assertThat(second.labels()).isEqualTo(first.labels());
        assertThat(second.centroids()).isEqualTo(first.centroids());
    }

    @Test
    void anEmptiedClusterTakesTheFarthestPoint() {
        double[][] rows = {{0, 0}, {0, 1}, {10, 0}, {10, 1}, {50, 0}};
        Points points = Points.of(rows);
        // two centroids start on the same spot: one of them is left empty after the first assignment
        double[] start = {0, 0.5, 0, 0.5, 10, 0.5};
        KMeans.Result fit = new KMeans(100, 0).run(points, start, 3);
        int[] sizes = new int[3];
        for (int label : fit.labels()) {
            sizes[label]++;
        }
        assertThat(sizes).doesNotContain(0);
        assertThat(fit.inertia()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void refusesMoreClustersThanPoints() {
        Points points = Points.of(new double[][]{{1}, {2}});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KMeans(10, 0).fit(points, 3, 1, new MersenneTwister(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Point i belongs to blob i % k; blob centers 10 apart on a diagonal lattice. */
    static Points blobs(int n, int d, int k, double spread, RandomGenerator random) {
        double[] values = new double[n * d];
        for (int i = 0; i < n; i++) {
            int blob = i % k;
            for (int j = 0; j < d; j++) {
                values[i * d + j] = 10.0 * ((blob + j) % k) + spread * random.nextGaussian();
            }
        }
        return new Points(values, n, d);
    }

    static int[] truth(int n, int k) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
        }
        return labels;
    }

    record BruteForce(int[] labels, double[] centroids, double inertia, int iterations) {
    }

    /** The textbook algorithm: every distance, every iteration, until no label changes. */
    static BruteForce lloyd(Points x, double[] start, int k) {
        int n = x.n();
        int d = x.d();
        double[] c = start.clone();
        int[] labels = new int[n];
        assignAll(x, c, k, labels);
        int iterations = 0;
        while (true) {
            iterations++;
            double[] sums = new double[k * d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i] * d + j] += x.values()[i * d + j];
                }
            }
            for (int m = 0; m < k; m++) {
                for (int j = 0; j < d; j++) {
                    c[m * d + j] = counts[m] == 0 ? c[m * d + j] : sums[m * d + j] / counts[m];
                }
            }
            int[] before = labels.clone();
            assignAll(x, c, k, labels);
            if (java.util.Arrays.equals(before, labels)) {
                break;
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += x.distanceSquared(i, c, labels[i]);
        }
        return new BruteForce(labels, c, inertia, iterations);
    }

    private static void assignAll(Points x, double[] c, int k, int[] labels) {
        for (int i = 0; i < x.n(); i++) {
            int best = 0;
            for (int m = 1; m < k; m++) {
                if (x.distanceSquared(i, c, m) < x.distanceSquared(i, c, best)) {
                    best = m;
                }
            }
            labels[i] = best;
        }
    }
}
