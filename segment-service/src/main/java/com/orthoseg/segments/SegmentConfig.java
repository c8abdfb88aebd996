package com.orthoseg.segments;

import com.orthoseg.segments.model.ClusterSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "orthoseg.segments")
public interface SegmentConfig {

    Clusters clusters();

    /** How often a new version of each scheme is trained as a preview (0 = only on demand). */
    @WithDefault("7d")
    Duration retrainInterval();

    /** How often the schedule is looked at (and a scheme without any version gets its first). */
    @WithDefault("1m")
    Duration checkInterval();

    /** Profiled doctors needed before a scheme's first version is trained on schedule. */
    @WithDefault("20")
    int minDoctors();

    /** Activate a scheme's first version at once when it passes the quality gate (there is nothing to preview against). */
    @WithDefault("true")
    boolean activateFirstVersion();

    /** false holds SegmentChanged records in the outbox (for example while a subscriber is migrated). */
    @WithDefault("true")
    boolean publish();

    /** SegmentChanged records relayed from the outbox per transaction. */
    @WithDefault("1000")
    int relayBatchSize();

    interface Clusters {

        @WithDefault("3")
        int kMin();

        @WithDefault("8")
        int kMax();

        @WithDefault("4")
        int restarts();

        @WithDefault("5")
        int resamples();

        @WithDefault("0.6")
        double minStability();

        @WithDefault("0.03")
        double minSegmentShare();

        @WithDefault("20000")
        int qualitySample();

        @WithDefault("2000")
        int silhouetteSample();

        /** A doctor moves only to a segment whose centroid is closer by this fraction of the distance to its own. */
        @WithDefault("0.1")
        double hysteresis();

        @WithDefault("42")
        long seed();

        default ClusterSettings settings() {
            return new ClusterSettings(kMin(), kMax(), restarts(), resamples(), minStability(), minSegmentShare(),
                    qualitySample(), silhouetteSample(), hysteresis(), seed());
        }
    }
}
