package com.orthoseg.support;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sends records that break the contract to {@code <topic>.dlq}: the original record plus the reason. */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaOutput output;

    public DeadLetters(KafkaOutput output) {
        this.output = output;
    }

    /** A record and why it cannot be processed. */
    public record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    }

    public Uni<Void> send(List<DeadLetter> letters) {
        return output.sendAll(letters.stream().map(letter -> {
            ConsumerRecord<String, byte[]> original = letter.record();
            // the reason can quote the record's content, so it goes to the dead-letter headers, not to the log
            LOG.warnf("Dead letter from %s-%d@%d (key %s) to %s.dlq", original.topic(), original.partition(), original.offset(),
                    shortened(original.key()), original.topic());
            RecordHeaders headers = new RecordHeaders(original.headers().toArray());
            headers.add("dead-letter-reason", bytes(letter.reason()));
            headers.add("dead-letter-topic", bytes(original.topic()));
            headers.add("dead-letter-partition", bytes(Integer.toString(original.partition())));
            headers.add("dead-letter-offset", bytes(Long.toString(original.offset())));
            return new ProducerRecord<>(original.topic() + ".dlq", null, original.key(), original.value(), headers);
        }).toList());
    }

    private static String shortened(String key) {
        return key == null ? "none" : key.length() > 128 ? key.substring(0, 128) + "…" : key;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
