package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.localstack.LocalStackResource;
import com.orthoseg.localstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How a doctor's events arriving over time show: coverage as sources appear, a burst folded into few records. */
@QuarkusTest
class ArrivalTest {

    @Inject
    Pool pool;

    @Test
    void coverageFollowsTheSourcesAsTheyArriveAndTheOrphanListingLetsGoOnceAProfileComes() {
        String doctor = "ARRIVAL-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-1", null, at, BigDecimal.TEN, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(coverage(doctor)).isEqualTo(
                Map.of("hasProfile", false, "hasOrders", true, "hasComplaints", false, "hasInstructions", false)));
        assertThat(listed("orders-without-profile", doctor)).isTrue();

        try (EventSender sender = new EventSender()) {
            sender.send(new DoctorProfile(doctor, "Basel", DoctorCategory.SPECIALIST, null, null, null, null, null, null, at));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(coverage(doctor)).isEqualTo(
                Map.of("hasProfile", true, "hasOrders", true, "hasComplaints", false, "hasInstructions", false)));
        assertThat(listed("orders-without-profile", doctor)).isFalse();

        try (EventSender sender = new EventSender()) {
            sender.send(new ComplaintFiled(doctor, doctor + ":Correct", "Correct", 1, at));
            sender.send(new InstructionsPreference(doctor, true, at));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(coverage(doctor)).isEqualTo(
                Map.of("hasProfile", true, "hasOrders", true, "hasComplaints", true, "hasInstructions", true)));
    }

    @Test
    void aBurstOfOrdersForOneDoctorIsFoldedIntoFewUpdatesNotOnePerOrder() {
        String doctor = "BURST-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));
        // one record batch on the broker (the producer lingers until it is closed), so one poll takes the burst
        KafkaProducer<String, byte[]> lingering = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackResource.stack().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 60_000, ProducerConfig.BATCH_SIZE_CONFIG, 4 * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
        try (EventSender sender = new EventSender(lingering)) {
            for (int i = 0; i < 200; i++) {
                sender.send(new OrderPlaced(doctor, doctor + "-" + i, null, at.plusSeconds(i), BigDecimal.ONE, Map.of()));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/doctors/{id}/features", doctor)
                .then().statusCode(200).body("features.ordersTotal", org.hamcrest.Matchers.equalTo(200.0f)));
        long sequence = given().when().get("/api/v1/doctors/{id}/features", doctor).then().extract().jsonPath().getLong("sequence");

        // a transaction per record would have changed and published the doctor 200 times
        assertThat(sequence).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.query("SELECT count(*) FROM features_outbox").executeAndAwait()
                .iterator().next().getLong(0) == 0);
        assertThat(TopicReader.readAll("doctor-features", r -> doctor.equals(r.key()))).hasSize((int) sequence);
    }

    private static Map<String, Object> coverage(String doctor) {
        return given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200).extract().jsonPath()
                .getMap("coverage");
    }

    private static boolean listed(String kind, String doctor) {
        List<String> doctors = given().queryParam("kind", kind).queryParam("after", doctor.substring(0, doctor.length() - 1))
                .queryParam("limit", 10).when().get("/api/v1/data-quality/doctors").then().statusCode(200)
                .extract().jsonPath().getList("doctors", String.class);
        return doctors.contains(doctor);
    }
}
