package com.orthoseg.features.compute;

import com.orthoseg.features.FeatureConfig;
import com.orthoseg.features.FeatureMetrics;
import com.orthoseg.features.messaging.FeaturesOutboxRelay;
import com.orthoseg.features.store.EventClockStore;
import com.orthoseg.features.store.FeaturesStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Windows slide with no new event: the doctors whose next expiry has passed are recomputed, a
 * transaction per batch of them, and their changes published. The index on next_expiry makes a pass
 * cost the number of doctors affected, not the number of doctors; passes of several replicas share
 * those doctors (each takes the rows no other transaction holds).
 */
@ApplicationScoped
public class SlidingWindowPass {

    private final Pool pool;
    private final EventClockStore eventClock;
    private final FeaturesStore store;
    private final FeatureUpdater updater;
    private final FeatureClock clock;
    private final FeaturesOutboxRelay relay;
    private final FeatureMetrics metrics;
    private final int batchSize;

    public SlidingWindowPass(Pool pool, EventClockStore eventClock, FeaturesStore store, FeatureUpdater updater,
                             FeatureClock clock, FeaturesOutboxRelay relay, FeatureMetrics metrics, FeatureConfig config) {
        this.pool = pool;
        this.eventClock = eventClock;
        this.store = store;
        this.updater = updater;
        this.clock = clock;
        this.relay = relay;
        this.metrics = metrics;
        this.batchSize = config.features().slidingBatchSize();
    }

    /**
     * Runs until no doctor is due but those another transaction holds (which that one recomputes);
     * answers how many doctors were recomputed.
     */
    public Uni<Integer> run() {
        return runFrom(0);
    }

    private Uni<Integer> runFrom(int doneSoFar) {
        return pool.withTransaction(conn -> eventClock.read(conn)
                        .flatMap(newest -> store.expiredDoctors(conn, clock.asOf(newest), batchSize)
                                .flatMap(due -> updater.recompute(conn, due, () -> clock.asOf(newest), NewFacts.none())
                                        .replaceWith(due.size()))))
                .flatMap(done -> {
                    metrics.slid(done);
                    if (done > 0) {
                        relay.trigger();
                    }
                    return done == batchSize ? runFrom(doneSoFar + done) : Uni.createFrom().item(doneSoFar + done);
                });
    }
}
