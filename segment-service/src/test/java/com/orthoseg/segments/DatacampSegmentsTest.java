package com.orthoseg.segments;

import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.SegmentChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Datacamp doctors ({@link DatacampDoctors}), then both schemes trained, activated and checked through the API and the segment-changes topic. */
@QuarkusTest
class DatacampSegmentsTest {

    private static Map<String, DoctorFeatures> doctors;

    @BeforeEach
    void publishTheDatacampDoctorsOnce() {
        if (doctors != null) {
            return;
        }
        doctors = DatacampDoctors.publish();
    }

    @Test
    void everyProfiledDoctorGetsAClusterSegmentAndTheSegmentsAreNotCoverageArtefacts() {
        String version = SegmentsApi.trainAndActivate("clusters");
        JsonPath model = given().get("/api/v1/models/{v}", version).then().statusCode(200).extract().jsonPath();
        assertThat(model.getList("quality.candidates")).isNotEmpty();
        assertThat(model.getInt("quality.chosenK")).isBetween(3, 8);
        assertThat(model.getInt("doctors")).isEqualTo(437);

        Map<String, String> segmentOf = new HashMap<>();
        for (DoctorFeatures doctor : doctors.values()) {
            JsonPath clusters = SegmentsApi.scheme(doctor.doctorId(), "clusters");
            if (doctor.coverage().hasProfile()) {
                assertThat(clusters.getBoolean("segmented")).as(doctor.doctorId()).isTrue();
                assertThat(clusters.getString("modelVersion")).isEqualTo(version);
                assertThat(clusters.getList("drivers")).isNotEmpty();
                segmentOf.put(doctor.doctorId(), clusters.getString("segment.segmentId"));
            } else {
                assertThat(clusters.getBoolean("segmented")).isFalse();
                assertThat(clusters.getString("notSegmentedBecause")).startsWith("no profile");
            }
        }
        assertThat(segmentOf).hasSize(437);

        Map<String, Predicate<DoctorFeatures>> flags = Map.of(
                "hasOrders", d -> d.coverage().hasOrders(),
                "hasComplaints", d -> d.coverage().hasComplaints(),
                "hasInstructions", d -> d.coverage().hasInstructions());
        for (String segment : new HashSet<>(segmentOf.values())) {
            flags.forEach((flag, test) -> assertThat(explainedShare(segmentOf, segment, test))
                    .as("share of membership in %s explained by %s", segment, flag).isLessThanOrEqualTo(0.9));
        }
    }

    @Test
    void descriptionsAgreeWithTheCentroids() {
        String version = SegmentsApi.trainAndActivate("clusters");
        JsonPath model = given().get("/api/v1/models/{v}", version).then().extract().jsonPath();
        List<String> inputs = model.getList("params.inputs.name");
        List<Map<String, Object>> segments = model.getList("params.segments");
        Set<String> names = new HashSet<>();
        for (int s = 0; s < segments.size(); s++) {
            List<Float> centroid = model.getList("params.centroids[" + s + "]");
            List<Map<String, Object>> distinctions = model.getList("params.segments[" + s + "].distinctions");
            assertThat(distinctions).hasSize(inputs.size());
            for (Map<String, Object> d : distinctions) {
                double z = centroid.get(inputs.indexOf((String) d.get("feature"))).doubleValue();
                assertThat(((Number) d.get("zScore")).doubleValue()).isCloseTo(z, org.assertj.core.api.Assertions.within(1e-4));
                assertThat((Boolean) d.get("higher")).isEqualTo(z > 0);
                String description = (String) segments.get(s).get("description");
                if (distinctions.indexOf(d) < 3 && Math.abs(z) >= 0.25) {
                    assertThat(description.toLowerCase()).contains(d.get("feature").toString().toLowerCase()
                            + (z > 0 ? " higher" : " lower"));
                }
            }
            assertThat(names.add((String) segments.get(s).get("generatedName"))).as("names are unique").isTrue();
        }
        JsonPath listed = given().get("/api/v1/segments").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("find { it.scheme == 'clusters' }.segments.id")).hasSize(segments.size());
        assertThat(listed.getMap("find { it.scheme == 'clusters' }.overallProfile")).containsKey("purchases");
    }

    @Test
    void rfmScoresTheProfiledDoctorsWithOrders() {
        String version = SegmentsApi.trainAndActivate("rfm");
        int scored = 0;
        for (DoctorFeatures doctor : doctors.values()) {
            JsonPath rfm = SegmentsApi.scheme(doctor.doctorId(), "rfm");
            boolean expected = doctor.coverage().hasProfile() && doctor.coverage().hasOrders();
            assertThat(rfm.getBoolean("segmented")).as(doctor.doctorId()).isEqualTo(expected);
            if (expected) {
                scored++;
                assertThat(rfm.getString("modelVersion")).isEqualTo(version);
                assertThat(rfm.getList("drivers.feature")).containsExactly("daysSinceLastOrder", "ordersTotal", "amountTotal");
            } else if (doctor.coverage().hasProfile()) {
                assertThat(rfm.getString("notSegmentedBecause")).startsWith("no orders");
            }
        }
        assertThat(scored).isEqualTo(74);
    }

    @Test
    void aCrmSubscriberGetsOneFirstAssignmentPerSegmentedDoctorWithEveryField() {
        SegmentsApi.trainAndActivate("clusters");
        SegmentsApi.trainAndActivate("rfm");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SegmentChanged> changes = SegmentChanges.of(doctors::containsKey);
            assertThat(changes.stream().filter(c -> c.scheme() == SegmentChanged.Scheme.clusters)
                    .map(SegmentChanged::doctorId).distinct()).hasSize(437);
            assertThat(changes.stream().filter(c -> c.scheme() == SegmentChanged.Scheme.rfm)
                    .map(SegmentChanged::doctorId).distinct()).hasSize(74);
            assertThat(changes.stream().map(SegmentChanged::eventId).distinct()).hasSize(changes.size());
            for (SegmentChanged change : changes) {
                assertThat(change.reason()).isEqualTo(SegmentChanged.Reason.FIRST_ASSIGNMENT);
                assertThat(change.previous()).isNull();
                assertThat(change.current().segmentId()).isNotBlank();
                assertThat(change.current().name()).isNotBlank();
                assertThat(change.modelVersion()).startsWith(change.scheme().name() + "-v");
                assertThat(change.drivers()).isNotEmpty();
                // the doctors were placed when the first version was activated: that activation is the cause
                assertThat(change.causationId()).isNotNull();
                assertThat(change.changedAt()).isNotNull();
            }
        });
    }

    /**
     * How much of "is in the segment" a coverage flag explains over the profiled doctors: the squared phi
     * coefficient of the two indicators (the R² of one on the other); 1 = the segment is exactly the
     * doctors with (or without) the flag.
     */
    private double explainedShare(Map<String, String> segmentOf, String segment, Predicate<DoctorFeatures> flag) {
        double n11 = 0, n10 = 0, n01 = 0, n00 = 0;
        for (Map.Entry<String, String> entry : segmentOf.entrySet()) {
            boolean in = entry.getValue().equals(segment);
            boolean flagged = flag.test(doctors.get(entry.getKey()));
            if (in && flagged) n11++;
            else if (in) n10++;
            else if (flagged) n01++;
            else n00++;
        }
        double denominator = (n11 + n10) * (n01 + n00) * (n11 + n01) * (n10 + n00);
        return denominator == 0 ? 0 : Math.pow(n11 * n00 - n10 * n01, 2) / denominator;
    }
}
