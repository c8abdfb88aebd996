package com.orthoseg.segments;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 400 doctors around four prototypes: segment ids survive retrains, only doctors that must move do,
 * versions go through preview, activation, re-activation and discard, operator names survive retrains.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StabilityTest {

    private static final int PER_GROUP = 100;
    private static final Instant FIRST = Instant.parse("2026-03-01T00:00:00Z");
    private static Map<String, Integer> groupOf;
    private static String firstVersion;

    @BeforeEach
    void publishOnce() {
        if (groupOf != null) {
            return;
        }
        SegmentsDatabase.reset();
        Map<String, Integer> groups = new HashMap<>();
        Random random = new Random(7);
        try (FeaturesSender sender = new FeaturesSender()) {
            for (int g = 0; g < GeneratedDoctors.GROUPS; g++) {
                for (int i = 0; i < PER_GROUP; i++) {
                    String id = String.format("S-%d-%03d", g, i);
                    groups.put(id, g);
                    sender.send(GeneratedDoctors.record(id, 1, FIRST, GeneratedDoctors.around(g, random)));
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> SegmentsDatabase.number("SELECT count(*) FROM doctor_features") == 400);
        groupOf = groups;
        firstVersion = SegmentsApi.trainAndActivate("clusters");
    }

    @Test
    @Order(1)
    void theFirstVersionFindsTheFourGroups() {
        JsonPath model = given().get("/api/v1/models/{v}", firstVersion).then().statusCode(200).extract().jsonPath();
        assertThat(model.getInt("quality.chosenK")).isEqualTo(4);
        assertThat(model.getBoolean("quality.passed")).isTrue();
        assertThat(model.getList("quality.candidates.k")).containsExactly(3, 4, 5, 6, 7, 8);
        Map<String, String> segmentOf = SegmentsApi.segments("clusters");
        assertThat(segmentOf).hasSize(400);
        for (int g = 0; g < GeneratedDoctors.GROUPS; g++) {
            int group = g;
            assertThat(groupOf.keySet().stream().filter(d -> groupOf.get(d) == group).map(segmentOf::get).distinct())
                    .as("group %d is one segment", g).hasSize(1);
        }
    }

    @Test
    @Order(2)
    void retrainingOnTheSameDataKeepsEveryIdAndMovesNobody() {
        Map<String, String> before = SegmentsApi.segments("clusters");
        JsonPath retrained = given().post("/api/v1/models/clusters/retrain").then().statusCode(201).extract().jsonPath();
        String version = retrained.getString("id");
        assertThat(retrained.getString("status")).isEqualTo("PREVIEW");
        assertThat(segmentIds(version)).isEqualTo(segmentIds(firstVersion));
        JsonPath preview = given().get("/api/v1/models/{v}/preview", version).then().statusCode(200).extract().jsonPath();
        assertThat(preview.getInt("placed")).isEqualTo(400);
        assertThat(preview.getInt("moving")).isZero();

        given().post("/api/v1/models/{v}/activate", version).then().statusCode(200);
        assertThat(SegmentsDatabase.number("SELECT count(*) FROM assignment_history WHERE model_version = ?", version)).isZero();
        assertThat(SegmentsApi.segments("clusters")).isEqualTo(before);
    }

    @Test
    @Order(3)
    void afterFivePercentOfDoctorsChangeOnlyTheyMove() {
        Map<String, String> before = SegmentsApi.segments("clusters");
        String targetOfGroup0 = before.get("S-1-000");
        List<String> changed = new ArrayList<>();
        Random random = new Random(8);
        Instant now = Instant.now();
        try (FeaturesSender sender = new FeaturesSender()) {
            for (int g = 0; g < GeneratedDoctors.GROUPS; g++) {
                for (int i = 0; i < 5; i++) {
                    String id = String.format("S-%d-%03d", g, i);
                    int target = (g + 1) % GeneratedDoctors.GROUPS;
                    changed.add(id);
                    sender.send(GeneratedDoctors.record(id, 2, now, GeneratedDoctors.around(target, random)));
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> SegmentsDatabase.number(
                "SELECT count(*) FROM assignment_history WHERE reason = 'FEATURES_CHANGED'") == changed.size());
        Map<String, String> after = SegmentsApi.segments("clusters");
        for (String doctor : before.keySet()) {
            if (changed.contains(doctor)) {
                int target = (groupOf.get(doctor) + 1) % GeneratedDoctors.GROUPS;
                assertThat(after.get(doctor)).isEqualTo(before.get(String.format("S-%d-%03d", target, 50)));
            } else {
                assertThat(after.get(doctor)).as(doctor).isEqualTo(before.get(doctor));
            }
        }
        assertThat(after.get("S-0-000")).isEqualTo(targetOfGroup0);

        String active = activeVersion();
        String version = given().post("/api/v1/models/clusters/retrain").then().statusCode(201).extract().jsonPath().getString("id");
        assertThat(segmentIds(version)).isEqualTo(segmentIds(active));
        assertThat(given().get("/api/v1/models/{v}/preview", version).then().extract().jsonPath().getInt("moving")).isZero();
    }

    @Test
    @Order(4)
    void aDoctorsSegmentAtAPastInstantComesFromTheHistory() {
        JsonPath history = given().get("/api/v1/doctors/{id}/segment-history", "S-0-001").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("reason")).containsExactly("FIRST_ASSIGNMENT", "FEATURES_CHANGED");
        Instant assigned = Instant.parse(history.getString("[0].changedAt"));
        Instant moved = Instant.parse(history.getString("[1].changedAt"));
        JsonPath then = SegmentsApi.schemeAt("S-0-001", "clusters", assigned.plusMillis(1));
        assertThat(then.getString("segment.segmentId")).isEqualTo(history.getString("[0].segmentId"));
        assertThat(SegmentsApi.schemeAt("S-0-001", "clusters", moved).getString("segment.segmentId"))
                .isEqualTo(history.getString("[1].segmentId"));
        assertThat(SegmentsApi.schemeAt("S-0-001", "clusters", assigned.minusSeconds(1)).getBoolean("segmented")).isFalse();
    }

    @Test
    @Order(5)
    void versionsArePreviewedActivatedReactivatedAndDiscarded() {
        String active = activeVersion();
        given().post("/api/v1/models/{v}/discard", active).then().statusCode(409).contentType("application/problem+json");

        given().post("/api/v1/models/{v}/activate", firstVersion).then().statusCode(200);
        assertThat(activeVersion()).isEqualTo(firstVersion);
        assertThat(status(active)).isEqualTo("RETIRED");

        String preview = given().post("/api/v1/models/clusters/retrain").then().statusCode(201).extract().jsonPath().getString("id");
        given().post("/api/v1/models/{v}/discard", preview).then().statusCode(200);
        assertThat(status(preview)).isEqualTo("DISCARDED");
        given().post("/api/v1/models/{v}/activate", preview).then().statusCode(409);
        given().post("/api/v1/models/{v}/activate", "clusters-v999").then().statusCode(404);
    }

    @Test
    @Order(6)
    void operatorNamesAndPlaybooksSurviveRetrains() {
        String segment = SegmentsApi.segments("clusters").get("S-0-050");
        given().contentType("application/json").body("{\"name\": \"Key accounts\", \"playbook\": \"Monthly visit\"}")
                .patch("/api/v1/segments/clusters/{id}", segment).then().statusCode(200);
        String version = given().post("/api/v1/models/clusters/retrain").then().statusCode(201).extract().jsonPath().getString("id");
        given().post("/api/v1/models/{v}/activate", version).then().statusCode(200);

        JsonPath listed = given().get("/api/v1/segments").then().statusCode(200).extract().jsonPath()
                .setRootPath("find { it.scheme == 'clusters' }.segments.find { it.id == '" + segment + "' }");
        assertThat(listed.getString("name")).isEqualTo("Key accounts");
        assertThat(listed.getString("playbook")).isEqualTo("Monthly visit");
        assertThat(listed.getString("generatedName")).isNotEqualTo("Key accounts");
        assertThat(SegmentsApi.scheme("S-0-050", "clusters").getString("segment.name")).isEqualTo("Key accounts");

        given().contentType("application/json").body("{\"name\": \"\"}")
                .patch("/api/v1/segments/clusters/{id}", segment).then().statusCode(200);
        assertThat(SegmentsApi.scheme("S-0-050", "clusters").getString("segment.name")).isEqualTo(listed.getString("generatedName"));
    }

    @Test
    @Order(7)
    void aDoctorOnABorderDoesNotFlapButStillMovesWhenItReallyChanges() {
        String version = activeVersion();
        Border border = Border.between(0, 2, given().get("/api/v1/models/{v}", version).then().extract().jsonPath());
        // precondition: around t* the nearest segment alternates, yet each side is within the hysteresis
        assertThat(border.nearest(border.t() - border.delta())).isNotEqualTo(border.nearest(border.t() + border.delta()));

        Instant now = Instant.now();
        try (FeaturesSender sender = new FeaturesSender()) {
            for (int update = 1; update <= 11; update++) {
                double t = update == 11 ? 1.0 : border.t() + (update % 2 == 0 ? border.delta() : -border.delta());
                sender.send(GeneratedDoctors.record("F-1", update, now.plusSeconds(update), GeneratedDoctors.between(0, 2, t, null, 0)));
                sender.flush();
                long sequence = update;
                // one update at a time, so no poll folds two of them into one
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        SegmentsDatabase.number("SELECT coalesce(max(sequence), 0) FROM doctor_features WHERE doctor_id = 'F-1'") == sequence);
            }
        }
        JsonPath history = given().get("/api/v1/doctors/F-1/segment-history").then().extract().jsonPath();
        // ten updates alternating across the border: one assignment; the move deep into the other segment: one change
        assertThat(history.getList("reason")).containsExactly("FIRST_ASSIGNMENT", "FEATURES_CHANGED");
        assertThat(history.getString("[1].segmentId")).isEqualTo(SegmentsApi.segments("clusters").get("S-2-050"));
        assertThat(history.getDouble("[0].margin")).isBetween(-0.1, 0.1);
    }

    private static String activeVersion() {
        return given().get("/api/v1/models").then().extract().jsonPath()
                .getString("find { it.scheme == 'clusters' && it.status == 'ACTIVE' }.id");
    }

    private static String status(String version) {
        return given().get("/api/v1/models/{v}", version).then().extract().jsonPath().getString("status");
    }

    private static Set<String> segmentIds(String version) {
        return new HashSet<>(given().get("/api/v1/models/{v}", version).then().statusCode(200).extract().jsonPath()
                .getList("params.segments.id"));
    }
}
