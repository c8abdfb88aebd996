package com.orthoseg.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.events.ComplaintFiled;

import java.time.Instant;
import java.util.Set;

final class ComplaintValidator implements RecordValidator {

    private static final Set<String> FIELDS = Set.of("doctorId", "complaintId", "complaintType", "qty", "filedAt");

    @Override
    public Validated validate(JsonNode record, Instant receivedAt) {
        Fields fields = new Fields(record, FIELDS);
        String doctorId = fields.requiredId("doctorId");
        String complaintId = fields.optionalText("complaintId", Fields.MAX_ID_LENGTH);
        String complaintType = fields.requiredText("complaintType");
        Integer qty = fields.requiredInteger("qty", 1);
        Instant filedAt = fields.optionalInstant("filedAt", receivedAt);
        if (complaintId != null && complaintId.isBlank()) {
            fields.error("complaintId", "must not be blank; leave it out to use <doctorId>:<complaintType>");
        }
        if (fields.hasErrors()) {
            return Validated.invalid(fields.errors());
        }
        Instant time = filedAt == null ? receivedAt : filedAt;
        String id = complaintId == null ? ComplaintFiled.aggregatedComplaintId(doctorId, complaintType) : complaintId;
        ComplaintFiled complaint = new ComplaintFiled(doctorId, id, complaintType, qty, time);
        return Validated.valid(new ValidEvent(complaint.eventId(filedAt != null), doctorId, time, complaint));
    }
}
