package com.orthoseg.segments.messaging;

import com.orthoseg.events.Topic;
import com.orthoseg.segments.SegmentConfig;
import com.orthoseg.support.CloudEventHeaders;
import com.orthoseg.support.KafkaOutput;
import com.orthoseg.support.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Relays segment_outbox to segment-changes: key doctorId, CloudEvents headers, ce_id = the change's eventId. */
@Singleton
public class SegmentChangesRelay extends OutboxRelay {

    static final String SOURCE = "urn:orthoseg:segment-service";
    private static final long RELAY_LOCK = 724_102L;

    private final boolean publish;

    public SegmentChangesRelay(Pool pool, KafkaOutput output, MeterRegistry registry, SegmentConfig config) {
        super(pool, output, registry, "segment_outbox", "event_id, doctor_id, changed_at, payload", RELAY_LOCK,
                config.relayBatchSize());
        this.publish = config.publish();
    }

    @Override
    public void trigger() {
        if (publish) {
            super.trigger();
        }
    }

    @Override
    protected ProducerRecord<String, byte[]> record(Row row) {
        String doctorId = row.getString(2);
        return new ProducerRecord<>(Topic.SEGMENT_CHANGES.topicName(), null, doctorId,
                row.getString(4).getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.of(Topic.SEGMENT_CHANGES, row.getUUID(1), SOURCE, doctorId,
                        row.getOffsetDateTime(3).toInstant()));
    }
}
