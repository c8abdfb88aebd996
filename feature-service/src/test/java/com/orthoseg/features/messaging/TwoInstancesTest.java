package com.orthoseg.features.messaging;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.localstack.TopicReader;
import com.orthoseg.support.DeadLetters.DeadLetter;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While a partition moves between instances, the one losing it may still be applying its last poll
 * when the other applies the next records of the same doctors. Two transactions on the real
 * PostgreSQL stand for the two instances: the first applies its event and holds its transaction open
 * until the second waits on it, then commits; the features stored in the end must count both events.
 * A dead letter both instances come to send goes to the DLQ once.
 */
@QuarkusTest
class TwoInstancesTest {

    private static final Instant NOW = Instant.now();

    @Inject
    EventBatchApplier applier;

    @Inject
    OnceOnlyDeadLetters deadLetters;

    @Inject
    Pool pool;

    @Test
    void aNewDoctorWrittenByTwoInstancesAtOnceCountsTheFactsOfBoth() {
        String doctor = "TWO-NEW-" + UUID.randomUUID();
        IncomingEvent order = order(doctor, doctor + "-O1", BigDecimal.TEN);
        IncomingEvent complaint = event("complaints", doctor,
                new ComplaintFiled(doctor, doctor + "-C1", "Correct", 3, NOW.minus(Duration.ofDays(1))));

        applyConcurrently(order, complaint);

        Row stored = stored(doctor);
        assertThat(stored.getDouble("orders_total")).as("ordersTotal").isEqualTo(1.0);
        assertThat(stored.getDouble("complaints_total")).as("complaintsTotal").isEqualTo(3.0);
        assertThat(stored.getBoolean("has_orders")).as("hasOrders").isTrue();
        assertThat(stored.getLong("sequence")).isEqualTo(2);
    }

    @Test
    void anOrderMovedToAnotherDoctorByTwoInstancesAtOnceLeavesItsFirstDoctor() {
        String first = "TWO-FROM-" + UUID.randomUUID();
        String second = "TWO-TO-" + UUID.randomUUID();
        String orderId = "TWO-ORDER-" + UUID.randomUUID();

        applyConcurrently(order(first, orderId, BigDecimal.TEN), order(second, orderId, BigDecimal.ONE));

        assertThat(stored(first).getDouble("orders_total")).as("orders of the doctor the order left").isEqualTo(0.0);
        assertThat(stored(second).getDouble("orders_total")).as("orders of the doctor it moved to").isEqualTo(1.0);
        Row order = pool.preparedQuery("SELECT doctor_id, versions FROM doctor_order WHERE order_id = $1")
                .executeAndAwait(Tuple.of(orderId)).iterator().next();
        assertThat(order.getString("doctor_id")).isEqualTo(second);
        assertThat(order.getInteger("versions")).isEqualTo(2);
    }

