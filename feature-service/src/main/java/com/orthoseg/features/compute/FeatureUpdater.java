package com.orthoseg.features.compute;

import com.orthoseg.features.store.FeatureStore;
import com.orthoseg.features.store.FeatureStore.FeaturesRow;
import com.orthoseg.features.store.FeatureStore.StoredFeatures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Recomputes doctors' features inside a transaction and stores (with an outbox record) those that
 * changed. The features rows are locked first, so the consumer and the sliding pass never race on
 * a doctor.
 */
@ApplicationScoped
public class FeatureUpdater {

    private final FeatureStore store;

    public FeatureUpdater(FeatureStore store) {
        this.store = store;
    }

    /** Answers how many doctors' features changed (each has an outbox record to publish). */
    public Uni<Integer> recompute(SqlConnection conn, Collection<String> doctorIds, Instant asOf) {
        if (doctorIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> ids = List.copyOf(new TreeSet<>(doctorIds));
        return store.lockFeatures(conn, ids).flatMap(stored -> store.loadDoctors(conn, ids).flatMap(doctors -> {
            List<FeaturesRow> changed = new ArrayList<>();
            List<ComputedFeatures> unchanged = new ArrayList<>();
            for (DoctorData doctor : doctors.values()) {
                ComputedFeatures computed = FeatureCalculator.compute(doctor, asOf);
                String json = store.json(computed.features());
                StoredFeatures before = stored.get(doctor.doctorId());
                if (before != null && before.featuresJson().equals(json) && before.coverage().equals(computed.coverage())) {
                    unchanged.add(computed);
                } else {
                    changed.add(new FeaturesRow(computed, json));
                }
            }
            return store.saveNextExpiry(conn, unchanged).flatMap(x -> store.saveChanged(conn, changed));
        }));
    }
}
