package com.orthoseg.segments;

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
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Bad records go to doctor-features.dlq and consumption carries on; bad requests get a problem that says what is wrong. */
@QuarkusTest
class BadInputTest {

    @Test
    void recordsBreakingTheContractAreDeadLetteredAndConsumptionCarriesOn() {
        List<Header> headers = CloudEventHeaders.of(Topic.DOCTOR_FEATURES, UUID.randomUUID(), "urn:test", "Q-1", Instant.now());
        String valid = "{\"doctorId\":\"Q-1\",\"asOf\":\"2026-01-01T00:00:00Z\",\"sequence\":1,\"features\":{},"
                + "\"coverage\":{\"hasProfile\":true,\"hasOrders\":false,\"hasComplaints\":false,\"hasInstructions\":false}}";
        try (FeaturesSender sender = new FeaturesSender()) {
            sender.sendRaw("Q-1", "{not json".getBytes(StandardCharsets.UTF_8), headers);
            sender.sendRaw("Q-other", valid.getBytes(StandardCharsets.UTF_8), headers);
            sender.sendRaw("Q-1", valid.replace("\"sequence\":1", "\"sequence\":-4").getBytes(StandardCharsets.UTF_8), headers);
            sender.sendRaw("Q-1", valid.replace("\"asOf\":\"2026-01-01T00:00:00Z\",", "").getBytes(StandardCharsets.UTF_8), headers);
            sender.sendRaw("Q-1", valid.getBytes(StandardCharsets.UTF_8), List.of());
            // a record of the right shape with another event type is not taken for a DoctorFeatures
            sender.sendRaw("Q-1", valid.replace("\"sequence\":1", "\"sequence\":9").getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.of(Topic.DOCTORS, UUID.randomUUID(), "urn:test", "Q-1", Instant.now()));
            sender.sendRaw("Q-1", valid.getBytes(StandardCharsets.UTF_8), headers);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/doctors/Q-1/segments").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = TopicReader.readAll("doctor-features.dlq",
                    r -> r.key() != null && r.key().startsWith("Q-"));
            assertThat(dead).extracting(r -> TopicReader.header(r, "dead-letter-reason")).hasSize(6)
                    .anyMatch(reason -> reason.startsWith("not a valid DoctorFeatures"))
                    .contains("the record key is not the doctorId", "sequence is negative", "asOf is missing", "no ce_id header",
                            "ce_type is not " + Topic.DOCTOR_FEATURES.ceType() + " but " + Topic.DOCTORS.ceType());
            assertThat(dead).allSatisfy(r -> assertThat(TopicReader.header(r, "dead-letter-topic")).isEqualTo("doctor-features"));
        });
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("orthoseg_segments_features_dead_lettered_total"))
                .body(containsString("orthoseg_consumer_lag{group=\"segment-service\""));
    }

    /** A doctorId PostgreSQL cannot index (the contract sets no length) is dead-lettered; the poll's other doctors are placed. */
    @Test
    void recordsPostgreSqlRefusesAreDeadLetteredAndTheirNeighboursPlaced() {
        String unindexable = SegmentsDatabase.unindexableId();
        String record = "{\"doctorId\":\"%s\",\"asOf\":\"2026-01-01T00:00:00Z\",\"sequence\":1,\"features\":{},"
                + "\"coverage\":{\"hasProfile\":true,\"hasOrders\":false,\"hasComplaints\":false,\"hasInstructions\":false}}";
        try (FeaturesSender sender = new FeaturesSender()) {
            for (String doctor : List.of("R-before", unindexable, "R-after")) {
                sender.sendRaw(doctor, record.formatted(doctor).getBytes(StandardCharsets.UTF_8),
                        CloudEventHeaders.of(Topic.DOCTOR_FEATURES, UUID.randomUUID(), "urn:test", doctor, Instant.now()));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/v1/doctors/R-before/segments").then().statusCode(200);
            given().get("/api/v1/doctors/R-after/segments").then().statusCode(200);
        });
        assertThat(TopicReader.readAll("doctor-features.dlq", r -> unindexable.equals(r.key()))).singleElement()
                .satisfies(r -> assertThat(TopicReader.header(r, "dead-letter-reason"))
                        .startsWith("PostgreSQL refused it: ERROR: index row ").endsWith("(54000)"));
    }

    @Test
    void unknownDoctorsSchemesSegmentsAndVersionsAreNotFound() {
        given().get("/api/v1/doctors/NOBODY/segments").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("NOBODY"));
        given().get("/api/v1/doctors/NOBODY/segment-history").then().statusCode(404);
        given().get("/api/v1/segments/kmeans/c1/doctors").then().statusCode(404).body("detail", containsString("clusters and rfm"));
        given().get("/api/v1/segments/clusters/no-such-segment/doctors").then().statusCode(404);
        given().post("/api/v1/models/kmeans/retrain").then().statusCode(404);
        given().get("/api/v1/models/clusters-v0").then().statusCode(404);
        given().get("/api/v1/models/clusters-v0/preview").then().statusCode(404);
    }

    @Test
    void badParametersAreRejectedWithTheReason() {
        given().get("/api/v1/doctors/{id}/segments", "x".repeat(129)).then().statusCode(400);
        given().queryParam("at", "yesterday").get("/api/v1/doctors/NOBODY/segments").then().statusCode(400)
                .body("detail", containsString("ISO-8601"));
        for (String at : List.of("+1000000000-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "2999-01-01T00:00:00Z")) {
            given().queryParam("at", at).get("/api/v1/doctors/NOBODY/segments").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("between 1970-01-01T00:00:00Z and now"));
        }
        for (Map<String, Object> query : List.<Map<String, Object>>of(Map.of("page", -1), Map.of("size", 0),
                Map.of("size", 501), Map.of("sort", "name"), Map.of("order", "up"))) {
            given().queryParams(query).get("/api/v1/segments/rfm/champions/doctors").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        for (String body : List.of("{}", "{\"name\": \"   \"}", "{\"name\": \"" + "n".repeat(81) + "\"}",
                "{\"playbook\": \"" + "p".repeat(4001) + "\"}")) {
            given().contentType("application/json").body(body).patch("/api/v1/segments/rfm/champions").then().statusCode(400);
        }
        given().contentType("application/json").body("{\"name\": ").patch("/api/v1/segments/rfm/champions").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"playbook\": \"" + "p".repeat(200_000) + "\"}")
                .patch("/api/v1/segments/rfm/champions").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aRetrainWithTooFewDoctorsSaysSo() {
        SegmentsDatabase.reset();
        given().post("/api/v1/models/clusters/retrain").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("profiled doctors"));
        given().post("/api/v1/models/rfm/retrain").then().statusCode(409).body("detail", containsString("with orders"));
    }
}
