package com.orthoseg.localstack;

import com.orthoseg.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack starts a real broker and a real PostgreSQL, and they behave as the services need. */
class LocalStackTest {

    private static LocalStack stack;
    private static Path dataDir;

    @BeforeAll
    static void start() {
        LocalStack.Settings settings = LocalStack.Settings.forTests(true, true);
        dataDir = settings.dataDir();
        stack = LocalStack.start(settings);
    }

    @AfterAll
    static void stop() {
        stack.close();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void createsEveryTopicWithItsPartitionsAndRetention() throws Exception {
        try (Admin admin = stack.admin()) {
            assertThat(admin.listTopics().names().get()).containsAll(Topic.allTopicNames());
            TopicDescription orders = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
            assertThat(orders.partitions()).hasSize(Topic.DEFAULT_PARTITIONS);

            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, "orders"),
                    new ConfigResource(ConfigResource.Type.TOPIC, "doctors"),
                    new ConfigResource(ConfigResource.Type.TOPIC, "orders.dlq"))).all().get();
            assertThat(value(configs, "orders", "retention.ms")).isEqualTo("-1");
            assertThat(value(configs, "doctors", "cleanup.policy")).isEqualTo("compact");
            assertThat(value(configs, "orders.dlq", "message.timestamp.type")).isEqualTo("LogAppendTime");
        }
    }

    @Test
    void keepsRecordsWithOldTimestampsAcrossABrokerRestart() {
        long twoYearsAgo = Instant.now().minus(Duration.ofDays(730)).toEpochMilli();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("complaints", null, twoYearsAgo, "D1", "old complaint"));
            producer.flush();
        }

        LocalKafka kafka = stack.kafka().orElseThrow();
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        assertThat(readAll("complaints")).extracting(ConsumerRecord::value).containsExactly("old complaint");
    }

    @Test
    void postgresAcceptsConnectionsAndCreatesDatabases() throws Exception {
        stack.createDatabase("features_test");
        stack.createDatabase("features_test");
        LocalStack.PostgresEndpoint db = stack.postgresEndpoint();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("features_test"), db.user(), db.password());
             ResultSet result = connection.createStatement().executeQuery("SELECT current_database(), version()")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("features_test");
            assertThat(result.getString(2)).startsWith("PostgreSQL");
        }
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
    }

    private static String value(Map<ConfigResource, Config> configs, String topic, String key) {
        return configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get(key).value();
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
