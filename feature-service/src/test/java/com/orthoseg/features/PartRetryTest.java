package com.orthoseg.features;

import com.orthoseg.events.OrderPlaced;
import com.orthoseg.localstack.TestProducers;
import com.orthoseg.localstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll is applied in doctor-disjoint parts, each in its own transaction. When one part fails for a
 * passing reason (here a serialization failure, SQLSTATE 40001, raised once by a trigger on the real
 * PostgreSQL), that part alone is retried: the part committed beside it is neither applied nor counted
 * as a duplicate again.
 */
@QuarkusTest
class PartRetryTest {

    @Inject
    Pool pool;

    @Test
    void aPartThatFailsOnceIsRetriedAloneAndTheOtherPartCountsOnce() {
        String[] doctors = twoDoctorsOfOnePartitionInTwoParts();
        String failingOrder = doctors[1] + "-1";
        try {
            failFirstInsertOf(failingOrder);
            // the duplicates counter is shared: start when the records of earlier tests are all consumed
            // (for longer than the gauge's 10 s refresh, so the 0 is not from before their last send)
            await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(PartRetryTest::nothingWaiting);
            long duplicatesBefore = duplicatesSkipped();
            Instant placed = Instant.now().minus(Duration.ofDays(2));
            // one producer batch on one partition: both records come in one poll
            try (EventSender sender = new EventSender()) {
                sender.send(new OrderPlaced(doctors[0], doctors[0] + "-1", null, placed, BigDecimal.TEN, Map.of()));
                sender.send(new OrderPlaced(doctors[1], failingOrder, null, placed, BigDecimal.ONE, Map.of()));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String doctor : doctors) {
                    assertThat(ordersTotal(doctor)).as(doctor).isEqualTo(1.0);
                }
            });
            assertThat(pool.query("SELECT last_value FROM part_retry_attempts").executeAndAwait().iterator().next().getLong(0))
                    .as("attempts of the failing part").isEqualTo(2);
            assertThat(duplicatesSkipped()).as("duplicates counted").isEqualTo(duplicatesBefore);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(TopicReader.readAll("doctor-features", r -> doctors[0].equals(r.key()))).hasSize(1));
        } finally {
            pool.query("DROP TRIGGER IF EXISTS part_retry_fail_once ON doctor_order").executeAndAwait();
            pool.query("DROP FUNCTION IF EXISTS part_retry_fail_once()").executeAndAwait();
            pool.query("DROP SEQUENCE IF EXISTS part_retry_attempts").executeAndAwait();
        }
    }

    /** The first insert of the order fails with a serialization failure; later attempts pass. */
    private void failFirstInsertOf(String orderId) {
        pool.query("CREATE SEQUENCE part_retry_attempts").executeAndAwait();
        pool.query("""
                CREATE FUNCTION part_retry_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- a sequence is not rolled back with the failed transaction, so only the first attempt fails
                    IF nextval('part_retry_attempts') = 1 THEN
                        RAISE EXCEPTION 'a passing failure' USING ERRCODE = '40001';
                    END IF;
                    RETURN NEW;
                END $$""").executeAndAwait();
        pool.query("CREATE TRIGGER part_retry_fail_once BEFORE INSERT ON doctor_order FOR EACH ROW WHEN (NEW.order_id = '"
                + orderId + "') EXECUTE FUNCTION part_retry_fail_once()").executeAndAwait();
    }

    /**
     * Two new doctor ids that Kafka's default partitioner puts on one partition and the consumer in
     * different parts (EventsConsumer.byDoctor: the doctorId's hash modulo the parallelism, 2 by default).
     */
    private static String[] twoDoctorsOfOnePartitionInTwoParts() {
        int partitions;
        try (KafkaProducer<String, byte[]> producer = TestProducers.producer()) {
            partitions = producer.partitionsFor("orders").size();
        }
        String first = "P-" + UUID.randomUUID();
        while (true) {
            String second = "P-" + UUID.randomUUID();
            if (partition(second, partitions) == partition(first, partitions)
                    && Math.floorMod(second.hashCode(), 2) != Math.floorMod(first.hashCode(), 2)) {
                return new String[] {first, second};
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static double ordersTotal(String doctor) {
        return given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200).extract().jsonPath()
                .getDouble("features.ordersTotal");
    }

    /** The consumer lag gauge (refreshed every 10 s) reads 0: every input record is committed. */
    private static boolean nothingWaiting() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .anyMatch(line -> line.matches("orthoseg_consumer_lag\\{group=\"feature-service\",?\\} 0(\\.0)?"));
    }

    private static long duplicatesSkipped() {
        return given().when().get("/api/v1/data-quality").then().statusCode(200).extract().jsonPath()
                .getLong("duplicatesSkipped");
    }
}
