package com.orthoseg.features.compute;

import com.orthoseg.features.FeatureConfig;
import com.orthoseg.features.FeatureConfig.ClockMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The instant features are evaluated at (DESIGN.md "Time"): now, or the UTC midnight after the
 * newest event seen. Tests replace it to move time without sleeping.
 */
@ApplicationScoped
public class FeatureClock {

    private final ClockMode mode;
    private final Clock wall;

    @Inject
    public FeatureClock(FeatureConfig config) {
        this(config.clock(), Clock.systemUTC());
    }

    public FeatureClock(ClockMode mode, Clock wall) {
        this.mode = mode;
        this.wall = wall;
    }

    /** @param newestEventTime the newest event time seen, null if none */
    public Instant asOf(Instant newestEventTime) {
        if (mode == ClockMode.WALL) {
            return wall.instant();
        }
        return newestEventTime == null ? Instant.EPOCH
                : newestEventTime.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    }
}
