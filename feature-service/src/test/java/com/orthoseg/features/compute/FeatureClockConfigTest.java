package com.orthoseg.features.compute;

import com.orthoseg.features.FeatureConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code orthoseg.clock} (environment variable ORTHOSEG_CLOCK) as DESIGN.md spells its values chooses
 * the clock: a unit test of the configuration mapping and {@link FeatureClock}, no Kafka or PostgreSQL
 * (the other tests replace the clock to move time by hand).
 */
class FeatureClockConfigTest {

    private static final Instant NEWEST = Instant.parse("2025-07-14T16:30:00Z");

    private static FeatureClock clock(Map<String, String> properties) {
        return clock(new PropertiesConfigSource(properties, "test", 100));
    }

    private static FeatureClock clock(ConfigSource source) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(FeatureConfig.class)
                // Quarkus' own converters, for "1m" and "64M" in the mapping's defaults
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(source)
                .build();
        return new FeatureClock(config.getConfigMapping(FeatureConfig.class));
    }

    @Test
    void eventTimeEvaluatesAtTheMidnightAfterTheNewestEvent() {
        FeatureClock clock = clock(Map.of("orthoseg.clock", "event-time"));

        assertThat(clock.asOf(NEWEST)).isEqualTo(Instant.parse("2025-07-15T00:00:00Z"));
        assertThat(clock.asOf(null)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void wallIsTheDefaultAndReadsTheClockWhateverTheEvents() {
        for (FeatureClock clock : new FeatureClock[]{clock(Map.of()), clock(Map.of("orthoseg.clock", "wall"))}) {
            Instant before = Instant.now();
            Instant asOf = clock.asOf(NEWEST);
            assertThat(asOf).isBetween(before, Instant.now());
        }
    }

    @Test
    void anUnknownClockStopsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> clock(Map.of("orthoseg.clock", "event_times")))
                .hasMessageContaining("orthoseg.clock");
    }

    @Test
    void theEnvironmentVariableNameMapsToTheProperty() {
        FeatureClock clock = clock(new EnvConfigSource(Map.of("ORTHOSEG_CLOCK", "event-time"), 300));

        assertThat(clock.asOf(NEWEST)).isEqualTo(Instant.parse("2025-07-15T00:00:00Z"));
    }
}
