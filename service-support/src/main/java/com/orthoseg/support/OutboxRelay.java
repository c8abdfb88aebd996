package com.orthoseg.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * (at-least-once on the wire, deduplicated by consumers on ce_id). A record larger than Kafka accepts
 * is dropped with an error and counted ({@code orthoseg_outbox_unpublishable_total}), rather than
 * holding up every record behind it forever.
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
    private final Counter unpublishable;

    protected OutboxRelay(Pool pool, KafkaOutput output, MeterRegistry registry, String table, String columns, long lock,
                          int batchSize) {
        this.pool = pool;
        this.output = output;
        this.table = table;
        this.select = "SELECT id, " + columns + " FROM " + table + " ORDER BY id LIMIT $1";
        this.lock = lock;
        if (batchSize < 1) {
            throw new IllegalArgumentException("the relay batch size of " + table + " must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.unpublishable = Counter.builder("orthoseg.outbox.unpublishable").tag("table", table)
                .description("Outbox records dropped because Kafka refuses records of their size").register(registry);
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

    /** Sends one batch of the outbox; answers how many rows it took from the outbox. */
    private Uni<Integer> relayOnce() {
        List<String> dropped = new ArrayList<>();
        return pool.withTransaction(conn -> conn.query("SELECT pg_try_advisory_xact_lock(" + lock + ")").execute()
                .flatMap(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(0)
                        : conn.preparedQuery(select).execute(Tuple.of(batchSize)).flatMap(rows -> {
                            List<Long> ids = new ArrayList<>();
                            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
                            for (Row row : rows) {
                                ids.add(row.getLong(0));
                                ProducerRecord<String, byte[]> record = record(row);
                                if (output.fits(record)) {
                                    records.add(record);
                                } else {
                                    // Kafka would refuse it on every attempt and hold up every record behind it
                                    dropped.add(String.format("%s row %d (key %s, %d bytes) is too large for Kafka and was dropped "
                                            + "unpublished", table, row.getLong(0), record.key(), record.value().length));
                                }
                            }
                            if (ids.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            return output.sendAll(records)
                                    .flatMap(x -> conn.preparedQuery("DELETE FROM " + table + " WHERE id = ANY($1)")
                                            .execute(Tuple.of(ids.toArray(Long[]::new))))
                                    .replaceWith(ids.size());
                        })))
                // once the deletion is committed: a failed attempt leaves the rows for the next one to drop
                .invoke(x -> dropped.forEach(message -> {
                    LOG.error(message);
                    unpublishable.increment();
                }));
    }
}
