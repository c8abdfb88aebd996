package com.orthoseg.features.compute;

import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.features.FeatureMetrics;
import com.orthoseg.features.compute.DoctorFactsCache.Cached;
import com.orthoseg.features.store.FactsStore;
import com.orthoseg.features.store.FeaturesStore;
import com.orthoseg.features.store.FeaturesStore.FeaturesRow;
import com.orthoseg.features.store.FeaturesStore.LockedFeatures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Recomputes doctors' features inside a transaction and stores (with an outbox row) those that
 * changed. The features rows are locked first, so the consumer and the sliding pass never race on
 * a doctor. A doctor's facts and stored features come from {@link DoctorFactsCache} when it holds them
 * at the stamp of the locked row (the batch's {@link NewFacts} added), else from PostgreSQL.
 */
@ApplicationScoped
public class FeatureUpdater {

    private final FeaturesStore store;
    private final FactsStore facts;
    private final DoctorFactsCache cache;
    private final FeatureMetrics metrics;

    public FeatureUpdater(FeaturesStore store, FactsStore facts, DoctorFactsCache cache, FeatureMetrics metrics) {
        this.store = store;
        this.facts = facts;
        this.cache = cache;
        this.metrics = metrics;
    }

    /**
     * Recomputes the doctors' features and stores those that changed, each with an outbox row to
     * publish. The clock is read once the rows are locked, and a doctor's asOf never goes back behind the stored one: a
     * recomputation that held the lock meanwhile may have stored a later instant (the sliding pass's
     * event-time clock is read when its transaction begins; replicas' wall clocks differ).
     */
    public Uni<Void> recompute(SqlConnection conn, Collection<String> doctorIds, Supplier<Instant> clock,
                                  NewFacts newFacts) {
        if (doctorIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = List.copyOf(new TreeSet<>(doctorIds));
        return store.lockFeatures(conn, ids)
                .flatMap(locked -> lockNew(conn, ids, locked))
                .flatMap(locked -> before(conn, ids, locked, newFacts)).flatMap(before -> {
            Instant asOf = clock.get();
            List<FeaturesRow> changed = new ArrayList<>();
            List<ComputedFeatures> unchanged = new ArrayList<>();
            Map<String, Cached> after = new HashMap<>();
            for (Before doctor : before.values()) {
                Instant notBack = doctor.asOf() != null && doctor.asOf().isAfter(asOf) ? doctor.asOf() : asOf;
                ComputedFeatures computed = FeatureCalculator.compute(doctor.facts(), notBack);
                String json = store.json(computed.features());
                if (json.equals(doctor.featuresJson()) && computed.coverage().equals(doctor.coverage())) {
                    unchanged.add(computed);
                } else {
                    changed.add(new FeaturesRow(computed, json));
                }
                after.put(computed.doctorId(), new Cached(doctor.facts(), json));
            }
            // a stamp that a rollback discards is never stored again, so caching before the commit is safe
            return store.saveNextExpiry(conn, unchanged)
                    .invoke(stamps -> remember(after, stamps))
                    .flatMap(x -> store.saveChanged(conn, changed))
                    .invoke(stamps -> remember(after, stamps))
                    .replaceWithVoid();
        });
    }

    /**
     * Doctors without stored features have no row to lock, yet during a rebalance another instance may
     * be writing the same new doctor from other facts (an order here, a complaint there): each gets a
     * row inserted empty and locked, or, where the other transaction inserted first, waits for that one
     * and locks its row, so its facts are read after the other's commit.
     */
    private Uni<Map<String, LockedFeatures>> lockNew(SqlConnection conn, List<String> ids, Map<String, LockedFeatures> locked) {
        List<String> missing = ids.stream().filter(id -> !locked.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(locked);
        }
        return store.claimNewDoctors(conn, missing).flatMap(inserted -> {
            List<String> insertedElsewhere = missing.stream().filter(id -> !inserted.contains(id)).toList();
            return insertedElsewhere.isEmpty() ? Uni.createFrom().item(locked)
                    : store.lockFeatures(conn, insertedElsewhere).invoke(locked::putAll).replaceWith(locked);
        });
    }

    /** Each doctor's facts and stored features before the recomputation (no features yet: null). */
    private Uni<Map<String, Before>> before(SqlConnection conn, List<String> ids, Map<String, LockedFeatures> locked,
                                           NewFacts newFacts) {
        Map<String, Before> before = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> unknownFeatures = new ArrayList<>();
        for (String id : ids) {
            LockedFeatures row = locked.get(id);
            Cached cached = row == null || newFacts.rereads(id) ? null : cache.get(id, row.factsVersion());
            if (cached != null) {
                before.put(id, new Before(newFacts.addedTo(cached.facts()), cached.featuresJson(), row.coverage(),
                        row.asOf()));
            } else {
                unknown.add(id);
                if (row != null) {
                    unknownFeatures.add(id);
                }
            }
        }
        metrics.factsCache(before.size(), unknown.size());
        return facts.loadDoctors(conn, unknown).flatMap(loaded -> store.featuresJson(conn, unknownFeatures).map(json -> {
            for (String id : unknown) {
                LockedFeatures row = locked.get(id);
                before.put(id, row == null ? new Before(loaded.get(id), null, null, null)
                        : new Before(loaded.get(id), json.get(id), row.coverage(), row.asOf()));
            }
            return before;
        }));
    }

    private void remember(Map<String, Cached> after, Map<String, Long> stamps) {
        stamps.forEach((doctorId, stamp) -> {
            Cached doctor = after.get(doctorId);
            cache.put(doctor.facts(), doctor.featuresJson(), stamp);
        });
    }

    /** A doctor's facts and what is stored for it (no features yet: nulls). */
    private record Before(DoctorData facts, String featuresJson, DoctorFeatures.Coverage coverage, Instant asOf) {
    }
}
