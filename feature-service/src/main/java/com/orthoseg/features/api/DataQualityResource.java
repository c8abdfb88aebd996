package com.orthoseg.features.api;

import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.Topic;
import com.orthoseg.support.Problem;
import com.orthoseg.support.ProblemException;
import com.orthoseg.support.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/data-quality}: what the data lacks, with counts and samples; and
 * {@code GET /api/v1/data-quality/doctors}: every doctor of one such count, page by page.
 */
@RolesAllowed(Roles.ANALYST)
@Path("/api/v1/data-quality")
public class DataQualityResource {

    static final int SAMPLE = 10;
    static final int MAX_PAGE = 1_000;
    private static final List<String> PROFILE_FIELDS = List.of("region", "category", "rank", "incidence_rate",
            "r_rate", "satisfaction", "experience", "purchases");
    private static final List<Topic> INPUT_TOPICS = List.of(Topic.DOCTORS, Topic.ORDERS, Topic.COMPLAINTS, Topic.INSTRUCTIONS);

    /** The doctors the summary counts, as {@code FROM … t WHERE …} with the doctor in {@code t.doctor_id}. */
    enum Gap {
        ORDERS_WITHOUT_PROFILE("orders-without-profile", orphansOf("doctor_order")),
        COMPLAINTS_WITHOUT_PROFILE("complaints-without-profile", orphansOf("doctor_complaint")),
        INSTRUCTIONS_WITHOUT_PROFILE("instructions-without-profile", orphansOf("doctor_instructions")),
        PROFILED_WITHOUT_OTHER_DATA("profiled-without-other-data", "FROM doctor_profile t WHERE "
                + "NOT EXISTS (SELECT 1 FROM doctor_order o WHERE o.doctor_id = t.doctor_id) "
                + "AND NOT EXISTS (SELECT 1 FROM doctor_complaint c WHERE c.doctor_id = t.doctor_id) "
                + "AND NOT EXISTS (SELECT 1 FROM doctor_instructions i WHERE i.doctor_id = t.doctor_id)");

        final String kind;
        final String rows;

        Gap(String kind, String rows) {
            this.kind = kind;
            this.rows = rows;
        }

        private static String orphansOf(String table) {
            return "FROM " + table + " t WHERE NOT EXISTS (SELECT 1 FROM doctor_profile p WHERE p.doctor_id = t.doctor_id)";
        }

        static Gap of(String kind) {
            return Arrays.stream(values()).filter(g -> g.kind.equals(kind)).findFirst().orElseThrow(() ->
                    ProblemException.badRequest("kind must be one of " + kinds() + ", got " + kind));
        }

