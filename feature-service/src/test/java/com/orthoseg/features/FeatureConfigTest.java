package com.orthoseg.features;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings the service cannot run with stop start-up naming the property: a unit test of the mapping alone. */
class FeatureConfigTest {

    private static FeatureConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(FeatureConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build().getConfigMapping(FeatureConfig.class);
    }

    @Test
    void theDefaultsAreUsable() {
        FeatureConfig.Features features = config(Map.of()).features();
        assertThat(features.slidingInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(features.slidingBatchSize()).isEqualTo(1000);
        assertThat(features.parallelism()).isEqualTo(2);
        assertThat(features.relayBatchSize()).isEqualTo(5000);
    }

    @Test
    void aCountBelowOneOrAnIntervalBelowAMillisecondIsRefusedNamingTheProperty() {
        Map<String, String> refused = Map.of(
                "orthoseg.features.parallelism", "0",
                "orthoseg.features.sliding-batch-size", "0",
                "orthoseg.features.relay-batch-size", "-5",
                "orthoseg.features.sliding-interval", "0.0005s");
        refused.forEach((property, value) -> assertThatThrownBy(() -> config(Map.of(property, value)))
                .as(property).hasStackTraceContaining(property).hasStackTraceContaining(property.endsWith("interval")
                        ? "must be at least 1ms, got 0.0005s" : "must be at least 1, got " + value));
    }
}
