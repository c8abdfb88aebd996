package com.orthoseg.segments.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.Topic;
import com.orthoseg.segments.assign.DoctorState;
import com.orthoseg.support.ContractViolation;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.orthoseg.support.ContractViolation.eventId;
import static com.orthoseg.support.ContractViolation.require;
import static com.orthoseg.support.ContractViolation.requireType;

/** Reads a doctor-features record, or says why it breaks the contract (for doctor-features.dlq). */
@ApplicationScoped
public class FeaturesParser {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private final ObjectMapper mapper;

    public FeaturesParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public DoctorState parse(ConsumerRecord<String, byte[]> record) throws ContractViolation {
        UUID eventId = eventId(record);
        requireType(record, Topic.DOCTOR_FEATURES);
        require(record.value() != null, "no value");
        DoctorFeatures features;
        try {
            features = mapper.readValue(record.value(), DoctorFeatures.class);
        } catch (IOException e) {
            throw new ContractViolation("not a valid DoctorFeatures: " + e.getMessage());
        }
        require(features.doctorId() != null && !features.doctorId().isBlank(), "doctorId is missing");
        require(features.doctorId().equals(record.key()), "the record key is not the doctorId");
        require(features.asOf() != null, "asOf is missing");
        require(!features.asOf().isBefore(EARLIEST) && features.asOf().isBefore(LATEST), "asOf is outside the years 1 to 9999");
        require(features.sequence() >= 0, "sequence is negative");
        require(features.features() != null, "features is missing");
        require(features.coverage() != null, "coverage is missing");
        for (Map.Entry<String, Double> feature : features.features().entrySet()) {
            Double value = feature.getValue();
            require(value == null || Double.isFinite(value), "feature " + feature.getKey() + " is not a finite number");
        }
        return new DoctorState(features.doctorId(), features.sequence(), features.asOf(), eventId, features.features(),
                features.coverage());
    }
}
