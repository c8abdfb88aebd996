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
import java.util.Set;

/**
 * Sends each dead letter once and counts it once (data-quality's {@code deadLettered}), however often its
 * record is delivered: a poll delivered again after a crash or a rebalance, or the topics replayed from
 * their start, finds its dead letters in {@link DeadLetterLog}. Sending and recording are retried apart, so
 * PostgreSQL being away while a poll's dead letters are recorded does not send them again at each retry.
 * A crash between the send and the record sends them once more.
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

    /** Sends those of {@code letters} not sent before; answers how many it recorded as sent (and counted). */
    public Uni<Integer> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<ConsumerRecord<String, byte[]>> records = letters.stream().map(DeadLetter::record).toList();
        return Retries.untilDone(() -> log.sentBefore(pool, records), "Reading earlier dead letters")
                .flatMap(sentBefore -> sendAndRecord(unsent(letters, sentBefore)));
    }

    private Uni<Integer> sendAndRecord(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<ConsumerRecord<String, byte[]>> records = letters.stream().map(DeadLetter::record).toList();
        return Retries.untilDone(() -> deadLetters.send(letters), letters.size() + " dead letter(s)")
                .flatMap(x -> Retries.untilDone(() -> pool.withTransaction(conn -> log.record(conn, records)
                        .flatMap(added -> counters.addToCounter(conn, "dead-letters", added).replaceWith(added))),
                        "Recording " + letters.size() + " dead letter(s)"));
    }

    private static List<DeadLetter> unsent(List<DeadLetter> letters, Set<String> sentBefore) {
        return letters.stream().filter(letter -> !sentBefore.contains(DeadLetterLog.place(letter.record()))).toList();
    }
}
