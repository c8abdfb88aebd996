package com.orthoseg.segments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.EventIds;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.LocalStackResource;
import com.orthoseg.support.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;

/** Puts DoctorFeatures records on doctor-features the way feature-service's relay does. */
final class FeaturesSender implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackResource.stack().kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
            new StringSerializer(), new ByteArraySerializer());

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
