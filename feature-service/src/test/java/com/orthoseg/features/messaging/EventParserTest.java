package com.orthoseg.features.messaging;

import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.Topic;
import com.orthoseg.support.CloudEventHeaders;
import com.orthoseg.support.ContractViolation;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the contract lets through: {@link EventParser#parse} on hand-made records, with the service's
 * own ObjectMapper and no broker; DeadLetterTest shows refused records reaching the DLQ through the real one.
 */
@QuarkusTest
class EventParserTest {

    private static final String DOCTOR = "D1";
    private static final String ORDER = "\"doctorId\":\"D1\",\"orderId\":\"O1\",\"placedAt\":\"2026-02-01T00:00:00Z\"";

    @Inject
    EventParser parser;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "orders       | {" + ORDER + ",\"conditions\":{\"A\":\"yes\"}}      | conditions.A is not true, false or null",
            "orders       | {" + ORDER + ",\"conditions\":{\"B\":1}}            | conditions.B is not true, false or null",
            "orders       | {" + ORDER + ",\"conditions\":{\"J\":\"after\"}}    | conditions.J is not \"Before\", \"After\" or null",
            "orders       | {" + ORDER + ",\"amount\":\"12.5\",\"conditions\":{}} | not a valid OrderPlaced: Cannot coerce String value",
            "orders       | {" + ORDER + ",\"amount\":-1,\"conditions\":{}}     | amount is negative",
            "orders       | {" + ORDER + "}                                     | conditions is missing",
            "orders       | {" + ORDER + ",\"amount\":\"\",\"conditions\":{}}   | not a valid OrderPlaced: Cannot coerce empty String",
            "orders       | {\"doctorId\":\"D1\",\"orderId\":17,\"placedAt\":\"2026-02-01T00:00:00Z\",\"conditions\":{}} | not a valid OrderPlaced: Cannot coerce Integer value",
            "doctors      | {\"doctorId\":\"D1\",\"rank\":3}                  | not a valid DoctorProfile:",
            "complaints   | {\"doctorId\":\"D1\",\"complaintId\":\"c\",\"complaintType\":\"Correct\",\"qty\":2.5,\"filedAt\":\"2026-02-01T00:00:00Z\"} | not a valid ComplaintFiled: Cannot coerce Floating-point value",
            "complaints   | {\"doctorId\":\"D1\",\"complaintId\":\"c\",\"complaintType\":\"Correct\",\"filedAt\":\"2026-02-01T00:00:00Z\"} | not a valid ComplaintFiled: Missing creator property 'qty'",
            "instructions | {\"doctorId\":\"D1\",\"updatedAt\":\"2026-02-01T00:00:00Z\"} | not a valid InstructionsPreference: Missing creator property 'includesSpecialInstructions'",
            "instructions | {\"doctorId\":\"D1\",\"includesSpecialInstructions\":null,\"updatedAt\":\"2026-02-01T00:00:00Z\"} | not a valid InstructionsPreference: Cannot map `null` into type `boolean`",
            "instructions | {\"doctorId\":\"D1\",\"includesSpecialInstructions\":\"true\",\"updatedAt\":\"2026-02-01T00:00:00Z\"} | not a valid InstructionsPreference: Cannot coerce String value",
            "doctors      | {\"doctorId\":\"D1\",\"satisfaction\":500}            | satisfaction is outside -100 to 100",
            "doctors      | {\"doctorId\":\"D1\",\"experience\":-2}               | experience is negative or not finite",
            "doctors      | {\"doctorId\":\"D1\",\"incidenceRate\":1e400}         | incidenceRate is negative or not finite",
            "doctors      | {\"doctorId\":\"D1\",\"purchases\":-1}                | purchases is negative",
            "doctors      | {\"doctorId\":\"D1\",\"purchases\":3.5}               | not a valid DoctorProfile: Cannot coerce Floating-point value",
            "doctors      | {\"doctorId\":\"D1\",\"rank\":\"BRONZE\"}             | not a valid DoctorProfile: Cannot deserialize value of type",
            "doctors      | {\"doctorId\":\"D1\",\"updatedAt\":\"2200-01-01T00:00:00Z\"} | updatedAt is more than a day in the future",
            "orders       | {\"doctorId\":\"D1\",\"orderId\":\"O1\",\"placedAt\":\"0000-12-31T00:00:00Z\",\"conditions\":{}} | placedAt is before the year 1",
    })
    void aRecordThatBreaksTheContractIsRefusedWithTheReason(String topic, String json, String reason) {
        assertThatThrownBy(() -> parser.parse(record(topic, json, 0))).isInstanceOf(ContractViolation.class)
                .message().startsWith(reason);
    }

    @Test
    void anEventDatedUpToADayAheadIsAcceptedAndOneLaterIsNot() throws ContractViolation {
        Instant soon = Instant.now().plus(Duration.ofHours(12)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant later = Instant.now().plus(Duration.ofDays(2));

        assertThat(parser.parse(record("orders", order(soon), 0)).time()).isEqualTo(soon);
        assertThatThrownBy(() -> parser.parse(record("orders", order(later), 0)))
                .hasMessage("placedAt is more than a day in the future");
    }

    @Test
    void aProfileWithoutUpdatedAtTakesTheRecordsTimestamp() throws ContractViolation {
        long timestamp = Instant.parse("2026-03-04T05:06:07Z").toEpochMilli();

        IncomingEvent event = parser.parse(record("doctors", "{\"doctorId\":\"D1\",\"region\":\"Basel\"}", timestamp));

        assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(timestamp));
        assertThat(((DoctorProfile) event.payload()).updatedAt()).isEqualTo(Instant.ofEpochMilli(timestamp));
    }

    @Test
    void conditionsOtherThanAToJAndNullsPassAsGiven() throws ContractViolation {
        IncomingEvent event = parser.parse(record("orders", "{" + ORDER + ",\"amount\":12.50,"
                + "\"conditions\":{\"A\":true,\"B\":null,\"J\":\"After\",\"K\":\"anything\"}}", 0));

        OrderPlaced order = (OrderPlaced) event.payload();
        assertThat(order.amount()).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(order.conditions()).containsEntry("A", true).containsEntry("J", "After").containsEntry("K", "anything")
                .containsKey("B");
    }

    @Test
    void idsUpTo128AndTextsUpTo1000CharactersPassAndLongerOnesAreRefusedAsIngestRefusesThem() throws ContractViolation {
        String id = "i".repeat(128);
        String text = "t".repeat(1_000);
        String at = "\"2026-02-01T00:00:00Z\"";
        parser.parse(record("orders", "{\"doctorId\":\"D1\",\"orderId\":\"" + id + "\",\"orderNum\":\"" + id
                + "\",\"placedAt\":" + at + ",\"conditions\":{}}", 0));
        parser.parse(record("complaints", "{\"doctorId\":\"D1\",\"complaintId\":\"" + id + "\",\"complaintType\":\"" + text
                + "\",\"qty\":1,\"filedAt\":" + at + "}", 0));
        parser.parse(record("doctors", "{\"doctorId\":\"D1\",\"region\":\"" + text + "\"}", 0));
        parser.parse(record("instructions", "{\"doctorId\":\"" + id + "\",\"includesSpecialInstructions\":true,\"updatedAt\":"
                + at + "}", 0, id));

        Map<String, ConsumerRecord<String, byte[]>> longer = Map.of(
                "orderId is longer than 128 characters", record("orders", "{\"doctorId\":\"D1\",\"orderId\":\"" + id
                        + "i\",\"placedAt\":" + at + ",\"conditions\":{}}", 0),
                "orderNum is longer than 128 characters", record("orders", "{\"doctorId\":\"D1\",\"orderId\":\"O1\",\"orderNum\":\""
                        + id + "i\",\"placedAt\":" + at + ",\"conditions\":{}}", 0),
                "complaintId is longer than 128 characters", record("complaints", "{\"doctorId\":\"D1\",\"complaintId\":\"" + id
                        + "i\",\"complaintType\":\"Correct\",\"qty\":1,\"filedAt\":" + at + "}", 0),
                "complaintType is longer than 1000 characters", record("complaints", "{\"doctorId\":\"D1\",\"complaintId\":\"c\","
                        + "\"complaintType\":\"" + text + "t\",\"qty\":1,\"filedAt\":" + at + "}", 0),
                "region is longer than 1000 characters", record("doctors", "{\"doctorId\":\"D1\",\"region\":\"" + text + "t\"}", 0),
                "doctorId is longer than 128 characters", record("instructions", "{\"doctorId\":\"" + id + "i\","
                        + "\"includesSpecialInstructions\":true,\"updatedAt\":" + at + "}", 0, id + "i"));
        longer.forEach((reason, record) -> assertThatThrownBy(() -> parser.parse(record)).hasMessage(reason));
    }

    /**
     * A mapper that cannot build an event type at all, as a native executable without the type's reflection
     * data: the service's fault, not the record's, so the poll fails instead of every record going to the DLQ.
     */
    @Test
    void aTypeTheMapperCannotBuildFailsThePollInsteadOfDeadLetteringTheRecord() {
        com.fasterxml.jackson.databind.module.SimpleModule broken = new com.fasterxml.jackson.databind.module.SimpleModule()
                .addDeserializer(OrderPlaced.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
                    @Override
                    public OrderPlaced deserialize(com.fasterxml.jackson.core.JsonParser p,
                                                   com.fasterxml.jackson.databind.DeserializationContext context)
                            throws java.io.IOException {
                        throw com.fasterxml.jackson.databind.exc.InvalidDefinitionException.from(p, "no creator for OrderPlaced",
                                context.constructType(OrderPlaced.class));
                    }
                });
        EventParser withoutOrders = new EventParser(new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).registerModule(broken));

        assertThatThrownBy(() -> withoutOrders.parse(record("orders", order(Instant.parse("2026-02-01T00:00:00Z")), 0)))
                .isInstanceOf(IllegalStateException.class).hasMessage("Cannot read OrderPlaced at all: no creator for OrderPlaced");
    }

    @Test
    void aRecordOfAnotherCloudEventsTypeOnATopicIsRefused() {
        ConsumerRecord<String, byte[]> record = record("orders", order(Instant.parse("2026-02-01T00:00:00Z")), 0);
        record.headers().remove("ce_type");
        assertThatThrownBy(() -> parser.parse(record)).hasMessage("no ce_type header");
        record.headers().add("ce_type", "orthoseg.order.cancelled.v1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parser.parse(record))
                .hasMessage("ce_type is not orthoseg.order.placed.v1 but orthoseg.order.cancelled.v1");
    }

    private static String order(Instant placedAt) {
        return "{\"doctorId\":\"D1\",\"orderId\":\"O1\",\"placedAt\":\"" + placedAt + "\",\"conditions\":{}}";
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String json, long timestamp) {
        return record(topic, json, timestamp, DOCTOR);
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String json, long timestamp, String key) {
        Topic own = Arrays.stream(Topic.values()).filter(t -> t.topicName().equals(topic)).findFirst().orElseThrow();
        RecordHeaders headers = new RecordHeaders(CloudEventHeaders.of(own, UUID.randomUUID(), "urn:test", key, Instant.EPOCH));
        return new ConsumerRecord<>(topic, 0, 0, timestamp, TimestampType.CREATE_TIME, 0, 0, key,
                json.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }
}