    @Test
    void aDeadLetterAnotherInstanceHasClaimedIsNotSentAgain() {
        String doctor = "TWO-DLQ-" + UUID.randomUUID();

        int sent = sendWhileAnotherInstanceClaims(new DeadLetter(record("orders", doctor), "not JSON"), true);

        assertThat(sent).as("sent and counted here").isZero();
        assertThat(TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key()))).isEmpty();
    }

    @Test
    void aDeadLetterWhoseOtherClaimIsRolledBackIsSentOnce() {
        String doctor = "TWO-DLQ-" + UUID.randomUUID();

        int sent = sendWhileAnotherInstanceClaims(new DeadLetter(record("orders", doctor), "not JSON"), false);

        assertThat(sent).as("sent and counted here").isEqualTo(1);
        assertThat(TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key()))).hasSize(1);
    }

    /**
     * The other instance has claimed the letter in a transaction still open; this one sends it and must
     * wait for that claim, which then commits (the other one sent it) or rolls back (its send failed).
     */
    private int sendWhileAnotherInstanceClaims(DeadLetter letter, boolean commit) {
        SqlConnection other = pool.getConnectionAndAwait();
        try {
            Transaction claim = other.beginAndAwait();
            other.preparedQuery("INSERT INTO dead_letter (topic, kafka_partition, record_offset) VALUES ($1, $2, $3)")
                    .executeAndAwait(Tuple.of(letter.record().topic(), letter.record().partition(), letter.record().offset()));
            CompletableFuture<Integer> sent = deadLetters.send(List.of(letter)).subscribeAsCompletionStage();
            await().atMost(Duration.ofSeconds(30)).until(() -> claimWaits() || sent.isDone());
            assertThat(sent).as("the send waits for the other claim").isNotDone();
            if (commit) {
                claim.commitAndAwait();
            } else {
                claim.rollbackAndAwait();
            }
            return sent.orTimeout(30, TimeUnit.SECONDS).join();
        } finally {
            other.closeAndAwait();
        }
    }

    private boolean claimWaits() {
        return pool.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE 'INSERT INTO dead_letter%'").executeAndAwait().iterator().next().getLong(0) > 0;
    }

    /**
     * Applies {@code first} in a transaction, then {@code second} in another one, which must come to wait
     * on the first (a row or key the first wrote); then commits the first, and the second once applied.
     */
    private void applyConcurrently(IncomingEvent first, IncomingEvent second) {
        SqlConnection one = pool.getConnectionAndAwait();
        SqlConnection other = pool.getConnectionAndAwait();
        try {
            Transaction firstTx = one.beginAndAwait();
            applier.apply(one, List.of(first), () -> NOW).await().atMost(Duration.ofSeconds(30));
            // another instance's cache does not hold what this transaction computed: a new stamp makes the
            // second transaction read the facts from PostgreSQL, as another instance would
            one.preparedQuery("UPDATE doctor_features SET facts_version = nextval('facts_version') WHERE doctor_id = ANY($1)")
                    .executeAndAwait(Tuple.of((Object) new String[] {first.doctorId(), second.doctorId()}));

            int otherPid = other.query("SELECT pg_backend_pid()").executeAndAwait().iterator().next().getInteger(0);
            Transaction secondTx = other.beginAndAwait();
            CompletableFuture<EventBatchApplier.Outcome> secondApplied =
                    applier.apply(other, List.of(second), () -> NOW).subscribeAsCompletionStage();
            await().atMost(Duration.ofSeconds(30)).until(() -> waitsOnALock(otherPid) || secondApplied.isDone());
            assertThat(secondApplied).as("the second transaction waits for the first").isNotDone();

            firstTx.commitAndAwait();
            assertThat(secondApplied).succeedsWithin(30, TimeUnit.SECONDS);
            secondTx.commitAndAwait();
        } finally {
            one.closeAndAwait();
            other.closeAndAwait();
        }
    }

    private boolean waitsOnALock(int pid) {
        Row row = pool.preparedQuery("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1")
                .executeAndAwait(Tuple.of(pid)).iterator().next();
        return "Lock".equals(row.getString(0));
    }

    private Row stored(String doctorId) {
        return pool.preparedQuery("SELECT (features::jsonb ->> 'ordersTotal')::float8 AS orders_total, "
                        + "(features::jsonb ->> 'complaintsTotal')::float8 AS complaints_total, has_orders, sequence "
                        + "FROM doctor_features WHERE doctor_id = $1")
                .executeAndAwait(Tuple.of(doctorId)).iterator().next();
    }

    private static IncomingEvent order(String doctorId, String orderId, BigDecimal amount) {
        return event("orders", doctorId, new OrderPlaced(doctorId, orderId, null, NOW.minus(Duration.ofDays(1)), amount, Map.of()));
    }

    /** An event as the parser gives it, from a record of its own (the position only matters for duplicates). */
    private static IncomingEvent event(String topic, String doctorId, Object payload) {
        return new IncomingEvent(UUID.randomUUID(), doctorId, NOW, payload, record(topic, doctorId));
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String doctorId) {
        long offset = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        return new ConsumerRecord<>(topic, 0, offset, doctorId, "{not json".getBytes(StandardCharsets.UTF_8));
    }
}
