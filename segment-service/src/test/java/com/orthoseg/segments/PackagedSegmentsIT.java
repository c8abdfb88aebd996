package com.orthoseg.segments;

import com.orthoseg.localstack.EndpointAccess;
import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged application (the native executable with -Pnative): doctors are segmented, and the
 * reports, the dashboard and its Chart.js asset are served (resources a native image must include);
 * roles hold.
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
        String support = LocalStackResource.stack().tokens().bearer("support");
        String analyst = LocalStackResource.stack().tokens().bearer("analyst");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header("Authorization", support).get("/api/v1/doctors/IT-3-14/segments").then().statusCode(200));
        given().header("Authorization", LocalStackResource.stack().tokens().bearer("admin")).post("/api/v1/models/clusters/retrain").then().statusCode(201);
        given().header("Authorization", support).get("/api/v1/doctors/IT-0-0/segments").then().statusCode(200)
                .body("schemes.find { it.scheme == 'clusters' }.segmented", equalTo(true));
        given().header("Authorization", analyst).queryParam("format", "html").get("/api/v1/reports/segmentation").then().statusCode(200)
                .body(containsString("<svg"));
        given().header("Authorization", analyst).get("/api/v1/reports/segments/clusters").then().statusCode(200).body("doctors", equalTo(60));
        given().get("/").then().statusCode(200).body(containsString("/webjars/chart.js/"));
        given().get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200);
        given().get("/dashboard.js").then().statusCode(200);
    }


    @Test
    void everyEndpointAdmitsOnlyItsRoles() {
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/");
        assertThat(new EndpointAccess(base, LocalStackResource.stack().tokens()).violations()).isEmpty();
    }
}
