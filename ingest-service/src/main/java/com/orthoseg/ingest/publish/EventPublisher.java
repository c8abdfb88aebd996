package com.orthoseg.ingest.publish;

import com.orthoseg.ingest.EventKind;
import com.orthoseg.ingest.validation.ValidEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends validated events to their topic: key doctorId, CloudEvents binary headers with ce_id = the
 * event id. The returned future completes when Kafka has acknowledged the record (acks=all).
 */
@ApplicationScoped
public class EventPublisher {

    static final URI SOURCE = URI.create("urn:orthoseg:ingest-service");

    private final Map<EventKind, Emitter<Object>> emitters = new EnumMap<>(EventKind.class);

    // The buffer is bounded by the callers: a request holds at most max-records-per-request
    // records, an import at most max-in-flight (see PublishBatch).
    public EventPublisher(
            @Channel("doctors") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Object> doctors,
            @Channel("orders") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Object> orders,
            @Channel("complaints") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Object> complaints,
            @Channel("instructions") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Object> instructions) {
        emitters.put(EventKind.DOCTORS, doctors);
        emitters.put(EventKind.ORDERS, orders);
        emitters.put(EventKind.COMPLAINTS, complaints);
        emitters.put(EventKind.INSTRUCTIONS, instructions);
    }

    public CompletableFuture<Void> publish(EventKind kind, ValidEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Metadata metadata = Metadata.of(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.doctorId()).build(),
                OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId().toString())
                        .withType(kind.topic().ceType())
                        .withSource(SOURCE)
                        .withSubject(event.doctorId())
                        .withTimestamp(event.time().atZone(ZoneOffset.UTC))
                        .build());
        Message<Object> message = Message.of(event.payload(), metadata,
                () -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitters.get(kind).send(message);
        return acknowledged;
    }
}
