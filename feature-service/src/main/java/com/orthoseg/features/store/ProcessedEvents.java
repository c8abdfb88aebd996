package com.orthoseg.features.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@code processed_event}: the ids of the events applied, each with the record it was applied from. */
@ApplicationScoped
public class ProcessedEvents {

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
}