        static List<String> kinds() {
            return Arrays.stream(values()).map(g -> g.kind).toList();
        }
    }

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
                              Map<String, Long> missingProfileValues, Map<String, Long> missingOrderValues,
                              Sample correctedOrders, Sample correctedComplaints, long duplicatesSkipped,
                              Map<String, Long> duplicateRecords, Sample duplicateOrders, long deadLettered) {
    }

    /** Doctors of one kind in id order; {@code next} is the {@code after} of the next page, null on the last. */
    public record DoctorPage(String kind, List<String> doctors, String next) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Data-quality summary",
            description = "Orphans (events of doctors without a profile, aggregated and flagged but not segmented), "
                    + "profiled doctors with no other data, missing profile and order values (an order's condition "
                    + "counts as missing when absent or null), corrected orders and complaints, events skipped as seen "
                    + "before (duplicatesSkipped: redeliveries and replays included), duplicates in the data (records "
                    + "carrying an event already applied from another record, by topic, and the orders they repeat) "
                    + "and records sent to the dead-letter topics. Samples hold "
                    + SAMPLE + " ids; /api/v1/data-quality/doctors lists every doctor of a count.")
    public Uni<DataQuality> dataQuality() {
        Uni<Long> profiled = pool.query("SELECT count(*) FROM doctor_profile").execute().map(DataQualityResource::one);
        Uni<List<Orphans>> orphans = Uni.join().all(orphans(Gap.ORDERS_WITHOUT_PROFILE, "sum(versions)"),
                orphans(Gap.COMPLAINTS_WITHOUT_PROFILE, "sum(versions)"),
                orphans(Gap.INSTRUCTIONS_WITHOUT_PROFILE, "count(*)")).andFailFast();
        return Uni.combine().all().unis(profiled, orphans,
                        sample("SELECT count(*) " + Gap.PROFILED_WITHOUT_OTHER_DATA.rows,
                                firstDoctors(Gap.PROFILED_WITHOUT_OTHER_DATA)),
                        missing("doctor_profile", columnsMissing(PROFILE_FIELDS)), missing("doctor_order", orderValuesMissing()),
                        idsWhere("doctor_order", "order_id", "versions > 1"),
                        idsWhere("doctor_complaint", "complaint_id", "versions > 1"),
                        idsWhere("doctor_order", "order_id", "duplicate_records > 0"),
                        counters())
                .with((profiledDoctors, withoutProfile, profiledOnly, missingProfile, missingOrder, correctedOrders,
                       correctedComplaints, duplicateOrders, counters) -> {
                    Map<String, Long> duplicateRecords = new LinkedHashMap<>();
                    for (Topic topic : INPUT_TOPICS) {
                        duplicateRecords.put(topic.topicName(), counters.getOrDefault("duplicate-records." + topic.topicName(), 0L));
                    }
                    return new DataQuality(profiledDoctors, withoutProfile.get(0), withoutProfile.get(1), withoutProfile.get(2),
                            profiledOnly, missingProfile, missingOrder, correctedOrders, correctedComplaints,
                            counters.getOrDefault("duplicates", 0L), duplicateRecords, duplicateOrders,
                            counters.getOrDefault("dead-letters", 0L));
                });
    }

    @GET
    @Path("/doctors")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every doctor of one data-quality count",
            description = "In doctor-id order, a page at a time: pass the answer's next as after for the next page.")
    @APIResponse(responseCode = "200", description = "A page of doctor ids",
            content = @Content(schema = @Schema(implementation = DoctorPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown kind or a limit outside 1 to " + MAX_PAGE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DoctorPage> doctors(
            @Parameter(description = "orders-without-profile, complaints-without-profile, instructions-without-profile "
                    + "or profiled-without-other-data") @QueryParam("kind") String kind,
            @Parameter(description = "The last doctor id of the previous page") @QueryParam("after") @DefaultValue("") String after,
            @Parameter(description = "Doctors per page, 1 to " + MAX_PAGE) @QueryParam("limit") @DefaultValue("100") String limit) {
        if (kind == null) {
            throw ProblemException.badRequest("kind is required, one of " + Gap.kinds());
        }
        Gap gap = Gap.of(kind);
        int size = pageSize(limit);
        return pool.preparedQuery("SELECT DISTINCT t.doctor_id " + gap.rows + " AND t.doctor_id > $1 "
                        + "ORDER BY t.doctor_id LIMIT $2")
                .execute(Tuple.of(after, size + 1))
                .map(rows -> {
                    List<String> doctors = strings(rows);
                    boolean more = doctors.size() > size;
                    List<String> page = more ? doctors.subList(0, size) : doctors;
                    return new DoctorPage(gap.kind, page, more ? page.get(size - 1) : null);
                });
    }

    private static int pageSize(String limit) {
        try {
            int size = Integer.parseInt(limit.trim());
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + MAX_PAGE + ", got " + limit);
    }

    private Uni<Orphans> orphans(Gap gap, String rowsExpression) {
        return pool.query("SELECT count(DISTINCT doctor_id), coalesce(" + rowsExpression + ", 0) " + gap.rows).execute()
                .flatMap(counts -> pool.query(firstDoctors(gap)).execute()
                        .map(sample -> {
                            Row row = counts.iterator().next();
                            return new Orphans(row.getLong(0), row.getNumeric(1).longValue(), strings(sample));
                        }));
    }

    private static String firstDoctors(Gap gap) {
        return "SELECT DISTINCT t.doctor_id " + gap.rows + " ORDER BY t.doctor_id LIMIT " + SAMPLE;
    }

    /** Field name → the SQL condition that it is missing. */
    private static Map<String, String> columnsMissing(List<String> columns) {
        Map<String, String> missing = new LinkedHashMap<>();
        columns.forEach(column -> missing.put(camelCase(column), column + " IS NULL"));
        return missing;
    }

    private static Map<String, String> orderValuesMissing() {
        Map<String, String> missing = columnsMissing(List.of("amount"));
        OrderPlaced.BOOLEAN_CONDITIONS.forEach(c -> missing.put("conditions." + c, "conditions->>'" + c + "' IS NULL"));
        missing.put("conditions.J", "conditions->>'J' IS NULL");
        return missing;
    }

    /** How many rows of the table miss each field, in one scan. */
    private Uni<Map<String, Long>> missing(String table, Map<String, String> conditions) {
        List<String> fields = List.copyOf(conditions.keySet());
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("count(*) FILTER (WHERE ").append(conditions.get(fields.get(i))).append(')');
        }
        return pool.query(sql.append(" FROM ").append(table).toString()).execute().map(rows -> {
            Row row = rows.iterator().next();
            Map<String, Long> missing = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                missing.put(fields.get(i), row.getLong(i));
            }
            return missing;
        });
    }

    private Uni<Sample> idsWhere(String table, String idColumn, String condition) {
        return sample("SELECT count(*) FROM " + table + " WHERE " + condition,
                "SELECT " + idColumn + " FROM " + table + " WHERE " + condition + " ORDER BY " + idColumn + " LIMIT " + SAMPLE);
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
}
