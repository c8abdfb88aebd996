package com.orthoseg.features.messaging;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.FeatureConfig;
import com.orthoseg.features.FeatureMetrics;
import com.orthoseg.features.compute.FeatureClock;
import com.orthoseg.features.messaging.EventBatchApplier.Outcome;
import com.orthoseg.features.store.EventClockStore;
import com.orthoseg.support.ContractViolation;
import com.orthoseg.support.DeadLetters.DeadLetter;
import com.orthoseg.support.RefusedRecords;
import com.orthoseg.support.Retries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes doctors, orders, complaints and instructions in batches (one poll at a time) and folds
 * each batch into transactions, one per doctor-disjoint part ({@code orthoseg.features.parallelism}),
 * each applied by {@link EventBatchApplier}. Offsets are committed only after those transactions, so a crash
 * redelivers the batch and the recorded ids make it change nothing. A part is retried on its own while
 * PostgreSQL is unavailable; an event PostgreSQL refuses for its data goes to the DLQ like one that
 * breaks the contract ({@link RefusedRecords}).
 *
 * <p>One consumer reads all four topics, and the range assignor gives partition i of every topic to
 * the same instance: a doctor's events are applied by one instance, in order.
 */
@ApplicationScoped
public class EventsConsumer {

    private final EventParser parser;
    private final OnceOnlyDeadLetters deadLetters;
    private final EventClockStore eventClock;
    private final EventBatchApplier applier;
    private final FeatureClock clock;
    private final FeaturesOutboxRelay relay;
    private final FeatureMetrics metrics;
    private final Pool pool;
    private final int parallelism;

    public EventsConsumer(EventParser parser, OnceOnlyDeadLetters deadLetters, EventClockStore eventClock,
                          EventBatchApplier applier, FeatureClock clock, FeaturesOutboxRelay relay, FeatureMetrics metrics,
                          Pool pool, FeatureConfig config) {
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.eventClock = eventClock;
        this.applier = applier;
        this.clock = clock;
        this.relay = relay;
        this.metrics = metrics;
        this.pool = pool;
        this.parallelism = config.features().parallelism();
    }

    @Incoming("events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<IncomingEvent> events = new ArrayList<>(records.count());
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(parser.parse(record));
            } catch (ContractViolation e) {
                letters.add(new DeadLetter(record, e.getMessage()));
            }
        }
        Instant newest = newest(events);
        return deadLetters.send(letters).flatMap(sent -> Retries.untilDone(
                        () -> pool.withTransaction(conn -> newest == null ? eventClock.read(conn) : eventClock.advance(conn, newest)),
                        "The event clock of a poll of " + records.count() + " records")
                .flatMap(newestSeen -> Uni.join().all(byDoctor(events, parallelism).stream()
                        .map(part -> applyPart(part, newestSeen)).toList()).andFailFast())
                .invoke(outcomes -> {
                    Outcome total = outcomes.stream().reduce(Outcome.NONE, Outcome::plus);
                    metrics.applied(total.applied(), total.duplicates(), sent + total.deadLettered());
                    relay.trigger();
                }))
                .replaceWithVoid();
    }

    /**
     * Doctor-disjoint parts of a poll, applied in concurrent transactions: a doctor's events stay in one
     * part and in order. Each part is retried on its own, so a part already committed is not applied
     * (and its events not counted as duplicates) again.
     */
    static List<List<IncomingEvent>> byDoctor(List<IncomingEvent> events, int parts) {
        if (movesBetweenDoctors(events)) {
            // a correction moving an order (complaint) to another doctor: its versions must stay in one transaction
            return List.of(events);
        }
        List<List<IncomingEvent>> split = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            split.add(new ArrayList<>());
        }
        for (IncomingEvent event : events) {
            split.get(Math.floorMod(event.doctorId().hashCode(), parts)).add(event);
        }
        split.removeIf(List::isEmpty);
        return split;
    }

    private static boolean movesBetweenDoctors(List<IncomingEvent> events) {
        Map<String, String> orderDoctor = new HashMap<>();
        Map<String, String> complaintDoctor = new HashMap<>();
        for (IncomingEvent event : events) {
            String first = event.payload() instanceof OrderPlaced o ? orderDoctor.putIfAbsent(o.orderId(), event.doctorId())
                    : event.payload() instanceof ComplaintFiled c ? complaintDoctor.putIfAbsent(c.complaintId(), event.doctorId())
                    : null;
            if (first != null && !first.equals(event.doctorId())) {
                return true;
            }
        }
        return false;
    }

    private static Instant newest(List<IncomingEvent> events) {
        Instant newest = null;
        for (IncomingEvent event : events) {
            newest = newest == null || event.time().isAfter(newest) ? event.time() : newest;
        }
        return newest;
    }

    /**
     * One part in its own transaction, as of the clock once its doctors are locked ({@code newestSeen}:
     * the event-time clock); events PostgreSQL refuses are dead-lettered and the rest of the part applied.
     */
    private Uni<Outcome> applyPart(List<IncomingEvent> part, Instant newestSeen) {
        return RefusedRecords.apply(part, events -> pool.withTransaction(conn -> applier.apply(conn, events, () -> clock.asOf(newestSeen))),
                this::deadLetter, Outcome::plus);
    }

    private Uni<Outcome> deadLetter(IncomingEvent event, DatabaseException refusal) {
        return deadLetters.send(List.of(new DeadLetter(event.record(), RefusedRecords.reason(refusal))))
                .map(sent -> new Outcome(0, 0, sent));
    }
}
