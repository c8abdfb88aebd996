package com.orthoseg.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.Topic;
import com.orthoseg.localstack.LocalStackResource;
import com.orthoseg.localstack.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed requests, generated from valid records and Datacamp rows with a fixed seed:
 * broken and truncated JSON, wrong types, huge numbers, deep nesting, control characters, invalid
 * UTF-8, truncated NDJSON and CSV. No answer is a 5xx, every refusal is problem+json, and what reached
 * Kafka is exactly what the answers say was accepted, every record valid against its topic's schema and
 * free of control characters.
 */
@QuarkusTest
class IngestFuzzTest {

    private static final int CASES_PER_KIND_AND_FORMAT = 350;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KINDS = List.of("doctors", "orders", "complaints", "instructions");
    private static final Map<String, String> VALID = Map.of(
            "doctors", """
                    {"doctorId":"FZ-D","region":"4 15","category":"SPECIALIST","rank":"AMBASSADOR","incidenceRate":49,\
                    "rRate":0.9,"satisfaction":53.85,"experience":1.2,"purchases":49}""",
            "orders", """
                    {"doctorId":"FZ-D","orderId":"FZ-O","orderNum":"N1","placedAt":"2026-03-01T10:15:00Z","amount":1250.00,\
                    "conditions":{"A":false,"B":true,"J":"Before"}}""",
            "complaints", """
                    {"doctorId":"FZ-D","complaintType":"Correct","qty":10,"filedAt":"2026-02-11"}""",
            "instructions", """
                    {"doctorId":"FZ-D","includesSpecialInstructions":true}""");
    private static final List<String> HOSTILE_VALUES = List.of("\"\\u0000\"", "\"\\ud800\"", "\"a\\u0007b\"", "1e400", "-1e400",
            "123456789012345678901234567890123456789", "1" + "0".repeat(2_000), "[]", "{}", "true", "null", "\"\"",
            "\"" + "x".repeat(5_000) + "\"", "[".repeat(3_000) + "]".repeat(3_000), "\"2026-13-45T99:00:00Z\"", "-0", "NaN", "0x10");
    private static final byte[][] HOSTILE_BYTES = {{0}, {1}, {0x1f}, {0x7f}, {(byte) 0xff}, {(byte) 0xc3, 0x28},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {'"'}, {'{'}, {'}'}, {','}, {'\n'}, {'\\'}, {'\r'}, {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}};

    private final Random random = new Random(20261123);

    private record Case(String path, String contentType, byte[] body) {
        String describe() {
            String text = new String(body, StandardCharsets.UTF_8);
            return path + " " + contentType + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    @Test
    void malformedInputNeverBreaksTheServiceNorReachesKafka() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        List<Case> cases = new ArrayList<>();
        for (String kind : KINDS) {
            for (int i = 0; i < CASES_PER_KIND_AND_FORMAT; i++) {
                cases.add(new Case("/api/v1/" + kind, "application/json", jsonBody(kind)));
                cases.add(new Case("/api/v1/" + kind, "application/x-ndjson", ndjsonBody(kind)));
                cases.add(new Case("/api/v1/imports/" + kind, "text/csv", csvBody(kind)));
            }
        }

        long accepted = 0;
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Case c : cases) {
            Response response = given().contentType(c.contentType()).body(c.body()).post(c.path());
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as(c.describe()).isLessThan(500);
            if (status >= 400) {
                assertThat(response.contentType()).as(c.describe()).startsWith("application/problem+json");
                JsonNode problem = JSON.readTree(response.asByteArray());
                assertThat(problem.path("status").asInt()).as(c.describe()).isEqualTo(status);
                accepted += problem.path("accepted").asLong(0); // the rows of a CSV file before its broken part
            } else {
                accepted += response.jsonPath().getLong("accepted");
            }
        }
        System.out.printf("fuzz: %d requests, answers %s, %d records accepted%n", cases.size(), statuses, accepted);
        assertThat(statuses.keySet()).as("refusals as well as acceptances were generated").contains(202, 400);

