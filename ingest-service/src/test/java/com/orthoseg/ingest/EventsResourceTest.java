package com.orthoseg.ingest;

import com.orthoseg.localstack.TopicReader;

import com.orthoseg.events.EventIds;
import com.orthoseg.events.Topic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** JSON and NDJSON ingestion, through the HTTP API to a real broker. */
@QuarkusTest
class EventsResourceTest {

    private static String uniqueDoctor() {
        return "T-" + UUID.randomUUID();
    }

    @Test
    void anOrderIsPublishedAsACloudEventThatSatisfiesItsSchema() {
        String doctor = uniqueDoctor();
        String eventId = given().contentType(ContentType.JSON).body("""
                        {"doctorId": "%s", "orderId": "O-%s", "orderNum": "N1", "placedAt": "2025-05-01",
                         "amount": 120.5, "conditions": {"A": true, "B": null, "J": "After", "Z": "kept"}}"""
                        .formatted(doctor, doctor))
                .when().post("/api/v1/orders")
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .extract().path("eventIds[0]");

        List<ConsumerRecord<String, String>> records = TopicReader.readAll("orders", r -> doctor.equals(r.key()));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(TopicReader.header(record, "ce_id")).isEqualTo(eventId);
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo("orthoseg.order.placed.v1");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("urn:orthoseg:ingest-service");
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(doctor);
        assertThat(TopicReader.header(record, "ce_time")).startsWith("2025-05-01T00:00");
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(EventSchemas.validate(Topic.ORDERS, record.value())).isEmpty();
        assertThat(record.value()).contains("\"placedAt\":\"2025-05-01T00:00:00Z\"").contains("\"Z\":\"kept\"");
    }

