package com.orthoseg.segments;

import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.DoctorFeatures.Coverage;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Doctors around four behaviour prototypes, far apart on most clustering inputs. */
final class GeneratedDoctors {

    static final int GROUPS = 4;
    private static final Coverage EVERY_SOURCE = new Coverage(true, true, true, true);
    private static final String[] NAMES = {"purchases", "ordersTotal", "orders365d", "daysSinceLastOrder", "amount365d",
            "avgOrderValue", "activeMonths365d", "complaintsTotal", "complaints365d", "complaintRate",
            "conditionJAfterShare", "rankOrdinal", "incidenceRate", "rRate", "satisfaction", "experience"};
    private static final double[][] PROTOTYPES = {
            {400, 60, 30, 3, 90_000, 3_000, 11, 2, 1, 0.03, 0.8, 9, 60, 0.9, 85, 20},
            {20, 3, 1, 200, 800, 250, 1, 12, 6, 4, 0.1, 2, 10, 0.1, -40, 2},
            {120, 15, 8, 30, 12_000, 800, 6, 1, 0, 0.07, 0.5, 5, 30, 0.5, 40, 8},
            {60, 8, 0, 500, 0, 600, 0, 5, 0, 0.6, 0.3, 4, 20, 0.3, 10, 30}};

    private GeneratedDoctors() {
    }

    /** Group g's prototype, each value moved by up to ±8%. */
    static Map<String, Double> around(int group, Random random) {
        return between(group, group, 0, random, 0.08);
    }

    /** The point a fraction t of the way from group a's prototype to group b's (no noise when random is null). */
    static Map<String, Double> between(int a, int b, double t, Random random, double noise) {
        Map<String, Double> features = new HashMap<>();
        for (int j = 0; j < NAMES.length; j++) {
            double value = PROTOTYPES[a][j] + t * (PROTOTYPES[b][j] - PROTOTYPES[a][j]);
            double jitter = random == null ? 1 : 1 + noise * (2 * random.nextDouble() - 1);
            features.put(NAMES[j], value * jitter);
        }
        features.put("isSpecialist", 1.0);
        return features;
    }

    static DoctorFeatures record(String doctorId, long sequence, Instant asOf, Map<String, Double> features) {
        return new DoctorFeatures(doctorId, asOf, sequence, features, EVERY_SOURCE);
    }
}
