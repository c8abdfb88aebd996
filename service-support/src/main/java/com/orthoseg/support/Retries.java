package com.orthoseg.support;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Work retried with back-off for as long as it takes: for failures no single record can be blamed for
 * (PostgreSQL or Kafka unavailable, a lost connection, a deadlock), which pass once the other side is back.
 */
public final class Retries {

    private static final Logger LOG = Logger.getLogger(Retries.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private Retries() {
    }

    /** Subscribes to the work {@code work} supplies until it succeeds; each attempt must redo its effects. */
    public static <T> Uni<T> untilDone(Supplier<Uni<? extends T>> work, String what) {
        return whileFailing(work, e -> true, what);
    }

    /** As {@link #untilDone}, for the failures {@code retryable} accepts; any other ends the attempt. */
    static <T> Uni<T> whileFailing(Supplier<Uni<? extends T>> work, Predicate<Throwable> retryable, String what) {
        return Uni.createFrom().<T>deferred(work)
                .onFailure(retryable).invoke(e -> LOG.warnf("%s failed and is retried: %s", what, e.getMessage()))
                .onFailure(retryable).retry().withBackOff(FIRST_RETRY, LAST_RETRY).indefinitely();
    }
}
