package com.orthoseg.features.messaging;

import com.orthoseg.events.EventIds;
import com.orthoseg.events.Topic;
import com.orthoseg.features.FeatureConfig;
import com.orthoseg.support.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the DoctorFeatures records of the outbox to doctor-features, in outbox order, and deletes
 * them once Kafka acknowledged. One instance relays at a time (a transaction-scoped advisory lock), so
 * a doctor's records leave in sequence order; a crash between send and delete sends them again with
 * the same ce_id (at-least-once on the wire, deduplicated by consumers on ce_id or sequence).
 */
@ApplicationScoped
public class OutboxRelay {

    static final String SOURCE = "urn:orthoseg:feature-service";
    /** One relay at a time across instances, so a doctor's records leave in sequence order. */
    private static final long RELAY_LOCK = 724_001L;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final KafkaOutput output;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(Pool pool, KafkaOutput output, FeatureConfig config) {
        this.pool = pool;
        this.output = output;
        this.batchSize = config.features().relayBatchSize();
    }

    /** Relays whatever is pending; calls while a relay runs make it go round once more. */
    public void trigger() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            relayUntilEmpty();
        }
    }

    private void relayUntilEmpty() {
        again.set(false);
        relayOnce().subscribe().with(sent -> {
            if (sent == batchSize || again.get()) {
                relayUntilEmpty();
            } else {
                running.set(false);
                if (again.get() && running.compareAndSet(false, true)) {
                    relayUntilEmpty();
                }
            }
        }, failure -> {
            LOG.warnf("Relaying the features outbox failed, retrying on the next trigger: %s", failure.getMessage());
            running.set(false);
        });
    }

    /** Sends one batch of the outbox; answers how many records it sent. */
    Uni<Integer> relayOnce() {
        return pool.withTransaction(conn -> conn.query("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ")").execute()
                .flatMap(lock -> !lock.iterator().next().getBoolean(0) ? Uni.createFrom().item(0) : conn.preparedQuery(
                        "SELECT id, doctor_id, sequence, as_of, payload FROM features_outbox ORDER BY id LIMIT $1")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong(0));
                        records.add(record(row));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return output.sendAll(records)
                            .flatMap(x -> conn.preparedQuery("DELETE FROM features_outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .replaceWith(ids.size());
                })));
    }

    private static ProducerRecord<String, byte[]> record(Row row) {
        String doctorId = row.getString(1);
        long sequence = row.getLong(2);
        UUID eventId = EventIds.of("features:" + doctorId + ":" + sequence);
        return new ProducerRecord<>(Topic.DOCTOR_FEATURES.topicName(), null, doctorId,
                row.getString(4).getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.of(Topic.DOCTOR_FEATURES, eventId, SOURCE, doctorId,
                        row.getOffsetDateTime(3).toInstant()));
    }
}
