package com.orthoseg.segments.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.report.ReportDoctor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every doctor with the region and segments the reports group by, in one query. */
@ApplicationScoped
public class ReportQueries {

    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    private final Pool pool;
    private final SegmentStore store;

    public ReportQueries(Pool pool, SegmentStore store) {
        this.pool = pool;
        this.store = store;
    }

    public Uni<List<ReportDoctor>> doctors() {
        return pool.query("""
                        SELECT f.doctor_id, r.region, f.features::text, f.has_profile, f.has_orders, f.has_complaints,
                               f.has_instructions, c.segment_id, m.segment_id
                        FROM doctor_features f
                        LEFT JOIN doctor_region r ON r.doctor_id = f.doctor_id
                        LEFT JOIN assignment c ON c.doctor_id = f.doctor_id AND c.scheme = 'clusters'
                        LEFT JOIN assignment m ON m.doctor_id = f.doctor_id AND m.scheme = 'rfm'
                        ORDER BY f.doctor_id""")
                .execute()
                .map(rows -> {
                    List<ReportDoctor> doctors = new ArrayList<>(rows.size());
                    rows.forEach(row -> {
                        Map<Scheme, String> segments = new EnumMap<>(Scheme.class);
                        if (row.getString(7) != null) {
                            segments.put(Scheme.clusters, row.getString(7));
                        }
                        if (row.getString(8) != null) {
                            segments.put(Scheme.rfm, row.getString(8));
                        }
                        doctors.add(new ReportDoctor(row.getString(0), row.getString(1), store.read(row.getString(2), FEATURES),
                                new Coverage(row.getBoolean(3), row.getBoolean(4), row.getBoolean(5), row.getBoolean(6)),
                                segments));
                    });
                    return doctors;
                });
    }
}
