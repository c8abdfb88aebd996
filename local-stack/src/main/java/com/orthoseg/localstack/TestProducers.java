package com.orthoseg.localstack;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/** For tests: a plain producer onto the local stack (acks=all, string keys, byte values), as the services write. */
public final class TestProducers {

    private TestProducers() {
    }

    /** A producer onto the stack of the running Quarkus test resource. */
    public static KafkaProducer<String, byte[]> producer() {
        return producer(LocalStackResource.stack().kafkaBootstrapServers());
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }
}
