package com.orthoseg.events;

import java.time.Duration;
import java.time.Instant;

/** Which event times can be real: ingest-service refuses others at the door, its consumers dead-letter or skip them. */
public final class EventTimes {

    /**
     * How far ahead of the wall clock an event may be dated: a date without a time is midnight UTC,
     * which is up to 14 hours ahead for a client east of UTC. Anything later is a typo (2062 for 2026),
     * and one such event would move the event-time clock, which never goes back, past every real event.
     */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    /** The earliest time PostgreSQL stores and every client reads. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private EventTimes() {
    }

    /** The latest event time accepted when the wall clock reads {@code now}. */
    public static Instant latestPossible(Instant now) {
        return now.plus(FUTURE_TOLERANCE);
    }
}
