package com.orthoseg.ingest.publish;

import com.orthoseg.events.Topic;
import com.orthoseg.ingest.validation.ValidEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** CloudEvents 1.0 in binary mode, as the Kafka protocol binding names the headers. */
final class CloudEventHeaders {

    static final String SOURCE = "urn:orthoseg:ingest-service";
    private static final Header SPEC_VERSION = header("ce_specversion", "1.0");
    private static final Header SOURCE_HEADER = header("ce_source", SOURCE);
    private static final Header CONTENT_TYPE = header("content-type", "application/json");

    private CloudEventHeaders() {
    }

    static List<Header> of(Topic topic, ValidEvent event) {
        return List.of(SPEC_VERSION,
                header("ce_id", event.eventId().toString()),
                header("ce_type", topic.ceType()),
                SOURCE_HEADER,
                header("ce_subject", event.doctorId()),
                header("ce_time", DateTimeFormatter.ISO_INSTANT.format(event.time())),
                CONTENT_TYPE);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
