package com.orthoseg.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.localstack.ConsumerOffsets;
import com.orthoseg.localstack.LocalKafka;
import com.orthoseg.localstack.LocalPostgres;
import com.orthoseg.localstack.PackagedService;
import com.orthoseg.localstack.TestProducers;
import com.orthoseg.localstack.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults in the middle of a load. The same history — 1,000 doctors, 100,000 orders over two years — is
 * loaded under several sets of doctor ids: once undisturbed (A); once while feature-service and then
 * segment-service are killed with SIGKILL and restarted (B); once while the Kafka broker and then
 * PostgreSQL are stopped for 30 s each (C). Every B and C doctor must end with the features and the
 * cluster segment of its A twin (nothing lost, nothing counted twice); every segment change in
 * segment-service's history must be on segment-changes; during an outage the services that need the
 * stopped server are unready, and they become ready again by themselves. And an operator's replay:
 * feature-service's offsets reset to the start of its input topics change no feature and publish nothing.
 */
class CrashRecoveryIT {

    private static final int DOCTORS = 1_000;
    private static final int ORDERS_PER_DOCTOR = 100;
    private static final int ORDERS_PER_REQUEST = 25_000;
    /**
     * Orders are placed whole days plus 12 hours before the class starts, so windows and daysSinceLastOrder
     * next change 12 hours after it: features do not change while the test runs, whatever the time of day.
     */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static OrthoSegSystem system;
    private static Map<String, JsonNode> undisturbed;
    private static Map<String, String> undisturbedClusters;

    @BeforeAll
    static void startAndLoadTheUndisturbedRun() {
        system = OrthoSegSystem.start();
        requests("A").forEach(CrashRecoveryIT::post);
        awaitFeatures("A", ORDERS_PER_DOCTOR);
        for (String scheme : List.of("clusters", "rfm")) {
            Http.Answer trained = system.as("admin").post(system.segments.url() + "/api/v1/models/" + scheme + "/retrain", "application/json",
                    HttpRequest.BodyPublishers.noBody());
            assertThat(trained.status()).as(trained.body().toString()).isEqualTo(201);
        }
        undisturbed = features("A");
        undisturbedClusters = clusterSegments("A");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void killedServicesRecoverToTheStateOfAnUndisturbedRun() {
        requests("B").forEach(CrashRecoveryIT::post);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                known(system.features.url() + "/api/v1/doctors/B-0000/features"));
        assertThat(ordersCounted("B-0999")).as("the load is still being consumed").isLessThan(ORDERS_PER_DOCTOR);
        system.features.kill();
        system.features.start().awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                known(system.segments.url() + "/api/v1/doctors/B-0000/segments"));
        assertThat(ordersCounted("B-0999")).as("the load is still being consumed").isLessThan(ORDERS_PER_DOCTOR);
        system.segments.kill();
        system.segments.start().awaitReady(Duration.ofSeconds(120));

