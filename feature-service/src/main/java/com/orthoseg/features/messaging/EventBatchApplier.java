package com.orthoseg.features.messaging;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.compute.FeatureUpdater;
import com.orthoseg.features.compute.NewFacts;
import com.orthoseg.features.compute.OrderFact;
import com.orthoseg.features.store.FactsStore;
import com.orthoseg.features.store.FactsStore.Versioned;
import com.orthoseg.features.store.ProcessedEvents;
import com.orthoseg.features.store.QualityCounters;
import com.orthoseg.features.store.RecordPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

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
 * Applies a batch of events inside the caller's transaction: event ids recorded (those seen before are
 * skipped and counted), new facts upserted, the affected doctors' features recomputed and, where they
 * changed, written to the outbox.
 */
@ApplicationScoped
class EventBatchApplier {

    private final ProcessedEvents processedEvents;
    private final FactsStore facts;
    private final QualityCounters counters;
    private final FeatureUpdater updater;

    EventBatchApplier(ProcessedEvents processedEvents, FactsStore facts, QualityCounters counters, FeatureUpdater updater) {
        this.processedEvents = processedEvents;
        this.facts = facts;
        this.counters = counters;
        this.updater = updater;
    }

    Uni<Outcome> apply(SqlConnection conn, List<IncomingEvent> events, Supplier<Instant> asOf) {
        Map<UUID, RecordPosition> firstRecords = new LinkedHashMap<>();
        events.forEach(e -> firstRecords.putIfAbsent(e.eventId(), position(e)));
        return processedEvents.markProcessed(conn, firstRecords).flatMap(fresh -> {
            List<IncomingEvent> applied = new ArrayList<>();
            List<IncomingEvent> seen = new ArrayList<>();
            for (IncomingEvent event : events) {
                (fresh.remove(event.eventId()) ? applied : seen).add(event);
            }
            Batch batch = Batch.of(applied);
            return facts.upsertProfiles(conn, batch.profiles.values())
                    .flatMap(x -> facts.upsertInstructions(conn, batch.instructions.values()))
                    .flatMap(x -> facts.upsertOrders(conn, batch.orders))
                    .flatMap(storedOrders -> facts.upsertComplaints(conn, batch.complaints).map(storedComplaints -> {
                        // a correction may have moved an order or complaint away from its earlier doctor
                        batch.doctors.addAll(storedOrders.values());
                        batch.doctors.addAll(storedComplaints.values());
                        return batch.newFacts(storedOrders, storedComplaints);
                    }))
                    .flatMap(newFacts -> updater.recompute(conn, batch.doctors, asOf, newFacts))
                    .flatMap(x -> countSeen(conn, seen))
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
        return processedEvents.appliedFrom(conn, ids).flatMap(appliedFrom -> {
            Map<String, Long> deltas = new HashMap<>(Map.of("duplicates", (long) seen.size()));
            Map<String, Integer> byOrder = new HashMap<>();
            for (IncomingEvent event : seen) {
                RecordPosition first = appliedFrom.get(event.eventId());
                if (first != null && !first.equals(position(event))) {
                    deltas.merge("duplicate-records." + event.record().topic(), 1L, Long::sum);
                    if (event.payload() instanceof OrderPlaced order) {
                        byOrder.merge(order.orderId(), 1, Integer::sum);
                    }
                }
            }
            return counters.addToCounters(conn, deltas).flatMap(x -> facts.countDuplicateOrderRecords(conn, byOrder));
        });
    }

    private static RecordPosition position(IncomingEvent event) {
        return new RecordPosition(event.record().partition(), event.record().offset());
    }

    /** What became of a part's events: applied, skipped as seen before, or dead-lettered. */
    record Outcome(int applied, int duplicates, int deadLettered) {
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
