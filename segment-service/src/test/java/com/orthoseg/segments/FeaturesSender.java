package com.orthoseg.segments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.EventIds;
import com.orthoseg.events.Topic;
import com.orthoseg.support.CloudEventHeaders;
import com.orthoseg.localstack.TestProducers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Puts DoctorFeatures records on doctor-features the way feature-service's relay does, and profiles on doctors as ingest-service does. */
final class FeaturesSender implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final KafkaProducer<String, byte[]> producer = TestProducers.producer();

    void send(DoctorFeatures features) {
        try {
            producer.send(new ProducerRecord<>(Topic.DOCTOR_FEATURES.topicName(), null, features.doctorId(),
                    mapper.writeValueAsBytes(features), CloudEventHeaders.of(Topic.DOCTOR_FEATURES,
                    EventIds.of("features:" + features.doctorId() + ":" + features.sequence()), "urn:orthoseg:test",
                    features.doctorId(), features.asOf())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} doctors {@code prefix}0, {@code prefix}1, … around the generated groups in turn, as of {@code asOf}. */
    void sendAroundGroups(String prefix, int count, Instant asOf, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            send(GeneratedDoctors.record(prefix + i, 1, asOf, GeneratedDoctors.around(i % GeneratedDoctors.GROUPS, random)));
        }
    }

    void sendProfile(DoctorProfile profile) {
        try {
            producer.send(new ProducerRecord<>(Topic.DOCTORS.topicName(), null, profile.doctorId(), mapper.writeValueAsBytes(profile),
                    CloudEventHeaders.of(Topic.DOCTORS, profile.eventId(true), "urn:orthoseg:test", profile.doctorId(), profile.updatedAt())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void sendProfileRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(Topic.DOCTORS.topicName(), key, value));
    }

    void sendRaw(String key, byte[] value, List<Header> headers) {
        producer.send(new ProducerRecord<>(Topic.DOCTOR_FEATURES.topicName(), null, key, value, headers));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
