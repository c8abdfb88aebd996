package com.orthoseg.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.features.DatacampData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * REST to segment change through the three packaged services on a real broker and database: the
 * Datacamp files imported through ingest-service, features computed by feature-service, both schemes
 * trained by segment-service; then a new order pushes one doctor across an RFM border, which a CRM
 * subscribing to segment-changes sees exactly once, and the support API shows with its history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemIT {

    private static final Path DATACAMP = Path.of(System.getProperty("datacamp.dir", "../../shared/datasets/datacamp"));

    private static OrthoSegSystem system;

    @BeforeAll
    static void startTheSystemAndImportTheDatacampFiles() {
        system = OrthoSegSystem.start();
        for (String kind : List.of("doctors", "orders", "complaints", "instructions")) {
            Http.Answer answer = system.as("ingest").postFile(system.ingest.url() + "/api/v1/imports/" + kind, DATACAMP.resolve(kind + ".csv"));
            assertThat(answer.status()).as(kind + ": " + answer.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode coverage = system.as("analyst").get(system.segments.url() + "/api/v1/reports/coverage");
            assertThat(List.of(coverage.get("doctors").asInt(), coverage.get("withProfile").asInt(), coverage.get("withOrders").asInt(),
                    coverage.get("withComplaints").asInt(), coverage.get("withInstructions").asInt()))
                    .containsExactly(647, 437, 76, 284, 77);
        });
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    /**
     * The files as ingest-service reads them (CSV mapping, rank labels, "--" for an unknown satisfaction,
     * aggregated complaint ids, the import time for every record's date): every doctor's features equal
     * the values computed from the CSV rows, every event as old as the import, i.e. 0 whole days.
     */
    @Test
    @Order(0)
    void afterTheImportEveryDoctorsFeaturesEqualTheValuesComputedFromTheCsvRows() throws Exception {
        Map<String, Map<String, Double>> expected = DatacampData.expectedFeatures();
        expected.values().forEach(f -> f.computeIfPresent("daysSinceLastOrder", (name, days) -> 0.0));
        Map<String, Map<String, Boolean>> coverage = DatacampData.expectedCoverage();
        assertThat(expected).hasSize(647);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (Map.Entry<String, Map<String, Double>> doctor : expected.entrySet()) {
                JsonNode record = system.as("support").get(system.features.url() + "/api/v1/doctors/" + doctor.getKey() + "/features");
                Map<String, Double> actual = new HashMap<>();
                record.get("features").fields().forEachRemaining(f -> actual.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asDouble()));
                assertThat(actual).as(doctor.getKey()).isEqualTo(doctor.getValue());
                Map<String, Boolean> flags = new HashMap<>();
                record.get("coverage").fields().forEachRemaining(f -> flags.put(f.getKey(), f.getValue().asBoolean()));
                assertThat(flags).as(doctor.getKey()).isEqualTo(coverage.get(doctor.getKey()));
            }
        });
    }

    @Test
    @Order(1)
    void afterTheImportEveryProfiledDoctorIsSegmentedAndEveryFirstAssignmentIsOnKafka() {
        for (String scheme : List.of("clusters", "rfm")) {
            Http.Answer trained = system.as("admin").post(system.segments.url() + "/api/v1/models/" + scheme + "/retrain", "application/json",
                    java.net.http.HttpRequest.BodyPublishers.noBody());
            assertThat(trained.status()).as(trained.body().toString()).isEqualTo(201);
            assertThat(trained.body().get("status").asText()).isEqualTo("ACTIVE");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(system.as("analyst").get(system.segments.url() + "/api/v1/reports/segments/clusters").get("doctors").asInt()).isEqualTo(437);
            assertThat(system.as("analyst").get(system.segments.url() + "/api/v1/reports/segments/rfm").get("doctors").asInt()).isEqualTo(74);
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> assigned = new HashSet<>();
            for (JsonNode change : changes(c -> c.get("scheme").asText().equals("clusters"))) {
                assigned.add(change.get("doctorId").asText());
            }
            assertThat(assigned).hasSize(437);
        });
    }

    /**
     * On the Datacamp data the cluster centroids hardly differ on the order inputs (the files have orders
     * for 74 doctors, with no dates and no amounts), so orders move doctors between RFM segments: one large
     * order lifts a doctor of the lowest frequency-monetary column to the top monetary quintile, hence to
     * another column and segment.
     */
    @Test
    @Order(2)
    void anOrderThatPushesADoctorAcrossABorderGivesExactlyOneSegmentChangedThatTheCrmAndTheSupportApiSee() {
        String doctor = aDoctorOfTheLowestFrequencyMonetaryColumn();
        String from = segment(doctor, "rfm");
        String clusterBefore = segment(doctor, "clusters");
        Instant since = Instant.now();
        int orders = system.as("support").get(system.features.url() + "/api/v1/doctors/" + doctor + "/features").get("features").get("ordersTotal").asInt();

        Http.Answer accepted = system.as("ingest").postJson(system.ingest.url() + "/api/v1/orders", Map.of("doctorId", doctor,
                "orderId", "SYS-" + UUID.randomUUID(), "amount", 1_000_000, "conditions", Map.of("A", true)));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        awaitPlacedFromItsNewestFeatures(doctor, orders + 1);
        String to = segment(doctor, "rfm");
        assertThat(to).isNotEqualTo(from);
        assertThat(segment(doctor, "clusters")).isEqualTo(clusterBefore);

        List<JsonNode> seen = crmSubscriberReceives(doctor, since);
        assertThat(seen).hasSize(1);
        JsonNode change = seen.get(0);
        assertThat(change.get("scheme").asText()).isEqualTo("rfm");
        assertThat(change.get("reason").asText()).isEqualTo("FEATURES_CHANGED");
        assertThat(change.get("previous").get("segmentId").asText()).isEqualTo(from);
        assertThat(change.get("current").get("segmentId").asText()).isEqualTo(to);
        assertThat(change.get("drivers")).isNotEmpty();

        List<JsonNode> history = new ArrayList<>();
        system.as("support").get(system.segments.url() + "/api/v1/doctors/" + doctor + "/segment-history").forEach(entry -> {
            if (entry.get("scheme").asText().equals("rfm")) {
                history.add(entry);
            }
        });
        assertThat(history).extracting(e -> e.get("segmentId").asText()).containsExactly(from, to);
        assertThat(history.get(1).get("eventId").asText()).isEqualTo(change.get("eventId").asText());
        assertThat(history.get(1).get("reason").asText()).isEqualTo("FEATURES_CHANGED");
    }

    private static String aDoctorOfTheLowestFrequencyMonetaryColumn() {
        for (String segment : List.of("new-customers", "promising", "about-to-sleep", "lost")) {
            JsonNode page = system.as("analyst").get(system.segments.url() + "/api/v1/segments/rfm/" + segment + "/doctors?size=1");
            if (page.get("total").asInt() > 0) {
                return page.get("doctors").get(0).get("doctorId").asText();
            }
        }
        throw new AssertionError("no rfm doctor in the first frequency-monetary column");
    }

    /** Until feature-service counted the orders and segment-service placed the doctor from those features. */
    private static void awaitPlacedFromItsNewestFeatures(String doctor, int orders) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode computed = system.as("support").get(system.features.url() + "/api/v1/doctors/" + doctor + "/features");
            assertThat(computed.get("features").get("ordersTotal").asInt()).isEqualTo(orders);
            JsonNode segments = system.as("support").get(system.segments.url() + "/api/v1/doctors/" + doctor + "/segments");
            assertThat(segments.get("featuresSequence").asLong()).isEqualTo(computed.get("sequence").asLong());
        });
    }

    private static String segment(String doctor, String scheme) {
        for (JsonNode entry : system.as("support").get(system.segments.url() + "/api/v1/doctors/" + doctor + "/segments").get("schemes")) {
            if (entry.get("scheme").asText().equals(scheme)) {
                return entry.get("segment").get("segmentId").asText();
            }
        }
        throw new AssertionError("no " + scheme + " entry for " + doctor);
    }

    /**
     * What a CRM system subscribing to segment-changes with its own consumer group gets about the
     * doctor from {@code since} on (first assignments left out): polled until it arrived, then 3 s more, so a
     * duplicate would show.
     */
    private static List<JsonNode> crmSubscriberReceives(String doctor, Instant since) {
        List<JsonNode> received = new ArrayList<>();
        try (KafkaConsumer<String, String> crm = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "crm-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            crm.subscribe(List.of("segment-changes"));
            long quietUntil = Long.MAX_VALUE;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> record : crm.poll(Duration.ofMillis(500))) {
                    JsonNode change = Http.parse(record.value());
                    if (record.key().equals(doctor) && !Instant.parse(change.get("changedAt").asText()).isBefore(since.minusSeconds(1))
                            && !change.get("reason").asText().equals("FIRST_ASSIGNMENT")) {
                        received.add(change);
                        quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    }
                }
            }
        }
        return received;
    }

    private static List<JsonNode> changes(java.util.function.Predicate<JsonNode> filter) {
        List<JsonNode> changes = new ArrayList<>();
        com.orthoseg.localstack.TopicReader.readAll(system.kafka(), "segment-changes", r -> true).forEach(record -> {
            JsonNode change = Http.parse(record.value());
            if (filter.test(change)) {
                changes.add(change);
            }
        });
        return changes;
    }
}
