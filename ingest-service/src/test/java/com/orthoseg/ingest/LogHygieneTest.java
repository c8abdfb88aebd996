package com.orthoseg.ingest;

import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a request carries, the log keeps neither its token nor the record's content. */
@QuarkusTest
class LogHygieneTest {

    private static final Path LOG = Path.of("target", "ingest-service-test.log");

    @Test
    void theLogHoldsNoTokenAndNoRecordContent() throws Exception {
        String token = LocalStackResource.stack().tokens().token("ingest");
        String region = "REGION-" + UUID.randomUUID();
        String badValue = "BAD-" + UUID.randomUUID();

        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"doctorId\": \"LOG-1\", \"region\": \"" + region + "\"}")
                .post("/api/v1/doctors").then().statusCode(202);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"doctorId\": \"LOG-2\", \"purchases\": \"" + badValue + "\"}")
                .post("/api/v1/doctors").then().statusCode(400);
        given().header("Authorization", "Bearer " + token).contentType("text/csv")
                .body("DoctorID,Region\nLOG-3," + region + "\n\"LOG-4," + badValue)
                .post("/api/v1/imports/doctors").then().statusCode(400);
        given().header("Authorization", "Bearer " + token + "x").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/doctors").then().statusCode(401);

        String log = Files.readString(LOG);
        assertThat(log).isNotEmpty().doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(region).doesNotContain(badValue);
    }
}
