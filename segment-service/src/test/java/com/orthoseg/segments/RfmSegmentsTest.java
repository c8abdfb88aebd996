package com.orthoseg.segments;

import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.segments.model.RfmGrid;
import com.orthoseg.segments.model.TrainingDoctor;
import com.orthoseg.segments.model.RfmModelTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generated order history (ties on every value) turned into features, through doctor-features and
 * PostgreSQL: every doctor's RFM segment equals DESIGN.md's rule applied by a plain implementation.
 */
@QuarkusTest
class RfmSegmentsTest {

    private static final Instant AS_OF = Instant.parse("2026-06-30T00:00:00Z");

    @Test
    void everyDoctorsSegmentFollowsTheRankRule() {
        SegmentsDatabase.reset();
        Random random = new Random(21);
        Map<String, DoctorFeatures> all = new HashMap<>();
        List<TrainingDoctor> scored = new ArrayList<>();
        for (int i = 0; i < 370; i++) {
            String id = String.format("R-%03d", (i * 37) % 1000);
            boolean profiled = i % 25 != 0;
            int orders = i % 10 == 0 ? 0 : 1 + random.nextInt(4);
            Map<String, Double> f = history(orders, random);
            all.put(id, new DoctorFeatures(id, AS_OF, 1, f, new Coverage(profiled, orders > 0, false, false)));
            if (profiled && orders > 0) {
                scored.add(new TrainingDoctor(id, f, null));
            }
        }
        try (FeaturesSender sender = new FeaturesSender()) {
            all.values().forEach(sender::send);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> SegmentsDatabase.number("SELECT count(*) FROM doctor_features") == all.size());
        SegmentsApi.trainAndActivate("rfm");

        Map<String, int[]> expected = RfmModelTest.plainScores(scored);
        for (DoctorFeatures doctor : all.values()) {
            JsonPath rfm = SegmentsApi.scheme(doctor.doctorId(), "rfm");
            int[] rfmScores = expected.get(doctor.doctorId());
            if (rfmScores == null) {
                assertThat(rfm.getBoolean("segmented")).as(doctor.doctorId()).isFalse();
                assertThat(rfm.getString("notSegmentedBecause")).startsWith(doctor.coverage().hasProfile() ? "no orders" : "no profile");
                continue;
            }
            assertThat(rfm.getString("segment.segmentId")).as(doctor.doctorId())
                    .isEqualTo(RfmGrid.segment(rfmScores[0], rfmScores[1], rfmScores[2]).id());
            assertThat(rfm.getList("drivers.value", Float.class).get(1).doubleValue())
                    .isEqualTo(doctor.features().get("ordersTotal"));
        }
    }

    /**
     * The features of {@code orders} orders placed on whole days before AS_OF, amounts from a few
     * values or unknown: recency floor-days to AS_OF, distinct orders, sum of known amounts.
     */
    private static Map<String, Double> history(int orders, Random random) {
        Map<String, Double> f = new HashMap<>();
        int newest = Integer.MAX_VALUE;
        double amount = 0;
        boolean anyAmount = false;
        for (int o = 0; o < orders; o++) {
            int daysAgo = random.nextInt(8) * 45;
            newest = Math.min(newest, daysAgo);
            if (random.nextInt(4) > 0) {
                amount += 250 * random.nextInt(4);
                anyAmount = true;
            }
        }
        f.put("ordersTotal", (double) orders);
        f.put("daysSinceLastOrder", orders == 0 ? null : (double) newest);
        f.put("amountTotal", anyAmount ? amount : null);
        f.put("purchases", 10.0);
        return f;
    }
}
