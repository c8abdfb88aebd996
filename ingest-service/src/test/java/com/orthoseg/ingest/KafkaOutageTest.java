package com.orthoseg.ingest;

import com.orthoseg.localstack.TopicReader;

import com.orthoseg.localstack.LocalKafka;
import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With the broker stopped, nothing is reported accepted; once it is back, ingestion recovers by itself. */
@QuarkusTest
class KafkaOutageTest {

    @Test
    void kafkaDownGives503AndRecoveryFollows() {
        LocalKafka kafka = LocalStackResource.stack().kafka().orElseThrow();
        String doctor = "K-" + UUID.randomUUID();
        String body = "{\"doctorId\": \"" + doctor + "\", \"includesSpecialInstructions\": true}";
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/instructions").then().statusCode(202);

        kafka.stop();
        try {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/instructions")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("10"))
                    .body("detail", containsString("none of this request is reported accepted"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(503));
        } finally {
            kafka.start();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
        String recovered = "{\"doctorId\": \"" + doctor + "\", \"includesSpecialInstructions\": false}";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(recovered)
                        .when().post("/api/v1/instructions").then().statusCode(202));

        assertThat(TopicReader.readAll("instructions", r -> doctor.equals(r.key())))
                .extracting(r -> r.value().contains("\"includesSpecialInstructions\":false"))
                .contains(true);
    }
}
