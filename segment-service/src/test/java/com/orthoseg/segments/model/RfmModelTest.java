package com.orthoseg.segments.model;

import com.orthoseg.events.DoctorFeatures.Coverage;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores a generated population with the frozen edges of a trained version and with a plain reading of
 * DESIGN.md's rule (sort, rank, bin = 1 + #{j : r > 1 + j(n−1)/5}): the same R, F, M for every doctor,
 * ties included. The end-to-end check through Kafka and PostgreSQL is in RfmSegmentsTest.
 */
public class RfmModelTest {

    static final Coverage ALL_SOURCES = new Coverage(true, true, true, true);

    @Test
    void frozenEdgesReproduceTheRankRuleForEveryDoctor() {
        for (int n : new int[]{1, 2, 3, 4, 5, 6, 7, 11, 50, 333}) {
            List<TrainingDoctor> doctors = population(n, new MersenneTwister(n));
            RfmModel model = RfmTrainer.train(doctors);
            Map<String, int[]> expected = plainScores(doctors);
            for (TrainingDoctor doctor : doctors) {
                RfmModel.Scores scores = model.scores(RfmModel.values(doctor.features()), doctor.doctorId());
                assertThat(new int[]{scores.r(), scores.f(), scores.m()}).as("n=%d %s", n, doctor.doctorId())
                        .isEqualTo(expected.get(doctor.doctorId()));
                int[] e = expected.get(doctor.doctorId());
                assertThat(model.place(doctor.doctorId(), doctor.features(), ALL_SOURCES, null).segmentId())
                        .isEqualTo(RfmGrid.segment(e[0], e[1], e[2]).id());
            }
        }
    }

    @Test
    void doctorsWithoutOrdersOrProfileAreNotScored() {
        RfmModel model = RfmTrainer.train(population(20, new MersenneTwister(1)));
        Map<String, Double> noOrders = new HashMap<>();
        noOrders.put("ordersTotal", 0.0);
        noOrders.put("daysSinceLastOrder", null);
        assertThat(model.place("X", noOrders, new Coverage(true, false, false, false), null).notSegmentedBecause()).startsWith("no orders");
        assertThat(model.place("X", Map.of("ordersTotal", 3.0, "daysSinceLastOrder", 4.0), new Coverage(false, true, false, false), null).segmented()).isFalse();
    }

    @Test
    void theGridReadsAsTheTableOfDesignMd() {
        assertThat(RfmGrid.segment(5, 1, 1).name()).isEqualTo("New Customers");
        assertThat(RfmGrid.segment(5, 5, 4).name()).isEqualTo("Champions");
        assertThat(RfmGrid.segment(3, 2, 3).name()).isEqualTo("Need Attention");
        assertThat(RfmGrid.segment(2, 5, 5).name()).isEqualTo("Cannot Lose Them");
        assertThat(RfmGrid.segment(1, 1, 2).name()).isEqualTo("Lost");
        assertThat(RfmGrid.segment(1, 3, 2).name()).isEqualTo("At Risk");
    }

    /** Doctors with few distinct values, so ties are everywhere; ids not in value order. */
    static List<TrainingDoctor> population(int n, MersenneTwister random) {
        List<TrainingDoctor> doctors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> f = new HashMap<>();
            f.put("daysSinceLastOrder", (double) random.nextInt(6) * 30);
            f.put("ordersTotal", 1.0 + random.nextInt(4));
            f.put("amountTotal", random.nextInt(3) == 0 ? null : 100.0 * random.nextInt(5));
            doctors.add(new TrainingDoctor(String.format("D%04d", (i * 7919) % 10007), f, ALL_SOURCES));
        }
        return doctors;
    }

    /** DESIGN.md, read literally. */
    public static Map<String, int[]> plainScores(List<TrainingDoctor> doctors) {
        Map<String, int[]> scores = new HashMap<>();
        String[] features = {"daysSinceLastOrder", "ordersTotal", "amountTotal"};
        int n = doctors.size();
        for (int dimension = 0; dimension < 3; dimension++) {
            String feature = features[dimension];
            List<TrainingDoctor> sorted = new ArrayList<>(doctors);
            sorted.sort(Comparator.comparingDouble((TrainingDoctor d) -> value(d, feature)).thenComparing(TrainingDoctor::doctorId));
            for (int position = 0; position < n; position++) {
                int r = position + 1;
                int bin = 1;
                for (int j = 1; j <= 4; j++) {
                    if (r > 1 + j * (n - 1) / 5.0) {
                        bin++;
                    }
                }
                int[] s = scores.computeIfAbsent(sorted.get(position).doctorId(), id -> new int[3]);
                s[dimension] = dimension == 0 ? 6 - bin : bin;
            }
        }
        return scores;
    }

    private static double value(TrainingDoctor doctor, String feature) {
        Double v = doctor.features().get(feature);
        return v == null ? 0 : v;
    }
}
