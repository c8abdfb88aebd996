package com.orthoseg.features.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.features.compute.ComputedFeatures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.orthoseg.features.store.SqlValues.instant;
import static com.orthoseg.features.store.SqlValues.utc;

/**
 * {@code doctor_features} and its outbox: each doctor's stored features, locked while recomputed,
 * written with the next sequence and an outbox record when they change; and the doctors due for the
 * sliding pass.
 */
@ApplicationScoped
public class FeaturesStore {

    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public FeaturesStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A doctor's features as last stored (published once the outbox relays them); null if no event of the doctor has been applied. */
    public Uni<DoctorFeatures> find(SqlClient client, String doctorId) {
        return client.preparedQuery("SELECT doctor_id, as_of, sequence, features, has_profile, has_orders, "
                        + "has_complaints, has_instructions FROM doctor_features WHERE doctor_id = $1")
                .execute(Tuple.of(doctorId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new DoctorFeatures(row.getString(0), instant(row, 1), row.getLong(2), readFeatures(row.getString(3)),
                            new DoctorFeatures.Coverage(row.getBoolean(4), row.getBoolean(5), row.getBoolean(6),
                                    row.getBoolean(7)));
                });
    }

    /** The coverage, facts stamp and asOf of these doctors' stored features, their rows locked until the transaction ends. */
    public Uni<Map<String, LockedFeatures>> lockFeatures(SqlConnection conn, Collection<String> doctorIds) {
        return conn.preparedQuery("SELECT doctor_id, has_profile, has_orders, has_complaints, has_instructions, "
                        + "facts_version, as_of FROM doctor_features WHERE doctor_id = ANY($1) ORDER BY doctor_id FOR UPDATE")
                .execute(Tuple.of(doctorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, LockedFeatures> locked = new HashMap<>();
                    rows.forEach(row -> locked.put(row.getString(0), new LockedFeatures(
                            new DoctorFeatures.Coverage(row.getBoolean(1), row.getBoolean(2), row.getBoolean(3),
                                    row.getBoolean(4)), row.getLong(5), instant(row, 6))));
                    return locked;
                });
    }

    /**
     * Inserts a row, locked until the transaction ends, for each of these doctors that has none; the
     * transaction overwrites it ({@link #saveChanged}; sequence 0, so the first published is 1) before
     * anyone can read it. Answers the doctors it inserted: one that another transaction inserted
     * meanwhile is left out, as this insert waited for that one's commit and its row can now be locked.
     */
    public Uni<Set<String>> claimNewDoctors(SqlConnection conn, List<String> doctorIds) {
        return conn.preparedQuery("INSERT INTO doctor_features (doctor_id, as_of, sequence, features, has_profile, has_orders, "
                        + "has_complaints, has_instructions) SELECT d, now(), 0, '', false, false, false, false "
                        + "FROM unnest($1::text[]) AS d ON CONFLICT (doctor_id) DO NOTHING RETURNING doctor_id")
                .execute(Tuple.of(doctorIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> inserted = new HashSet<>();
                    rows.forEach(row -> inserted.add(row.getString(0)));
                    return inserted;
                });
    }

