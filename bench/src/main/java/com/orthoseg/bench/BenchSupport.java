package com.orthoseg.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** Starting a packaged service against the benchmark's local stack, and waiting for it. */
final class BenchSupport {

    private BenchSupport() {
    }

    static Path root() {
        return Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();
    }

    static Path logs() throws IOException {
        return Files.createDirectories(root().resolve("bench/target"));
    }

    /** Starts {@code <service>/target/quarkus-app/quarkus-run.jar} with the environment given; -Dbench.serviceJvmArgs adds JVM options. */
    static Process startService(String service, int port, Map<String, String> environment) throws IOException {
        Path jar = root().resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw install -DskipTests first");
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
        String jvmArgs = System.getProperty("bench.serviceJvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs().resolve("bench-" + service + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return builder.start();
    }

    static void awaitReady(HttpClient http, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service on port " + port + " not ready after 90 s");
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A producer for load: acks=all, large lz4 batches; a record whose send fails is sent again after
     * the flush on close (a batch expiring unsent was seen here once in a few million records), which is
     * safe because the services apply each event id once.
     */
    static final class ReliableSender implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final Queue<ProducerRecord<String, byte[]>> failed = new ConcurrentLinkedQueue<>();

        ReliableSender(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
        }

        void send(ProducerRecord<String, byte[]> record) {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    failed.add(record);
                }
            });
        }

        @Override
        public void close() {
            producer.flush();
            for (int attempt = 0; !failed.isEmpty(); attempt++) {
                if (attempt == 5) {
                    throw new IllegalStateException(failed.size() + " records could not be written");
                }
                List<ProducerRecord<String, byte[]>> again = new ArrayList<>(failed);
                failed.clear();
                System.out.printf("sending %d failed record(s) again%n", again.size());
                again.forEach(this::send);
                producer.flush();
            }
            producer.close();
        }
    }
}
