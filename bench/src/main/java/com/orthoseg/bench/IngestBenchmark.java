package com.orthoseg.bench;

import com.orthoseg.localstack.LocalKafka;
import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.PackagedService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NDJSON batch ingestion into the local broker through the packaged ingest-service, beside Kafka's own
 * ProducerPerformance on the same broker with the same producer settings and record size.
 *
 * <p>Run from the repository root after {@code ./mvnw install -DskipTests}:
 * {@code ./mvnw -q -pl bench exec:java@ingest [-Dbench.records=1000000] [-Dbench.batch=20000] [-Dbench.clients=4]}
 */
public final class IngestBenchmark {

    private static final Pattern PERF_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 1_000_000);
        int batch = Integer.getInteger("bench.batch", 20_000);
        int clients = Integer.getInteger("bench.clients", 4);
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.forTests(true, false))) {
            PackagedService service = BenchSupport.service("ingest-service", stack.environment()).start();
            try {
                HttpClient http = BenchSupport.http();
                service.awaitReady(Duration.ofSeconds(90));
                String bearer = stack.tokens().bearer("ingest");

                List<byte[]> warmUp = ndjsonBatches("W", Math.min(records, 100_000), batch);
                send(http, service.url(), bearer, warmUp, clients);
                List<byte[]> measured = ndjsonBatches("M", records, batch);
                int recordSize = averageValueSize(measured.get(0));

                long start = System.nanoTime();
                send(http, service.url(), bearer, measured, clients);
                double seconds = (System.nanoTime() - start) / 1e9;
                double ingestRate = records / seconds;
                service.stop();

                double rawRate = producerPerformance(stack, records, recordSize, BenchSupport.logs());
                System.out.printf("%n| measurement | records | record size (B) | seconds | records/s |%n");
                System.out.printf("| --- | --- | --- | --- | --- |%n");
                System.out.printf("| ingest-service NDJSON, %d per request, %d clients | %d | %d + CloudEvents headers | %.1f | %.0f |%n",
                        batch, clients, records, recordSize, seconds, ingestRate);
                System.out.printf("| Kafka ProducerPerformance, same producer settings | %d | %d | %.1f | %.0f |%n",
                        records, recordSize, records / rawRate, rawRate);
                System.out.printf("%ningest / raw = %.2f (target: at least 0.50)%n", ingestRate / rawRate);
            } finally {
                service.kill();
            }
        }
    }

    /** Orders for 100,000 doctors over two years, as NDJSON request bodies. */
    static List<byte[]> ndjsonBatches(String prefix, int records, int perBatch) {
        List<byte[]> batches = new ArrayList<>();
        StringBuilder body = new StringBuilder(perBatch * 220);
        LocalDate first = LocalDate.of(2024, 11, 1);
        for (int i = 0; i < records; i++) {
            body.append("{\"doctorId\":\"D").append(i % 100_000)
                    .append("\",\"orderId\":\"").append(prefix).append(i)
                    .append("\",\"orderNum\":\"N").append(i)
                    .append("\",\"placedAt\":\"").append(first.plusDays(i % 730))
                    .append("\",\"amount\":").append(50 + i % 950).append(".25")
                    .append(",\"conditions\":{\"A\":").append(i % 2 == 0).append(",\"B\":false,\"C\":null,\"J\":\"Before\"}}\n");
            if ((i + 1) % perBatch == 0 || i == records - 1) {
                batches.add(body.toString().getBytes(StandardCharsets.UTF_8));
                body.setLength(0);
            }
        }
        return batches;
    }

    private static void send(HttpClient http, String url, String bearer, List<byte[]> batches, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (byte[] body : batches) {
                results.add(pool.submit(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(url + "/api/v1/orders"))
                            .header("Content-Type", "application/x-ndjson")
                            .header("Authorization", bearer)
                            .timeout(Duration.ofMinutes(2))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The published value is the order JSON as the service writes it, about the size of the input line. */
    private static int averageValueSize(byte[] batch) {
        String text = new String(batch, StandardCharsets.UTF_8);
        long lines = text.chars().filter(c -> c == '\n').count();
        return (int) (batch.length / lines);
    }

    private static double producerPerformance(LocalStack stack, int records, int recordSize, Path logs) throws Exception {
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic("bench-raw", 12, (short) 1))).all().get();
        }
        Path log = logs.resolve("bench-producer-performance.log");
        Process perf = new ProcessBuilder("java", "-Xmx1g", "-cp", LocalKafka.brokerClasspath(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench-raw",
                "--num-records", Integer.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + stack.kafkaBootstrapServers(),
                "acks=all", "enable.idempotence=true", "linger.ms=5", "batch.size=131072", "compression.type=lz4")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!perf.waitFor(10, TimeUnit.MINUTES) || perf.exitValue() != 0) {
            throw new IllegalStateException("ProducerPerformance failed; see " + log);
        }
        Matcher last = null;
        for (String line : Files.readAllLines(log)) {
            Matcher m = PERF_SUMMARY.matcher(line);
            if (m.find()) {
                last = m;
            }
        }
        if (last == null) {
            throw new IllegalStateException("no summary in " + log);
        }
        return Double.parseDouble(last.group(2));
    }
}
