package com.orthoseg.segments;

import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.features.DatacampData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The Datacamp doctors as segment-service receives them: their features (computed from the CSV rows by
 * feature-service's test fixture, which DatacampFeaturesTest proves equal to feature-service's own) on
 * doctor-features, and their profiles on doctors. Starts from an empty database.
 */
final class DatacampDoctors {

    private DatacampDoctors() {
    }

    static Map<String, DoctorFeatures> publish() {
        try {
            SegmentsDatabase.reset();
            Map<String, DoctorFeatures> published = new HashMap<>();
            DatacampData.expectedFeatures().forEach((id, features) -> published.put(id, new DoctorFeatures(id, DatacampData.NOW, 1,
                    features, new DoctorFeatures.Coverage(features.get("isSpecialist") != null,
                    features.get("ordersTotal") > 0, features.get("complaintsTotal") > 0,
                    features.get("includesSpecialInstructions") != null))));
            List<List<String>> profiles = DatacampData.rows("doctors");
            try (FeaturesSender sender = new FeaturesSender()) {
                published.values().forEach(sender::send);
                profiles.forEach(row -> sender.sendProfile(DatacampData.profile(row)));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> published.keySet().forEach(id ->
                    given().get("/api/v1/doctors/{id}/segments", id).then().statusCode(200)));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    SegmentsDatabase.number("SELECT count(*) FROM doctor_region") == profiles.size());
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
