package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.TopicReader;
import com.orthoseg.support.CloudEventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records that break the contract go to complaints.dlq with the reason; consumption carries on. */
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
                "filedAt is outside the years 1 to 9999");
        assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "dead-letter-topic")).isEqualTo("complaints"));
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200)
                .body("features.complaintsTotal", org.hamcrest.Matchers.equalTo(2.0f));
    }

    @Test
    void healthAndMetrics() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems(
                        "SmallRye Reactive Messaging - readiness check", "Reactive PostgreSQL connections health check"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("orthoseg_features_events_applied_total"))
                .body(org.hamcrest.Matchers.containsString("orthoseg_features_events_dead_lettered_total"))
                .body(org.hamcrest.Matchers.containsString("orthoseg_consumer_lag{group=\"feature-service\""));
    }
}
