package com.orthoseg.features;

import com.orthoseg.events.OrderPlaced;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * A consumer that stops committing while records wait makes the instance not live (so that Kubernetes
 * restarts it), and live again once it moves: the real consumer, broker and PostgreSQL, the consumer held
 * by a table lock that its transaction needs.
 */
@QuarkusTest
@TestProfile(ConsumerStallTest.ShortStallTimeout.class)
class ConsumerStallTest {

    public static class ShortStallTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orthoseg.consumer-lag.stall-timeout", "15s");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aConsumerThatCannotCommitIsNotLiveUntilItMovesAgain() {
        given().when().get("/q/health/live").then().statusCode(200);
        String doctor = "S-" + UUID.randomUUID();
        SqlConnection conn = pool.getConnectionAndAwait();
        Transaction lock = conn.beginAndAwait();
        try {
            conn.query("LOCK TABLE processed_event IN ACCESS EXCLUSIVE MODE").executeAndAwait();
            try (EventSender sender = new EventSender()) {
                sender.send(new OrderPlaced(doctor, doctor + "-1", null, Instant.now().minus(Duration.ofDays(1)),
                        BigDecimal.TEN, Map.of()));
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/q/health/live").then()
                    .statusCode(503).body(containsString("Kafka consumer progress"), containsString("records waiting")));
        } finally {
            lock.rollbackAndAwait();
            conn.closeAndAwait();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200);
            given().when().get("/q/health/live").then().statusCode(200);
        });
    }
}
