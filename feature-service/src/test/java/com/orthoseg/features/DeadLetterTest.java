package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.TextLimits;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.LocalStackResource;
import com.orthoseg.localstack.TopicReader;
import com.orthoseg.support.CloudEventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records that break the contract or that PostgreSQL refuses go to {@code <topic>.dlq} with the reason; consumption carries on. */
@QuarkusTest
class DeadLetterTest {

    @Inject
    Pool pool;

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
     * PostgreSQL refusing a record the contract allows (here a check constraint an operator added, which
     * the test installs): each refused record stands alone in the DLQ and its neighbours, in the same poll
     * and the same part, are applied.
     */
    @Test
    void recordsPostgreSqlRefusesAreDeadLetteredAndTheirNeighboursApplied() {
        String doctor = "REFUSED-" + UUID.randomUUID();
        String refusedDoctor = "CHECKED-" + UUID.randomUUID();
        String refusedOrder = "CHECKED-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        long deadLetteredBefore = deadLettered();
        pool.query("ALTER TABLE doctor_order ADD CONSTRAINT test_refused CHECK (order_id NOT LIKE 'CHECKED-%')").executeAndAwait();
        pool.query("ALTER TABLE doctor_profile ADD CONSTRAINT test_refused CHECK (doctor_id NOT LIKE 'CHECKED-%')").executeAndAwait();
        try {
            try (EventSender sender = new EventSender()) {
                sender.send(new OrderPlaced(doctor, doctor + "-1", null, at, BigDecimal.TEN, Map.of("A", true)));
                sender.send(new OrderPlaced(doctor, refusedOrder, null, at, BigDecimal.ONE, Map.of()));
                sender.send(new DoctorProfile(refusedDoctor, "Basel", null, null, null, null, null, null, null, at));
                sender.send(new OrderPlaced(doctor, doctor + "-2", null, at.plusSeconds(60), BigDecimal.TEN, Map.of()));
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200)
                            .body("features.ordersTotal", org.hamcrest.Matchers.equalTo(2.0f)));
            List<ConsumerRecord<String, String>> orders = TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key()));
            assertThat(orders).hasSize(1);
            assertThat(orders.get(0).value()).contains(refusedOrder);
            assertThat(TopicReader.header(orders.get(0), "dead-letter-reason"))
                    .startsWith("PostgreSQL refused it: ERROR: ").endsWith("(23514)").doesNotContain(refusedOrder);
            assertThat(TopicReader.readAll("doctors.dlq", r -> refusedDoctor.equals(r.key()))).singleElement()
                    .satisfies(r -> assertThat(TopicReader.header(r, "dead-letter-reason")).endsWith("(23514)"));
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLettered() == deadLetteredBefore + 2);
        } finally {
            pool.query("ALTER TABLE doctor_order DROP CONSTRAINT test_refused").executeAndAwait();
            pool.query("ALTER TABLE doctor_profile DROP CONSTRAINT test_refused").executeAndAwait();
        }
    }

    /**
     * An id longer than the contract allows (which PostgreSQL could not index) is dead-lettered before
     * any transaction, so its time does not move the event-time clock, which never goes back.
     */
    @Test
    void anOverlongIdIsDeadLetteredWithoutMovingTheEventTimeClock() {
        String doctor = "LONG-" + "x".repeat(TextLimits.MAX_ID_LENGTH);
        String witness = "CLOCK-" + UUID.randomUUID();
        // just past the clock: far enough to see it move, not so far as to move it past other tests' histories
        Instant clockBefore = eventClock();
        Instant ahead = clockBefore.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(1));
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, "O-1", null, ahead, BigDecimal.ONE, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key())).isEmpty());
        assertThat(TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key()))).singleElement()
                .satisfies(r -> assertThat(TopicReader.header(r, "dead-letter-reason")).isEqualTo("doctorId is longer than 128 characters"));
        assertThat(eventClock()).isEqualTo(clockBefore);

        // the same time on a valid order does move it: the check above could see a move
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(witness, witness + "-1", null, ahead, BigDecimal.ONE, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ahead.equals(eventClock()));
    }

    /**
     * A record too large to be sent again as it is (a producer with compression may write records far above
     * the 1 MiB a producer sends uncompressed) goes to the DLQ cut, with its sizes and its place in a header;
     * the records after it are applied.
     */
    @Test
    void aRecordTooLargeToResendIsDeadLetteredCutAndConsumptionCarriesOn() {
        String doctor = "HUGE-" + UUID.randomUUID();
        String padding = "a".repeat(3 * 1024 * 1024);
        byte[] huge = ("{\"doctorId\":\"" + doctor + "\",\"orderId\":\"O-1\",\"padding\":\"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackResource.stack().kafkaBootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("orders", null, doctor, huge,
                    CloudEventHeaders.of(Topic.ORDERS, UUID.randomUUID(), "urn:test", doctor, Instant.now())));
        }
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-2", null, Instant.parse("2026-02-01T00:00:00Z"), BigDecimal.TEN, Map.of()));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/v1/doctors/{id}/features", doctor)
                .then().statusCode(200).body("features.ordersTotal", org.hamcrest.Matchers.equalTo(1.0f)));
        assertThat(TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key()))).singleElement().satisfies(r -> {
            assertThat(TopicReader.header(r, "dead-letter-reason")).isEqualTo("placedAt is missing");
            assertThat(r.value()).hasSize(64 * 1024).isEqualTo(new String(huge, 0, 64 * 1024, StandardCharsets.UTF_8));
            assertThat(TopicReader.header(r, "dead-letter-truncated")).isEqualTo("too large to send again: value of " + huge.length
                    + " bytes cut to its first 65536; the whole record stays on orders at the partition and offset named");
            assertThat(TopicReader.header(r, "ce_type")).as("the original headers").isEqualTo("orthoseg.order.placed.v1");
        });
    }

    /**
     * PostgreSQL failing while a dead letter is recorded (here twice, by a trigger on the real table) is
     * retried before anything is sent: the dead letter is on the DLQ once and counted once.
     */
    @Test
    void aDeadLetterWhoseRecordingFailsForAWhileIsSentAndCountedOnce() {
        String doctor = "DLQ-ONCE-" + UUID.randomUUID();
        long deadLetteredBefore = deadLettered();
        pool.query("CREATE SEQUENCE dead_letter_attempts").executeAndAwait();
        pool.query("""
                CREATE FUNCTION dead_letter_fail_twice() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF nextval('dead_letter_attempts') <= 2 THEN
                        RAISE EXCEPTION 'a passing failure' USING ERRCODE = '40001';
                    END IF;
                    RETURN NEW;
                END $$""").executeAndAwait();
        pool.query("CREATE TRIGGER dead_letter_fail_twice BEFORE INSERT ON dead_letter FOR EACH ROW "
                + "EXECUTE FUNCTION dead_letter_fail_twice()").executeAndAwait();
        try {
            try (EventSender sender = new EventSender()) {
                sender.sendRaw("orders", doctor, "{not json".getBytes(StandardCharsets.UTF_8),
                        CloudEventHeaders.of(Topic.ORDERS, UUID.randomUUID(), "urn:test", doctor, Instant.now()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered() == deadLetteredBefore + 1);
            assertThat(pool.query("SELECT last_value FROM dead_letter_attempts").executeAndAwait().iterator().next().getLong(0))
                    .as("recording attempts: two failed, then one that took").isGreaterThanOrEqualTo(3);
            assertThat(TopicReader.readAll("orders.dlq", r -> doctor.equals(r.key()))).hasSize(1);
        } finally {
            pool.query("DROP TRIGGER IF EXISTS dead_letter_fail_twice ON dead_letter").executeAndAwait();
            pool.query("DROP FUNCTION IF EXISTS dead_letter_fail_twice()").executeAndAwait();
            pool.query("DROP SEQUENCE IF EXISTS dead_letter_attempts").executeAndAwait();
        }
    }

    private Instant eventClock() {
        var value = pool.query("SELECT newest_event FROM event_clock WHERE id = 1").executeAndAwait().iterator().next()
                .getOffsetDateTime(0);
        return value == null ? Instant.EPOCH : value.toInstant();
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

    @Test
    void theEventCountersCountAnAppliedEventADuplicateAndADeadLetter() {
        String doctor = "METRICS-" + UUID.randomUUID();
        Map<String, Double> before = eventCounters();
        OrderPlaced order = new OrderPlaced(doctor, doctor + "-1", null, Instant.parse("2026-02-01T00:00:00Z"), BigDecimal.TEN, Map.of());
        try (EventSender sender = new EventSender()) {
            sender.send(order);
            sender.send(order);
            sender.sendRaw("orders", doctor, "[]".getBytes(StandardCharsets.UTF_8),
                    CloudEventHeaders.of(Topic.ORDERS, UUID.randomUUID(), "urn:test", doctor, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Double> after = eventCounters();
            assertThat(after.keySet()).isEqualTo(before.keySet());
            // at least: another class's last events may still be counted alongside
            after.forEach((name, value) -> assertThat(value - before.get(name)).as(name).isGreaterThanOrEqualTo(1.0));
        });
    }

    /** The values of orthoseg_features_events_{applied,duplicates,dead_lettered}_total. */
    private static Map<String, Double> eventCounters() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> counters = new java.util.HashMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern
                .compile("(?m)^orthoseg_features_events_(applied|duplicates|dead_lettered)_total(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        while (line.find()) {
            counters.merge(line.group(1), Double.valueOf(line.group(2)), Double::sum);
        }
        return counters;
    }
}
