package com.orthoseg.features;

import com.orthoseg.features.FeatureConfig.ClockMode;
import com.orthoseg.features.compute.FeatureClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.orthoseg.features.DatacampData.NOW;
import static com.orthoseg.features.DatacampData.complaint;
import static com.orthoseg.features.DatacampData.instructions;
import static com.orthoseg.features.DatacampData.order;
import static com.orthoseg.features.DatacampData.profile;
import static com.orthoseg.features.DatacampData.rows;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four Datacamp files as events (the way ingest-service publishes them), consumed from a real
 * broker into a real PostgreSQL; every doctor's features are compared with values computed here,
 * independently, from the CSV rows.
 */
@QuarkusTest
class DatacampFeaturesTest {


    @Test
    void everyDoctorsFeaturesMatchAnIndependentComputation() throws IOException {
        QuarkusMock.installMockForType(new FeatureClock(ClockMode.WALL, Clock.fixed(NOW, ZoneOffset.UTC)), FeatureClock.class);
        // Other test classes share the database, so the summary's counts are compared as growth.
        JsonPath before = dataQuality();
        try (EventSender sender = new EventSender()) {
            rows("doctors").forEach(r -> sender.send(profile(r)));
            rows("orders").forEach(r -> sender.send(order(r)));
            rows("complaints").stream().filter(r -> r.get(1) != null).forEach(r -> sender.send(complaint(r)));
            rows("instructions").forEach(r -> sender.send(instructions(r)));
        }

        Map<String, Map<String, Double>> expected = DatacampData.expectedFeatures();
        Map<String, Map<String, Boolean>> coverage = DatacampData.expectedCoverage();
        assertThat(expected).hasSize(647);
        assertThat(coverage.keySet()).isEqualTo(expected.keySet());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Map.Entry<String, Map<String, Double>> doctor : expected.entrySet()) {
                JsonPath actual = given().when().get("/api/v1/doctors/{id}/features", doctor.getKey())
                        .then().statusCode(200).extract().jsonPath()
                        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
                assertThat(features(actual)).as(doctor.getKey()).isEqualTo(doctor.getValue());
                assertThat(actual.<String, Boolean>getMap("coverage")).as(doctor.getKey()).isEqualTo(coverage.get(doctor.getKey()));
                assertThat(Instant.parse(actual.getString("asOf"))).isEqualTo(NOW);
            }
        });

        JsonPath after = dataQuality();
        Map<String, Long> growth = new HashMap<>();
        for (String count : List.of("ordersWithoutProfile.doctors", "ordersWithoutProfile.rows", "complaintsWithoutProfile.doctors",
                "instructionsWithoutProfile.doctors", "profiledWithoutOtherData.count", "missingProfileValues.satisfaction",
                "missingProfileValues.rank", "correctedOrders.count", "missingOrderValues.amount",
                "missingOrderValues.'conditions.E'", "missingOrderValues.'conditions.A'", "missingOrderValues.'conditions.J'")) {
            growth.put(count, after.getLong(count) - before.getLong(count));
        }
        Map<String, List<String>> orders = new HashMap<>();
        rows("orders").forEach(r -> orders.put(r.get(1), r)); // a correction replaces the row of its order id
        assertThat(growth).isEqualTo(Map.ofEntries(
                Map.entry("ordersWithoutProfile.doctors", 2L),
                Map.entry("ordersWithoutProfile.rows", 11L),
                Map.entry("complaintsWithoutProfile.doctors", 210L),
                Map.entry("instructionsWithoutProfile.doctors", 1L),
                Map.entry("profiledWithoutOtherData.count", 304L),
                Map.entry("missingProfileValues.satisfaction", 187L),
                Map.entry("missingProfileValues.rank", 2L),
                Map.entry("correctedOrders.count", 8L),
                Map.entry("missingOrderValues.amount", (long) orders.size()),
                Map.entry("missingOrderValues.'conditions.E'", (long) orders.size()),
                Map.entry("missingOrderValues.'conditions.A'", orders.values().stream().filter(r -> r.get(3) == null).count()),
                Map.entry("missingOrderValues.'conditions.J'", orders.values().stream().filter(r -> r.get(11) == null).count())));

        Set<String> profiled = new HashSet<>();
        rows("doctors").forEach(r -> profiled.add(r.get(0)));
        assertThat(allDatacampDoctors("complaints-without-profile", 100, expected.keySet())).isEqualTo(rows("complaints").stream()
                .filter(r -> r.get(1) != null).map(r -> r.get(0)).filter(d -> !profiled.contains(d)).distinct().sorted().toList())
                .hasSize(210);
        assertThat(allDatacampDoctors("orders-without-profile", 1, expected.keySet())).isEqualTo(orders.values().stream()
                .map(r -> r.get(0)).filter(d -> !profiled.contains(d)).distinct().sorted().toList()).hasSize(2);
        assertThat(allDatacampDoctors("profiled-without-other-data", 1_000, expected.keySet())).isEqualTo(coverage.entrySet().stream()
                .filter(d -> d.getValue().equals(Map.of("hasProfile", true, "hasOrders", false, "hasComplaints", false,
                        "hasInstructions", false))).map(Map.Entry::getKey).toList()).hasSize(304);
    }

    private static JsonPath dataQuality() {
        return given().when().get("/api/v1/data-quality").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDataQualityListingNeedsAKnownKindAndAPageSizeFrom1To1000() {
        String kinds = "[orders-without-profile, complaints-without-profile, instructions-without-profile, "
                + "profiled-without-other-data]";
        Map<String, String> answers = Map.of(
                "", "kind is required, one of " + kinds,
                "?kind=orphans", "kind must be one of " + kinds + ", got orphans",
                "?kind=orders-without-profile&limit=0", "limit must be a whole number from 1 to 1000, got 0",
                "?kind=orders-without-profile&limit=1001", "limit must be a whole number from 1 to 1000, got 1001",
                "?kind=orders-without-profile&limit=ten", "limit must be a whole number from 1 to 1000, got ten");
        answers.forEach((query, detail) -> given().when().get("/api/v1/data-quality/doctors" + query)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo(detail)));
    }

    /** The Datacamp doctors of a data-quality listing (other test classes add their own), following its pages. */
    private static List<String> allDatacampDoctors(String kind, int pageSize, Set<String> datacamp) {
        List<String> doctors = new ArrayList<>();
        String after = "";
        do {
            JsonPath page = given().queryParam("kind", kind).queryParam("after", after).queryParam("limit", pageSize)
                    .when().get("/api/v1/data-quality/doctors").then().statusCode(200).extract().jsonPath();
            assertThat(page.getString("kind")).isEqualTo(kind);
            assertThat(page.getList("doctors", String.class)).hasSizeLessThanOrEqualTo(pageSize);
            doctors.addAll(page.getList("doctors", String.class));
            after = page.getString("next");
        } while (after != null);
        return doctors.stream().filter(datacamp::contains).toList();
    }

    @Test
    void anUnknownDoctorIsAProblem() {
        given().when().get("/api/v1/doctors/{id}/features", "NOBODY")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static Map<String, Double> features(JsonPath json) {
        Map<String, Object> raw = json.getMap("features");
        Map<String, Double> features = new HashMap<>();
        raw.forEach((k, v) -> features.put(k, v == null ? null : ((Number) v).doubleValue()));
        return features;
    }

}
