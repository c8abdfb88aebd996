package com.orthoseg.segments;

import com.orthoseg.segments.assign.ModelLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Model versions changed on two replicas at once, and a record in flight across an activation. Another replica's activation is a transaction on the
 * real PostgreSQL that takes the assignment lock exclusively and makes a version active, held open until
 * this replica's request waits on it; what the request does once it commits is what is checked.
 */
@QuarkusTest
class TwoReplicasTest {

    private static final String CLUSTERS = "clusters";

    @BeforeEach
    void doctors() {
        SegmentsDatabase.reset();
        try (FeaturesSender sender = new FeaturesSender()) {
            sender.sendAroundGroups("TWO-", 40, Instant.parse("2026-04-01T00:00:00Z"), 21);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SegmentsDatabase.number("SELECT count(*) FROM doctor_features WHERE doctor_id LIKE 'TWO-%'") == 40);
    }

    @Test
    void aFirstVersionTrainedWhileAnotherReplicaActivatesItsOwnStaysAPreview() throws SQLException {
        String othersFirst = retrain().getString("id");
        forgetActivations();

        try (Connection otherReplica = SegmentsDatabase.connect()) {
            activateUncommitted(otherReplica, othersFirst);
            CompletableFuture<JsonPath> trained = CompletableFuture.supplyAsync(this::retrain);
            awaitWaitingOnALock(trained);
            otherReplica.commit();

            JsonPath version = trained.orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(version.getString("status")).as("this replica's first version").isEqualTo("PREVIEW");
        }
        assertThat(status(othersFirst)).isEqualTo("ACTIVE");
    }

    @Test
    void aVersionDiscardedWhileAnotherReplicaActivatesItIsRefusedAndStaysActive() throws SQLException {
        SegmentsApi.trainAndActivate(CLUSTERS);
        String preview = retrain().getString("id");

        try (Connection otherReplica = SegmentsDatabase.connect()) {
            activateUncommitted(otherReplica, preview);
            CompletableFuture<Integer> discard = CompletableFuture.supplyAsync(() ->
                    given().post("/api/v1/models/{v}/discard", preview).then().extract().statusCode());
            awaitWaitingOnALock(discard);
            otherReplica.commit();

            assertThat(discard.orTimeout(60, TimeUnit.SECONDS).join()).isEqualTo(409);
        }
        assertThat(status(preview)).isEqualTo("ACTIVE");
    }

    /**
     * feature-service computed the record (its asOf) before the activation, which applied first: the
     * change it causes is dated at the activation, not before the change it follows.
     */
    @Test
    void aRecordComputedBeforeAnActivationAndAppliedAfterItIsDatedNoEarlier() {
        SegmentsApi.trainAndActivate(CLUSTERS);
        String doctor = "TWO-0";
        String before = SegmentsApi.scheme(doctor, CLUSTERS).getString("segment.segmentId");
        try (FeaturesSender sender = new FeaturesSender()) {
            sender.send(GeneratedDoctors.record(doctor, 2, Instant.now().minus(Duration.ofDays(1)),
                    GeneratedDoctors.around(1, new Random(5))));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                SegmentsApi.scheme(doctor, CLUSTERS).getString("segment.segmentId")).isNotEqualTo(before));

        JsonPath history = given().get("/api/v1/doctors/{id}/segment-history", doctor).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("findAll { it.scheme == 'clusters' }.reason")).containsExactly("FIRST_ASSIGNMENT", "FEATURES_CHANGED");
        Instant assigned = Instant.parse(history.getString("find { it.reason == 'FIRST_ASSIGNMENT' && it.scheme == 'clusters' }.changedAt"));
        Instant moved = Instant.parse(history.getString("find { it.reason == 'FEATURES_CHANGED' && it.scheme == 'clusters' }.changedAt"));
        assertThat(moved).isEqualTo(assigned);
        assertThat(SegmentsApi.schemeAt(doctor, CLUSTERS, Instant.now()).getString("segment.segmentId"))
                .isEqualTo(SegmentsApi.scheme(doctor, CLUSTERS).getString("segment.segmentId"));
    }

    /** Back to no version ever activated, the doctors kept (as SegmentsDatabase.reset() leaves versions). */
    private static void forgetActivations() throws SQLException {
        try (Connection connection = SegmentsDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE model_version SET status = 'DISCARDED', activated_at = NULL");
        }
    }

    private JsonPath retrain() {
        return given().post("/api/v1/models/{scheme}/retrain", CLUSTERS).then().statusCode(201).extract().jsonPath();
    }

    private static String status(String versionId) {
        return given().get("/api/v1/models/{v}", versionId).then().statusCode(200).extract().jsonPath().getString("status");
    }

    /** What an activation writes first, under the exclusive assignment lock, left uncommitted. */
    private static void activateUncommitted(Connection connection, String versionId) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + ModelLifecycle.ASSIGNMENT_LOCK + ")");
            statement.execute("UPDATE model_version SET status = 'RETIRED' WHERE scheme = 'clusters' AND status = 'ACTIVE'");
        }
        try (PreparedStatement activate = connection.prepareStatement(
                "UPDATE model_version SET status = 'ACTIVE', activated_at = now() WHERE id = ?")) {
            activate.setString(1, versionId);
            activate.executeUpdate();
        }
    }

    /** Until the request waits on a lock the other replica holds (no records are in flight for the consumer then). */
    private static void awaitWaitingOnALock(CompletableFuture<?> request) {
        await().atMost(Duration.ofSeconds(60)).until(() -> request.isDone()
                || SegmentsDatabase.number("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND (query LIKE 'SELECT pg_advisory_xact_lock%' OR query LIKE 'UPDATE model_version%')") > 0);
        assertThat(request).as("the request waits for the other replica's activation").isNotDone();
    }
}
