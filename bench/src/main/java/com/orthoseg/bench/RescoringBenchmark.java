package com.orthoseg.bench;

import com.orthoseg.events.EventIds;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.PackagedService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.time.Duration;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * segment-service re-scoring: N doctors are placed by an active clusters and rfm version, then a second
 * DoctorFeatures record of every doctor (a fifth of them moved to another behaviour group) is put on
 * doctor-features while the service is stopped; measured from the restarted service being ready to the
 * last record applied and every SegmentChanged relayed to Kafka.
 *
 * <p>{@code ./mvnw -q -pl bench exec:java@rescoring [-Dbench.doctors=100000]}
 */
public final class RescoringBenchmark {

    private static final String[] INPUTS = {"purchases", "ordersTotal", "orders365d", "daysSinceLastOrder", "amount365d",
            "avgOrderValue", "activeMonths365d", "complaintsTotal", "complaints365d", "complaintRate",
            "conditionJAfterShare", "rankOrdinal", "incidenceRate", "rRate", "satisfaction", "experience"};

    private RescoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int doctors = Integer.getInteger("bench.doctors", 100_000);
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.forTests(true, true))) {
            stack.createDatabase("segments");
            LocalStack.PostgresEndpoint db = stack.postgresEndpoint();
            Map<String, String> env = new HashMap<>(stack.environment());
            env.put("ORTHOSEG_SEGMENTS_CHECK_INTERVAL", "1h");

            produce(stack.kafkaBootstrapServers(), doctors, 1, new Random(1));
            PackagedService service = BenchSupport.service("segment-service", env).start();
            try (Connection sql = DriverManager.getConnection(db.jdbcUrl("segments"), db.user(), db.password())) {
                service.awaitReady(Duration.ofSeconds(90));
                await(sql, "SELECT count(*) FROM doctor_features", doctors, service);
                for (String scheme : List.of("clusters", "rfm")) {
                    long start = System.nanoTime();
                    HttpResponse<String> trained = BenchSupport.http().send(HttpRequest.newBuilder(
                                    URI.create(service.url() + "/api/v1/models/" + scheme + "/retrain"))
                            .header("Authorization", stack.tokens().bearer("admin"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    System.out.printf("%s retrain and first activation over %d doctors: HTTP %d in %.1f s%n", scheme, doctors,
                            trained.statusCode(), (System.nanoTime() - start) / 1e9);
                }
                await(sql, "SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM segment_outbox", 1, service);
                service.stop();

                produce(stack.kafkaBootstrapServers(), doctors, 2, new Random(2));
                long historyBefore = number(sql, "SELECT count(*) FROM assignment_history");
                service.start().awaitReady(Duration.ofSeconds(90));
                long start = System.nanoTime();
                await(sql, "SELECT count(*) FROM doctor_features WHERE sequence = 2", doctors, service);
                double applied = (System.nanoTime() - start) / 1e9;
                await(sql, "SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM segment_outbox", 1, service);
                double relayed = (System.nanoTime() - start) / 1e9;
                long changes = number(sql, "SELECT count(*) FROM assignment_history") - historyBefore;
                System.out.printf("%n| doctor-features records | segment changes | applied (s) | records/s | all changes on Kafka (s) |%n"
                        + "| --- | --- | --- | --- | --- |%n| %d | %d | %.1f | %.0f | %.1f |%n",
                        doctors, changes, applied, doctors / applied, relayed);
            } finally {
                service.stop();
            }
        }
    }

    /** One DoctorFeatures record per doctor, around one of four behaviour groups (round 2 moves a fifth of them). */
    static void produce(String bootstrap, int doctors, int sequence, Random random) {
        Instant asOf = Instant.parse("2026-06-01T00:00:00Z").plusSeconds(sequence * 86_400L);
        try (BenchSupport.ReliableSender producer = new BenchSupport.ReliableSender(bootstrap)) {
            for (int i = 0; i < doctors; i++) {
                String doctor = "D" + i;
                int group = (i + (sequence == 2 && i % 5 == 0 ? 1 : 0)) % 4;
                StringBuilder json = new StringBuilder("{\"doctorId\":\"").append(doctor).append("\",\"asOf\":\"").append(asOf)
                        .append("\",\"sequence\":").append(sequence).append(",\"features\":{");
                for (int j = 0; j < INPUTS.length; j++) {
                    double value = (1 + group * 3 + (j % 3)) * (1 + 0.3 * random.nextGaussian());
                    json.append(j == 0 ? "" : ",").append('"').append(INPUTS[j]).append("\":").append(Math.abs(value));
                }
                json.append("},\"coverage\":{\"hasProfile\":true,\"hasOrders\":true,\"hasComplaints\":true,\"hasInstructions\":false}}");
                String id = EventIds.of("features:" + doctor + ":" + sequence).toString();
                producer.send(new ProducerRecord<>(Topic.DOCTOR_FEATURES.topicName(), null, doctor,
                        json.toString().getBytes(StandardCharsets.UTF_8),
                        List.of(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)),
                                new RecordHeader("ce_type", Topic.DOCTOR_FEATURES.ceType().getBytes(StandardCharsets.UTF_8)))));
            }
        }
    }

    static void await(Connection sql, String query, long target, PackagedService service) throws Exception {
        while (number(sql, query) < target) {
            if (!service.isAlive()) {
                throw new IllegalStateException("segment-service died; see bench/target/bench-segment-service.log");
            }
            Thread.sleep(200);
        }
    }

    private static long number(Connection sql, String query) throws Exception {
        try (ResultSet result = sql.createStatement().executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
