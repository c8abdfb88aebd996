package com.orthoseg.ingest.validation;

import java.util.List;

/** The outcome of validating one record: an event, or every error found in it. */
public record Validated(ValidEvent event, List<FieldError> errors) {

    public static Validated valid(ValidEvent event) {
        return new Validated(event, List.of());
    }

    public static Validated invalid(List<FieldError> errors) {
        return new Validated(null, List.copyOf(errors));
    }

    public boolean isValid() {
        return event != null;
    }
}
