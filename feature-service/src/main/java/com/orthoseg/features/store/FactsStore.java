package com.orthoseg.features.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.compute.DoctorData;
import com.orthoseg.features.compute.OrderFact;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.UUID;

import static com.orthoseg.features.store.SqlValues.instant;
import static com.orthoseg.features.store.SqlValues.utc;

/**
 * The facts features are computed from: profiles, instructions, orders and complaints, each upserted
 * for a whole batch at once through arrays ({@code unnest}), and read back per doctor.
 */
@ApplicationScoped
public class FactsStore {

    private static final FactTable ORDERS = new FactTable("doctor_order", "order_id", """
            INSERT INTO doctor_order (order_id, doctor_id, order_num, placed_at, amount, conditions, condition_flags,
                                      event_id, versions)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]::numeric[],
                                 $6::text[]::jsonb[], $7::int4[], $8::uuid[], $9::int4[])
            ON CONFLICT (order_id) DO NOTHING RETURNING order_id""", """
            UPDATE doctor_order o SET doctor_id = u.doctor_id, order_num = u.order_num, placed_at = u.placed_at,
                amount = u.amount, conditions = u.conditions, condition_flags = u.condition_flags,
                event_id = u.event_id, versions = o.versions + u.versions
            FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[]::numeric[],
                        $6::text[]::jsonb[], $7::int4[], $8::uuid[], $9::int4[])
                AS u(order_id, doctor_id, order_num, placed_at, amount, conditions, condition_flags, event_id, versions)
            WHERE o.order_id = u.order_id RETURNING o.order_id""");
    private static final FactTable COMPLAINTS = new FactTable("doctor_complaint", "complaint_id", """
            INSERT INTO doctor_complaint (complaint_id, doctor_id, complaint_type, qty, filed_at, event_id, versions)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::timestamptz[], $6::uuid[], $7::int4[])
            ON CONFLICT (complaint_id) DO NOTHING RETURNING complaint_id""", """
            UPDATE doctor_complaint c SET doctor_id = u.doctor_id, complaint_type = u.complaint_type, qty = u.qty,
                filed_at = u.filed_at, event_id = u.event_id, versions = c.versions + u.versions
            FROM unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::timestamptz[], $6::uuid[], $7::int4[])
                AS u(complaint_id, doctor_id, complaint_type, qty, filed_at, event_id, versions)
            WHERE c.complaint_id = u.complaint_id RETURNING c.complaint_id""");

    private final ObjectMapper mapper;

    public FactsStore(ObjectMapper mapper) {
        this.mapper = mapper;
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
        return upsert(conn, ORDERS, orders, (list, ids) -> Tuple.tuple(List.of(ids,
                list.stream().map(v -> v.value().doctorId()).toArray(String[]::new),
                list.stream().map(v -> v.value().orderNum()).toArray(String[]::new),
                list.stream().map(v -> utc(v.value().placedAt())).toArray(OffsetDateTime[]::new),
                list.stream().map(v -> v.value().amount() == null ? null : v.value().amount().toPlainString())
                        .toArray(String[]::new),
                list.stream().map(v -> SqlValues.json(mapper, v.value().conditions())).toArray(String[]::new),
                list.stream().map(v -> OrderFact.flags(v.value())).toArray(Integer[]::new),
                list.stream().map(Versioned::eventId).toArray(UUID[]::new),
                list.stream().map(Versioned::versions).toArray(Integer[]::new))));
    }

    /** As {@link #upsertOrders}, for complaints by complaintId. */
    public Uni<Map<String, String>> upsertComplaints(SqlConnection conn, Map<String, Versioned<ComplaintFiled>> complaints) {
        return upsert(conn, COMPLAINTS, complaints, (list, ids) -> Tuple.tuple(List.of(ids,
                list.stream().map(v -> v.value().doctorId()).toArray(String[]::new),
                list.stream().map(v -> v.value().complaintType()).toArray(String[]::new),
                list.stream().map(v -> v.value().qty()).toArray(Integer[]::new),
                list.stream().map(v -> utc(v.value().filedAt())).toArray(OffsetDateTime[]::new),
                list.stream().map(Versioned::eventId).toArray(UUID[]::new),
                list.stream().map(Versioned::versions).toArray(Integer[]::new))));
    }

    /**
     * The earlier doctor of a fact must be read under the row's lock: another instance may be moving the
     * same order during a rebalance. So the stored rows are locked first (a row being changed is read
     * once that change commits), the new ones inserted (an insert racing one from another transaction
     * waits for it and then finds the row, which is locked and read in turn), and the stored ones updated.
     */
    private <T> Uni<Map<String, String>> upsert(SqlConnection conn, FactTable table, Map<String, Versioned<T>> facts,
                                                BiFunction<List<Versioned<T>>, String[], Tuple> columns) {
        if (facts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // each statement takes its rows in one order, the same in every transaction
        TreeMap<String, Versioned<T>> byId = new TreeMap<>(facts);
        return lockedDoctors(conn, table, byId.keySet()).flatMap(previous -> {
            List<String> fresh = byId.keySet().stream().filter(id -> !previous.containsKey(id)).toList();
            return write(conn, table.insert(), byId, fresh, columns)
                    .flatMap(inserted -> lockedDoctors(conn, table, fresh.stream().filter(id -> !inserted.contains(id)).toList()))
                    .invoke(previous::putAll)
                    .flatMap(x -> write(conn, table.update(), byId, List.copyOf(previous.keySet()), columns))
                    .replaceWith(previous);
        });
    }

    private <T> Uni<Set<String>> write(SqlConnection conn, String sql, TreeMap<String, Versioned<T>> byId, List<String> ids,
                                       BiFunction<List<Versioned<T>>, String[], Tuple> columns) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> sorted = ids.stream().sorted().toList();
        return conn.preparedQuery(sql)
                .execute(columns.apply(sorted.stream().map(byId::get).toList(), sorted.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> written = new HashSet<>();
                    rows.forEach(row -> written.add(row.getString(0)));
                    return written;
                });
    }

    private static Uni<Map<String, String>> lockedDoctors(SqlConnection conn, FactTable table, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return conn.preparedQuery("SELECT " + table.idColumn() + ", doctor_id FROM " + table.name() + " WHERE "
                        + table.idColumn() + " = ANY($1) ORDER BY " + table.idColumn() + " FOR UPDATE")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> doctors = new HashMap<>();
                    rows.forEach(row -> doctors.put(row.getString(0), row.getString(1)));
                    return doctors;
                });
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

    private static DoctorProfile profile(Row row) {
        String category = row.getString(2);
        String rank = row.getString(3);
        return new DoctorProfile(row.getString(0), row.getString(1),
                category == null ? null : DoctorCategory.valueOf(category),
                rank == null ? null : DoctorRank.valueOf(rank),
                row.getDouble(4), row.getDouble(5), row.getDouble(6), row.getDouble(7), row.getInteger(8), instant(row, 9));
    }

    /** A record of a batch and how many versions of it (same id, other event ids) the batch carries. */
    public record Versioned<T>(T value, UUID eventId, int versions) {
    }

    /** A table of facts by their own id (orders, complaints): how to insert new ones and replace stored ones. */
    private record FactTable(String name, String idColumn, String insert, String update) {
    }
}
