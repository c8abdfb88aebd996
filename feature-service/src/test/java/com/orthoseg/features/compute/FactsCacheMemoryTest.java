package com.orthoseg.features.compute;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How much {@link DoctorFactsCache} keeps within its heap budget: a unit test, no Kafka or PostgreSQL. */
class FactsCacheMemoryTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final String FEATURES_JSON = "{\"f\":\"" + "x".repeat(992) + "\"}";

    private static DoctorData doctorWithOrders(String doctorId, int orders) {
        List<OrderFact> facts = IntStream.range(0, orders)
                .mapToObj(i -> new OrderFact(T.minusSeconds(i), BigDecimal.TEN, 0)).toList();
        return new DoctorData(doctorId, null, null, facts, List.of());
    }

    private static long held(DoctorFactsCache cache, int doctors) {
        return IntStream.range(0, doctors).filter(i -> cache.get("D" + i, i) != null).count();
    }

    @Test
    void aDoctorsFeaturesJsonCountsTowardsTheBudget() {
        // each entry: 300 bytes + a 1,000-character JSON + one order = 1,400 bytes; 64 KB hold 46
        DoctorFactsCache cache = new DoctorFactsCache(64 * 1024);
        for (int i = 0; i < 100; i++) {
            cache.put(doctorWithOrders("D" + i, 1), FEATURES_JSON, i);
        }

        assertThat(FEATURES_JSON).hasSize(1_000);
        assertThat(held(cache, 100)).isBetween(1L, 64L * 1024 / 1_400);
    }

    @Test
    void aDoctorWithManyOrdersTakesTheRoomOfManyDoctors() {
        DoctorFactsCache cache = new DoctorFactsCache(200 * 1024);
        for (int i = 0; i < 100; i++) {
            cache.put(doctorWithOrders("D" + i, 1_000), FEATURES_JSON, i);
        }

        // 100,000 bytes of orders an entry: at most two fit
        assertThat(held(cache, 100)).isBetween(1L, 2L);
    }

    @Test
    void everythingFitsInAnAmpleBudget() {
        DoctorFactsCache cache = new DoctorFactsCache(16 * 1024 * 1024);
        for (int i = 0; i < 1_000; i++) {
            cache.put(doctorWithOrders("D" + i, 20), FEATURES_JSON, i);
        }

        assertThat(held(cache, 1_000)).isEqualTo(1_000);
    }
}
