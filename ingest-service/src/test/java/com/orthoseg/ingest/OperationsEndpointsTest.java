package com.orthoseg.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What operators and API users rely on: health, metrics, OpenAPI. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readyWhileKafkaIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka' }.status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountAcceptedAndRejectedRecordsPerType() {
        given().contentType(ContentType.JSON)
                .body("{\"doctorId\": \"M-" + UUID.randomUUID() + "\", \"includesSpecialInstructions\": true}")
                .when().post("/api/v1/instructions").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"doctorId\": \"M\"}")
                .when().post("/api/v1/instructions").then().statusCode(400);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("orthoseg_ingest_records_total{outcome=\"accepted\",type=\"orthoseg.doctor.instructions.v1\"}"))
                .body(containsString("orthoseg_ingest_records_total{outcome=\"rejected\",type=\"orthoseg.doctor.instructions.v1\"}"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheEndpointsWithExamples() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/{kind}'.post.requestBody.content.'application/json'.examples.order.value.orderId",
                        equalTo("DGEJFDC"))
                .body("paths.'/api/v1/imports/{kind}'.post.responses.'202'.description", containsString("import summary"));
    }
}
