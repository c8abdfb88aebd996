package com.orthoseg.support;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The producer of a consuming service (its output topic and the dead-letter topics): acks=all,
 * idempotent. {@link #sendAll} completes when Kafka has acknowledged every record.
 */
@Singleton
public class KafkaOutput {

    /** Room for a record's framing (batch header, lengths, attributes) within {@code max.request.size}. */
    private static final int FRAMING_BYTES = 1_024;

    private final Producer<String, byte[]> producer;
    private final int maxRequestSize;

    public KafkaOutput(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       @ConfigProperty(name = "quarkus.application.name") String clientId) {
        Map<String, Object> config = KafkaConfigs.only(kafkaConfig, ProducerConfig.configNames(), clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // sends run on the event loop: never block it long waiting for metadata of an unreachable broker
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        this.maxRequestSize = Integer.parseInt(String.valueOf(config.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576)));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Whether the producer accepts the record: it refuses one whose key, value and headers, uncompressed,
     * exceed {@code max.request.size} (1 MiB unless configured), however well it would compress.
     */
    public boolean fits(ProducerRecord<String, byte[]> record) {
        long size = FRAMING_BYTES + (record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length)
                + (record.value() == null ? 0 : record.value().length);
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size <= maxRequestSize;
    }

    public Uni<Void> sendAll(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException e) {
                ack.completeExceptionally(e);
            }
            acks.add(ack);
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
