package com.orthoseg.segments;

import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.assign.ModelLifecycle;
import com.orthoseg.segments.messaging.SegmentChangesRelay;
import com.orthoseg.segments.store.ModelStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The periodic work: the retrain schedule (a scheme's first version as soon as there are enough
 * doctors, then a PREVIEW every retrain interval) and a relay of the outbox every second as a safety
 * net. Vert.x timers, because quarkus-scheduler does not resolve at the Quarkus version used here.
 */
@ApplicationScoped
public class BackgroundTasks {

    private static final Logger LOG = Logger.getLogger(BackgroundTasks.class);

    private final Vertx vertx;
    private final Pool pool;
    private final ModelStore models;
    private final ModelLifecycle lifecycle;
    private final SegmentChangesRelay relay;
    private final SegmentConfig config;
    private final List<Long> timers = new CopyOnWriteArrayList<>();

    public BackgroundTasks(Vertx vertx, Pool pool, ModelStore models, ModelLifecycle lifecycle,
                           SegmentChangesRelay relay, SegmentConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.models = models;
        this.lifecycle = lifecycle;
        this.relay = relay;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timers.add(vertx.setPeriodic(config.checkInterval().toMillis(), id -> {
            for (Scheme scheme : Scheme.values()) {
                retrainIfDue(scheme).subscribe().with(v -> { },
                        failure -> LOG.warnf("Scheduled %s retrain failed: %s", scheme, failure.getMessage()));
            }
        }));
        timers.add(vertx.setPeriodic(1_000, id -> relay.trigger()));
    }

    /** Before the database pool closes, so that no retrain or relay starts on a closing pool. */
    void stop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
    }

    private Uni<Void> retrainIfDue(Scheme scheme) {
        return models.latestCreated(pool, scheme).flatMap(latest -> {
            if (latest.isPresent()) {
                Duration interval = config.retrainInterval();
                boolean due = !interval.isZero() && latest.get().plus(interval).isBefore(Instant.now());
                return due ? lifecycle.retrain(scheme).replaceWithVoid() : Uni.createFrom().voidItem();
            }
            String eligible = scheme == Scheme.rfm ? "has_profile AND has_orders" : "has_profile";
            return pool.query("SELECT count(*) FROM doctor_features WHERE " + eligible).execute()
                    .map(rows -> rows.iterator().next().getLong(0))
                    .flatMap(count -> count >= config.minDoctors()
                            ? lifecycle.retrain(scheme).replaceWithVoid() : Uni.createFrom().voidItem());
        });
    }
}
