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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes doctor-features a poll at a time. In one transaction: the doctors' newer records are stored
 * (an older or repeated sequence changes nothing, so redelivery is harmless), each is placed with the
 * active version of every scheme, and assignments, history rows and SegmentChanged outbox rows are
 * written together. The relay then publishes the outbox. Within a poll only a doctor's newest record
 * counts: intermediate states nobody saw are not reported as changes.
 */
@ApplicationScoped
public class FeaturesConsumer {

    private static final Logger LOG = Logger.getLogger(FeaturesConsumer.class);

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
        Map<String, DoctorState> newest = new LinkedHashMap<>();
        List<DeadLetters.DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                DoctorState doctor = parser.parse(record);
                newest.merge(doctor.doctorId(), doctor, (old, now) -> now.sequence() > old.sequence() ? now : old);
            } catch (ContractViolation e) {
                letters.add(new DeadLetters.DeadLetter(record, e.getMessage()));
            }
        }
        return Uni.createFrom().deferred(() -> deadLetters.send(letters))
                .flatMap(x -> pool.withTransaction(conn -> apply(conn, newest)))
                .invoke(changes -> {
                    metrics.consumed(records.count(), letters.size(), changes);
                    relay.trigger();
                })
                .onFailure().invoke(e -> LOG.warnf("A batch of %d records failed and is retried: %s", records.count(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    /** Answers how many segment changes the batch caused. */
    private Uni<Integer> apply(SqlConnection conn, Map<String, DoctorState> doctors) {
        if (doctors.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return conn.query("SELECT pg_advisory_xact_lock_shared(" + ModelLifecycle.ASSIGNMENT_LOCK + ")").execute()
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
}
