package com.orthoseg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.localstack.ConsumerOffsets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The reference of the feature benchmark: a small Kafka Streams application that keeps every doctor's
 * order times and amounts in a RocksDB store (exactly_once_v2) and emits, per order, the 30/90/365-day
 * counts, the amount sum and the last order time as of that doctor's newest order.
 */
final class StreamsReference {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DAY = 86_400;

    private StreamsReference() {
    }

    /** Runs the application over the whole orders topic; answers the seconds until its offsets reached the end. */
    static double run(String bootstrap, int orders) throws Exception {
        Path stateDir = Files.createTempDirectory("bench-streams-");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             ConsumerOffsets offsets = new ConsumerOffsets(bootstrap)) {
            admin.createTopics(List.of(new NewTopic("bench-streams-features", 12, (short) 1))).all().get();
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-streams");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            props.put("consumer.auto.offset.reset", "earliest");

            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("orders", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                    .groupByKey()
                    .aggregate(() -> new byte[0], (doctor, value, history) -> append(history, value),
                            Materialized.with(Serdes.String(), Serdes.ByteArray()))
                    .toStream()
                    .mapValues(StreamsReference::features)
                    .to("bench-streams-features", Produced.with(Serdes.String(), Serdes.String()));

            try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
                streams.start();
                long start = System.nanoTime();
                long lastReport = start;
                while (offsets.lag("bench-streams", List.of("orders")) > 0) {
                    Thread.sleep(200);
                    if (System.nanoTime() - lastReport > 10_000_000_000L) {
                        System.out.printf("Kafka Streams: lag %d after %.0f s%n",
                                offsets.lag("bench-streams", List.of("orders")), (System.nanoTime() - start) / 1e9);
                        lastReport = System.nanoTime();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                streams.close(Duration.ofSeconds(30));
                streams.cleanUp();
                return seconds;
            }
        } finally {
            try (var paths = Files.walk(stateDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The history is a sequence of (epoch second, amount in cents) pairs. */
    private static byte[] append(byte[] history, byte[] order) {
        try {
            JsonNode json = MAPPER.readTree(order);
            long placedAt = Instant.parse(json.get("placedAt").asText()).getEpochSecond();
            long cents = json.get("amount").decimalValue().movePointRight(2).longValueExact();
            return ByteBuffer.allocate(history.length + 16).put(history).putLong(placedAt).putLong(cents).array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String features(byte[] history) {
        ByteBuffer buffer = ByteBuffer.wrap(history);
        long last = Long.MIN_VALUE;
        for (int i = 0; i < history.length; i += 16) {
            last = Math.max(last, buffer.getLong(i));
        }
        int d30 = 0;
        int d90 = 0;
        int d365 = 0;
        long amount = 0;
        for (int i = 0; i < history.length; i += 16) {
            long age = last - buffer.getLong(i);
            d30 += age < 30 * DAY ? 1 : 0;
            d90 += age < 90 * DAY ? 1 : 0;
            d365 += age < 365 * DAY ? 1 : 0;
            amount += buffer.getLong(i + 8);
        }
        return "{\"orders30d\":" + d30 + ",\"orders90d\":" + d90 + ",\"orders365d\":" + d365
                + ",\"amountTotal\":" + amount / 100.0 + ",\"lastOrder\":\"" + Instant.ofEpochSecond(last) + "\"}";
    }
}
