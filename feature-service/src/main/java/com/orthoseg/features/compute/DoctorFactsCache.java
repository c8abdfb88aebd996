package com.orthoseg.features.compute;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.orthoseg.features.FeatureConfig;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The facts of recently recomputed doctors and the features stored from them, so that a
 * recomputation need not read all of a doctor's orders and complaints, nor its features, again. An
 * entry is valid only for the facts stamp it was stored with
 * ({@code doctor_features.facts_version}, read under the row lock): every recomputation, another
 * instance's after a rebalance included, leaves a new stamp, and a rolled-back stamp is never stored.
 * Bounded by the heap its entries take (Caffeine, least recently and frequently used out first).
 */
@ApplicationScoped
public class DoctorFactsCache {

    private final Cache<String, Entry> cache;

    @Inject
    public DoctorFactsCache(FeatureConfig config) {
        this(config.features().factsCacheMemory().map(MemorySize::asLongValue)
                .orElse(Runtime.getRuntime().maxMemory() / 4));
    }

    DoctorFactsCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String doctorId, Entry entry) -> entry.cached().heapBytes())
                // evict on the thread that adds, so the cache is within its bound when put returns
                .executor(Runnable::run)
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

        /*
         * Heap an entry takes, from a class histogram of the service holding 50,000 doctors with
         * 1,000,000 orders (docs/benchmarks.md "Facts cache footprint"): an order 94 bytes (the record,
         * its Instant and BigDecimal, a list slot); a doctor about 300 bytes of cache node, key, records
         * and list besides its features JSON (ASCII, a byte a character). A complaint, a profile and the
         * instructions are estimated from their fields (strings of typical length, boxed numbers).
         */
        static final int ORDER_BYTES = 100;
        static final int COMPLAINT_BYTES = 250;
        static final int PROFILE_BYTES = 300;
        static final int INSTRUCTIONS_BYTES = 100;
        static final int DOCTOR_BYTES = 300;

        int heapBytes() {
            return DOCTOR_BYTES + featuresJson.length()
                    + (facts.profile() == null ? 0 : PROFILE_BYTES)
                    + (facts.instructions() == null ? 0 : INSTRUCTIONS_BYTES)
                    + ORDER_BYTES * facts.orders().size()
                    + COMPLAINT_BYTES * facts.complaints().size();
        }
    }

    private record Entry(long factsVersion, Cached cached) {
    }
}
