package com.orthoseg.features.messaging;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.FeatureConfig;
import com.orthoseg.features.FeatureMetrics;
import com.orthoseg.features.compute.FeatureClock;
import com.orthoseg.features.compute.FeatureUpdater;
import com.orthoseg.features.compute.NewFacts;
import com.orthoseg.features.compute.OrderFact;
import com.orthoseg.features.store.FeatureStore;
import com.orthoseg.features.store.FeatureStore.RecordPosition;
import com.orthoseg.features.store.FeatureStore.Versioned;
import com.orthoseg.support.ContractViolation;
import com.orthoseg.support.DeadLetters;
import com.orthoseg.support.RefusedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Consumes doctors, orders, complaints and instructions in batches (one poll at a time) and folds
 * each batch into transactions, one per doctor-disjoint part ({@code orthoseg.features.parallelism}):
 * event ids recorded, new facts upserted, the affected doctors' features recomputed and, where they
 * changed, written to the outbox. Offsets are committed only after those transactions, so a crash
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
    private final DeadLetters deadLetters;
    private final FeatureStore store;
    private final FeatureUpdater updater;
    private final FeatureClock clock;
    private final FeaturesOutboxRelay relay;
    private final FeatureMetrics metrics;
    private final Pool pool;
    private final int parallelism;

    public EventsConsumer(EventParser parser, DeadLetters deadLetters, FeatureStore store, FeatureUpdater updater,
                          FeatureClock clock, FeaturesOutboxRelay relay, FeatureMetrics metrics, Pool pool,
                          FeatureConfig config) {
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.store = store;
        this.updater = updater;
        this.clock = clock;
        this.relay = relay;
        this.metrics = metrics;
        this.pool = pool;
        this.parallelism = config.features().parallelism();
    }

    @Incoming("events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<IncomingEvent> events = new ArrayList<>(records.count());
        List<DeadLetters.DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(parser.parse(record));
            } catch (ContractViolation e) {
                letters.add(new DeadLetters.DeadLetter(record, e.getMessage()));
            }
        }
        Instant newest = newest(events);
        // deferred: a retry sends the dead letters again instead of re-reading a failed send
        return RefusedRecords.retried(Uni.createFrom().deferred(() -> deadLetters.send(letters))
                        .flatMap(x -> pool.withTransaction(conn -> store.addToCounter(conn, "dead-letters", letters.size())
                                .flatMap(y -> store.advanceEventClock(conn, newest)))),
                "A poll of " + records.count() + " records")
                .flatMap(newestSeen -> Uni.join().all(byDoctor(events, parallelism).stream()
                        .map(part -> applyPart(part, newestSeen)).toList()).andFailFast())
                .invoke(outcomes -> {
                    Outcome total = outcomes.stream().reduce(Outcome.NONE, Outcome::plus);
                    metrics.applied(total.applied(), total.duplicates(), letters.size() + total.deadLettered());
                    relay.trigger();
                })
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
        return RefusedRecords.apply(part, events -> pool.withTransaction(conn -> apply(conn, events, () -> clock.asOf(newestSeen))),
                this::deadLetter, Outcome::plus);
    }

    private Uni<Outcome> deadLetter(IncomingEvent event, DatabaseException refusal) {
        List<DeadLetters.DeadLetter> letter = List.of(new DeadLetters.DeadLetter(event.record(), RefusedRecords.reason(refusal)));
        return RefusedRecords.retried(Uni.createFrom().deferred(() -> deadLetters.send(letter))
                        .flatMap(x -> pool.withTransaction(conn -> store.addToCounter(conn, "dead-letters", 1))),
                "A dead letter")
                .replaceWith(new Outcome(0, 0, 1));
    }

    private Uni<Outcome> apply(SqlConnection conn, List<IncomingEvent> events, Supplier<Instant> asOf) {
        Map<UUID, RecordPosition> firstRecords = new LinkedHashMap<>();
        events.forEach(e -> firstRecords.putIfAbsent(e.eventId(), position(e)));
        return store.markProcessed(conn, firstRecords).flatMap(fresh -> {
            List<IncomingEvent> applied = new ArrayList<>();
            List<IncomingEvent> seen = new ArrayList<>();
            for (IncomingEvent event : events) {
                (fresh.remove(event.eventId()) ? applied : seen).add(event);
            }
            Batch batch = Batch.of(applied);
            return store.upsertProfiles(conn, batch.profiles.values())
                    .flatMap(x -> store.upsertInstructions(conn, batch.instructions.values()))
                    .flatMap(x -> store.upsertOrders(conn, batch.orders))
                    .flatMap(storedOrders -> store.upsertComplaints(conn, batch.complaints).map(storedComplaints -> {
                        // a correction may have moved an order or complaint away from its earlier doctor
                        batch.doctors.addAll(storedOrders.values());
                        batch.doctors.addAll(storedComplaints.values());
                        return batch.newFacts(storedOrders, storedComplaints);
                    }))
                    .flatMap(newFacts -> updater.recompute(conn, batch.doctors, asOf, newFacts))
                    .flatMap(published -> countSeen(conn, seen))
                    .replaceWith(new Outcome(applied.size(), seen.size(), 0));
        });
    }

    /**
     * Events applied before are skipped; those that came in another record than the one they were
     * applied from (a file imported twice, say, not a redelivery or a replay) are also counted as
     * duplicates in the data, by topic and, for orders, by order.
     */
    private Uni<Void> countSeen(SqlConnection conn, List<IncomingEvent> seen) {
        if (seen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> ids = new HashSet<>();
        seen.forEach(e -> ids.add(e.eventId()));
        return store.appliedFrom(conn, ids).flatMap(appliedFrom -> {
            Map<String, Long> counters = new HashMap<>(Map.of("duplicates", (long) seen.size()));
            Map<String, Integer> byOrder = new HashMap<>();
            for (IncomingEvent event : seen) {
                RecordPosition first = appliedFrom.get(event.eventId());
                if (first != null && !first.equals(position(event))) {
                    counters.merge("duplicate-records." + event.record().topic(), 1L, Long::sum);
                    if (event.payload() instanceof OrderPlaced order) {
                        byOrder.merge(order.orderId(), 1, Integer::sum);
                    }
                }
            }
            return store.addToCounters(conn, counters).flatMap(x -> store.countDuplicateOrderRecords(conn, byOrder));
        });
    }

    private static RecordPosition position(IncomingEvent event) {
        return new RecordPosition(event.record().partition(), event.record().offset());
    }

    /** What became of a part's events: applied, skipped as seen before, or dead-lettered. */
    private record Outcome(int applied, int duplicates, int deadLettered) {
        static final Outcome NONE = new Outcome(0, 0, 0);

        Outcome plus(Outcome other) {
            return new Outcome(applied + other.applied, duplicates + other.duplicates, deadLettered + other.deadLettered);
        }
    }

    /** The new facts of a batch, one per natural key; the latest arrival (or updatedAt) wins. */
    private static final class Batch {
        final Map<String, DoctorProfile> profiles = new LinkedHashMap<>();
        final Map<String, InstructionsPreference> instructions = new LinkedHashMap<>();
        final Map<String, Versioned<OrderPlaced>> orders = new LinkedHashMap<>();
        final Map<String, Versioned<ComplaintFiled>> complaints = new LinkedHashMap<>();
        final Set<String> doctors = new HashSet<>();

        static Batch of(List<IncomingEvent> events) {
            Batch batch = new Batch();
            for (IncomingEvent event : events) {
                batch.doctors.add(event.doctorId());
                Object payload = event.payload();
                if (payload instanceof DoctorProfile p) {
                    batch.profiles.merge(p.doctorId(), p, (old, now) -> now.updatedAt().isBefore(old.updatedAt()) ? old : now);
                } else if (payload instanceof InstructionsPreference i) {
                    batch.instructions.merge(i.doctorId(), i,
                            (old, now) -> now.updatedAt().isBefore(old.updatedAt()) ? old : now);
                } else if (payload instanceof OrderPlaced o) {
                    batch.orders.merge(o.orderId(), new Versioned<>(o, event.eventId(), 1),
                            (old, now) -> new Versioned<>(now.value(), now.eventId(), old.versions() + 1));
                } else if (payload instanceof ComplaintFiled c) {
                    batch.complaints.merge(c.complaintId(), new Versioned<>(c, event.eventId(), 1),
                            (old, now) -> new Versioned<>(now.value(), now.eventId(), old.versions() + 1));
                }
            }
            return batch;
        }

        /**
         * Given the doctor of each order and complaint stored before the batch (by id), what the batch
         * changed in its doctors' facts: new orders and complaints added, corrected ones (also at their
         * earlier doctor, when moved) read again.
         */
        NewFacts newFacts(Map<String, String> storedOrders, Map<String, String> storedComplaints) {
            NewFacts news = new NewFacts();
            profiles.keySet().forEach(news::reread);
            instructions.keySet().forEach(news::reread);
            orders.forEach((orderId, order) -> {
                String before = storedOrders.get(orderId);
                if (before == null) {
                    news.addOrder(order.value().doctorId(), OrderFact.of(order.value()));
                } else {
                    news.reread(before);
                    news.reread(order.value().doctorId());
                }
            });
            complaints.forEach((complaintId, complaint) -> {
                String before = storedComplaints.get(complaintId);
                if (before == null) {
                    news.addComplaint(complaint.value());
                } else {
                    news.reread(before);
                    news.reread(complaint.value().doctorId());
                }
            });
            return news;
        }
    }
}
