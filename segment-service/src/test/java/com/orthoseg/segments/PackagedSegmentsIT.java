package com.orthoseg.segments;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged application (the native executable with -Pnative): doctors are segmented, and the
 * reports, the dashboard and its Chart.js asset are served (resources a native image must include).
 */
@QuarkusIntegrationTest
class PackagedSegmentsIT {

    @Test
    void doctorsAreSegmentedAndTheDashboardAndReportsAreServed() {
        Random random = new Random(3);
        Instant asOf = Instant.parse("2026-02-01T00:00:00Z");
        try (FeaturesSender sender = new FeaturesSender()) {
            for (int g = 0; g < GeneratedDoctors.GROUPS; g++) {
                for (int i = 0; i < 15; i++) {
                    sender.send(GeneratedDoctors.record("IT-" + g + "-" + i, 1, asOf, GeneratedDoctors.around(g, random)));
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/doctors/IT-3-14/segments").then().statusCode(200));
        given().post("/api/v1/models/clusters/retrain").then().statusCode(201);
        given().get("/api/v1/doctors/IT-0-0/segments").then().statusCode(200)
                .body("schemes.find { it.scheme == 'clusters' }.segmented", equalTo(true));
        given().queryParam("format", "html").get("/api/v1/reports/segmentation").then().statusCode(200)
                .body(containsString("<svg"));
        given().get("/api/v1/reports/segments/clusters").then().statusCode(200).body("doctors", equalTo(60));
        given().get("/").then().statusCode(200).body(containsString("/webjars/chart.js/"));
        given().get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200);
        given().get("/dashboard.js").then().statusCode(200);
    }
}
