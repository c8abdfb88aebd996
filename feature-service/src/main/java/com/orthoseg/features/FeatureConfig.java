package com.orthoseg.features;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "orthoseg")
public interface FeatureConfig {

    /** wall (default): windows slide with the wall clock; event-time: with the newest event seen. */
    @WithDefault("wall")
    ClockMode clock();

    Features features();

    enum ClockMode { WALL, EVENT_TIME }

    interface Features {

        /** How often the sliding pass looks for doctors whose features changed with time alone. */
        @WithDefault("1m")
        @WithConverter(ConfigChecks.PositiveDuration.class)
        Duration slidingInterval();

        /** Doctors recomputed per transaction of the sliding pass. */
        @WithDefault("1000")
        @WithConverter(ConfigChecks.AtLeastOne.class)
        int slidingBatchSize();

        /** Doctor-disjoint parts of a poll applied in concurrent transactions. */
        @WithDefault("2")
        @WithConverter(ConfigChecks.AtLeastOne.class)
        int parallelism();

        /** DoctorFeatures records relayed from the outbox per transaction. */
        @WithDefault("5000")
        @WithConverter(ConfigChecks.AtLeastOne.class)
        int relayBatchSize();

        /**
         * Heap for the facts of recently recomputed doctors (DoctorFactsCache), such as {@code 64M};
         * by default a quarter of the maximum heap.
         */
        Optional<MemorySize> factsCacheMemory();
    }
}
