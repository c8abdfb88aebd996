package com.orthoseg.segments;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retrain schedule on its own: a scheme's first version is trained and activated once enough
 * doctors are profiled, and later versions arrive as previews, never activated without an operator.
 */
@QuarkusTest
@TestProfile(ScheduledRetrainTest.FastSchedule.class)
class ScheduledRetrainTest {

    public static class FastSchedule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("orthoseg.segments.check-interval", "1s",
                    "orthoseg.segments.retrain-interval", "5s",
                    "orthoseg.segments.min-doctors", "30");
        }
    }

    @Test
    void firstVersionsAreActivatedAndLaterOnesWaitAsPreviews() {
        SegmentsDatabase.reset();
        try (FeaturesSender sender = new FeaturesSender()) {
            sender.sendAroundGroups("T-", 40, Instant.parse("2026-04-01T00:00:00Z"), 9);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath models = given().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
            assertThat(models.getString("find { it.scheme == 'clusters' && it.status == 'ACTIVE' }.id")).isNotNull();
            assertThat(models.getString("find { it.scheme == 'rfm' && it.status == 'ACTIVE' }.id")).isNotNull();
        });
        assertThat(SegmentsApi.scheme("T-1", "clusters").getBoolean("segmented")).isTrue();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().get("/api/v1/models").then()
                .extract().jsonPath().getList("findAll { it.scheme == 'clusters' && it.status == 'PREVIEW' }")).isNotEmpty());
        assertThat(given().get("/api/v1/models").then().extract().jsonPath()
                .getList("findAll { it.scheme == 'clusters' && it.status == 'ACTIVE' }")).hasSize(1);
    }
}