    /** The features JSON stored for these doctors. */
    public Uni<Map<String, String>> featuresJson(SqlConnection conn, Collection<String> doctorIds) {
        if (doctorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT doctor_id, features FROM doctor_features WHERE doctor_id = ANY($1)")
                .execute(Tuple.of(doctorIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> features = new HashMap<>();
                    rows.forEach(row -> features.put(row.getString(0), row.getString(1)));
                    return features;
                });
    }

    /**
     * Stores changed features with the next sequence of each doctor, a new facts stamp and their outbox
     * records; answers the stamps by doctor.
     */
    public Uni<Map<String, Long>> saveChanged(SqlConnection conn, List<FeaturesRow> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, Long> stamps = new HashMap<>();
        return conn.preparedQuery("""
                        INSERT INTO doctor_features AS f (doctor_id, as_of, sequence, features, has_profile, has_orders,
                                                          has_complaints, has_instructions, next_expiry, facts_version)
                        SELECT d, a, 1, fe, hp, ho, hc, hi, ne, nextval('facts_version')
                        FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::bool[], $5::bool[], $6::bool[],
                                    $7::bool[], $8::timestamptz[]) AS u(d, a, fe, hp, ho, hc, hi, ne)
                        ON CONFLICT (doctor_id) DO UPDATE SET as_of = excluded.as_of, sequence = f.sequence + 1,
                            features = excluded.features, has_profile = excluded.has_profile,
                            has_orders = excluded.has_orders, has_complaints = excluded.has_complaints,
                            has_instructions = excluded.has_instructions, next_expiry = excluded.next_expiry,
                            facts_version = excluded.facts_version
                        RETURNING doctor_id, sequence, facts_version""")
                .execute(Tuple.tuple(List.of(
                        changed.stream().map(r -> r.computed().doctorId()).toArray(String[]::new),
                        changed.stream().map(r -> utc(r.computed().asOf())).toArray(OffsetDateTime[]::new),
                        changed.stream().map(FeaturesRow::featuresJson).toArray(String[]::new),
                        changed.stream().map(r -> r.computed().coverage().hasProfile()).toArray(Boolean[]::new),
                        changed.stream().map(r -> r.computed().coverage().hasOrders()).toArray(Boolean[]::new),
                        changed.stream().map(r -> r.computed().coverage().hasComplaints()).toArray(Boolean[]::new),
                        changed.stream().map(r -> r.computed().coverage().hasInstructions()).toArray(Boolean[]::new),
                        changed.stream().map(r -> utc(r.computed().nextExpiry())).toArray(OffsetDateTime[]::new))))
                .map(rows -> {
                    Map<String, Long> sequences = new HashMap<>();
                    rows.forEach(row -> {
                        sequences.put(row.getString(0), row.getLong(1));
                        stamps.put(row.getString(0), row.getLong(2));
                    });
                    return changed.stream().map(r -> new FeaturesPayload(r.computed().doctorId(), r.computed().asOf(),
                            sequences.get(r.computed().doctorId()), r.featuresJson(), r.computed().coverage())).toList();
                })
                .flatMap(records -> conn.preparedQuery("INSERT INTO features_outbox (doctor_id, sequence, as_of, payload) "
                                + "SELECT * FROM unnest($1::text[], $2::int8[], $3::timestamptz[], $4::text[])")
                        .execute(Tuple.of(
                                records.stream().map(FeaturesPayload::doctorId).toArray(String[]::new),
                                records.stream().map(FeaturesPayload::sequence).toArray(Long[]::new),
                                records.stream().map(r -> utc(r.asOf())).toArray(OffsetDateTime[]::new),
                                records.stream().map(this::json).toArray(String[]::new))))
                .replaceWith(stamps);
    }

    /**
     * Features unchanged, but the facts (and so the next instant at which a feature changes with time) may have:
     * stores the next expiry and a new facts stamp; answers the stamps by doctor.
     */
    public Uni<Map<String, Long>> saveNextExpiry(SqlConnection conn, List<ComputedFeatures> unchanged) {
        if (unchanged.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("UPDATE doctor_features f SET next_expiry = u.ne, facts_version = nextval('facts_version') "
                        + "FROM unnest($1::text[], $2::timestamptz[]) AS u(d, ne) WHERE f.doctor_id = u.d "
                        + "RETURNING f.doctor_id, f.facts_version")
                .execute(Tuple.of(
                        unchanged.stream().map(ComputedFeatures::doctorId).toArray(String[]::new),
                        unchanged.stream().map(c -> utc(c.nextExpiry())).toArray(OffsetDateTime[]::new)))
                .map(FeaturesStore::stamps);
    }

    private static Map<String, Long> stamps(RowSet<Row> rows) {
        Map<String, Long> stamps = new HashMap<>();
        rows.forEach(row -> stamps.put(row.getString(0), row.getLong(1)));
        return stamps;
    }

    /**
     * Doctors whose features have changed with time by {@code asOf}, the earliest first, their rows locked
     * until the transaction ends. Rows another transaction holds are skipped: another replica's pass or
     * the consumer is recomputing that doctor (the consumer in event-time mode possibly as of an earlier
     * instant, which leaves the doctor due for the next pass).
     */
    public Uni<List<String>> expiredDoctors(SqlConnection conn, Instant asOf, int limit) {
        return conn.preparedQuery("SELECT doctor_id FROM doctor_features WHERE next_expiry <= $1 "
                        + "ORDER BY next_expiry LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(utc(asOf), limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    private Map<String, Double> readFeatures(String json) {
        try {
            return mapper.readValue(json, FEATURES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String json(Object value) {
        return SqlValues.json(mapper, value);
    }

    /** The coverage last stored for a doctor, the stamp of the facts it was computed from, and as of when. */
    public record LockedFeatures(DoctorFeatures.Coverage coverage, long factsVersion, Instant asOf) {
    }

    /** Computed features with their canonical JSON. */
    public record FeaturesRow(ComputedFeatures computed, String featuresJson) {
    }

    /** A DoctorFeatures record as published, the features written as they are stored. */
    record FeaturesPayload(String doctorId, Instant asOf, long sequence,
                           @com.fasterxml.jackson.annotation.JsonRawValue String features,
                           DoctorFeatures.Coverage coverage) {
    }
}
