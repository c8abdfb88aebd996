package com.orthoseg.features.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** {@code quality_counter}: the data-quality counts kept as events are applied (duplicates, dead letters). */
@ApplicationScoped
public class QualityCounters {

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
}
