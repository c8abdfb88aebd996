package com.orthoseg.features;

import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;
import com.orthoseg.events.OrderPlaced;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The facts cache (DoctorFactsCache) through the real consumer, broker and PostgreSQL: it is used, it
 * follows corrections, moves and profiles, and it is not trusted once another writer changed a doctor.
 */
@QuarkusTest
class FactsCacheTest {

    private static final Pattern CACHE = Pattern.compile(
            "(?m)^orthoseg_features_facts_cache_total\\{[^}]*result=\"(hit|miss)\"[^}]*} (\\S+)$");

    @Inject
    Pool pool;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Test
    void newOrdersOfACachedDoctorAreAddedWithoutReadingItsOrdersAgain() {
        String doctor = "C-" + UUID.randomUUID();
        send(order(doctor, "1", 10));
        awaitOrdersTotal(doctor, 1);
        Map<String, Double> before = cacheCounts();

        send(order(doctor, "2", 20));
        awaitOrdersTotal(doctor, 2);

        Map<String, Double> after = cacheCounts();
        assertThat(after.get("hit")).isGreaterThan(before.get("hit"));
        assertThat(features(doctor).getDouble("features.amountTotal")).isEqualTo(30.0);
    }

    @Test
    void aCorrectionReplacesTheCachedOrder() {
        String doctor = "C-" + UUID.randomUUID();
        send(order(doctor, "1", 10));
        send(order(doctor, "2", 20));
        awaitOrdersTotal(doctor, 2);

        send(order(doctor, "1", 15));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(features(doctor).getDouble("features.amountTotal")).isEqualTo(35.0));
        assertThat(features(doctor).getDouble("features.ordersTotal")).isEqualTo(2.0);
    }

    @Test
    void anOrderMovedToAnotherDoctorLeavesTheFirstOne() {
        String first = "C-" + UUID.randomUUID();
        String second = "C-" + UUID.randomUUID();
        send(order(first, "1", 10));
        send(order(first, "2", 20));
        awaitOrdersTotal(first, 2);

        send(new OrderPlaced(second, first + "-2", null, now.minus(Duration.ofDays(1)), BigDecimal.valueOf(20), Map.of()));
        awaitOrdersTotal(second, 1);
        awaitOrdersTotal(first, 1);
        assertThat(features(first).getDouble("features.amountTotal")).isEqualTo(10.0);
    }

    @Test
    void aProfileReachesTheFeaturesOfACachedDoctor() {
        String doctor = "C-" + UUID.randomUUID();
        send(order(doctor, "1", 10));
        awaitOrdersTotal(doctor, 1);

        send(new DoctorProfile(doctor, "North", DoctorCategory.SPECIALIST, DoctorRank.GOLD, 0.1, 0.2, 3.5, 12.0, 7, now));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(features(doctor).<Double>get("features.satisfaction")).isEqualTo(3.5));
        assertThat(features(doctor).getDouble("features.ordersTotal")).isEqualTo(1.0);
    }

    /** As another instance would after a rebalance: its write leaves a stamp this instance did not cache. */
    @Test
    void factsChangedByAnotherWriterAreReadAgain() {
        String doctor = "C-" + UUID.randomUUID();
        send(order(doctor, "1", 10));
        awaitOrdersTotal(doctor, 1);

        pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO doctor_order (order_id, doctor_id, placed_at, amount, conditions, condition_flags, event_id)
                        VALUES ($1, $2, $3, 5, '{}', 0, $4)""")
                .execute(Tuple.of(doctor + "-elsewhere", doctor, now.minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC),
                        UUID.randomUUID()))
                .flatMap(x -> conn.preparedQuery("UPDATE doctor_features SET facts_version = nextval('facts_version') "
                        + "WHERE doctor_id = $1").execute(Tuple.of(doctor))))
                .await().atMost(Duration.ofSeconds(10));

        send(order(doctor, "2", 20));
        awaitOrdersTotal(doctor, 3);
        assertThat(features(doctor).getDouble("features.amountTotal")).isEqualTo(35.0);
    }

    private OrderPlaced order(String doctor, String number, int amount) {
        return new OrderPlaced(doctor, doctor + "-" + number, null, now.minus(Duration.ofDays(1)), BigDecimal.valueOf(amount),
                Map.of());
    }

    private static void send(Object event) {
        try (EventSender sender = new EventSender()) {
            sender.send(event);
        }
    }

    private static void awaitOrdersTotal(String doctor, double orders) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(features(doctor).getDouble("features.ordersTotal")).isEqualTo(orders));
    }

    private static JsonPath features(String doctor) {
        return given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static Map<String, Double> cacheCounts() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> counts = new HashMap<>(Map.of("hit", 0.0, "miss", 0.0));
        Matcher line = CACHE.matcher(metrics);
        while (line.find()) {
            counts.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return counts;
    }
}
