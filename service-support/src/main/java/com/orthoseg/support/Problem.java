package com.orthoseg.support;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names every bad field with the record's index in the
 * request; {@code accepted}, when present, counts the records published before the request stopped (a
 * CSV import streams its rows, so a file broken halfway has had its earlier rows imported).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Error> errors, Long accepted) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, List<Error> errors) {
        this(type, title, status, detail, errors, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(Integer index, String field, String message) {
    }
}
