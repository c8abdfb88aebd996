package com.orthoseg.support;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Sends records that break the contract to {@code <topic>.dlq}: the original record plus the reason and
 * where it came from (a record too large to send again goes cut).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /**
     * How much of a value too large to send again is kept: the producer refuses records above
     * {@code max.request.size} counted uncompressed, while a producer with compression can write far larger
     * ones to an input topic.
     */
    private static final int KEPT_BYTES = 64 * 1024;
    private static final int MAX_KEY_LENGTH = 1_024;

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
            ProducerRecord<String, byte[]> whole = new ProducerRecord<>(original.topic() + ".dlq", null, original.key(),
                    original.value(), headers(letter, original.headers().toArray()));
            if (output.fits(whole)) {
                return whole;
            }
            // every retry of its poll would fail the same way: send it cut, naming where the whole record stays
            ProducerRecord<String, byte[]> cut = cut(letter, true);
            return output.fits(cut) ? cut : cut(letter, false);
        }).toList());
    }

    /** The dead letter with its value cut to {@link #KEPT_BYTES} and a long key shortened, with or without the original headers. */
    private static ProducerRecord<String, byte[]> cut(DeadLetter letter, boolean withOriginalHeaders) {
        ConsumerRecord<String, byte[]> original = letter.record();
        byte[] value = original.value();
        boolean valueCut = value != null && value.length > KEPT_BYTES;
        RecordHeaders headers = headers(letter, withOriginalHeaders ? original.headers().toArray() : new Header[0]);
        headers.add("dead-letter-truncated", bytes("too large to send again: "
                + (valueCut ? "value of " + value.length + " bytes cut to its first " + KEPT_BYTES : "value kept")
                + (withOriginalHeaders ? "" : ", original headers left out")
                + "; the whole record stays on " + original.topic() + " at the partition and offset named"));
        String key = original.key() == null || original.key().length() <= MAX_KEY_LENGTH ? original.key() : shortened(original.key());
        return new ProducerRecord<>(original.topic() + ".dlq", null, key, valueCut ? Arrays.copyOf(value, KEPT_BYTES) : value, headers);
    }

    private static RecordHeaders headers(DeadLetter letter, Header[] originalHeaders) {
        ConsumerRecord<String, byte[]> original = letter.record();
        RecordHeaders headers = new RecordHeaders(originalHeaders);
        headers.add("dead-letter-reason", bytes(letter.reason()));
        headers.add("dead-letter-topic", bytes(original.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(original.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(original.offset())));
        return headers;
    }

    private static String shortened(String key) {
        return key == null ? "none" : key.length() > 128 ? key.substring(0, 128) + "…" : key;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
