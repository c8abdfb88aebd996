package com.orthoseg.support;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the rows of an outbox table to Kafka, in outbox order, and deletes them once Kafka
 * acknowledged. One instance relays at a time (a transaction-scoped advisory lock), so a doctor's
 * records leave in order; a crash between send and delete sends them again with the same ce_id
 * (at-least-once on the wire, deduplicated by consumers on ce_id).
 *
 * <p>The table has a bigserial {@code id}; a subclass names the other columns it reads and turns a row
 * (those columns from index 1 on) into a record.
 */
public abstract class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final KafkaOutput output;
    private final String table;
    private final String select;
    private final long lock;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    protected OutboxRelay(Pool pool, KafkaOutput output, String table, String columns, long lock, int batchSize) {
        this.pool = pool;
        this.output = output;
        this.table = table;
        this.select = "SELECT id, " + columns + " FROM " + table + " ORDER BY id LIMIT $1";
        this.lock = lock;
        this.batchSize = batchSize;
    }

    protected abstract ProducerRecord<String, byte[]> record(Row row);

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
            LOG.warnf("Relaying %s failed, retrying on the next trigger: %s", table, failure.getMessage());
            running.set(false);
        });
    }

    /** Sends one batch of the outbox; answers how many records it sent. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(conn -> conn.query("SELECT pg_try_advisory_xact_lock(" + lock + ")").execute()
                .flatMap(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(0)
                        : conn.preparedQuery(select).execute(Tuple.of(batchSize)).flatMap(rows -> {
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
                                    .flatMap(x -> conn.preparedQuery("DELETE FROM " + table + " WHERE id = ANY($1)")
                                            .execute(Tuple.of(ids.toArray(Long[]::new))))
                                    .replaceWith(ids.size());
                        })));
    }
}
