package com.orthoseg.features.compute;

import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.features.store.FeatureStore;
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

    /** Answers the DoctorFeatures records to publish: one per doctor whose features changed. */
    public Uni<List<DoctorFeatures>> recompute(SqlConnection conn, Collection<String> doctorIds, Instant asOf) {
        if (doctorIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = List.copyOf(new TreeSet<>(doctorIds));
        return store.lockFeatures(conn, ids).flatMap(stored -> store.loadDoctors(conn, ids).flatMap(doctors -> {
            List<ComputedFeatures> changed = new ArrayList<>();
            List<ComputedFeatures> unchanged = new ArrayList<>();
            for (DoctorData doctor : doctors.values()) {
                ComputedFeatures computed = FeatureCalculator.compute(doctor, asOf);
                StoredFeatures before = stored.get(doctor.doctorId());
                if (before != null && computed.sameAs(before.features(), before.coverage())) {
                    unchanged.add(computed);
                } else {
                    changed.add(computed);
                }
            }
            return store.saveNextExpiry(conn, unchanged).flatMap(x -> store.saveChanged(conn, changed));
        }));
    }
}
