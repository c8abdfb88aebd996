package com.orthoseg.features;

import com.orthoseg.events.OrderPlaced;
import com.orthoseg.localstack.EndpointAccess;
import com.orthoseg.localstack.LocalStackResource;
import com.orthoseg.localstack.TopicReader;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged application (the native executable with -Pnative): orders become features, in PostgreSQL and on doctor-features; roles hold. */
@QuarkusIntegrationTest
class PackagedFeaturesIT {

    @Test
    void ordersBecomeFeatures() {
        Instant placed = Instant.now().minus(Duration.ofDays(3));
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced("ITFEAT", "IT-1", "1", placed, null, Map.of("A", true)));
            sender.send(new OrderPlaced("ITFEAT", "IT-2", "2", placed, null, Map.of("A", false)));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", LocalStackResource.stack().tokens().bearer("support")).get("/api/v1/doctors/ITFEAT/features")
                .then().statusCode(200).body("features.ordersTotal", equalTo(2.0f)).body("features.'conditionShare.A'", equalTo(0.5f)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TopicReader.readAll("doctor-features", r -> r.key().equals("ITFEAT"))).isNotEmpty());
        given().header("Authorization", LocalStackResource.stack().tokens().bearer("analyst")).get("/api/v1/data-quality").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }


    @Test
    void everyEndpointAdmitsOnlyItsRoles() {
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/");
        assertThat(new EndpointAccess(base, LocalStackResource.stack().tokens()).violations()).isEmpty();
    }
}
