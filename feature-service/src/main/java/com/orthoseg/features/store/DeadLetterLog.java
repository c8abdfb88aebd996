package com.orthoseg.features.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code dead_letter}: the records already sent to a dead-letter topic, by topic, partition and offset. */
@ApplicationScoped
public class DeadLetterLog {

    private static final String POSITIONS = "unnest($1::text[], $2::int4[], $3::int8[])";
    private static final Comparator<ConsumerRecord<String, byte[]>> PLACE_ORDER = Comparator
            .comparing((ConsumerRecord<String, byte[]> r) -> r.topic()).thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);

    /**
     * Records {@code records} as sent, each row locked until the transaction ends; answers those not
     * recorded before, as {@link #place} names them.
     */
    public Uni<Set<String>> claim(SqlConnection conn, List<ConsumerRecord<String, byte[]>> records) {
        return conn.preparedQuery("INSERT INTO dead_letter (topic, kafka_partition, record_offset) SELECT * FROM " + POSITIONS
                        + " ON CONFLICT DO NOTHING RETURNING topic, kafka_partition, record_offset")
                .execute(positions(records))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    for (Row row : rows) {
                        claimed.add(place(row.getString(0), row.getInteger(1), row.getLong(2)));
                    }
                    return claimed;
                });
    }

    public static String place(ConsumerRecord<String, byte[]> record) {
        return place(record.topic(), record.partition(), record.offset());
    }

    private static String place(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /** In one order, so that two transactions claiming the same records (a rebalance) cannot wait on each other. */
    private static Tuple positions(List<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, byte[]>> sorted = records.stream().sorted(PLACE_ORDER).toList();
        return Tuple.of(sorted.stream().map(ConsumerRecord::topic).toArray(String[]::new),
                sorted.stream().map(ConsumerRecord::partition).toArray(Integer[]::new),
                sorted.stream().map(ConsumerRecord::offset).toArray(Long[]::new));
    }
}
