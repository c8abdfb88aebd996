package com.orthoseg.features;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * Events applied, duplicates skipped, dead letters, windows slid, facts cache hits (consumer lag:
 * service-support's {@code ConsumerLag}); registered at startup, so a service that has consumed
 * nothing yet shows them at 0 rather than not at all.
 */
@Startup
@Singleton
public class FeatureMetrics {

    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLetters;
    private final Counter slid;
    private final Counter cacheHits;
    private final Counter cacheMisses;

    public FeatureMetrics(MeterRegistry registry) {
        applied = Counter.builder("orthoseg.features.events.applied").register(registry);
        duplicates = Counter.builder("orthoseg.features.events.duplicates").register(registry);
        deadLetters = Counter.builder("orthoseg.features.events.dead.lettered").register(registry);
        slid = Counter.builder("orthoseg.features.doctors.slid").description("Doctors recomputed because time passed")
                .register(registry);
        String cache = "Recomputations by where the doctor's facts came from: memory (hit) or PostgreSQL (miss)";
        cacheHits = Counter.builder("orthoseg.features.facts.cache").tag("result", "hit").description(cache)
                .register(registry);
        cacheMisses = Counter.builder("orthoseg.features.facts.cache").tag("result", "miss").description(cache)
                .register(registry);
    }

    public void applied(int appliedEvents, int duplicateEvents, int deadLettered) {
        applied.increment(appliedEvents);
        duplicates.increment(duplicateEvents);
        deadLetters.increment(deadLettered);
    }

    public void factsCache(int hits, int misses) {
        cacheHits.increment(hits);
        cacheMisses.increment(misses);
    }

    public void slid(int doctors) {
        slid.increment(doctors);
    }
}
