package com.orthoseg.features;

import com.orthoseg.features.compute.SlidingWindowPass;
import com.orthoseg.features.messaging.FeaturesOutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The periodic work: the sliding-window pass, and a relay of the outbox every second as a safety net
 * (after a Kafka outage, records wait there). Vert.x timers, because quarkus-scheduler does not
 * resolve at the Quarkus version used here.
 */
@ApplicationScoped
public class BackgroundTasks {

    private static final Logger LOG = Logger.getLogger(BackgroundTasks.class);

    private final Vertx vertx;
    private final SlidingWindowPass slidingPass;
    private final FeaturesOutboxRelay relay;
    private final FeatureConfig config;
    private final List<Long> timers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean sliding = new AtomicBoolean();

    public BackgroundTasks(Vertx vertx, SlidingWindowPass slidingPass, FeaturesOutboxRelay relay, FeatureConfig config) {
        this.vertx = vertx;
        this.slidingPass = slidingPass;
        this.relay = relay;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timers.add(vertx.setPeriodic(config.features().slidingInterval().toMillis(), id -> slide()));
        timers.add(vertx.setPeriodic(1_000, id -> relay.trigger()));
    }

    /** Before the database pool closes, so that no pass starts on a closing pool. */
    void stop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
    }

    private void slide() {
        if (!sliding.compareAndSet(false, true)) {
            return;
        }
        slidingPass.run().subscribe().with(doctors -> {
            sliding.set(false);
            if (doctors > 0) {
                LOG.infof("Sliding windows: %d doctor(s) recomputed", doctors);
            }
        }, failure -> {
            sliding.set(false);
            LOG.warnf("Sliding-window pass failed, retried at the next interval: %s", failure.getMessage());
        });
    }
}
