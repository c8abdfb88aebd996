package com.orthoseg.segments.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.events.SegmentChanged;
import com.orthoseg.events.SegmentChanged.Driver;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.assign.Assignment;
import com.orthoseg.segments.assign.DoctorState;
import com.orthoseg.segments.assign.Reassessment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of the assignment path: doctors' latest features, assignments, their history and the outbox,
 * each statement applied to a whole batch through arrays ({@code unnest}) in the caller's transaction.
 * The Vert.x reactive client (the one Hibernate Reactive runs on) is used directly, as in feature-service.
 */
@ApplicationScoped
public class SegmentStore {

    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };
    private static final TypeReference<List<Driver>> DRIVERS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public SegmentStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The stored features of these doctors (before a batch replaces them). */
    public Uni<Map<String, Map<String, Double>>> features(SqlConnection conn, Collection<String> doctorIds) {
        return conn.preparedQuery("SELECT doctor_id, features::text FROM doctor_features WHERE doctor_id = ANY($1)")
                .execute(Tuple.of(doctorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Map<String, Double>> features = new HashMap<>();
                    rows.forEach(row -> features.put(row.getString(0), read(row.getString(1), FEATURES)));
                    return features;
                });
    }

    /** Stores records newer than what is stored; answers the doctors whose record was newer. */
    public Uni<Set<String>> upsertFeatures(SqlConnection conn, Collection<DoctorState> doctors) {
        if (doctors.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<DoctorState> list = List.copyOf(doctors);
        return conn.preparedQuery("""
                        INSERT INTO doctor_features AS f (doctor_id, sequence, as_of, event_id, features, has_profile,
                                                          has_orders, has_complaints, has_instructions)
                        SELECT d, s, a, e, j::jsonb, p, o, c, i
                        FROM unnest($1::text[], $2::int8[], $3::timestamptz[], $4::uuid[], $5::text[], $6::bool[], $7::bool[],
                                    $8::bool[], $9::bool[]) AS t(d, s, a, e, j, p, o, c, i)
                        ON CONFLICT (doctor_id) DO UPDATE SET sequence = excluded.sequence, as_of = excluded.as_of,
                            event_id = excluded.event_id, features = excluded.features,
                            has_profile = excluded.has_profile, has_orders = excluded.has_orders,
                            has_complaints = excluded.has_complaints, has_instructions = excluded.has_instructions
                        WHERE excluded.sequence > f.sequence
                        RETURNING doctor_id""")
                .execute(Tuple.tuple(List.of(
                        list.stream().map(DoctorState::doctorId).toArray(String[]::new),
                        list.stream().map(DoctorState::sequence).toArray(Long[]::new),
                        list.stream().map(d -> utc(d.asOf())).toArray(OffsetDateTime[]::new),
                        list.stream().map(DoctorState::eventId).toArray(UUID[]::new),
                        list.stream().map(d -> write(d.features())).toArray(String[]::new),
                        list.stream().map(d -> d.coverage().hasProfile()).toArray(Boolean[]::new),
                        list.stream().map(d -> d.coverage().hasOrders()).toArray(Boolean[]::new),
                        list.stream().map(d -> d.coverage().hasComplaints()).toArray(Boolean[]::new),
                        list.stream().map(d -> d.coverage().hasInstructions()).toArray(Boolean[]::new))))
                .map(rows -> {
                    Set<String> applied = new HashSet<>();
                    rows.forEach(row -> applied.add(row.getString(0)));
                    return applied;
                });
    }

    /** Every doctor's latest features (a retrain or an activation looks at all of them). */
    public Uni<List<DoctorState>> allDoctors(SqlConnection conn) {
        return conn.query(DOCTOR_COLUMNS + " ORDER BY doctor_id").execute()
                .map(rows -> {
                    List<DoctorState> doctors = new ArrayList<>(rows.size());
                    rows.forEach(row -> doctors.add(doctor(row)));
                    return doctors;
                });
    }

    static final String DOCTOR_COLUMNS = "SELECT doctor_id, sequence, as_of, event_id, features::text, has_profile, "
            + "has_orders, has_complaints, has_instructions FROM doctor_features";

    DoctorState doctor(Row row) {
        return new DoctorState(row.getString(0), row.getLong(1), row.getOffsetDateTime(2).toInstant(), row.getUUID(3),
                read(row.getString(4), FEATURES), new Coverage(row.getBoolean(5), row.getBoolean(6), row.getBoolean(7),
                row.getBoolean(8)));
    }

    public Uni<Map<String, Map<Scheme, Assignment>>> assignments(SqlConnection conn, Collection<String> doctorIds) {
        return conn.preparedQuery(ASSIGNMENT_COLUMNS + " WHERE doctor_id = ANY($1)")
                .execute(Tuple.of(doctorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Map<Scheme, Assignment>> byDoctor = new HashMap<>();
                    rows.forEach(row -> {
                        Assignment a = assignment(row);
                        byDoctor.computeIfAbsent(a.doctorId(), d -> new EnumMap<>(Scheme.class)).put(a.scheme(), a);
                    });
                    return byDoctor;
                });
    }

    public Uni<Map<String, Assignment>> assignments(SqlConnection conn, Scheme scheme) {
        return conn.preparedQuery(ASSIGNMENT_COLUMNS + " WHERE scheme = $1").execute(Tuple.of(scheme.name()))
                .map(rows -> {
                    Map<String, Assignment> byDoctor = new HashMap<>();
                    rows.forEach(row -> byDoctor.put(row.getString(0), assignment(row)));
                    return byDoctor;
                });
    }

    static final String ASSIGNMENT_COLUMNS = "SELECT doctor_id, scheme, segment_id, segment_name, model_version, since, "
            + "margin, drivers::text FROM assignment";

    Assignment assignment(Row row) {
        return new Assignment(row.getString(0), Scheme.valueOf(row.getString(1)), row.getString(2), row.getString(3),
                row.getString(4), row.getOffsetDateTime(5).toInstant(), row.getDouble(6), read(row.getString(7), DRIVERS));
    }

    /** Writes assignments, removals, and for every change a history row and an outbox row: all in the caller's transaction. */
    public Uni<Void> write(SqlConnection conn, Reassessment reassessment) {
        return upsertAssignments(conn, reassessment.assignments())
                .flatMap(x -> removeAssignments(conn, reassessment.removals()))
                .flatMap(x -> recordChanges(conn, reassessment.changes()));
    }

    private Uni<Void> upsertAssignments(SqlConnection conn, List<Assignment> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        INSERT INTO assignment (doctor_id, scheme, segment_id, segment_name, model_version, since, margin, drivers)
                        SELECT d, s, g, n, v, t, m, j::jsonb
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                                    $7::float8[], $8::text[]) AS x(d, s, g, n, v, t, m, j)
                        ON CONFLICT (doctor_id, scheme) DO UPDATE SET segment_id = excluded.segment_id,
                            segment_name = excluded.segment_name, model_version = excluded.model_version,
                            since = excluded.since, margin = excluded.margin, drivers = excluded.drivers""")
                .execute(Tuple.tuple(List.of(
                        list.stream().map(Assignment::doctorId).toArray(String[]::new),
                        list.stream().map(a -> a.scheme().name()).toArray(String[]::new),
                        list.stream().map(Assignment::segmentId).toArray(String[]::new),
                        list.stream().map(Assignment::segmentName).toArray(String[]::new),
                        list.stream().map(Assignment::modelVersion).toArray(String[]::new),
                        list.stream().map(a -> utc(a.since())).toArray(OffsetDateTime[]::new),
                        list.stream().map(Assignment::margin).toArray(Double[]::new),
                        list.stream().map(a -> write(a.drivers())).toArray(String[]::new))))
                .replaceWithVoid();
    }

    private Uni<Void> removeAssignments(SqlConnection conn, List<Reassessment.Removal> removals) {
        if (removals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("DELETE FROM assignment a USING unnest($1::text[], $2::text[]) AS r(d, s) "
                        + "WHERE a.doctor_id = r.d AND a.scheme = r.s")
                .execute(Tuple.of(removals.stream().map(Reassessment.Removal::doctorId).toArray(String[]::new),
                        removals.stream().map(r -> r.scheme().name()).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * History and outbox rows of the changes. A change whose event id is already in the history (its
     * cause was redelivered) is not recorded twice.
     */
    private Uni<Void> recordChanges(SqlConnection conn, List<SegmentChanged> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        WITH fresh AS (
                            INSERT INTO assignment_history (event_id, doctor_id, scheme, segment_id, segment_name,
                                model_version, reason, margin, drivers, causation_id, changed_at)
                            SELECT e, d, s, g, n, v, r, m, j::jsonb, c, t
                            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                        $8::float8[], $9::text[], $10::uuid[], $11::timestamptz[])
                                 AS x(e, d, s, g, n, v, r, m, j, c, t)
                            ON CONFLICT (event_id) DO NOTHING
                            RETURNING event_id, doctor_id, changed_at)
                        INSERT INTO segment_outbox (event_id, doctor_id, changed_at, payload)
                        SELECT f.event_id, f.doctor_id, f.changed_at, p.payload
                        FROM fresh f JOIN unnest($1::uuid[], $12::text[]) AS p(event_id, payload) ON p.event_id = f.event_id""")
                .execute(Tuple.tuple(List.of(
                        changes.stream().map(SegmentChanged::eventId).toArray(UUID[]::new),
                        changes.stream().map(SegmentChanged::doctorId).toArray(String[]::new),
                        changes.stream().map(c -> c.scheme().name()).toArray(String[]::new),
                        changes.stream().map(c -> c.current() == null ? null : c.current().segmentId()).toArray(String[]::new),
                        changes.stream().map(c -> c.current() == null ? null : c.current().name()).toArray(String[]::new),
                        changes.stream().map(SegmentChanged::modelVersion).toArray(String[]::new),
                        changes.stream().map(c -> c.reason().name()).toArray(String[]::new),
                        changes.stream().map(SegmentChanged::margin).toArray(Double[]::new),
                        changes.stream().map(c -> write(c.drivers())).toArray(String[]::new),
                        changes.stream().map(SegmentChanged::causationId).toArray(UUID[]::new),
                        changes.stream().map(c -> utc(c.changedAt())).toArray(OffsetDateTime[]::new),
                        changes.stream().map(this::write).toArray(String[]::new))))
                .replaceWithVoid();
    }

    <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
