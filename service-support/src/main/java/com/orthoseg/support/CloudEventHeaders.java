package com.orthoseg.support;

import com.orthoseg.events.Topic;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** CloudEvents 1.0 in binary mode, with the header names of the Kafka protocol binding. */
public final class CloudEventHeaders {

    private static final Header SPEC_VERSION = header("ce_specversion", "1.0");
    private static final Header CONTENT_TYPE = header("content-type", "application/json");

    private CloudEventHeaders() {
    }

    /**
     * @param source  the service, e.g. {@code urn:orthoseg:ingest-service}
     * @param subject the doctorId
     * @param time    the event's own time
     */
    public static List<Header> of(Topic topic, UUID id, String source, String subject, Instant time) {
        return List.of(SPEC_VERSION,
                header("ce_id", id.toString()),
                header("ce_type", topic.ceType()),
                header("ce_source", source),
                header("ce_subject", subject),
                header("ce_time", DateTimeFormatter.ISO_INSTANT.format(time)),
                CONTENT_TYPE);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
