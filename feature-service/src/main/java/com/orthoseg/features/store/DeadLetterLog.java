package com.orthoseg.features.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code dead_letter}: the records already sent to a dead-letter topic, by topic, partition and offset. */
@ApplicationScoped
public class DeadLetterLog {

    private static final String POSITIONS = "unnest($1::text[], $2::int4[], $3::int8[])";

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

    private static Tuple positions(List<ConsumerRecord<String, byte[]>> records) {
        return Tuple.of(records.stream().map(ConsumerRecord::topic).toArray(String[]::new),
                records.stream().map(ConsumerRecord::partition).toArray(Integer[]::new),
                records.stream().map(ConsumerRecord::offset).toArray(Long[]::new));
    }
}
