package com.orthoseg.segments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.EventIds;
import com.orthoseg.events.SegmentChanged;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.PackagedService;
import com.orthoseg.localstack.TopicReader;
import com.orthoseg.support.CloudEventHeaders;
import com.orthoseg.localstack.TestProducers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service, killed (SIGKILL) between writing assignments with their SegmentChanged outbox
 * rows and relaying them, then started again: a CRM-like read_committed subscriber receives every change
 * exactly once. The first run holds its changes in the outbox ({@code orthoseg.segments.publish=false}),
 * which is the state a crash right after the commit leaves.
 */
class OutboxAcrossRestartIT {

    private static final int DOCTORS = 40;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void aChangeWrittenBeforeACrashIsPublishedExactlyOnceAfterTheRestart() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.forTests(true, true))) {
            stack.createDatabase("segments");
            PackagedService holding = service(stack, false);
            try {
                holding.start().awaitReady(Duration.ofSeconds(90));
                publishFeatures(stack.kafkaBootstrapServers());
                await().atMost(Duration.ofSeconds(60)).until(() -> number(stack, "SELECT count(*) FROM doctor_features") == DOCTORS);
                HttpResponse<String> retrain = http.send(HttpRequest.newBuilder(URI.create(
                                holding.url() + "/api/v1/models/clusters/retrain"))
                        .header("Authorization", stack.tokens().bearer("admin"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(retrain.statusCode()).as(retrain.body()).isEqualTo(201);
                assertThat(number(stack, "SELECT count(*) FROM assignment")).isEqualTo(DOCTORS);
                assertThat(number(stack, "SELECT count(*) FROM segment_outbox")).isEqualTo(DOCTORS);
                assertThat(changes(stack)).isEmpty();
            } finally {
                holding.kill();
            }

            try (PackagedService relaying = service(stack, true)) {
                relaying.start().awaitReady(Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(60)).until(() -> number(stack, "SELECT count(*) FROM segment_outbox") == 0);
                relaying.stop();
                relaying.start().awaitReady(Duration.ofSeconds(90));
            }

            List<SegmentChanged> received = changes(stack);
            assertThat(received).hasSize(DOCTORS);
            assertThat(received.stream().map(SegmentChanged::doctorId).distinct()).hasSize(DOCTORS);
            assertThat(received).allSatisfy(change -> {
                assertThat(change.reason()).isEqualTo(SegmentChanged.Reason.FIRST_ASSIGNMENT);
                assertThat(change.current()).isNotNull();
                assertThat(change.modelVersion()).isEqualTo("clusters-v1");
            });
        }
    }

    private void publishFeatures(String bootstrap) throws IOException {
        Random random = new Random(3);
        try (KafkaProducer<String, byte[]> producer = TestProducers.producer(bootstrap)) {
            for (int i = 0; i < DOCTORS; i++) {
                String id = "X-" + i;
                DoctorFeatures features = GeneratedDoctors.record(id, 1, Instant.parse("2026-05-01T00:00:00Z"),
                        GeneratedDoctors.around(i % GeneratedDoctors.GROUPS, random));
                producer.send(new ProducerRecord<>(Topic.DOCTOR_FEATURES.topicName(), null, id, mapper.writeValueAsBytes(features),
                        CloudEventHeaders.of(Topic.DOCTOR_FEATURES, EventIds.of("features:" + id + ":1"), "urn:test", id,
                                features.asOf())));
            }
        }
    }

    private List<SegmentChanged> changes(LocalStack stack) {
        return TopicReader.readAll(stack.kafkaBootstrapServers(), "segment-changes", r -> true).stream().map(r -> {
            try {
                return mapper.readValue(r.value(), SegmentChanged.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The packaged service (target/quarkus-app, built by the package phase before this test runs). */
    private static PackagedService service(LocalStack stack, boolean publish) {
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("ORTHOSEG_SEGMENTS_PUBLISH", Boolean.toString(publish));
        env.put("ORTHOSEG_SEGMENTS_CHECK_INTERVAL", "1h");
        return new PackagedService(Path.of("..").toAbsolutePath().normalize(), "segment-service", env, List.of("-Xmx512m"),
                Path.of("target", "restart-it.log").toAbsolutePath());
    }

    private static long number(LocalStack stack, String sql) throws Exception {
        LocalStack.PostgresEndpoint db = stack.postgresEndpoint();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("segments"), db.user(), db.password());
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
