package com.orthoseg.segments.store;

import com.orthoseg.events.SegmentChanged.Scheme;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.orthoseg.segments.store.SegmentStore.utc;

/** Model versions and the names and playbooks operators set on segments. */
@ApplicationScoped
public class ModelStore {

    /** What an operator set on a segment; null where nothing was set. */
    public record SegmentOverride(String name, String playbook) {
    }

    private static final String COLUMNS = "SELECT id, scheme, number, status, created_at, activated_at, doctors, "
            + "params::text, quality::text FROM model_version";

    public Uni<ModelVersion> insert(SqlConnection conn, Scheme scheme, int doctors, String params, String quality, Instant now) {
        return conn.preparedQuery("""
                        INSERT INTO model_version (id, scheme, number, status, created_at, doctors, params, quality)
                        SELECT $1 || '-v' || n, $1, n, 'PREVIEW', $2, $3, $4::text::jsonb, $5::text::jsonb
                        FROM (SELECT coalesce(max(number), 0) + 1 AS n FROM model_version WHERE scheme = $1) next
                        RETURNING id""")
                .execute(Tuple.of(scheme.name(), utc(now), doctors, params, quality))
                .flatMap(rows -> find(conn, rows.iterator().next().getString(0)).map(Optional::orElseThrow));
    }

    public Uni<Optional<ModelVersion>> find(SqlClient client, String id) {
        return client.preparedQuery(COLUMNS + " WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(version(rows.iterator().next())));
    }

    /** Every version, newest first; params left out (they can be large). */
    public Uni<List<ModelVersion>> list(SqlClient client) {
        return client.query("SELECT id, scheme, number, status, created_at, activated_at, doctors, null, quality::text "
                        + "FROM model_version ORDER BY scheme, number DESC").execute()
                .map(rows -> {
                    List<ModelVersion> versions = new ArrayList<>();
                    rows.forEach(row -> versions.add(version(row)));
                    return versions;
                });
    }

    public Uni<Map<Scheme, String>> activeIds(SqlClient client) {
        return client.query("SELECT scheme, id FROM model_version WHERE status = 'ACTIVE'").execute()
                .map(rows -> {
                    Map<Scheme, String> active = new EnumMap<>(Scheme.class);
                    rows.forEach(row -> active.put(Scheme.valueOf(row.getString(0)), row.getString(1)));
                    return active;
                });
    }

    /** Whether a scheme has ever had a version activated. */
    public Uni<Boolean> everActivated(SqlClient client, Scheme scheme) {
        return client.preparedQuery("SELECT count(*) FROM model_version WHERE scheme = $1 AND activated_at IS NOT NULL")
                .execute(Tuple.of(scheme.name())).map(rows -> rows.iterator().next().getLong(0) > 0);
    }

    public Uni<Optional<Instant>> latestCreated(SqlClient client, Scheme scheme) {
        return client.preparedQuery("SELECT max(created_at) FROM model_version WHERE scheme = $1")
                .execute(Tuple.of(scheme.name()))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime(0)).map(t -> t.toInstant()));
    }

    public Uni<Void> activate(SqlConnection conn, ModelVersion version, Instant now) {
        return conn.preparedQuery("UPDATE model_version SET status = 'RETIRED' WHERE scheme = $1 AND status = 'ACTIVE'")
                .execute(Tuple.of(version.scheme().name()))
                .flatMap(x -> conn.preparedQuery("UPDATE model_version SET status = 'ACTIVE', activated_at = $2 WHERE id = $1")
                        .execute(Tuple.of(version.id(), utc(now))))
                .replaceWithVoid();
    }

    public Uni<Void> discard(SqlConnection conn, String id) {
        return conn.preparedQuery("UPDATE model_version SET status = 'DISCARDED' WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Every segment id any version of the scheme ever gave. */
    public Uni<Set<String>> usedSegmentIds(SqlClient client, Scheme scheme) {
        return client.preparedQuery("SELECT DISTINCT jsonb_array_elements(params -> 'segments') ->> 'id' "
                        + "FROM model_version WHERE scheme = $1").execute(Tuple.of(scheme.name()))
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    public Uni<Map<Scheme, Map<String, SegmentOverride>>> overrides(SqlClient client) {
        return client.query("SELECT scheme, segment_id, name, playbook FROM segment_override").execute()
                .map(rows -> {
                    Map<Scheme, Map<String, SegmentOverride>> overrides = new EnumMap<>(Scheme.class);
                    for (Scheme scheme : Scheme.values()) {
                        overrides.put(scheme, new HashMap<>());
                    }
                    rows.forEach(row -> overrides.get(Scheme.valueOf(row.getString(0)))
                            .put(row.getString(1), new SegmentOverride(row.getString(2), row.getString(3))));
                    return overrides;
                });
    }

    /** Sets what is given (a null leaves that field as it was; an empty string clears it). */
    public Uni<Void> override(SqlConnection conn, Scheme scheme, String segmentId, String name, String playbook) {
        return conn.preparedQuery("""
                        INSERT INTO segment_override AS o (scheme, segment_id, name, playbook)
                        VALUES ($1, $2, nullif($3, ''), nullif($4, ''))
                        ON CONFLICT (scheme, segment_id) DO UPDATE SET
                            name = CASE WHEN $3 IS NULL THEN o.name ELSE nullif($3, '') END,
                            playbook = CASE WHEN $4 IS NULL THEN o.playbook ELSE nullif($4, '') END""")
                .execute(Tuple.of(scheme.name(), segmentId, name, playbook))
                .replaceWithVoid();
    }

    private static ModelVersion version(Row row) {
        return new ModelVersion(row.getString(0), Scheme.valueOf(row.getString(1)), row.getInteger(2),
                ModelVersion.Status.valueOf(row.getString(3)), row.getOffsetDateTime(4).toInstant(),
                Optional.ofNullable(row.getOffsetDateTime(5)).map(t -> t.toInstant()).orElse(null),
                row.getInteger(6), row.getString(7), row.getString(8));
    }
}
