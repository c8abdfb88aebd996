package com.orthoseg.bench;

import com.orthoseg.localstack.PackagedService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Packaged services against the benchmark's local stack, HTTP, and a producer for load. */
final class BenchSupport {

    private BenchSupport() {
    }

    static Path root() {
        return Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();
    }

    static Path logs() throws IOException {
        return Files.createDirectories(root().resolve("bench/target"));
    }

    /**
     * {@code <service>/target/quarkus-app/quarkus-run.jar} against the benchmark's local stack, not started
     * yet; 1 GiB of heap, and -Dbench.serviceJvmArgs adds JVM options. Output in bench/target/bench-<service>.log.
     */
    static PackagedService service(String service, Map<String, String> environment) throws IOException {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty("bench.serviceJvmArgs", "");
        if (!extra.isBlank()) {
            jvmArgs.addAll(List.of(extra.trim().split("\\s+")));
        }
        return new PackagedService(root(), service, environment, jvmArgs, logs().resolve("bench-" + service + ".log"));
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A producer for load: acks=all, large lz4 batches; a record whose send fails is sent again after
     * the flush on close (batches expiring unsent are seen right after the broker starts; they fail after
     * 20 s instead of the default 120 s), which is safe because the services apply each event id once.
     */
    static final class ReliableSender implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final Queue<ProducerRecord<String, byte[]>> failed = new ConcurrentLinkedQueue<>();
        private volatile Exception firstFailure;

        ReliableSender(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000), new StringSerializer(), new ByteArraySerializer());
        }

        void send(ProducerRecord<String, byte[]> record) {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    if (firstFailure == null) {
                        firstFailure = failure;
                    }
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
                System.out.printf("sending %d failed record(s) again (%s)%n", again.size(), firstFailure);
                again.forEach(this::send);
                producer.flush();
            }
            producer.close();
        }
    }
}
