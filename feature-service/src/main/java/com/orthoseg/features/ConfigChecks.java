package com.orthoseg.features;

import io.quarkus.runtime.configuration.DurationConverter;
import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;

/**
 * Converters that refuse settings the service cannot run with, so that start-up fails naming the
 * property (SmallRye Config puts its name in the error) instead of the service looping or failing later.
 * Written here because Hibernate Validator, which would check such bounds on a config mapping, is not
 * otherwise needed by the service.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /** A count of 1 or more: 0 would make a batch loop forever or a poll split into no parts. */
    public static final class AtLeastOne implements Converter<Integer> {
        @Override
        public Integer convert(String value) {
            int number = Integer.parseInt(value.trim());
            if (number < 1) {
                throw new IllegalArgumentException("must be at least 1, got " + number);
            }
            return number;
        }
    }

    /** A duration of at least 1 ms (a Vert.x timer's least), written as Quarkus reads durations ({@code 1m}, {@code PT1M}). */
    public static final class PositiveDuration implements Converter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = new DurationConverter().convert(value);
            if (duration == null || duration.toMillis() < 1) {
                throw new IllegalArgumentException("must be at least 1ms, got " + value);
            }
            return duration;
        }
    }
}
