package com.orthoseg.bench;

import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.PackagedService;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * feature-service consuming 2,000,000 orders of 100,000 doctors over two years that are already on the
 * orders topic, beside a small Kafka Streams application computing the same per-doctor window counts,
 * amount sum and last order time (exactly_once_v2, RocksDB) on the same broker and machine.
 *
 * <p>{@code ./mvnw -q -pl bench exec:java@features [-Dbench.orders=2000000] [-Dbench.doctors=100000]}
 */
public final class FeatureBenchmark {

    private static final Pattern APPLIED = Pattern.compile("(?m)^orthoseg_features_events_applied_total(?:\\{[^}]*})? (\\S+)$");

    private FeatureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 2_000_000);
        int doctors = Integer.getInteger("bench.doctors", 100_000);
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.forTests(true, true))) {
            stack.createDatabase("features");
            long produceStart = System.nanoTime();
            produce(stack.kafkaBootstrapServers(), orders, doctors);
            System.out.printf("%d orders on the topic in %.1f s%n", orders, (System.nanoTime() - produceStart) / 1e9);

            double serviceSeconds = runFeatureService(stack, orders);
            double streamsSeconds = StreamsReference.run(stack.kafkaBootstrapServers(), orders);

            System.out.printf("%n| consumer | orders | doctors | seconds | events/s |%n| --- | --- | --- | --- | --- |%n");
            System.out.printf("| feature-service (event-time clock) | %d | %d | %.1f | %.0f |%n",
                    orders, doctors, serviceSeconds, orders / serviceSeconds);
            System.out.printf("| Kafka Streams reference (exactly_once_v2, RocksDB) | %d | %d | %.1f | %.0f |%n",
                    orders, doctors, streamsSeconds, orders / streamsSeconds);
            System.out.printf("%nfeature-service / Kafka Streams = %.2f (target: at least 1.00)%n", streamsSeconds / serviceSeconds);
        }
    }

    /**
     * Seconds from the service being ready (it starts consuming then) to the last event's transaction:
     * the service's applied-events counter, which grows after each commit, is read every 200 ms (a
     * {@code count(*)} of a table of millions of rows at that rate would load PostgreSQL itself). Then
     * the database is checked once: every order stored, all its versions counted.
     */
    private static double runFeatureService(LocalStack stack, int orders) throws Exception {
        LocalStack.PostgresEndpoint db = stack.postgresEndpoint();
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("ORTHOSEG_CLOCK", "event-time");
        HttpClient http = BenchSupport.http();
        double seconds;
        try (PackagedService service = BenchSupport.service("feature-service", env).start()) {
            service.awaitReady(Duration.ofSeconds(90));
            HttpRequest metrics = HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics")).build();
            long start = System.nanoTime();
            long applied = 0;
            long lastReport = System.nanoTime();
            while (applied < orders) {
                Thread.sleep(200);
                applied = appliedEvents(service, http, metrics);
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    System.out.printf("feature-service: %d events applied after %.0f s%n", applied, (System.nanoTime() - start) / 1e9);
                    lastReport = System.nanoTime();
                }
                if (!service.isAlive()) {
                    throw new IllegalStateException("feature-service died; see bench/target/bench-feature-service.log");
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
        }
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("features"), db.user(), db.password());
             ResultSet stored = connection.createStatement().executeQuery("SELECT count(*), sum(versions) FROM doctor_order")) {
            stored.next();
            if (stored.getLong(1) != orders || stored.getLong(2) != orders) {
                throw new IllegalStateException("expected " + orders + " orders stored, found " + stored.getLong(1)
                        + " with " + stored.getLong(2) + " versions");
            }
        }
        return seconds;
    }

    private static long appliedEvents(PackagedService service, HttpClient http, HttpRequest metrics) throws Exception {
        String prometheus;
        try {
            prometheus = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            // a service that exits (on an OutOfMemoryError, say) breaks the read before isAlive says so
            throw new IllegalStateException(service.exited(Duration.ofSeconds(5))
                    ? "feature-service died; see bench/target/bench-feature-service.log"
                    : "reading feature-service's metrics failed", e);
        }
        Matcher line = APPLIED.matcher(prometheus);
        return line.find() ? (long) Double.parseDouble(line.group(1)) : 0;
    }

    /** Writes the orders (through {@link BenchSupport.ReliableSender}, so a failed send is sent again). */
    private static void produce(String bootstrap, int orders, int doctors) {
        Random random = new Random(1);
        long start = Instant.parse("2024-11-01T00:00:00Z").getEpochSecond();
        long span = 730L * 24 * 3600;
        try (BenchSupport.ReliableSender sender = new BenchSupport.ReliableSender(bootstrap)) {
            for (int i = 0; i < orders; i++) {
                String doctor = "D" + random.nextInt(doctors);
                Instant placedAt = Instant.ofEpochSecond(start + (long) (random.nextDouble() * span));
                BigDecimal amount = BigDecimal.valueOf(1000 + random.nextInt(100_000), 2);
                boolean a = random.nextBoolean();
                OrderPlaced order = new OrderPlaced(doctor, "B" + i, "N" + i, placedAt, amount, Map.of("A", a, "J", "Before"));
                String json = "{\"doctorId\":\"" + doctor + "\",\"orderId\":\"B" + i + "\",\"orderNum\":\"N" + i
                        + "\",\"placedAt\":\"" + placedAt + "\",\"amount\":" + amount.toPlainString()
                        + ",\"conditions\":{\"A\":" + a + ",\"J\":\"Before\"}}";
                List<Header> headers = List.of(
                        header("ce_specversion", "1.0"), header("ce_id", order.eventId(true).toString()),
                        header("ce_type", Topic.ORDERS.ceType()), header("ce_source", "urn:orthoseg:bench"),
                        header("ce_subject", doctor), header("ce_time", placedAt.toString()),
                        header("content-type", "application/json"));
                sender.send(new ProducerRecord<>("orders", null, doctor, json.getBytes(StandardCharsets.UTF_8), headers));
            }
        }
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