        List<ConsumerRecord<String, String>> published = new ArrayList<>();
        for (Topic topic : List.of(Topic.DOCTORS, Topic.ORDERS, Topic.COMPLAINTS, Topic.INSTRUCTIONS)) {
            for (ConsumerRecord<String, String> record : TopicReader.readAll(topic.topicName(),
                    r -> r.offset() >= before.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L))) {
                published.add(record);
                assertThat(EventSchemas.validate(topic, record.value())).as(record.value()).isEmpty();
                assertThat(record.value().chars().noneMatch(ch -> ch < 0x20)).as(record.value()).isTrue();
                assertThat(controlFree(JSON.readTree(record.value()))).as(record.value()).isTrue();
            }
        }
        assertThat(published).hasSize((int) accepted);
    }

    /** The valid record with one to three mutations, or an array of them. */
    private byte[] jsonBody(String kind) {
        if (random.nextInt(5) == 0) {
            List<String> records = new ArrayList<>();
            for (int i = random.nextInt(4) + 1; i > 0; i--) {
                records.add(new String(mutate(VALID.get(kind).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            }
            return ("[" + String.join(",", records) + "]").getBytes(StandardCharsets.UTF_8);
        }
        return mutate(VALID.get(kind).getBytes(StandardCharsets.UTF_8));
    }

    /** Several lines, some mutated, the last one often cut short. */
    private byte[] ndjsonBody(String kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = random.nextInt(5) + 1;
        for (int i = 0; i < lines; i++) {
            byte[] line = withId(VALID.get(kind), i).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(random.nextBoolean() ? mutate(line) : line);
            out.write('\n');
        }
        byte[] body = out.toByteArray();
        return random.nextInt(3) == 0 ? Arrays.copyOf(body, random.nextInt(body.length + 1)) : body;
    }

    /** The Datacamp file's header and first rows, mutated as bytes. */
    private byte[] csvBody(String kind) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("datacamp.dir"), kind + ".csv")).subList(0, 6);
        byte[] file = (String.join(random.nextBoolean() ? "\n" : "\r\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] mutated = mutate(file);
        return random.nextInt(4) == 0 ? Arrays.copyOf(mutated, random.nextInt(mutated.length + 1)) : mutated;
    }

    private String withId(String record, int i) {
        return record.replace("FZ-O", "FZ-O" + i);
    }

    private byte[] mutate(byte[] input) {
        byte[] bytes = input;
        for (int n = random.nextInt(3) + 1; n > 0; n--) {
            bytes = switch (random.nextInt(5)) {
                case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                case 1 -> insert(bytes, HOSTILE_BYTES[random.nextInt(HOSTILE_BYTES.length)]);
                case 2 -> delete(bytes);
                default -> replaceValue(bytes);
            };
        }
        return bytes;
    }

    private byte[] insert(byte[] bytes, byte[] inserted) {
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private byte[] delete(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int from = random.nextInt(bytes.length);
        int to = Math.min(bytes.length, from + 1 + random.nextInt(8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, from);
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }

    /** Replaces the value after a random ':' (JSON) or ',' (CSV) with a hostile one. */
    private byte[] replaceValue(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<Integer> separators = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':' || text.charAt(i) == ',') {
                separators.add(i);
            }
        }
        if (separators.isEmpty()) {
            return bytes;
        }
        int at = separators.get(random.nextInt(separators.size())) + 1;
        int end = at;
        while (end < text.length() && ",}\n".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String hostile = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(hostile.getBytes(StandardCharsets.UTF_8));
        out.write(bytes, end, bytes.length - end);
        return out.toByteArray();
    }

    private static boolean controlFree(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f);
        }
        for (JsonNode child : node) {
            if (!controlFree(child)) {
                return false;
            }
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            if (!controlFree(JSON.getNodeFactory().textNode(names.next()))) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = LocalStackResource.stack().admin()) {
            List<String> topics = List.of("doctors", "orders", "complaints", "instructions");
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
