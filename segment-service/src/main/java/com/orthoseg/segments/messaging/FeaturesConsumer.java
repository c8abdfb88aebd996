package com.orthoseg.segments.messaging;

import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.SegmentMetrics;
import com.orthoseg.segments.assign.ActiveModel;
import com.orthoseg.segments.assign.Assigner;
import com.orthoseg.segments.assign.Assignment;
import com.orthoseg.segments.assign.DoctorState;
import com.orthoseg.segments.assign.ModelCache;
import com.orthoseg.segments.assign.ModelLifecycle;
import com.orthoseg.segments.assign.Reassessment;
import com.orthoseg.segments.store.SegmentStore;
import com.orthoseg.support.ContractViolation;
import com.orthoseg.support.DeadLetters;
import com.orthoseg.support.RefusedRecords;
import com.orthoseg.support.Retries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes doctor-features a poll at a time. In one transaction: the doctors' newer records are stored
 * (an older or repeated sequence changes nothing, so redelivery is harmless), each is placed with the
 * active version of every scheme, and assignments, history rows and SegmentChanged outbox rows are
 * written together. The relay then publishes the outbox. Within a poll only a doctor's newest record
 * counts: intermediate states nobody saw are not reported as changes. A record PostgreSQL refuses for
 * its data goes to doctor-features.dlq and the rest of the poll is applied ({@link RefusedRecords}).
 */
@ApplicationScoped
public class FeaturesConsumer {

    private final FeaturesParser parser;
    private final DeadLetters deadLetters;
    private final SegmentStore store;
    private final ModelCache models;
    private final SegmentChangesRelay relay;
    private final SegmentMetrics metrics;
    private final Pool pool;

    public FeaturesConsumer(FeaturesParser parser, DeadLetters deadLetters, SegmentStore store, ModelCache models,
                            SegmentChangesRelay relay, SegmentMetrics metrics, Pool pool) {
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.store = store;
        this.models = models;
        this.relay = relay;
        this.metrics = metrics;
        this.pool = pool;
    }

    @Incoming("features")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        Map<String, Received> newest = new LinkedHashMap<>();
        List<DeadLetters.DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                DoctorState doctor = parser.parse(record);
                newest.merge(doctor.doctorId(), new Received(doctor, record),
                        (old, now) -> now.doctor().sequence() > old.doctor().sequence() ? now : old);
            } catch (ContractViolation e) {
                letters.add(new DeadLetters.DeadLetter(record, e.getMessage()));
            }
        }
        return Retries.untilDone(() -> deadLetters.send(letters), "Dead letters of a poll of " + records.count() + " records")
                .flatMap(x -> RefusedRecords.apply(List.copyOf(newest.values()), this::applyInTransaction,
                        this::deadLetter, Outcome::plus))
                .invoke(outcome -> {
                    metrics.consumed(records.count(), letters.size() + outcome.deadLettered(), outcome.changes());
                    relay.trigger();
                })
                .replaceWithVoid();
    }

    private Uni<Outcome> applyInTransaction(List<Received> received) {
        Map<String, DoctorState> doctors = new LinkedHashMap<>();
        received.forEach(r -> doctors.put(r.doctor().doctorId(), r.doctor()));
        return pool.withTransaction(conn -> apply(conn, doctors)).map(changes -> new Outcome(changes, 0));
    }

    private Uni<Outcome> deadLetter(Received received, DatabaseException refusal) {
        List<DeadLetters.DeadLetter> letter = List.of(new DeadLetters.DeadLetter(received.record(), RefusedRecords.reason(refusal)));
        return Retries.untilDone(() -> deadLetters.send(letter), "A dead letter")
                .replaceWith(new Outcome(0, 1));
    }

    /** Answers how many segment changes the batch caused. */
    private Uni<Integer> apply(SqlConnection conn, Map<String, DoctorState> doctors) {
        if (doctors.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return ModelLifecycle.lockShared(conn)
                .flatMap(x -> store.features(conn, doctors.keySet()))
                .flatMap(previous -> store.upsertFeatures(conn, doctors.values())
                        .flatMap(fresh -> fresh.isEmpty() ? Uni.createFrom().item(0) : models.active(conn)
                                .flatMap(active -> store.assignments(conn, fresh).flatMap(current -> {
                                    Reassessment reassessment = new Reassessment();
                                    for (String doctorId : fresh) {
                                        Map<Scheme, Assignment> assigned = current.getOrDefault(doctorId, Map.of());
                                        Assigner.featuresArrived(doctors.get(doctorId), previous.get(doctorId), active,
                                                assigned, reassessment);
                                    }
                                    return store.write(conn, reassessment).replaceWith(reassessment.changes().size());
                                }))));
    }

    /** A doctor's newest record of the poll, read, with the record it was read from. */
    private record Received(DoctorState doctor, ConsumerRecord<String, byte[]> record) {
    }

    /** What a batch did: segment changes written, records dead-lettered because PostgreSQL refused them. */
    private record Outcome(int changes, int deadLettered) {
        Outcome plus(Outcome other) {
            return new Outcome(changes + other.changes, deadLettered + other.deadLettered);
        }
    }
}
