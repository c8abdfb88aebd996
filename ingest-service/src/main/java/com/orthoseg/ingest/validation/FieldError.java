package com.orthoseg.ingest.validation;

/** One thing wrong with one field of one record. */
public record FieldError(String field, String message) {
}
