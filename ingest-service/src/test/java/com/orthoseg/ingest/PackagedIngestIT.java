package com.orthoseg.ingest;

import com.orthoseg.localstack.EndpointAccess;
import com.orthoseg.localstack.LocalStackResource;
import com.orthoseg.localstack.TopicReader;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged application (the native executable with -Pnative): a record and a CSV import reach Kafka; roles hold. */
@QuarkusIntegrationTest
class PackagedIngestIT {

    @Test
    void anOrderAndACsvImportArePublished() {
        String order = "IT-" + UUID.randomUUID();
        String ingest = LocalStackResource.stack().tokens().bearer("ingest");
        given().header("Authorization", ingest).contentType("application/x-ndjson")
                .body(("{\"doctorId\":\"ITDOC\",\"orderId\":\"" + order + "\",\"amount\":12.5,\"conditions\":{\"A\":true,\"J\":\"After\"}}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/orders").then().statusCode(202);
        given().header("Authorization", ingest).contentType("text/csv").body("DoctorID,Instructions\nITDOC,Yes\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/instructions").then().statusCode(202);
        assertThat(TopicReader.readAll("orders", r -> r.value().contains(order))).hasSize(1);
        assertThat(TopicReader.readAll("instructions", r -> r.key().equals("ITDOC"))).isNotEmpty();
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void everyEndpointAdmitsOnlyItsRoles() {
        URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/");
        assertThat(new EndpointAccess(base, LocalStackResource.stack().tokens()).violations()).isEmpty();
    }
}
