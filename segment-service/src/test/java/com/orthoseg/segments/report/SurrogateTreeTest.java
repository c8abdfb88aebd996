package com.orthoseg.segments.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SurrogateTreeTest {

    @Test
    void findsTheThresholdsThatSeparateTheClassesAndSaysThemInWords() {
        // class 0: a ≤ 10; class 1: a > 10 and b ≤ 3; class 2: a > 10 and b > 3; c is noise
        Random random = new Random(1);
        int n = 600;
        double[][] x = new double[n][3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextInt(21);
            x[i][1] = random.nextInt(7);
            x[i][2] = random.nextDouble();
            labels[i] = x[i][0] <= 10 ? 0 : x[i][1] <= 3 ? 1 : 2;
        }
        SurrogateTree.Fit fit = SurrogateTree.fit(x, labels, 3, List.of("a", "b", "c"), 3, 5);

        assertThat(fit.correct()).isEqualTo(n);
        assertThat(fit.rules()).extracting(SurrogateTree.Rule::conditions)
                .containsExactlyInAnyOrder("a ≤ 10.5", "a > 10.5 and b ≤ 3.5", "a > 10.5 and b > 3.5");
        assertThat(fit.rules()).allSatisfy(rule -> assertThat(rule.correct()).isEqualTo(rule.doctors()));
    }

    @Test
    void mergesBoundsOnOneFeatureAndStopsAtTheDepthAndLeafSize() {
        // three bands of one feature: the second split on it reads as a range
        int n = 300;
        double[][] x = new double[n][1];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            labels[i] = i < 100 ? 0 : i < 200 ? 1 : 0;
        }
        SurrogateTree.Fit deep = SurrogateTree.fit(x, labels, 2, List.of("purchases"), 3, 5);
        assertThat(deep.correct()).isEqualTo(n);
        assertThat(deep.rules()).extracting(SurrogateTree.Rule::conditions).contains("99.5 < purchases ≤ 199.5");

        SurrogateTree.Fit stump = SurrogateTree.fit(x, labels, 2, List.of("purchases"), 0, 5);
        assertThat(stump.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.conditions()).isEqualTo("every doctor");
            assertThat(rule.label()).isZero();
            assertThat(rule.correct()).isEqualTo(200);
        });

        SurrogateTree.Fit bigLeaves = SurrogateTree.fit(x, labels, 2, List.of("purchases"), 3, 151);
        assertThat(bigLeaves.rules()).hasSize(1);
    }
}
