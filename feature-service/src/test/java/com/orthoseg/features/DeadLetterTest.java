package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.TopicReader;
import com.orthoseg.support.CloudEventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records that break the contract or that PostgreSQL refuses go to {@code <topic>.dlq} with the reason; consumption carries on. */
@QuarkusTest
class DeadLetterTest {

    @Test
    void brokenRecordsAreDeadLetteredAndTheirNeighboursApplied() {
        String doctor = "DLQ-" + UUID.randomUUID();
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        List<Header> headers = CloudEventHeaders.of(Topic.COMPLAINTS, UUID.randomUUID(), "urn:test", doctor, now);
        try (EventSender sender = new EventSender()) {
            sender.sendRaw("complaints", doctor, "{not json".getBytes(StandardCharsets.UTF_8), headers);
            sender.sendRaw("complaints", doctor, ("{\"doctorId\":\"" + doctor + "\",\"complaintId\":\"x\",\"complaintType\":"
                    + "\"Correct\",\"qty\":0,\"filedAt\":\"2026-02-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.of(Topic.COMPLAINTS, UUID.randomUUID(), "urn:test", doctor, now));
            sender.sendRaw("complaints", doctor, ("{\"doctorId\":\"someone-else\",\"complaintId\":\"y\",\"complaintType\":"
                    + "\"Correct\",\"qty\":1,\"filedAt\":\"2026-02-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.of(Topic.COMPLAINTS, UUID.randomUUID(), "urn:test", doctor, now));
            sender.sendRaw("complaints", doctor, "{}".getBytes(StandardCharsets.UTF_8), List.of());
            sender.sendRaw("complaints", doctor, ("{\"doctorId\":\"" + doctor + "\",\"complaintId\":\"z\",\"complaintType\":"
                    + "\"Cor\\u0000rect\",\"qty\":1,\"filedAt\":\"2026-02-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.of(Topic.COMPLAINTS, UUID.randomUUID(), "urn:test", doctor, now));
            sender.sendRaw("complaints", doctor, ("{\"doctorId\":\"" + doctor + "\",\"complaintId\":\"w\",\"complaintType\":"
                    + "\"Correct\",\"qty\":1,\"filedAt\":\"+300000-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.of(Topic.COMPLAINTS, UUID.randomUUID(), "urn:test", doctor, now));
            sender.send(new ComplaintFiled(doctor, doctor + ":Correct", "Correct", 2, now));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200));
        List<ConsumerRecord<String, String>> dead = TopicReader.readAll("complaints.dlq", r -> doctor.equals(r.key()));
        assertThat(dead).extracting(r -> TopicReader.header(r, "dead-letter-reason")).containsExactly(
                "not a valid ComplaintFiled: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                "qty must be at least 1",
                "the record key is not the doctorId",
                "no ce_id header",
                "a text holds a NUL character, which PostgreSQL cannot store",
                "filedAt is more than a day in the future");
        assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "dead-letter-topic")).isEqualTo("complaints"));
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200)
                .body("features.complaintsTotal", org.hamcrest.Matchers.equalTo(2.0f));
    }

    /**
     * The contract sets no length on ids, but PostgreSQL cannot index a key of 10,000 random characters:
     * such records once held the consumer in a retry loop. Each refused record stands alone in the DLQ
     * and its neighbours, in the same poll and the same part, are applied.
     */
    @Test
    void recordsPostgreSqlRefusesAreDeadLetteredAndTheirNeighboursApplied() {
        String doctor = "REFUSED-" + UUID.randomUUID();
        String longDoctor = unindexable();
        String longOrder = unindexable();
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        long deadLetteredBefore = deadLettered();
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-1", null, at, BigDecimal.TEN, Map.of("A", true)));
            sender.send(new OrderPlaced(doctor, longOrder, null, at, BigDecimal.ONE, Map.of()));
            sender.send(new DoctorProfile(longDoctor, "Basel", null, null, null, null, null, null, null, at));
            sender.send(new OrderPlaced(doctor, doctor + "-2", null, at.plusSeconds(60), BigDecimal.TEN, Map.of()));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200)
                        .body("features.ordersTotal", org.hamcrest.Matchers.equalTo(2.0f)));
        List<ConsumerRecord<String, String>> orders = TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key()));
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).value()).contains(longOrder);
        assertThat(TopicReader.header(orders.get(0), "dead-letter-reason"))
                .startsWith("PostgreSQL refused it: ERROR: index row ").endsWith("(54000)").doesNotContain(longOrder);
        assertThat(TopicReader.readAll("doctors.dlq", r -> longDoctor.equals(r.key()))).singleElement()
                .satisfies(r -> assertThat(TopicReader.header(r, "dead-letter-reason")).endsWith("(54000)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLettered() == deadLetteredBefore + 2);
    }

    /** An id of 10,000 random letters and digits: valid by the contract, beyond what a B-tree index entry holds. */
    private static String unindexable() {
        return new java.util.Random().ints(10_000, 0, 36).mapToObj(i -> Character.toString(Character.forDigit(i, 36)))
                .collect(java.util.stream.Collectors.joining());
    }

    private static long deadLettered() {
        return given().when().get("/api/v1/data-quality").then().statusCode(200).extract().jsonPath().getLong("deadLettered");
    }

    @Test
    void healthAndMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("Kafka",
                        "SmallRye Reactive Messaging - readiness check", "Reactive PostgreSQL connections health check"))
                .body("checks.find { it.name == 'Kafka' }.status", org.hamcrest.Matchers.equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("orthoseg_features_events_applied_total"))
                .body(org.hamcrest.Matchers.containsString("orthoseg_features_events_duplicates_total"))
                .body(org.hamcrest.Matchers.containsString("orthoseg_features_events_dead_lettered_total"))
                .body(org.hamcrest.Matchers.containsString("orthoseg_consumer_lag{group=\"feature-service\""));
    }
}
