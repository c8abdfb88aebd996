package com.orthoseg.features.compute;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.orthoseg.features.FeatureConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The facts of recently recomputed doctors and the features stored from them, so that a
 * recomputation need not read all of a doctor's orders and complaints, nor its features, again. An
 * entry is valid only for the facts stamp it was stored with
 * ({@code doctor_features.facts_version}, read under the row lock): every recomputation, another
 * instance's after a rebalance included, leaves a new stamp, and a rolled-back stamp is never stored.
 * Bounded by the number of facts held (Caffeine, least recently and frequently used out first).
 */
@ApplicationScoped
public class DoctorFactsCache {

    /** Heap taken by one cached order (the record, its Instant and BigDecimal, a list slot): an estimate. */
    private static final long BYTES_PER_FACT = 100;

    private final Cache<String, Entry> cache;

    public DoctorFactsCache(FeatureConfig config) {
        long facts = config.features().factsCacheSize()
                .orElse(Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_FACT);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(facts)
                .weigher((String doctorId, Entry entry) -> entry.weight())
                .build();
    }

    /** The doctor's facts and stored features JSON if they were cached with this stamp, else null. */
    public Cached get(String doctorId, long factsVersion) {
        Entry entry = cache.getIfPresent(doctorId);
        return entry != null && entry.factsVersion() == factsVersion ? entry.cached() : null;
    }

    public void put(DoctorData facts, String featuresJson, long factsVersion) {
        cache.put(facts.doctorId(), new Entry(factsVersion, new Cached(facts, featuresJson)));
    }

    /** A doctor's facts and the features JSON stored with them. */
    public record Cached(DoctorData facts, String featuresJson) {
    }

    private record Entry(long factsVersion, Cached cached) {
        int weight() {
            return 1 + cached.facts().orders().size() + cached.facts().complaints().size();
        }
    }
}
