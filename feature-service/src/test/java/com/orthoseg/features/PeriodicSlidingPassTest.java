package com.orthoseg.features;

import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.FeatureConfig.ClockMode;
import com.orthoseg.features.HistoryTest.MovableClock;
import com.orthoseg.features.compute.FeatureClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sliding pass as it runs in production: on its own, every {@code orthoseg.features.sliding-interval}.
 * Other tests run the pass themselves (the test profile sets the interval to a day); here nobody calls it.
 */
@QuarkusTest
@TestProfile(PeriodicSlidingPassTest.EverySecond.class)
class PeriodicSlidingPassTest {

    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orthoseg.features.sliding-interval", "1s");
        }
    }

    @Test
    void theScheduledPassSlidesADoctorsWindowsWithNoNewEvent() {
        MovableClock clock = new MovableClock(Instant.parse("2026-05-01T12:00:00Z"));
        QuarkusMock.installMockForType(new FeatureClock(ClockMode.WALL, clock), FeatureClock.class);
        String doctor = "PERIODIC-" + UUID.randomUUID();
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-1", null, clock.instant().minus(Duration.ofDays(10)), BigDecimal.TEN, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).getDouble("features.orders30d")).isEqualTo(1.0));

        clock.advance(Duration.ofDays(25));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath after = features(doctor);
            assertThat(after.getDouble("features.orders30d")).isZero();
            assertThat(after.getDouble("features.orders90d")).isEqualTo(1.0);
            assertThat(Instant.parse(after.getString("asOf"))).isEqualTo(clock.instant());
        });
    }

    private static JsonPath features(String doctor) {
        return given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