    @Test
    void everyKindIsAcceptedAsObjectArrayAndNdjson() {
        String doctor = uniqueDoctor();
        given().contentType(ContentType.JSON).body("""
                        {"doctorId": "%s", "region": "1 8 T4", "category": "General Practitioner", "rank": "Silver Plus",
                         "incidenceRate": 3, "rRate": 0.5, "satisfaction": -12.5, "experience": 1.2, "purchases": 7}"""
                        .formatted(doctor))
                .when().post("/api/v1/doctors").then().statusCode(202).body("accepted", equalTo(1));
        given().contentType(ContentType.JSON).body("""
                        [{"doctorId": "%1$s", "complaintType": "Correct", "qty": 2},
                         {"doctorId": "%1$s", "complaintType": "R&R", "qty": 1, "filedAt": "2025-01-02T03:04:05+01:00"}]"""
                        .formatted(doctor))
                .when().post("/api/v1/complaints").then().statusCode(202).body("accepted", equalTo(2));
        given().contentType("application/x-ndjson").body("""
                        {"doctorId": "%1$s", "includesSpecialInstructions": true}
                        {"doctorId": "%1$s", "includesSpecialInstructions": false}
                        """.formatted(doctor).getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/instructions").then().statusCode(202).body("accepted", equalTo(2));

        ConsumerRecord<String, String> profile = TopicReader.readAll("doctors", r -> doctor.equals(r.key())).get(0);
        assertThat(profile.value()).contains("\"category\":\"GENERAL_PRACTITIONER\"", "\"rank\":\"SILVER_PLUS\"");
        assertThat(EventSchemas.validate(Topic.DOCTORS, profile.value())).isEmpty();

        List<ConsumerRecord<String, String>> complaints = TopicReader.readAll("complaints", r -> doctor.equals(r.key()));
        assertThat(complaints).extracting(ConsumerRecord::value)
                .anySatisfy(v -> assertThat(v).contains("\"complaintId\":\"" + doctor + ":R&R\"", "\"filedAt\":\"2025-01-02T02:04:05Z\""));
        complaints.forEach(c -> assertThat(EventSchemas.validate(Topic.COMPLAINTS, c.value())).isEmpty());
        assertThat(TopicReader.readAll("instructions", r -> doctor.equals(r.key()))).hasSize(2)
                .allSatisfy(r -> assertThat(EventSchemas.validate(Topic.INSTRUCTIONS, r.value())).isEmpty());
    }

    @Test
    void theSameRecordTwiceInARequestIsPublishedOnce() {
        String doctor = uniqueDoctor();
        String order = """
                {"doctorId": "%s", "orderId": "O-1", "placedAt": "2025-05-01T10:00:00Z"}""".formatted(doctor);
        given().contentType(ContentType.JSON).body("[" + order + "," + order + "]")
                .when().post("/api/v1/orders")
                .then().statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
        assertThat(TopicReader.readAll("orders", r -> doctor.equals(r.key()))).hasSize(1);
    }

    @Test
    void invalidRecordsNameEveryBadFieldAndPublishNothing() {
        String doctor = uniqueDoctor();
        given().contentType(ContentType.JSON).body("""
                        [{"doctorId": "%1$s", "orderId": "O-ok", "placedAt": "2025-05-01"},
                         {"orderId": "O-2", "placedAt": "yesterday", "amount": -3,
                          "conditions": {"A": "yes", "J": "Later"}, "colour": "red"},
                         {"doctorId": "%1$s", "orderId": 42}]""".formatted(doctor))
                .when().post("/api/v1/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("2 record(s) are invalid"))
                .body("errors.findAll { it.index == 1 }.field",
                        contains("colour", "doctorId", "placedAt", "amount", "conditions.A", "conditions.J"))
                .body("errors.find { it.field == 'placedAt' }.message", containsString("\"yesterday\""))
                .body("errors.find { it.field == 'amount' }.message", equalTo("must be at least 0, got -3"))
                .body("errors.find { it.index == 2 }.field", equalTo("orderId"))
                .body("errors.find { it.index == 2 }.message", equalTo("expected a string, got 42"));

        assertThat(TopicReader.readAll("orders", r -> doctor.equals(r.key()))).isEmpty();
    }

    @Test
    void eachContractRuleHasItsOwnError() {
        assertFieldError("complaints", """
                {"doctorId": "D", "complaintType": "Correct", "qty": 0}""", "qty", "must be at least 1, got 0");
        assertFieldError("complaints", """
                {"doctorId": "D", "complaintType": "Correct", "qty": 1.5}""", "qty", "expected a whole number, got 1.5");
        assertFieldError("complaints", """
                {"doctorId": "D", "qty": 1}""", "complaintType", "is required");
        assertFieldError("doctors", """
                {"doctorId": "D", "satisfaction": 101}""", "satisfaction", "must be at most 100, got 101");
        assertFieldError("doctors", """
                {"doctorId": "D", "rank": "Bronze"}""", "rank", "expected one of [SILVER, SILVER_PLUS, GOLD, GOLD_PLUS, "
                + "PLATINUM, PLATINUM_PLUS, TITANIUM, TITANIUM_PLUS, AMBASSADOR], got \"Bronze\"");
        assertFieldError("doctors", """
                {"doctorId": "D", "category": "Surgeon"}""", "category",
                "expected one of [SPECIALIST, GENERAL_PRACTITIONER], got \"Surgeon\"");
        assertFieldError("doctors", """
                {"doctorId": "   "}""", "doctorId", "must not be blank");
        assertFieldError("doctors", """
                {"doctorId": "D", "purchases": "12"}""", "purchases", "expected a whole number, got \"12\"");
        assertFieldError("instructions", """
                {"doctorId": "D", "includesSpecialInstructions": "Yes"}""", "includesSpecialInstructions",
                "expected true or false, got \"Yes\"");
        assertFieldError("orders", """
                {"doctorId": "D", "orderId": "O", "placedAt": "2025-13-01"}""", "placedAt",
                "expected an ISO-8601 date or instant such as 2026-03-01 or 2026-03-01T10:00:00Z, got \"2025-13-01\"");
        assertFieldError("orders", """
                {"doctorId": "D", "orderId": "O", "placedAt": "2062-03-01"}""", "placedAt",
                "is more than a day in the future: 2062-03-01");
        assertFieldError("complaints", """
                {"doctorId": "D", "complaintType": "Correct", "qty": 1, "filedAt": "-0001-03-01T00:00:00Z"}""", "filedAt",
                "is before the year 1");
        assertFieldError("orders", "[1]", "", "expected a JSON object, got 1");
        assertFieldError("orders", """
                {"doctorId": "D", "orderId": "O", "amount": 1e400}""", "amount", "is too large a number");
        assertFieldError("orders", """
                {"doctorId": "D", "orderId": "O", "amount": 2000000000000}""", "amount",
                "must be at most 1000000000000, got 2000000000000");
    }

    @Test
    void overlongAndUnprintableTextsAreRefusedFieldByField() {
        assertFieldError("doctors", "{\"doctorId\": \"" + "D".repeat(129) + "\"}", "doctorId", "longer than 128 characters");
        assertFieldError("doctors", "{\"doctorId\": \"D\", \"region\": \"" + "r".repeat(1_001) + "\"}", "region",
                "longer than 1000 characters");
        assertFieldError("doctors", "{\"doctorId\": \"D\\u0000X\"}", "doctorId", "holds the control character U+0000 at position 1");
        assertFieldError("doctors", "{\"doctorId\": \"D\\tX\"}", "doctorId", "an id holds no tab or line break");
        assertFieldError("doctors", "{\"doctorId\": \"D\", \"region\": \"R\\ud800\"}", "region",
                "holds an unpaired surrogate at position 1 (not valid Unicode)");
        assertFieldError("orders", "{\"doctorId\": \"D\", \"orderId\": \"O\", \"conditions\": {\"" + "K".repeat(65) + "\": 1}}",
                "conditions." + "K".repeat(65), "an unknown condition's name has at most 64 printable characters");
        assertFieldError("orders", "{\"doctorId\": \"D\", \"orderId\": \"O\", \"conditions\": {\"K\": 1e400}}",
                "conditions.K", "is too large a number");
        // a region with a line break is text, not an id: accepted
        given().contentType(ContentType.JSON).body("{\"doctorId\": \"TXT-" + UUID.randomUUID() + "\", \"region\": \"4\\n15\"}")
                .when().post("/api/v1/doctors").then().statusCode(202);
    }

    @Test
    void malformedBodiesAreBadRequests() {
        given().contentType(ContentType.JSON).body("{\"doctorId\": \"D\",")
                .when().post("/api/v1/doctors")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("malformed JSON in record 0"));
        given().contentType("application/x-ndjson").body("{\"doctorId\": \"D\"}\n{\"doctorId\": ".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/doctors")
                .then().statusCode(400).body("detail", containsString("malformed JSON in record 1"));
        given().contentType(ContentType.JSON).body("")
                .when().post("/api/v1/doctors")
                .then().statusCode(400).body("detail", equalTo("the body holds no record"));
        given().contentType(ContentType.JSON).body("{\"doctorId\": \"A\"} {\"doctorId\": \"B\"}")
                .when().post("/api/v1/doctors")
                .then().statusCode(400).body("detail", containsString("application/x-ndjson"));
    }

    @Test
    void unknownKindsAndMediaTypesAreRefusedAsProblems() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/prescriptions")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no such record type: prescriptions"));
        given().contentType(ContentType.XML).body("<doctor/>")
                .when().post("/api/v1/doctors")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizeRequestsGet413() {
        String doctor = "{\"doctorId\": \"D\", \"region\": \"" + "x".repeat(900) + "\"},";
        String big = "[" + doctor.repeat(12_000) + "{\"doctorId\": \"D\"}]";
        given().contentType(ContentType.JSON).body(big)
                .when().post("/api/v1/doctors")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("larger than 10485760 bytes"));

        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 100_000; i++) {
            many.append("{}\n");
        }
        given().contentType("application/x-ndjson").body(many.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/doctors")
                .then().statusCode(413).body("detail", containsString("more than 100000 records"));
    }

    @Test
    void eventIdsAreTheNameBasedIdsOfTheContract() {
        String doctor = uniqueDoctor();
        String expected = EventIds.of("instructions:" + doctor + ":" + EventIds.contentHash(true)).toString();
        given().contentType(ContentType.JSON).body("""
                        {"doctorId": "%s", "includesSpecialInstructions": true}""".formatted(doctor))
                .when().post("/api/v1/instructions")
                .then().statusCode(202).body("eventIds", hasSize(1)).body("eventIds", hasItem(expected));
    }

    @Test
    void aPreferenceSetBackAtALaterUpdatedAtIsANewEventAndARetryIsNot() {
        String doctor = uniqueDoctor();
        String yes = postInstructions(doctor, true, "2026-03-01T08:00:00Z");
        String no = postInstructions(doctor, false, "2026-04-01T08:00:00Z");
        String yesAgain = postInstructions(doctor, true, "2026-05-01T08:00:00Z");
        assertThat(List.of(yes, no, yesAgain)).doesNotHaveDuplicates();
        assertThat(postInstructions(doctor, true, "2026-05-01T08:00:00Z")).isEqualTo(yesAgain);

        List<ConsumerRecord<String, String>> records = TopicReader.readAll("instructions", r -> doctor.equals(r.key()));
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_id")).containsExactly(yes, no, yesAgain, yesAgain);

        // without updatedAt ingest stamps the time it received the record, which a retry must not turn into a new fact
        assertThat(postInstructions(doctor, true, null)).isEqualTo(postInstructions(doctor, true, null));
    }

    @Test
    void anOrderWhoseDateAloneIsCorrectedIsANewEventAndARetryIsNot() {
        String doctor = uniqueDoctor();
        String first = postOrder(doctor, "2026-03-01");
        String corrected = postOrder(doctor, "2026-03-10");
        assertThat(corrected).isNotEqualTo(first);
        assertThat(postOrder(doctor, "2026-03-10")).isEqualTo(corrected);
        // without placedAt ingest stamps the time it received the order, which a retry must not turn into a new fact
        assertThat(postOrder(doctor, null)).isEqualTo(postOrder(doctor, null)).isNotEqualTo(first);
    }

    private static String postOrder(String doctor, String placedAt) {
        String time = placedAt == null ? "" : ", \"placedAt\": \"" + placedAt + "\"";
        return given().contentType(ContentType.JSON).body("""
                        {"doctorId": "%s", "orderId": "O-dated", "amount": 12%s}""".formatted(doctor, time))
                .when().post("/api/v1/orders")
                .then().statusCode(202).body("accepted", equalTo(1))
                .extract().path("eventIds[0]");
    }

    private static String postInstructions(String doctor, boolean includes, String updatedAt) {
        String time = updatedAt == null ? "" : ", \"updatedAt\": \"" + updatedAt + "\"";
        return given().contentType(ContentType.JSON).body("""
                        {"doctorId": "%s", "includesSpecialInstructions": %s%s}""".formatted(doctor, includes, time))
                .when().post("/api/v1/instructions")
                .then().statusCode(202).body("accepted", equalTo(1))
                .extract().path("eventIds[0]");
    }

    private static void assertFieldError(String kind, String body, String field, String message) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/" + kind)
                .then().statusCode(400)
                .body("errors.find { it.field == '" + field + "' }.message", equalTo(message))
                .body("errors[0].index", equalTo(0));
    }
}
