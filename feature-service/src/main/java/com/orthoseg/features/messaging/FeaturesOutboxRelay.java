package com.orthoseg.features.messaging;

import com.orthoseg.events.EventIds;
import com.orthoseg.events.Topic;
import com.orthoseg.features.FeatureConfig;
import com.orthoseg.support.CloudEventHeaders;
import com.orthoseg.support.KafkaOutput;
import com.orthoseg.support.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Relays features_outbox to doctor-features; ce_id derives from doctor and sequence, so a resend carries the same id. */
@Singleton
public class FeaturesOutboxRelay extends OutboxRelay {

    static final String SOURCE = "urn:orthoseg:feature-service";
    /** One relay at a time across instances, so a doctor's records leave in sequence order. */
    private static final long RELAY_LOCK = 724_001L;

    public FeaturesOutboxRelay(Pool pool, KafkaOutput output, MeterRegistry registry, FeatureConfig config) {
        super(pool, output, registry, "features_outbox", "doctor_id, sequence, as_of, payload", RELAY_LOCK,
                config.features().relayBatchSize());
    }

    @Override
    protected ProducerRecord<String, byte[]> record(Row row) {
        String doctorId = row.getString(1);
        long sequence = row.getLong(2);
        UUID eventId = EventIds.of("features:" + doctorId + ":" + sequence);
        return new ProducerRecord<>(Topic.DOCTOR_FEATURES.topicName(), null, doctorId,
                row.getString(4).getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.of(Topic.DOCTOR_FEATURES, eventId, SOURCE, doctorId,
                        row.getOffsetDateTime(3).toInstant()));
    }
}
