package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.TextLimits;
import com.orthoseg.localstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A doctor whose DoctorFeatures record outgrows what Kafka accepts (each complaint type is a feature, and
 * the contract allows types of 1,000 characters) keeps its features in PostgreSQL, and does not stop the
 * records of other doctors from being published.
 */
@QuarkusTest
class OversizedFeaturesTest {

    @Test
    void aRecordTooLargeForKafkaIsDroppedCountedAndTheOthersArePublished() {
        String crowded = "CROWDED-" + UUID.randomUUID();
        String next = "NEXT-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        double droppedBefore = dropped();
        try (EventSender sender = new EventSender()) {
            for (int i = 0; i < 1_100; i++) {
                String type = String.format("%04d", i) + "x".repeat(TextLimits.MAX_TEXT_LENGTH - 4);
                sender.send(new ComplaintFiled(crowded, crowded + ":" + i, type, 1, at));
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/api/v1/doctors/{id}/features", crowded)
                .then().statusCode(200).body("features.complaintsTotal", org.hamcrest.Matchers.equalTo(1100.0f)));
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(next, next + "-1", null, at, BigDecimal.TEN, Map.of()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !TopicReader.readAll("doctor-features", r -> next.equals(r.key())).isEmpty());
        assertThat(dropped()).isGreaterThan(droppedBefore);
    }

    private static double dropped() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^orthoseg_outbox_unpublishable_total\\{[^}]*table=\"features_outbox\"[^}]*} (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
