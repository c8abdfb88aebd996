package com.orthoseg.features.api;

import com.orthoseg.support.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/data-quality}: what the data lacks, with counts and samples. */
@RolesAllowed(Roles.ANALYST)
@Path("/api/v1/data-quality")
public class DataQualityResource {

    static final int SAMPLE = 10;
    private static final List<String> PROFILE_FIELDS = List.of("region", "category", "rank", "incidence_rate",
            "r_rate", "satisfaction", "experience", "purchases");

    private final Pool pool;

    public DataQualityResource(Pool pool) {
        this.pool = pool;
    }

    /** Doctors of one kind of record that have no profile, and how many such records arrived (corrections included). */
    public record Orphans(long doctors, long rows, List<String> sample) {
    }

    /** How many, and a few of them. */
    public record Sample(long count, List<String> sample) {
    }

    public record DataQuality(long profiledDoctors, Orphans ordersWithoutProfile, Orphans complaintsWithoutProfile,
                              Orphans instructionsWithoutProfile, Sample profiledWithoutOtherData,
                              Map<String, Long> missingProfileValues, Sample correctedOrders,
                              Sample correctedComplaints, long duplicatesSkipped, long deadLettered) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Data-quality summary",
            description = "Orphans (events of doctors without a profile, aggregated and flagged but not segmented), "
                    + "profiled doctors with no other data, missing profile values, corrected orders and complaints, "
                    + "duplicates skipped and records sent to the dead-letter topics.")
    public Uni<DataQuality> dataQuality() {
        Uni<Long> profiled = pool.query("SELECT count(*) FROM doctor_profile").execute().map(DataQualityResource::one);
        return Uni.combine().all().unis(List.of(profiled, orphans("doctor_order", "sum(versions)"),
                        orphans("doctor_complaint", "sum(versions)"), orphans("doctor_instructions", "count(*)"), profiledWithoutOtherData(), missingProfileValues(),
                        corrected("doctor_order", "order_id"), corrected("doctor_complaint", "complaint_id"),
                        counters()))
                .with(parts -> {
                    Map<String, Long> counters = cast(parts.get(8));
                    return new DataQuality((Long) parts.get(0), (Orphans) parts.get(1), (Orphans) parts.get(2),
                            (Orphans) parts.get(3), (Sample) parts.get(4), cast(parts.get(5)), (Sample) parts.get(6),
                            (Sample) parts.get(7), counters.getOrDefault("duplicates", 0L),
                            counters.getOrDefault("dead-letters", 0L));
                });
    }

    private Uni<Orphans> orphans(String table, String rowsExpression) {
        String orphanRows = "FROM " + table + " t WHERE NOT EXISTS "
                + "(SELECT 1 FROM doctor_profile p WHERE p.doctor_id = t.doctor_id)";
        return pool.query("SELECT count(DISTINCT doctor_id), coalesce(" + rowsExpression + ", 0) " + orphanRows).execute()
                .flatMap(counts -> pool.query("SELECT DISTINCT doctor_id " + orphanRows + " ORDER BY doctor_id LIMIT "
                                + SAMPLE).execute()
                        .map(sample -> {
                            Row row = counts.iterator().next();
                            return new Orphans(row.getLong(0), row.getNumeric(1).longValue(), strings(sample));
                        }));
    }

    private Uni<Sample> profiledWithoutOtherData() {
        String where = "FROM doctor_profile p WHERE NOT EXISTS (SELECT 1 FROM doctor_order o WHERE o.doctor_id = p.doctor_id) "
                + "AND NOT EXISTS (SELECT 1 FROM doctor_complaint c WHERE c.doctor_id = p.doctor_id) "
                + "AND NOT EXISTS (SELECT 1 FROM doctor_instructions i WHERE i.doctor_id = p.doctor_id)";
        return sample("SELECT count(*) " + where, "SELECT doctor_id " + where + " ORDER BY doctor_id LIMIT " + SAMPLE);
    }

    private Uni<Map<String, Long>> missingProfileValues() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < PROFILE_FIELDS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(PROFILE_FIELDS.get(i)).append(" IS NULL)");
        }
        return pool.query(sql.append(" FROM doctor_profile").toString()).execute().map(rows -> {
            Row row = rows.iterator().next();
            Map<String, Long> missing = new LinkedHashMap<>();
            for (int i = 0; i < PROFILE_FIELDS.size(); i++) {
                missing.put(camelCase(PROFILE_FIELDS.get(i)), row.getLong(i));
            }
            return missing;
        });
    }

    private Uni<Sample> corrected(String table, String idColumn) {
        return sample("SELECT count(*) FROM " + table + " WHERE versions > 1",
                "SELECT " + idColumn + " FROM " + table + " WHERE versions > 1 ORDER BY " + idColumn + " LIMIT " + SAMPLE);
    }

    private Uni<Map<String, Long>> counters() {
        return pool.query("SELECT name, value FROM quality_counter").execute().map(rows -> {
            Map<String, Long> counters = new LinkedHashMap<>();
            rows.forEach(row -> counters.put(row.getString(0), row.getLong(1)));
            return counters;
        });
    }

    private Uni<Sample> sample(String countSql, String sampleSql) {
        return pool.query(countSql).execute().flatMap(count -> pool.query(sampleSql).execute()
                .map(sample -> new Sample(one(count), strings(sample))));
    }

    private static long one(RowSet<Row> rows) {
        return rows.iterator().next().getLong(0);
    }

    private static List<String> strings(RowSet<Row> rows) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.getString(0)));
        return values;
    }

    private static String camelCase(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
