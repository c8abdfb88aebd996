package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.FeatureConfig.ClockMode;
import com.orthoseg.features.compute.FeatureClock;
import com.orthoseg.features.compute.SlidingWindowPass;
import com.orthoseg.localstack.TopicReader;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Histories through a real broker and PostgreSQL: shuffled, duplicated, corrected, replayed, set back; clocks moved. */
@QuarkusTest
class HistoryTest {

    @Inject
    SlidingWindowPass slidingPass;

    @Inject
    Pool pool;

    @Test
    void eventTimeFeaturesEqualAPlainRecomputationOfTheDeduplicatedHistory() {
        QuarkusMock.installMockForType(new FeatureClock(ClockMode.EVENT_TIME, null), FeatureClock.class);
        // two years ending 20 hours from now (events may be dated up to a day ahead): newer than any other
        // test's events, since the event-time clock is shared and never goes back
        GeneratedHistory history = new GeneratedHistory("H-", 150, 3000,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(20)).minus(Duration.ofDays(730)), 42);
        send(history);
        Set<String> doctors = doctors(history);
        Instant finalAsOf = history.newest().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            slidingPass.run().await().atMost(Duration.ofSeconds(30));
            assertFeatures(history, doctors, finalAsOf);
        });
    }

    @Test
    void windowsSlideWhenTheWallClockMovesWithNoNewEvent() {
        MovableClock clock = wallClockAt(Instant.parse("2026-05-01T12:00:00Z"));
        String doctor = "W-" + System.nanoTime();
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-1", null, clock.instant().minus(Duration.ofDays(10)), BigDecimal.TEN, Map.of()));
            sender.send(new OrderPlaced(doctor, doctor + "-2", null, clock.instant().minus(Duration.ofDays(200)), BigDecimal.ONE, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).getDouble("features.ordersTotal")).isEqualTo(2.0));
        JsonPath before = features(doctor);
        assertThat(before.getDouble("features.orders30d")).isEqualTo(1.0);
        assertThat(before.getDouble("features.orders90d")).isEqualTo(1.0);
        assertThat(before.getDouble("features.orders365d")).isEqualTo(2.0);

        clock.advance(Duration.ofDays(25));
        slidingPass.run().await().atMost(Duration.ofSeconds(30));
        JsonPath after = features(doctor);
        assertThat(after.getDouble("features.orders30d")).isZero();
        assertThat(after.getDouble("features.orders90d")).isEqualTo(1.0);
        assertThat(after.getLong("sequence")).isEqualTo(before.getLong("sequence") + 1);
        assertThat(Instant.parse(after.getString("asOf"))).isEqualTo(clock.instant());

        clock.advance(Duration.ofDays(200));
        slidingPass.run().await().atMost(Duration.ofSeconds(30));
        JsonPath later = features(doctor);
        assertThat(later.getDouble("features.orders90d")).isZero();
        assertThat(later.getDouble("features.orders365d")).isEqualTo(1.0);
        assertThat(later.getDouble("features.amount365d")).isEqualTo(10.0);

        assertThat(later.getLong("sequence")).isEqualTo(after.getLong("sequence") + 1);
        // every change is published once, in order
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TopicReader.readAll("doctor-features", r -> doctor.equals(r.key())))
                        .extracting(r -> r.value().contains("\"sequence\":" + later.getLong("sequence") + ","))
                        .hasSize((int) later.getLong("sequence")).last().isEqualTo(true));
    }

    /** A window holds asOf − 30 days < t ≤ asOf: at the very instant an order turns 30 days old it leaves, and the pass sees it. */
    @Test
    void anOrderLeavesItsWindowAtTheInstantItTurnsThirtyDaysOld() {
        MovableClock clock = wallClockAt(Instant.parse("2026-05-01T12:00:00Z"));
        String doctor = "EDGE-" + System.nanoTime();
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-1", null, clock.instant().minus(Duration.ofDays(30)).plusSeconds(1),
                    BigDecimal.ONE, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).getDouble("features.orders30d")).isEqualTo(1.0));

        clock.advance(Duration.ofSeconds(1));
        slidingPass.run().await().atMost(Duration.ofSeconds(30));
        JsonPath after = features(doctor);
        assertThat(after.getDouble("features.orders30d")).isZero();
        assertThat(after.getDouble("features.orders90d")).isEqualTo(1.0);
        assertThat(after.getDouble("features.daysSinceLastOrder")).isEqualTo(30.0);
        assertThat(Instant.parse(after.getString("asOf"))).isEqualTo(clock.instant());
    }

    @Test
    void daysSinceLastOrderKeepsCountingAfterTheLastOrderHasLeftEveryWindow() {
        MovableClock clock = wallClockAt(Instant.parse("2026-05-01T12:00:00Z"));
        String doctor = doctorWithOneOrder("L-", clock, 10);

        clock.advance(Duration.ofDays(400));
        slidingPass.run().await().atMost(Duration.ofSeconds(30));
        assertThat(features(doctor).getDouble("features.daysSinceLastOrder")).isEqualTo(410.0);
        assertThat(features(doctor).getDouble("features.orders365d")).isZero();

        clock.advance(Duration.ofDays(100));
        slidingPass.run().await().atMost(Duration.ofSeconds(30));
        JsonPath later = features(doctor);
        assertThat(later.getDouble("features.daysSinceLastOrder")).isEqualTo(510.0);
        assertThat(Instant.parse(later.getString("asOf"))).isEqualTo(clock.instant());

        // within the same day nothing changes, so nothing is recomputed or published
        clock.advance(Duration.ofHours(23));
        slidingPass.run().await().atMost(Duration.ofSeconds(30));
        assertThat(features(doctor).getLong("sequence")).isEqualTo(later.getLong("sequence"));
    }

    @Test
    void migrationV4MakesADoctorStoredBeforeTheDailyRecencyRuleDueAgain() throws Exception {
        MovableClock clock = wallClockAt(Instant.parse("2026-05-01T12:00:00Z"));
        String doctor = doctorWithOneOrder("V4-", clock, 400);
        // as the code before V4 stored it: no window holds the order, so no next change
        pool.preparedQuery("UPDATE doctor_features SET next_expiry = NULL WHERE doctor_id = $1").executeAndAwait(Tuple.of(doctor));

        try (var migration = getClass().getClassLoader().getResourceAsStream("db/migration/V4__recency_next_expiry.sql")) {
            pool.query(new String(migration.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).executeAndAwait();
        }
        clock.advance(Duration.ofDays(5));
        slidingPass.run().await().atMost(Duration.ofSeconds(30));
        assertThat(features(doctor).getDouble("features.daysSinceLastOrder")).isEqualTo(405.0);
    }

    @Test
    void slidingPassesRunningAtOnceAsOnTwoReplicasRecomputeEachDueDoctorOnce() {
        MovableClock clock = wallClockAt(Instant.parse("2026-03-01T12:00:00Z"));
        String prefix = "P-" + System.nanoTime() + "-";
        try (EventSender sender = new EventSender()) {
            for (int i = 0; i < 300; i++) {
                sender.send(new OrderPlaced(prefix + i, prefix + i + "-1", null, clock.instant().minus(Duration.ofDays(10)),
                        BigDecimal.ONE, Map.of()));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("doctor_id LIKE $1", prefix + "%") == 300);

        clock.advance(Duration.ofDays(1));
        long due = count("next_expiry <= $1", clock.instant().atOffset(ZoneOffset.UTC));
        List<Integer> recomputed = Uni.join().all(slidingPass.run(), slidingPass.run()).andFailFast()
                .await().atMost(Duration.ofSeconds(60));

        // every due doctor is recomputed, none by both passes
        assertThat(recomputed.get(0) + recomputed.get(1)).isEqualTo((int) due);
        assertThat(count("doctor_id LIKE $1 AND as_of = $2", prefix + "%", clock.instant().atOffset(ZoneOffset.UTC)))
                .isEqualTo(300);
    }

    @Test
    void wallClockFeaturesOfAGeneratedHistoryFollowTheClockAsItMoves() {
        MovableClock clock = wallClockAt(Instant.parse("2026-04-01T00:00:00Z"));
        // two years that end 60 days after the clock: some orders and complaints enter the windows later
        GeneratedHistory history = new GeneratedHistory("M-", 60, 1200, Instant.parse("2024-05-31T00:00:00Z"), 11);
        send(history);
        Set<String> doctors = doctors(history);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertFeatures(history, doctors, clock.instant()));

        for (Duration step : List.of(Duration.ofDays(45), Duration.ofDays(40), Duration.ofDays(300))) {
            clock.advance(step);
            slidingPass.run().await().atMost(Duration.ofSeconds(30));
            assertFeatures(history, doctors, clock.instant());
        }
    }

    /** Every feature of every doctor equals the plain recomputation as of asOf. */
    private static void assertFeatures(GeneratedHistory history, Set<String> doctors, Instant asOf) {
        for (String doctor : doctors) {
            JsonPath actual = features(doctor);
            Map<String, Double> expected = history.features(doctor, asOf);
            Map<String, Double> all = new HashMap<>();
            actual.<String, Object>getMap("features").forEach((name, value) ->
                    all.put(name, value == null ? null : ((Number) value).doubleValue()));
            assertThat(all).as("%s as of %s", doctor, asOf).isEqualTo(expected);
        }
    }

    @Test
    void sendingAHistoryAgainChangesNothingAndPublishesNothing() {
        MovableClock clock = wallClockAt(Instant.parse("2026-09-01T00:00:00Z"));
        GeneratedHistory history = new GeneratedHistory("R-", 40, 600, Instant.parse("2024-09-01T00:00:00Z"), 7);
        Map<String, Long> duplicateRecordsBefore = duplicateRecords();
        long duplicateOrdersBefore = duplicateOrders();
        send(history);
        Set<String> doctors = doctors(history);
        // every feature, so that the corrections sent last have been applied too
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertFeatures(history, doctors, clock.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> featureRecords(doctors) == sequences(doctors).values()
                .stream().mapToLong(Long::longValue).sum());
        Map<String, Long> sequences = sequences(doctors);
        long published = featureRecords(doctors);
        long duplicatesBefore = duplicatesSkipped();

        // the history repeats about a tenth of its events in records of their own: duplicates in the data
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(duplicateRecords())
                .containsEntry("orders", duplicateRecordsBefore.get("orders") + repeated(history, OrderPlaced.class))
                .containsEntry("complaints", duplicateRecordsBefore.get("complaints") + repeated(history, ComplaintFiled.class)));
        Map<String, Long> duplicateRecordsBetween = duplicateRecords();
        long duplicateOrdersBetween = duplicateOrders();
        assertThat(duplicateOrdersBetween - duplicateOrdersBefore).as("orders whose event came twice")
                .isEqualTo(repeatedOrderIds(history));

        send(history);
        await().atMost(Duration.ofSeconds(60)).until(() -> duplicatesSkipped() == duplicatesBefore + history.sent.size());
        // whatever those polls wrote to the outbox has been relayed before the topic is read
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.query("SELECT count(*) FROM features_outbox").executeAndAwait()
                .iterator().next().getLong(0) == 0);
        assertThat(sequences(doctors)).isEqualTo(sequences);
        assertThat(featureRecords(doctors)).isEqualTo(published);
        // every record sent again carries an event applied from another record
        assertThat(duplicateRecords())
                .containsEntry("orders", duplicateRecordsBetween.get("orders") + sent(history, OrderPlaced.class))
                .containsEntry("complaints", duplicateRecordsBetween.get("complaints") + sent(history, ComplaintFiled.class));
        assertThat(duplicateOrders() - duplicateOrdersBefore).as("every order of the history")
                .isEqualTo(history.finalOrders().size());
    }

    private static long repeatedOrderIds(GeneratedHistory history) {
        return history.sent.stream().filter(OrderPlaced.class::isInstance)
                .collect(java.util.stream.Collectors.groupingBy(e -> e, java.util.stream.Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(e -> ((OrderPlaced) e.getKey()).orderId())
                .distinct().count();
    }

    private static long duplicateOrders() {
        return given().when().get("/api/v1/data-quality").then().statusCode(200).extract().jsonPath()
                .getLong("duplicateOrders.count");
    }

    private static long sent(GeneratedHistory history, Class<?> type) {
        return history.sent.stream().filter(type::isInstance).count();
    }

    /** Records that repeat an event sent before them (records are equal when their events are). */
    private static long repeated(GeneratedHistory history, Class<?> type) {
        return sent(history, type) - history.sent.stream().filter(type::isInstance).distinct().count();
    }

    private static Map<String, Long> duplicateRecords() {
        Map<String, Long> records = new HashMap<>();
        given().when().get("/api/v1/data-quality").then().statusCode(200).extract().jsonPath()
                .<String, Number>getMap("duplicateRecords").forEach((topic, n) -> records.put(topic, n.longValue()));
        return records;
    }

    @Test
    void aProfileAndAPreferenceSetBackToEarlierValuesEndAtTheLatest() {
        String doctor = "B-" + System.nanoTime();
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        List<Object> changes = List.of(
                profile(doctor, DoctorRank.GOLD, t), new InstructionsPreference(doctor, true, t),
                profile(doctor, DoctorRank.SILVER, t.plus(Duration.ofDays(30))),
                new InstructionsPreference(doctor, false, t.plus(Duration.ofDays(30))),
                profile(doctor, DoctorRank.GOLD, t.plus(Duration.ofDays(60))),
                new InstructionsPreference(doctor, true, t.plus(Duration.ofDays(60))));
        double[][] expected = {{3, 1}, {1, 0}, {3, 1}};
        for (int step = 0; step < expected.length; step++) {
            try (EventSender sender = new EventSender()) {
                sender.send(changes.get(2 * step));
                sender.send(changes.get(2 * step + 1));
            }
            double[] rankAndInstructions = expected[step];
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath features = features(doctor);
                // get, not getDouble: a feature still null (its record not yet applied) fails the assertion, to be retried
                assertThat(features.<Double>get("features.rankOrdinal")).isEqualTo(rankAndInstructions[0]);
                assertThat(features.<Double>get("features.includesSpecialInstructions")).isEqualTo(rankAndInstructions[1]);
            });
        }
    }

    @Test
    void anOrderWhoseDateAloneIsCorrectedMovesToItsNewWindows() {
        MovableClock clock = wallClockAt(Instant.parse("2026-05-01T12:00:00Z"));
        String doctor = "DATE-" + System.nanoTime();
        OrderPlaced order = new OrderPlaced(doctor, doctor + "-1", null, clock.instant().minus(Duration.ofDays(200)),
                BigDecimal.TEN, Map.of());
        try (EventSender sender = new EventSender()) {
            sender.send(order);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).<Double>get("features.orders365d")).isEqualTo(1.0));
        assertThat(features(doctor).getDouble("features.orders90d")).isZero();

        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, order.orderId(), null, clock.instant().minus(Duration.ofDays(10)),
                    BigDecimal.TEN, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).<Double>get("features.orders30d")).isEqualTo(1.0));
        JsonPath corrected = features(doctor);
        assertThat(corrected.getDouble("features.ordersTotal")).isEqualTo(1.0);
        assertThat(corrected.getDouble("features.daysSinceLastOrder")).isEqualTo(10.0);
    }

    @Test
    void featuresAreComputedAsOfTheClockOnceTheDoctorIsLockedNotBefore() {
        MovableClock clock = wallClockAt(Instant.parse("2026-06-01T12:00:00Z"));
        String doctor = "LOCK-" + System.nanoTime();
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-1", null, clock.instant().minus(Duration.ofDays(20)),
                    BigDecimal.TEN, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).<Double>get("features.orders30d")).isEqualTo(1.0));

        SqlConnection conn = pool.getConnectionAndAwait();
        Transaction lock = conn.beginAndAwait();
        try {
            conn.preparedQuery("SELECT 1 FROM doctor_features WHERE doctor_id = $1 FOR UPDATE").executeAndAwait(Tuple.of(doctor));
            try (EventSender sender = new EventSender()) {
                sender.send(new OrderPlaced(doctor, doctor + "-2", null, clock.instant().minus(Duration.ofDays(5)),
                        BigDecimal.ONE, Map.of()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.query("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'").executeAndAwait()
                    .iterator().next().getLong(0) > 0);
            // while the consumer waits, time passes: the first order leaves the 30-day window
            clock.advance(Duration.ofDays(15));
        } finally {
            lock.rollbackAndAwait();
            conn.closeAndAwait();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).<Double>get("features.ordersTotal")).isEqualTo(2.0));
        JsonPath after = features(doctor);
        assertThat(Instant.parse(after.getString("asOf"))).isEqualTo(clock.instant());
        assertThat(after.getDouble("features.orders30d")).isEqualTo(1.0);
    }

    @Test
    void aDoctorsAsOfNeverGoesBackBehindTheStoredOneWhenAClockIsBehind() {
        Instant later = Instant.parse("2026-07-01T12:00:00Z");
        String doctor = doctorWithOneOrder("BEHIND-", wallClockAt(later), 20);

        // another replica whose clock is 15 days behind (or the sliding pass's event-time clock read before it waited)
        wallClockAt(later.minus(Duration.ofDays(15)));
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-2", null, later.minus(Duration.ofDays(40)), BigDecimal.ONE, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(features(doctor).<Double>get("features.ordersTotal")).isEqualTo(2.0));
        JsonPath after = features(doctor);
        assertThat(Instant.parse(after.getString("asOf"))).isEqualTo(later);
        assertThat(after.getDouble("features.orders30d")).isEqualTo(1.0);
    }

    private static DoctorProfile profile(String doctor, DoctorRank rank, Instant updatedAt) {
        return new DoctorProfile(doctor, "North", DoctorCategory.SPECIALIST, rank, 0.1, 0.2, 3.5, 12.0, 7, updatedAt);
    }

    private static void send(GeneratedHistory history) {
        try (EventSender sender = new EventSender()) {
            history.sent.forEach(sender::send);
        }
    }

    private static Set<String> doctors(GeneratedHistory history) {
        Set<String> doctors = new TreeSet<>();
        history.finalOrders().forEach(o -> doctors.add(o.doctorId()));
        return doctors;
    }

    private long count(String where, Object... arguments) {
        return pool.preparedQuery("SELECT count(*) FROM doctor_features WHERE " + where).executeAndAwait(Tuple.from(arguments))
                .iterator().next().getLong(0);
    }

    /** A wall clock the test moves, installed as feature-service's. */
    private static MovableClock wallClockAt(Instant start) {
        MovableClock clock = new MovableClock(start);
        QuarkusMock.installMockForType(new FeatureClock(ClockMode.WALL, clock), FeatureClock.class);
        return clock;
    }

    /** A new doctor with one order placed {@code daysAgo} days before the clock, once its features count it. */
    private static String doctorWithOneOrder(String prefix, MovableClock clock, int daysAgo) {
        String doctor = prefix + System.nanoTime();
        try (EventSender sender = new EventSender()) {
            sender.send(new OrderPlaced(doctor, doctor + "-1", null, clock.instant().minus(Duration.ofDays(daysAgo)),
                    BigDecimal.TEN, Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(features(doctor).<Double>get("features.daysSinceLastOrder")).isEqualTo((double) daysAgo));
        return doctor;
    }

    private static JsonPath features(String doctor) {
        return given().when().get("/api/v1/doctors/{id}/features", doctor).then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static Map<String, Long> sequences(Set<String> doctors) {
        Map<String, Long> sequences = new HashMap<>();
        doctors.forEach(d -> sequences.put(d, features(d).getLong("sequence")));
        return sequences;
    }

    private static long featureRecords(Set<String> doctors) {
        return TopicReader.readAll("doctor-features", r -> doctors.contains(r.key())).size();
    }

    private static long duplicatesSkipped() {
        return given().when().get("/api/v1/data-quality").then().statusCode(200).extract().jsonPath()
                .getLong("duplicatesSkipped");
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
