package com.orthoseg.ingest.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.orthoseg.ingest.EventKind;
import com.orthoseg.ingest.validation.ValidEvent;
import com.orthoseg.support.CloudEventHeaders;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends validated events to their topic: key doctorId, JSON value, CloudEvents binary headers with
 * ce_id = the event id. The returned future completes when Kafka has acknowledged the record
 * (acks=all, idempotent producer; settings under {@code kafka.*} in application.properties).
 *
 * <p>A plain Kafka producer rather than a SmallRye emitter: per record the emitter path cost about
 * four times the CPU (context capture, a Mutiny pipeline, one sending thread per channel) and
 * capped ingestion at about 30,000 records/s on the benchmark machine; here serialization runs on
 * the request threads and the producer batches across them.
 */
@Startup
@Singleton
public class EventPublisher {

    static final String SOURCE = "urn:orthoseg:ingest-service";

    private final Producer<String, byte[]> producer;
    private final ObjectWriter writer;

    public EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ObjectMapper mapper) {
        this.producer = new KafkaProducer<>(kafkaConfig, new StringSerializer(), new ByteArraySerializer());
        this.writer = mapper.writer();
    }

    public CompletableFuture<Void> publish(EventKind kind, ValidEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(kind.topic().topicName(), null,
                    event.doctorId(), writer.writeValueAsBytes(event.payload()),
                    CloudEventHeaders.of(kind.topic(), event.eventId(), SOURCE, event.doctorId(), event.time()));
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (JsonProcessingException | KafkaException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
