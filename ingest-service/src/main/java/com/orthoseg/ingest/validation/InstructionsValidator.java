package com.orthoseg.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.events.InstructionsPreference;

import java.time.Instant;
import java.util.Set;

final class InstructionsValidator implements RecordValidator {

    private static final Set<String> FIELDS = Set.of("doctorId", "includesSpecialInstructions", "updatedAt");

    @Override
    public Validated validate(JsonNode record, Instant receivedAt) {
        Fields fields = new Fields(record, FIELDS);
        String doctorId = fields.requiredId("doctorId");
        Boolean includes = fields.requiredBoolean("includesSpecialInstructions");
        Instant updatedAt = fields.optionalInstant("updatedAt", receivedAt);
        if (fields.hasErrors()) {
            return Validated.invalid(fields.errors());
        }
        Instant time = updatedAt == null ? receivedAt : updatedAt;
        InstructionsPreference preference = new InstructionsPreference(doctorId, includes, time);
        return Validated.valid(new ValidEvent(preference.eventId(updatedAt != null), doctorId, time, preference));
    }
}
