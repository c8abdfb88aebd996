package com.orthoseg.features.messaging;

import com.orthoseg.features.store.DeadLetterLog;
import com.orthoseg.features.store.QualityCounters;
import com.orthoseg.support.DeadLetters;
import com.orthoseg.support.DeadLetters.DeadLetter;
import com.orthoseg.support.Retries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Sends each dead letter once and counts it once (data-quality's {@code deadLettered}), however often its
 * record is delivered: a poll delivered again after a crash, the same poll still applied by the instance
 * losing it in a rebalance, or the topics replayed from their start. A dead letter is claimed in
 * {@link DeadLetterLog} and sent in one transaction: another transaction claiming the same one waits for
 * this one and then finds it taken; a failed send rolls the claim back, and PostgreSQL being away sends
 * nothing. A letter Kafka took before a failed send (one of several, or one whose acknowledgement timed
 * out) and a commit failing after the send are sent once more.
 */
@ApplicationScoped
public class OnceOnlyDeadLetters {

    private final DeadLetters deadLetters;
    private final DeadLetterLog log;
    private final QualityCounters counters;
    private final Pool pool;

    public OnceOnlyDeadLetters(DeadLetters deadLetters, DeadLetterLog log, QualityCounters counters, Pool pool) {
        this.deadLetters = deadLetters;
        this.log = log;
        this.counters = counters;
        this.pool = pool;
    }

    /** Sends those of {@code letters} not sent before; answers how many it sent (and counted). */
    public Uni<Integer> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<ConsumerRecord<String, byte[]>> records = letters.stream().map(DeadLetter::record).toList();
        return Retries.untilDone(() -> pool.withTransaction(conn -> log.claim(conn, records).flatMap(claimed -> {
            List<DeadLetter> unsent = letters.stream().filter(letter -> claimed.contains(DeadLetterLog.place(letter.record()))).toList();
            return unsent.isEmpty() ? Uni.createFrom().item(0)
                    : deadLetters.send(unsent)
                            .flatMap(x -> counters.addToCounter(conn, "dead-letters", unsent.size()))
                            .replaceWith(unsent.size());
        })), letters.size() + " dead letter(s)");
    }
}
