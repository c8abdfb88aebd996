package com.orthoseg.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The records, serialized the way the services serialize them, satisfy their topic's JSON Schema. */
class SchemasTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void doctorProfile() {
        assertValid(Topic.DOCTORS, new DoctorProfile("AHDCBA", "4 15", DoctorCategory.SPECIALIST,
                DoctorRank.AMBASSADOR, 49.0, 0.9, 53.85, 1.2, 49, NOW));
        assertValid(Topic.DOCTORS, new DoctorProfile("X", null, null, null, null, null, null, null, null, NOW));
    }

    @Test
    void orderPlaced() {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("A", false);
        conditions.put("C", null);
        conditions.put("J", "Before");
        conditions.put("Z", "kept");
        assertValid(Topic.ORDERS, new OrderPlaced("ABJEAI", "DGEJFDC", "AIBEHCJ", NOW, new BigDecimal("12.30"), conditions));
        assertValid(Topic.ORDERS, new OrderPlaced("ABJEAI", "DGEJFDC", null, NOW, null, Map.of()));
    }

    @Test
    void complaintAndInstructions() {
        assertValid(Topic.COMPLAINTS, new ComplaintFiled("EHAHI", "EHAHI:R&R", "R&R", 10, NOW));
        assertValid(Topic.INSTRUCTIONS, new InstructionsPreference("ADIFBD", true, NOW));
    }

    @Test
    void doctorFeaturesAndSegmentChanged() {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("ordersTotal", 3.0);
        features.put("complaintRate", null);
        assertValid(Topic.DOCTOR_FEATURES, new DoctorFeatures("D1", NOW, 7, features,
                new DoctorFeatures.Coverage(true, true, false, false)));
        assertValid(Topic.SEGMENT_CHANGES, new SegmentChanged(UUID.randomUUID(), "D1", SegmentChanged.Scheme.clusters,
                null, new SegmentChanged.SegmentRef("3", "High-volume specialists"), "clusters-1",
                SegmentChanged.Reason.FIRST_ASSIGNMENT, 0.42,
                List.of(new SegmentChanged.Driver("purchases", 40.0, 35.5, 1.8)), UUID.randomUUID(), NOW));
    }

    @Test
    void schemasRejectWhatTheContractForbids() throws Exception {
        JsonNode negativeQty = mapper.readTree(
                "{\"doctorId\":\"D\",\"complaintId\":\"D:x\",\"complaintType\":\"x\",\"qty\":0,\"filedAt\":\"2026-01-01T00:00:00Z\"}");
        assertThat(schema(Topic.COMPLAINTS).validate(negativeQty)).isNotEmpty();

        JsonNode badJ = mapper.readTree(
                "{\"doctorId\":\"D\",\"orderId\":\"O\",\"placedAt\":\"2026-01-01T00:00:00Z\",\"conditions\":{\"J\":\"Later\"}}");
        assertThat(schema(Topic.ORDERS).validate(badJ)).isNotEmpty();

        JsonNode noId = mapper.readTree("{\"region\":\"17\"}");
        assertThat(schema(Topic.DOCTORS).validate(noId)).isNotEmpty();
    }

    private void assertValid(Topic topic, Object record) {
        Set<ValidationMessage> errors = schema(topic).validate(mapper.valueToTree(record));
        assertThat(errors).as("%s against %s", record, topic.schemaResource()).isEmpty();
    }

    private static JsonSchema schema(Topic topic) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = SchemasTest.class.getResourceAsStream(topic.schemaResource())) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
