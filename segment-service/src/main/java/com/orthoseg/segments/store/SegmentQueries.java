package com.orthoseg.segments.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.orthoseg.events.SegmentChanged.Driver;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.assign.Assignment;
import com.orthoseg.segments.assign.DoctorState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.orthoseg.segments.store.SegmentStore.utc;

/** The reads of the support API. */
@ApplicationScoped
public class SegmentQueries {

    private static final TypeReference<List<Driver>> DRIVERS = new TypeReference<>() {
    };

    /** One row of a doctor's segment history; segmentId null when the doctor left every segment. */
    public record HistoryEntry(UUID eventId, Scheme scheme, String segmentId, String segmentName, String modelVersion,
                               String reason, double margin, List<Driver> drivers, UUID causationId, Instant changedAt) {
    }

    /** A doctor in a segment. */
    public record Member(String doctorId, Instant since, double margin, String modelVersion) {
    }

    public record Page(long total, int page, int size, List<Member> doctors) {
    }

    public enum Sort {
        doctorId("doctor_id"), since("since"), margin("margin");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    private final Pool pool;
    private final SegmentStore store;

    public SegmentQueries(Pool pool, SegmentStore store) {
        this.pool = pool;
        this.store = store;
    }

    public Uni<Optional<DoctorState>> doctor(String doctorId) {
        return pool.preparedQuery(SegmentStore.DOCTOR_COLUMNS + " WHERE doctor_id = $1").execute(Tuple.of(doctorId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(store.doctor(rows.iterator().next())));
    }

    public Uni<Map<Scheme, Assignment>> assignments(String doctorId) {
        return pool.withConnection(conn -> store.assignments(conn, List.of(doctorId)))
                .map(all -> all.getOrDefault(doctorId, new EnumMap<>(Scheme.class)));
    }

    /** The doctor's history, oldest first; up to {@code at} when given. */
    public Uni<List<HistoryEntry>> history(String doctorId, Instant at) {
        String sql = "SELECT event_id, scheme, segment_id, segment_name, model_version, reason, margin, drivers::text, "
                + "causation_id, changed_at FROM assignment_history WHERE doctor_id = $1"
                + (at == null ? "" : " AND changed_at <= $2") + " ORDER BY changed_at, id";
        Tuple args = at == null ? Tuple.of(doctorId) : Tuple.of(doctorId, utc(at));
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<HistoryEntry> history = new ArrayList<>();
            rows.forEach(row -> history.add(new HistoryEntry(row.getUUID(0), Scheme.valueOf(row.getString(1)),
                    row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getDouble(6),
                    store.read(row.getString(7), DRIVERS), row.getUUID(8), row.getOffsetDateTime(9).toInstant())));
            return history;
        });
    }

    /** Doctors per segment of a scheme now. */
    public Uni<Map<String, Long>> sizes(Scheme scheme) {
        return pool.preparedQuery("SELECT segment_id, count(*) FROM assignment WHERE scheme = $1 GROUP BY segment_id")
                .execute(Tuple.of(scheme.name()))
                .map(rows -> {
                    Map<String, Long> sizes = new HashMap<>();
                    rows.forEach(row -> sizes.put(row.getString(0), row.getLong(1)));
                    return sizes;
                });
    }

    public Uni<Page> members(Scheme scheme, String segmentId, int page, int size, Sort sort, boolean descending) {
        String order = sort.column + (descending ? " DESC" : " ASC") + (sort == Sort.doctorId ? "" : ", doctor_id");
        return pool.preparedQuery("SELECT count(*) FROM assignment WHERE scheme = $1 AND segment_id = $2")
                .execute(Tuple.of(scheme.name(), segmentId))
                .flatMap(count -> pool.preparedQuery("SELECT doctor_id, since, margin, model_version FROM assignment "
                                + "WHERE scheme = $1 AND segment_id = $2 ORDER BY " + order + " LIMIT $3 OFFSET $4")
                        .execute(Tuple.of(scheme.name(), segmentId, size, (long) page * size))
                        .map(rows -> {
                            List<Member> members = new ArrayList<>();
                            rows.forEach(row -> members.add(new Member(row.getString(0),
                                    row.getOffsetDateTime(1).toInstant(), row.getDouble(2), row.getString(3))));
                            return new Page(count.iterator().next().getLong(0), page, size, members);
                        }));
    }

    /** Current assignments follow a rename at once (their name is what the next change reports as previous). */
    public Uni<Void> renameAssigned(Scheme scheme, String segmentId, String name) {
        return pool.preparedQuery("UPDATE assignment SET segment_name = $3 WHERE scheme = $1 AND segment_id = $2")
                .execute(Tuple.of(scheme.name(), segmentId, name)).replaceWithVoid();
    }
}
