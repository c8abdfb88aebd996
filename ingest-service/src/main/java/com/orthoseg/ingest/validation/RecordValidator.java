package com.orthoseg.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.ingest.EventKind;

import java.time.Instant;

/** Turns one incoming JSON record into a contract event, or says everything wrong with it. */
public interface RecordValidator {

    /**
     * @param receivedAt stands in for the event's time when the record has none
     */
    Validated validate(JsonNode record, Instant receivedAt);

    static RecordValidator of(EventKind kind) {
        return switch (kind) {
            case DOCTORS -> new DoctorProfileValidator();
            case ORDERS -> new OrderValidator();
            case COMPLAINTS -> new ComplaintValidator();
            case INSTRUCTIONS -> new InstructionsValidator();
        };
    }
}
