package com.orthoseg.segments.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClusterQualityTest {

    @Test
    void adjustedRandIndexIgnoresLabelNames() {
        int[] a = {0, 0, 1, 1, 2, 2};
        int[] b = {2, 2, 0, 0, 1, 1};
        assertThat(ClusterQuality.adjustedRandIndex(a, 3, b, 3)).isEqualTo(1.0);
    }

    @Test
    void adjustedRandIndexOfAKnownExample() {
        // scikit-learn's documented example: adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]) = 0.5714…
        assertThat(ClusterQuality.adjustedRandIndex(new int[]{0, 0, 1, 2}, 3, new int[]{0, 0, 1, 1}, 2))
                .isCloseTo(0.5714285714, within(1e-9));
    }

    @Test
    void silhouetteOfSeparatedAndOfMixedClusters() {
        Points points = Points.of(new double[][]{{0}, {0.1}, {10}, {10.1}});
        assertThat(ClusterQuality.silhouette(points, new int[]{0, 0, 1, 1}, 2)).isGreaterThan(0.98);
        assertThat(ClusterQuality.silhouette(points, new int[]{0, 1, 0, 1}, 2)).isLessThan(0);
    }
}
