package com.orthoseg.ingest;

import com.orthoseg.localstack.TopicReader;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad rows, bad files and the Datacamp quirks, imported through the API to a real broker. */
@QuarkusTest
class CsvImportTest {

    @Test
    void aBrokenRowInTheMiddlePublishesAllTheOthers() {
        String d = "C-" + UUID.randomUUID();
        String csv = """
                "DoctorID","OrderID","OrderNum","Condition A","Condition J","PlacedAt","Amount"
                "%1$s","O1","N1",true,"Before",2025-01-01,10
                "%1$s","O2","N2",maybe,"Later",someday,-5
                "%1$s","O3","N3",false,null,2025-02-01T10:00:00Z,"20.50"
                ,"O4","N4",false,null,2025-02-01,1
                "%1$s","O5","N5",false
                "%1$s","O6","N6",null,"After",2025-03-01,null""".formatted(d);
        given().contentType("text/csv").body(csv)
                .when().post("/api/v1/imports/orders")
                .then().statusCode(202)
                .body("rows", equalTo(6))
                .body("accepted", equalTo(3))
                .body("rejected", equalTo(3))
                .body("rejections.line", contains(3, 5, 6))
                .body("rejections[0].reasons", contains(
                        "Condition A: expected true, false or null, got \"maybe\"",
                        "PlacedAt: expected an ISO-8601 date or instant such as 2026-03-01 or 2026-03-01T10:00:00Z, got \"someday\"",
                        "Amount: must be at least 0, got -5",
                        "Condition J: expected \"Before\", \"After\" or null, got \"Later\""))
                .body("rejections[1].reasons", contains("DoctorID: is required"))
                .body("rejections[2].reasons", contains("expected 7 columns as in the header, got 4"));

        List<ConsumerRecord<String, String>> published = TopicReader.readAll("orders", r -> d.equals(r.key()));
        assertThat(published).extracting(ConsumerRecord::value).satisfiesExactlyInAnyOrder(
                v -> assertThat(v).contains("\"orderId\":\"O1\"", "\"placedAt\":\"2025-01-01T00:00:00Z\"", "\"amount\":10"),
                v -> assertThat(v).contains("\"orderId\":\"O3\"", "\"amount\":20.50", "\"J\":null"),
                v -> assertThat(v).contains("\"orderId\":\"O6\"", "\"A\":null", "\"J\":\"After\"", "\"amount\":null"));
    }

    @Test
    void datacampQuirksAreRead() {
        String d = "Q-" + UUID.randomUUID();
        // quoted numbers, "--" for a missing satisfaction, null tokens, a rank with a space, no final newline
        String csv = "\"DoctorID\",\"Region\",\"Category\",\"Rank\",\"Incidence rate\",\"R rate\",\"Satisfaction\",\"Experience\",\"Purchases\"\n"
                + "\"" + d + "\",\"1 8 T4\",\"General Practitioner\",\"Titanium Plus\",\"12\",0.5,\"--\",null,\"7\"";
        given().contentType("text/csv").body(csv)
                .when().post("/api/v1/imports/doctors")
                .then().statusCode(202).body("accepted", equalTo(1)).body("rejected", equalTo(0));

        String value = TopicReader.readAll("doctors", r -> d.equals(r.key())).get(0).value();
        assertThat(value).contains("\"region\":\"1 8 T4\"", "\"category\":\"GENERAL_PRACTITIONER\"",
                "\"rank\":\"TITANIUM_PLUS\"", "\"incidenceRate\":12.0", "\"satisfaction\":null",
                "\"experience\":null", "\"purchases\":7");
    }

    @Test
    void duplicateRowsInAFileAreCountedAndPublishedOnce() {
        String d = "U-" + UUID.randomUUID();
        String csv = """
                "DoctorID","Complaint Type","Qty"
                "%1$s","Correct",2
                "%1$s","Correct",2
                "%1$s","Unknown",0""".formatted(d);
        given().contentType("text/csv").body(csv)
                .when().post("/api/v1/imports/complaints")
                .then().statusCode(202)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(1)).body("rejected", equalTo(1))
                .body("rejections[0].reasons", contains("Qty: must be at least 1, got 0"));
        assertThat(TopicReader.readAll("complaints", r -> d.equals(r.key()))).hasSize(1);
    }

    @Test
    void aHugeNumberIsRejectedWithoutWritingItOut() {
        given().contentType("text/csv").body("DoctorID,OrderID,Amount\nD,O,1e999999999\n")
                .when().post("/api/v1/imports/orders")
                .then().statusCode(202)
                .body("rejections[0].reasons", contains("Amount: must be at most 1000000000000, got 1E+999999999"));
    }

    @Test
    void unknownColumnsAreIgnoredAndSaidSo() {
        String d = "I-" + UUID.randomUUID();
        given().contentType("text/csv").body("DoctorID,Instructions,Notes\n" + d + ",No,call first\n")
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(202).body("accepted", equalTo(1)).body("ignoredColumns", contains("Notes"));
        given().contentType("text/csv").body("DoctorID,Instructions\n" + d + ",Maybe\n")
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(202).body("rejections[0].reasons", contains("Instructions: expected Yes or No, got \"Maybe\""));
    }

    @Test
    void filesThatCannotBeImportedAreBadRequests() {
        given().contentType("text/csv").body("")
                .when().post("/api/v1/imports/doctors")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("the file is empty"));
        given().contentType("text/csv").body("DoctorID,OrderNum\nD,N\n")
                .when().post("/api/v1/imports/orders")
                .then().statusCode(400).body("detail", containsString("lacks the required column(s) [OrderID]"));
        given().contentType("text/csv").body("DoctorID,DoctorID,Instructions\nD,D,Yes\n")
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(400).body("detail", containsString("appears twice"));
        given().contentType("text/csv").body("DoctorID,Instructions\n\"D,Yes\n")
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(400).body("detail", containsString("malformed CSV"));
        given().contentType("text/csv").body("a,b\n")
                .when().post("/api/v1/imports/referrals")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void overlongRecordsWideHeadersAndNonUtf8FilesAreRefusedWithTheReason() {
        // an unclosed quote would otherwise make the parser hold the rest of a large file as one field
        String unclosed = "DoctorID,Instructions\nD1,Yes\n\"D2,\n" + ("y".repeat(1_000) + "\n").repeat(100);
        given().contentType("text/csv").body(unclosed)
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("the record starting on line 3 is longer than 65536 characters"))
                .body("detail", containsString("the 1 rows before it were imported, 1 accepted")).body("accepted", equalTo(1));
        given().contentType("text/csv").body("DoctorID,Instructions\nD1,\"" + "y".repeat(70_000) + "\"\n")
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(400).body("detail", containsString("line 2 is longer than 65536"));
        given().contentType("text/csv").body("DoctorID,Instructions" + ",extra".repeat(64) + "\nD1,Yes\n")
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(400).body("detail", containsString("the header has 66 columns; at most 64"));
        byte[] latin1 = "DoctorID,Instructions\nM\u00fcller,Yes\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().contentType("text/csv").body(latin1)
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(400).body("detail", containsString("not UTF-8"));
        // quoted line breaks and escaped quotes do not count as the end of a record
        given().contentType("text/csv").body("DoctorID,Instructions\n\"Q\"\"1\",Yes\n\"Q2\",\"Y\nes\"\n")
                .when().post("/api/v1/imports/instructions")
                .then().statusCode(202).body("rows", equalTo(2));
    }
}
