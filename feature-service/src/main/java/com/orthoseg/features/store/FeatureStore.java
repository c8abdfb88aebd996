package com.orthoseg.features.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.compute.ComputedFeatures;
import com.orthoseg.features.compute.DoctorData;
import com.orthoseg.features.compute.OrderFact;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of feature-service, each statement applied to a whole batch at once through arrays
 * ({@code unnest}), inside the caller's transaction. The Vert.x reactive client (the one Hibernate
 * Reactive runs on) is used directly: the hot path is multi-row upserts with ON CONFLICT … RETURNING.
 */
@ApplicationScoped
public class FeatureStore {

    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public FeatureStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Records the event ids, each with the record it came from, and answers the ones not seen before. */
    public Uni<Set<UUID>> markProcessed(SqlConnection conn, Map<UUID, RecordPosition> eventIds) {
        List<Map.Entry<UUID, RecordPosition>> list = List.copyOf(eventIds.entrySet());
        return conn.preparedQuery("INSERT INTO processed_event (event_id, record_partition, record_offset) "
                        + "SELECT * FROM unnest($1::uuid[], $2::int4[], $3::int8[]) ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.of(list.stream().map(Map.Entry::getKey).toArray(UUID[]::new),
                        list.stream().map(e -> e.getValue().partition()).toArray(Integer[]::new),
                        list.stream().map(e -> e.getValue().offset()).toArray(Long[]::new)))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID(0)));
                    return fresh;
                });
    }

    /** The record each of these events was first applied from, where known (not for events applied before V3). */
    public Uni<Map<UUID, RecordPosition>> appliedFrom(SqlConnection conn, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("SELECT event_id, record_partition, record_offset FROM processed_event "
                        + "WHERE event_id = ANY($1) AND record_offset IS NOT NULL")
                .execute(Tuple.of(eventIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, RecordPosition> positions = new HashMap<>();
                    rows.forEach(row -> positions.put(row.getUUID(0), new RecordPosition(row.getInteger(1), row.getLong(2))));
                    return positions;
                });
    }

    /** Adds to each order's count of records that carried one of its versions again. */
    public Uni<Void> countDuplicateOrderRecords(SqlConnection conn, Map<String, Integer> recordsByOrderId) {
        if (recordsByOrderId.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<String, Integer>> list = List.copyOf(recordsByOrderId.entrySet());
        return conn.preparedQuery("UPDATE doctor_order o SET duplicate_records = o.duplicate_records + u.n "
                        + "FROM unnest($1::text[], $2::int4[]) AS u(id, n) WHERE o.order_id = u.id")
                .execute(Tuple.of(list.stream().map(Map.Entry::getKey).toArray(String[]::new),
                        list.stream().map(Map.Entry::getValue).toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /** Keeps the newest profile of each doctor by updatedAt, whatever the arrival order. */
    public Uni<Void> upsertProfiles(SqlConnection conn, Collection<DoctorProfile> profiles) {
        if (profiles.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DoctorProfile> list = List.copyOf(profiles);
        return conn.preparedQuery("""
                        INSERT INTO doctor_profile AS p (doctor_id, region, category, rank, incidence_rate, r_rate,
                                                         satisfaction, experience, purchases, updated_at)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[],
                                             $7::float8[], $8::float8[], $9::int4[], $10::timestamptz[])
                        ON CONFLICT (doctor_id) DO UPDATE SET region = excluded.region, category = excluded.category,
                            rank = excluded.rank, incidence_rate = excluded.incidence_rate, r_rate = excluded.r_rate,
                            satisfaction = excluded.satisfaction, experience = excluded.experience,
                            purchases = excluded.purchases, updated_at = excluded.updated_at
                        WHERE excluded.updated_at >= p.updated_at""")
                .execute(Tuple.tuple(List.of(
                        list.stream().map(DoctorProfile::doctorId).toArray(String[]::new),
                        list.stream().map(DoctorProfile::region).toArray(String[]::new),
                        list.stream().map(p -> p.category() == null ? null : p.category().name()).toArray(String[]::new),
                        list.stream().map(p -> p.rank() == null ? null : p.rank().name()).toArray(String[]::new),
                        list.stream().map(DoctorProfile::incidenceRate).toArray(Double[]::new),
                        list.stream().map(DoctorProfile::rRate).toArray(Double[]::new),
                        list.stream().map(DoctorProfile::satisfaction).toArray(Double[]::new),
                        list.stream().map(DoctorProfile::experience).toArray(Double[]::new),
                        list.stream().map(DoctorProfile::purchases).toArray(Integer[]::new),
                        list.stream().map(p -> utc(p.updatedAt())).toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    public Uni<Void> upsertInstructions(SqlConnection conn, Collection<InstructionsPreference> preferences) {
        if (preferences.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<InstructionsPreference> list = List.copyOf(preferences);
        return conn.preparedQuery("""
                        INSERT INTO doctor_instructions AS i (doctor_id, includes_special_instructions, updated_at)
                        SELECT * FROM unnest($1::text[], $2::bool[], $3::timestamptz[])
                        ON CONFLICT (doctor_id) DO UPDATE SET
                            includes_special_instructions = excluded.includes_special_instructions,
                            updated_at = excluded.updated_at
                        WHERE excluded.updated_at >= i.updated_at""")
                .execute(Tuple.of(
                        list.stream().map(InstructionsPreference::doctorId).toArray(String[]::new),
                        list.stream().map(InstructionsPreference::includesSpecialInstructions).toArray(Boolean[]::new),
                        list.stream().map(i -> utc(i.updatedAt())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /**
     * Inserts or replaces orders by orderId (a correction replaces the earlier version and counts a
     * version). Answers the doctor of each order stored before (a correction may move an order).
     * {@link Versioned#versions()} says how many versions of each order the batch carries.
     */
    public Uni<Map<String, String>> upsertOrders(SqlConnection conn, Map<String, Versioned<OrderPlaced>> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Versioned<OrderPlaced>> list = List.copyOf(orders.values());
        String[] ids = list.stream().map(v -> v.value().orderId()).toArray(String[]::new);
        return previousDoctors(conn, "doctor_order", "order_id", ids).flatMap(previous -> conn.preparedQuery("""
                        INSERT INTO doctor_order AS o (order_id, doctor_id, order_num, placed_at, amount, conditions,
                                                       condition_flags, event_id, versions)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[],
                                             $5::text[]::numeric[], $6::text[]::jsonb[], $7::int4[], $8::uuid[], $9::int4[])
                        ON CONFLICT (order_id) DO UPDATE SET doctor_id = excluded.doctor_id,
                            order_num = excluded.order_num, placed_at = excluded.placed_at, amount = excluded.amount,
                            conditions = excluded.conditions, condition_flags = excluded.condition_flags,
                            event_id = excluded.event_id,
                            versions = o.versions + excluded.versions""")
                .execute(Tuple.tuple(List.of(ids,
                        list.stream().map(v -> v.value().doctorId()).toArray(String[]::new),
                        list.stream().map(v -> v.value().orderNum()).toArray(String[]::new),
                        list.stream().map(v -> utc(v.value().placedAt())).toArray(OffsetDateTime[]::new),
                        list.stream().map(v -> v.value().amount() == null ? null : v.value().amount().toPlainString())
                                .toArray(String[]::new),
                        list.stream().map(v -> json(v.value().conditions())).toArray(String[]::new),
                        list.stream().map(v -> OrderFact.flags(v.value())).toArray(Integer[]::new),
                        list.stream().map(Versioned::eventId).toArray(UUID[]::new),
                        list.stream().map(Versioned::versions).toArray(Integer[]::new))))
                .replaceWith(previous));
    }

    /** As {@link #upsertOrders}, for complaints by complaintId. */
    public Uni<Map<String, String>> upsertComplaints(SqlConnection conn, Map<String, Versioned<ComplaintFiled>> complaints) {
        if (complaints.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Versioned<ComplaintFiled>> list = List.copyOf(complaints.values());
        String[] ids = list.stream().map(v -> v.value().complaintId()).toArray(String[]::new);
        return previousDoctors(conn, "doctor_complaint", "complaint_id", ids).flatMap(previous -> conn.preparedQuery("""
                        INSERT INTO doctor_complaint AS c (complaint_id, doctor_id, complaint_type, qty, filed_at,
                                                           event_id, versions)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::timestamptz[],
                                             $6::uuid[], $7::int4[])
                        ON CONFLICT (complaint_id) DO UPDATE SET doctor_id = excluded.doctor_id,
                            complaint_type = excluded.complaint_type, qty = excluded.qty, filed_at = excluded.filed_at,
                            event_id = excluded.event_id, versions = c.versions + excluded.versions""")
                .execute(Tuple.tuple(List.of(ids,
                        list.stream().map(v -> v.value().doctorId()).toArray(String[]::new),
                        list.stream().map(v -> v.value().complaintType()).toArray(String[]::new),
                        list.stream().map(v -> v.value().qty()).toArray(Integer[]::new),
                        list.stream().map(v -> utc(v.value().filedAt())).toArray(OffsetDateTime[]::new),
                        list.stream().map(Versioned::eventId).toArray(UUID[]::new),
                        list.stream().map(Versioned::versions).toArray(Integer[]::new))))
                .replaceWith(previous));
    }

    private Uni<Map<String, String>> previousDoctors(SqlConnection conn, String table, String idColumn, String[] ids) {
        return conn.preparedQuery("SELECT " + idColumn + ", doctor_id FROM " + table + " WHERE " + idColumn + " = ANY($1)")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<String, String> doctors = new HashMap<>();
                    rows.forEach(row -> doctors.put(row.getString(0), row.getString(1)));
                    return doctors;
                });
    }

    /** Moves the event-time clock forward to {@code newest} (never back) and answers the newest event time. */
    public Uni<Instant> advanceEventClock(SqlConnection conn, Instant newest) {
        if (newest == null) {
            return conn.query("SELECT newest_event FROM event_clock WHERE id = 1").execute().map(FeatureStore::firstInstant);
        }
        return conn.preparedQuery("UPDATE event_clock SET newest_event = GREATEST(newest_event, $1) WHERE id = 1 "
                        + "RETURNING newest_event")
                .execute(Tuple.of(utc(newest)))
                .map(FeatureStore::firstInstant);
    }

    public Uni<Map<String, DoctorData>> loadDoctors(SqlConnection conn, Collection<String> doctorIds) {
        if (doctorIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple ids = Tuple.of(doctorIds.toArray(String[]::new));
        Map<String, DoctorProfile> profiles = new HashMap<>();
        Map<String, InstructionsPreference> instructions = new HashMap<>();
        Map<String, List<OrderFact>> orders = new HashMap<>();
        Map<String, List<ComplaintFiled>> complaints = new HashMap<>();
        return conn.preparedQuery("SELECT doctor_id, region, category, rank, incidence_rate, r_rate, satisfaction, "
                        + "experience, purchases, updated_at FROM doctor_profile WHERE doctor_id = ANY($1)").execute(ids)
                .invoke(rows -> rows.forEach(row -> profiles.put(row.getString(0), profile(row))))
                .flatMap(x -> conn.preparedQuery("SELECT doctor_id, includes_special_instructions, updated_at "
                        + "FROM doctor_instructions WHERE doctor_id = ANY($1)").execute(ids))
                .invoke(rows -> rows.forEach(row -> instructions.put(row.getString(0), new InstructionsPreference(
                        row.getString(0), row.getBoolean(1), instant(row, 2)))))
                .flatMap(x -> conn.preparedQuery("SELECT doctor_id, placed_at, amount, condition_flags "
                        + "FROM doctor_order WHERE doctor_id = ANY($1)").execute(ids))
                .invoke(rows -> rows.forEach(row -> orders.computeIfAbsent(row.getString(0), d -> new ArrayList<>())
                        .add(new OrderFact(instant(row, 1), row.getBigDecimal(2), row.getInteger(3)))))
                .flatMap(x -> conn.preparedQuery("SELECT doctor_id, complaint_id, complaint_type, qty, filed_at "
                        + "FROM doctor_complaint WHERE doctor_id = ANY($1)").execute(ids))
                .invoke(rows -> rows.forEach(row -> complaints.computeIfAbsent(row.getString(0), d -> new ArrayList<>())
                        .add(new ComplaintFiled(row.getString(0), row.getString(1), row.getString(2),
                                row.getInteger(3), instant(row, 4)))))
                .map(x -> {
                    Map<String, DoctorData> doctors = new LinkedHashMap<>();
                    for (String id : doctorIds) {
                        doctors.put(id, new DoctorData(id, profiles.get(id), instructions.get(id),
                                orders.getOrDefault(id, List.of()), complaints.getOrDefault(id, List.of())));
                    }
                    return doctors;
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
     * Features unchanged, but the facts (and so the next instant at which a window changes) may have:
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
                .map(FeatureStore::stamps);
    }

    private static Map<String, Long> stamps(RowSet<Row> rows) {
        Map<String, Long> stamps = new HashMap<>();
        rows.forEach(row -> stamps.put(row.getString(0), row.getLong(1)));
        return stamps;
    }

    /**
     * Doctors whose features have changed with time by {@code asOf}, the earliest first, their rows locked
     * until the transaction ends. Rows another transaction holds are skipped: another replica's pass or
     * the consumer is recomputing that doctor, so it is not done twice (nor waited for).
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

    public Uni<Void> addToCounter(SqlConnection conn, String name, long delta) {
        return addToCounters(conn, Map.of(name, delta));
    }

    /** Adds each delta to its data-quality counter, in one statement. */
    public Uni<Void> addToCounters(SqlConnection conn, Map<String, Long> deltas) {
        List<Map.Entry<String, Long>> nonZero = deltas.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (nonZero.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("INSERT INTO quality_counter (name, value) SELECT * FROM unnest($1::text[], $2::int8[]) "
                        + "ON CONFLICT (name) DO UPDATE SET value = quality_counter.value + excluded.value")
                .execute(Tuple.of(nonZero.stream().map(Map.Entry::getKey).toArray(String[]::new),
                        nonZero.stream().map(Map.Entry::getValue).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    public Map<String, Double> readFeatures(String json) {
        try {
            return mapper.readValue(json, FEATURES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DoctorProfile profile(Row row) {
        String category = row.getString(2);
        String rank = row.getString(3);
        return new DoctorProfile(row.getString(0), row.getString(1),
                category == null ? null : DoctorCategory.valueOf(category),
                rank == null ? null : DoctorRank.valueOf(rank),
                row.getDouble(4), row.getDouble(5), row.getDouble(6), row.getDouble(7), row.getInteger(8), instant(row, 9));
    }

    static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static Instant firstInstant(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? instant(rows.iterator().next(), 0) : null;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Where a Kafka record sits in its topic (the topic follows from the event: one per kind). */
    public record RecordPosition(int partition, long offset) {
    }

    /** A record of a batch and how many versions of it (same id, other event ids) the batch carries. */
    public record Versioned<T>(T value, UUID eventId, int versions) {
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
