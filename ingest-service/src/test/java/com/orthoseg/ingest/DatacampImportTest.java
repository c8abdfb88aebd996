package com.orthoseg.ingest;

import com.orthoseg.localstack.TopicReader;

import com.orthoseg.events.Topic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The four real Datacamp files, imported through the API and read back from Kafka. */
@QuarkusTest
class DatacampImportTest {

    static final Path DATACAMP = Path.of(System.getProperty("datacamp.dir", "../../shared/datasets/datacamp"));

    @Test
    void importsEveryFileWithExactCountsAndRejections() throws IOException {
        JsonPath doctors = importFile("doctors");
        assertThat(doctors.getLong("rows")).isEqualTo(437);
        assertThat(doctors.getLong("accepted")).isEqualTo(437);
        assertThat(doctors.getLong("rejected")).isZero();

        // 257 rows; the 8 OrderIDs that appear twice differ in their conditions: corrections, not duplicates
        JsonPath orders = importFile("orders");
        assertThat(orders.getLong("rows")).isEqualTo(257);
        assertThat(orders.getLong("accepted")).isEqualTo(257);
        assertThat(orders.getLong("duplicates")).isZero();

        // two rows have a null Complaint Type
        JsonPath complaints = importFile("complaints");
        assertThat(complaints.getLong("rows")).isEqualTo(435);
        assertThat(complaints.getLong("accepted")).isEqualTo(433);
        assertThat(complaints.getLong("rejected")).isEqualTo(2);
        assertThat(complaints.getList("rejections.line", Integer.class)).containsExactly(87, 357);
        assertThat(complaints.getList("rejections.reasons", List.class))
                .containsOnly(List.of("Complaint Type: is required"));

        JsonPath instructions = importFile("instructions");
        assertThat(instructions.getLong("accepted")).isEqualTo(77);

        assertThat(eventIdsOnTopic(Topic.DOCTORS, "doctors")).hasSize(437);
        assertThat(eventIdsOnTopic(Topic.ORDERS, "orders")).hasSize(257);
        assertThat(eventIdsOnTopic(Topic.COMPLAINTS, "complaints")).hasSize(433);
        assertThat(eventIdsOnTopic(Topic.INSTRUCTIONS, "instructions")).hasSize(77);
    }

    @Test
    void reimportingAFileGivesTheSameEventIds() throws IOException {
        importFile("orders");
        Map<String, Long> first = eventIdCounts(Topic.ORDERS, "orders");
        importFile("orders");
        Map<String, Long> second = eventIdCounts(Topic.ORDERS, "orders");

        assertThat(second.keySet()).isEqualTo(first.keySet());
        second.forEach((id, count) -> assertThat(count).as(id).isEqualTo(first.get(id) + 1));
    }

    static JsonPath importFile(String kind) throws IOException {
        return given().contentType("text/csv").body(Files.readAllBytes(DATACAMP.resolve(kind + ".csv")))
                .when().post("/api/v1/imports/" + kind)
                .then().statusCode(202)
                .extract().jsonPath();
    }

    private static Set<String> eventIdsOnTopic(Topic topic, String file) throws IOException {
        return eventIdCounts(topic, file).keySet();
    }

    /** ce_id → how many records carry it, over the records keyed by a doctor of the file. */
    private static Map<String, Long> eventIdCounts(Topic topic, String file) throws IOException {
        Set<String> doctorIds = doctorIdsOf(file);
        List<ConsumerRecord<String, String>> records =
                TopicReader.readAll(topic.topicName(), record -> doctorIds.contains(record.key()));
        return records.stream().collect(Collectors.groupingBy(r -> TopicReader.header(r, "ce_id"), Collectors.counting()));
    }

    private static Set<String> doctorIdsOf(String file) throws IOException {
        try (var lines = Files.lines(DATACAMP.resolve(file + ".csv"))) {
            return lines.skip(1).map(line -> line.substring(1, line.indexOf('"', 1))).collect(Collectors.toSet());
        }
    }
}
