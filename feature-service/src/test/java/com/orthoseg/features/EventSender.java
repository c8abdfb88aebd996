package com.orthoseg.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.Topic;
import com.orthoseg.support.CloudEventHeaders;
import com.orthoseg.localstack.TestProducers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Puts contract events on the input topics the way ingest-service does (key, value, CloudEvents headers),
 * as for records whose source gave their updatedAt.
 */
final class EventSender implements AutoCloseable {

    private static final String SOURCE = "urn:orthoseg:test";
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final KafkaProducer<String, byte[]> producer;

    EventSender() {
        this(TestProducers.producer());
    }

    /** Sends through {@code producer}, closed with the sender. */
    EventSender(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    void send(Object event) {
        if (event instanceof DoctorProfile p) {
            send(Topic.DOCTORS, p.eventId(true), p.doctorId(), p.updatedAt(), p);
        } else if (event instanceof OrderPlaced o) {
            send(Topic.ORDERS, o.eventId(true), o.doctorId(), o.placedAt(), o);
        } else if (event instanceof ComplaintFiled c) {
            send(Topic.COMPLAINTS, c.eventId(true), c.doctorId(), c.filedAt(), c);
        } else if (event instanceof InstructionsPreference i) {
            send(Topic.INSTRUCTIONS, i.eventId(true), i.doctorId(), i.updatedAt(), i);
        } else {
            throw new IllegalArgumentException("not an input event: " + event);
        }
    }

    void sendRaw(String topic, String key, byte[] value, List<Header> headers) {
        producer.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    private void send(Topic topic, UUID eventId, String doctorId, Instant time, Object payload) {
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), null, doctorId, mapper.writeValueAsBytes(payload),
                    CloudEventHeaders.of(topic, eventId, SOURCE, doctorId, time)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