        assertSameStateAsTheUndisturbedRun("B");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> published = new HashSet<>();
            TopicReader.readAll(system.kafka(), "segment-changes", r -> r.key().startsWith("B-"))
                    .forEach(r -> published.add(Http.parse(r.value()).get("eventId").asText()));
            Set<String> recorded = new HashSet<>();
            for (int i = 0; i < DOCTORS; i += 10) {
                system.as("support").get(system.segments.url() + "/api/v1/doctors/" + id("B", i) + "/segment-history")
                        .forEach(entry -> recorded.add(entry.get("eventId").asText()));
            }
            assertThat(published).containsAll(recorded);
        });
    }

    @Test
    void aStoppedBrokerOrDatabaseMakesServicesUnreadyUntilItIsBack() throws InterruptedException {
        List<Request> requests = requests("C");
        List<Request> firstHalf = requests.subList(0, 3);
        firstHalf.forEach(CrashRecoveryIT::post);
        assertThat(ordersCounted("C-0499")).as("the load is still being consumed").isLessThan(ORDERS_PER_DOCTOR);

        LocalKafka broker = system.stack.kafka().orElseThrow();
        long stopped = System.nanoTime();
        broker.stop();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(system.services()).as("unready without the broker").noneMatch(PackagedService::ready));
        sleepUntil(stopped + OUTAGE.toNanos());
        broker.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(system.services()).as("ready again").allMatch(PackagedService::ready));

        requests.subList(3, requests.size()).forEach(CrashRecoveryIT::post);
        assertThat(ordersCounted("C-0999")).as("the load is still being consumed").isLessThan(ORDERS_PER_DOCTOR);
        LocalPostgres database = system.stack.postgres().orElseThrow();
        stopped = System.nanoTime();
        database.stop();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(List.of(system.features, system.segments)).as("unready without PostgreSQL").noneMatch(PackagedService::ready));
        assertThat(system.ingest.ready()).as("ingest-service does not use PostgreSQL").isTrue();
        sleepUntil(stopped + OUTAGE.toNanos());
        database.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(system.services()).as("ready again").allMatch(PackagedService::ready));

        assertSameStateAsTheUndisturbedRun("C");
    }

    @Test
    void replayingTheInputTopicsFromTheirStartChangesNothingAndPublishesNothing() {
        List<String> inputs = List.of("doctors", "orders", "complaints", "instructions");
        // a record that breaks the contract, dead-lettered once before the replay and not again by it
        try (KafkaProducer<String, byte[]> producer = TestProducers.producer(system.kafka())) {
            producer.send(new ProducerRecord<>("orders", "REPLAYED-BROKEN", "{not json".getBytes(StandardCharsets.UTF_8)));
        }
        try (ConsumerOffsets offsets = new ConsumerOffsets(system.kafka())) {
            // settled: every input committed by the service that reads it, and no output written for 2 s
            long[] outputs = {-1};
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                long written = offsets.written("doctor-features") + offsets.written("segment-changes");
                boolean quiet = written == outputs[0];
                outputs[0] = written;
                return quiet && offsets.caughtUp("feature-service", inputs) && offsets.caughtUp("segment-service", List.of("doctor-features"));
            });
            Map<String, JsonNode> before = featureRecords("A");
            long featuresWritten = offsets.written("doctor-features");
            long changesWritten = offsets.written("segment-changes");
            long duplicatesBefore = duplicatesSkipped();
            JsonNode duplicateRecordsBefore = dataQuality().get("duplicateRecords");
            long deadLetteredBefore = dataQuality().get("deadLettered").asLong();
            long deadLettersWritten = offsets.written("orders.dlq");
            assertThat(TopicReader.readAll(system.kafka(), "orders.dlq", r -> "REPLAYED-BROKEN".equals(r.key()))).hasSize(1);

            system.features.stop();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> offsets.resetToEarliest("feature-service", inputs));
            assertThat(offsets.committed("feature-service", List.of("orders")).values()).containsOnly(0L);
            system.features.start().awaitReady(Duration.ofSeconds(120));
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> offsets.caughtUp("feature-service", inputs));

            assertThat(duplicatesSkipped() - duplicatesBefore).as("every replayed order found its id applied")
                    .isGreaterThanOrEqualTo((long) DOCTORS * ORDERS_PER_DOCTOR);
            assertThat(dataQuality().get("duplicateRecords")).as("a replay is no duplicate in the data")
                    .isEqualTo(duplicateRecordsBefore);
            assertThat(featureRecords("A")).as("features, asOf and sequence").isEqualTo(before);
            assertThat(offsets.written("doctor-features")).as("DoctorFeatures records").isEqualTo(featuresWritten);
            assertThat(offsets.written("segment-changes")).as("segment changes").isEqualTo(changesWritten);
            assertThat(offsets.written("orders.dlq")).as("dead letters").isEqualTo(deadLettersWritten);
            assertThat(dataQuality().get("deadLettered").asLong()).as("dead letters counted").isEqualTo(deadLetteredBefore);
        }
    }

    private static long duplicatesSkipped() {
        return dataQuality().get("duplicatesSkipped").asLong();
    }

    private static JsonNode dataQuality() {
        return system.as("analyst").get(system.features.url() + "/api/v1/data-quality");
    }

    /** Each doctor's whole features record: features, coverage, asOf and sequence. */
    private static Map<String, JsonNode> featureRecords(String run) {
        Map<String, JsonNode> records = new HashMap<>();
        for (int i = 0; i < DOCTORS; i++) {
            records.put(id(run, i), system.as("support").get(system.features.url() + "/api/v1/doctors/" + id(run, i) + "/features"));
        }
        return records;
    }

    private static void assertSameStateAsTheUndisturbedRun(String run) {
        awaitFeatures(run, ORDERS_PER_DOCTOR);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, JsonNode> recovered = features(run);
            for (int i = 0; i < DOCTORS; i++) {
                assertThat(recovered.get(id(run, i))).as(id(run, i)).isEqualTo(undisturbed.get(id("A", i)));
            }
            Map<String, String> clusters = clusterSegments(run);
            for (int i = 0; i < DOCTORS; i++) {
                assertThat(clusters.get(id(run, i))).as(id(run, i)).isEqualTo(undisturbedClusters.get(id("A", i)));
            }
        });
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    private static String id(String run, int doctor) {
        return String.format("%s-%04d", run, doctor);
    }

    private record Request(String path, String ndjson) {
    }

    /** Profiles, then the orders in chunks, for ingest-service; the same content for every run. */
    private static List<Request> requests(String run) {
        StringBuilder profiles = new StringBuilder();
        List<StringBuilder> orders = new ArrayList<>(List.of(new StringBuilder()));
        int inRequest = 0;
        for (int i = 0; i < DOCTORS; i++) {
            Random random = new Random(i);
            profiles.append(json(Map.of("doctorId", id(run, i), "region", "R" + random.nextInt(12),
                    "category", random.nextInt(5) == 0 ? "GENERAL_PRACTITIONER" : "SPECIALIST",
                    "incidenceRate", Math.round(random.nextDouble() * 100) / 10.0, "rRate", Math.round(random.nextDouble() * 30) / 10.0,
                    "experience", Math.round(random.nextDouble() * 20) / 10.0, "purchases", random.nextInt(40),
                    "updatedAt", T0.toString()))).append('\n');
            for (int k = 0; k < ORDERS_PER_DOCTOR; k++) {
                if (inRequest == ORDERS_PER_REQUEST) {
                    orders.add(new StringBuilder());
                    inRequest = 0;
                }
                Instant placed = T0.minus(random.nextInt(730), ChronoUnit.DAYS).minus(12, ChronoUnit.HOURS);
                orders.get(orders.size() - 1).append(json(Map.of("doctorId", id(run, i), "orderId", run + "-" + i + "-" + k,
                        "placedAt", placed.toString(), "amount", random.nextInt(5_000),
                        "conditions", Map.of("A", random.nextBoolean(), "J", random.nextBoolean() ? "Before" : "After"))))
                        .append('\n');
                inRequest++;
            }
        }
        List<Request> requests = new ArrayList<>(List.of(new Request("/api/v1/doctors", profiles.toString())));
        orders.forEach(chunk -> requests.add(new Request("/api/v1/orders", chunk.toString())));
        return requests;
    }

    private static void post(Request request) {
        Http.Answer answer = system.as("ingest").post(system.ingest.url() + request.path(), "application/x-ndjson",
                HttpRequest.BodyPublishers.ofString(request.ndjson(), StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
    }

    private static String json(Map<String, Object> record) {
        try {
            return Http.JSON.writeValueAsString(new LinkedHashMap<>(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitFeatures(String run, int orders) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (int i = DOCTORS - 1; i >= 0; i--) {
                JsonNode features = system.as("support").get(system.features.url() + "/api/v1/doctors/" + id(run, i) + "/features");
                assertThat(features.get("features").get("ordersTotal").asInt()).as(id(run, i)).isEqualTo(orders);
            }
        });
    }

    /** Each doctor's features by id (asOf and sequence left out: they say when, not what). */
    private static Map<String, JsonNode> features(String run) {
        Map<String, JsonNode> features = new HashMap<>();
        featureRecords(run).forEach((doctor, record) -> features.put(doctor, record.get("features")));
        return features;
    }

    private static Map<String, String> clusterSegments(String run) {
        Map<String, String> segments = new HashMap<>();
        for (int i = 0; i < DOCTORS; i++) {
            for (JsonNode scheme : system.as("support").get(system.segments.url() + "/api/v1/doctors/" + id(run, i) + "/segments").get("schemes")) {
                if (scheme.get("scheme").asText().equals("clusters") && scheme.get("segmented").asBoolean()) {
                    segments.put(id(run, i), scheme.get("segment").get("segmentId").asText());
                }
            }
        }
        return segments;
    }

    /** The orders feature-service has counted for the doctor so far (0 before its first). */
    private static int ordersCounted(String doctor) {
        Http.Answer answer = system.as("support").fetch(system.features.url() + "/api/v1/doctors/" + doctor + "/features");
        return answer.status() == 404 ? 0 : answer.body().get("features").get("ordersTotal").asInt();
    }

    private static boolean known(String url) {
        return system.as("support").fetch(url).status() == 200;
    }
}
