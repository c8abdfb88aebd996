package com.orthoseg.segments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.orthoseg.events.SegmentChanged;
import com.orthoseg.localstack.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A CRM-like subscriber: a plain read_committed consumer of segment-changes, from the beginning. */
final class SegmentChanges {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private SegmentChanges() {
    }

    /** Every change of the doctors the filter accepts, each checked against its record's key and headers. */
    static List<SegmentChanged> of(Predicate<String> doctors) {
        return TopicReader.readAll("segment-changes", record -> doctors.test(record.key())).stream()
                .map(SegmentChanges::checked).toList();
    }

    private static SegmentChanged checked(ConsumerRecord<String, String> record) {
        try {
            SegmentChanged change = MAPPER.readValue(record.value(), SegmentChanged.class);
            assertThat(record.key()).isEqualTo(change.doctorId());
            assertThat(TopicReader.header(record, "ce_id")).isEqualTo(change.eventId().toString());
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo("orthoseg.segment.changed.v1");
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(change.doctorId());
            return change;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
