package com.orthoseg.segments.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.EventTimes;
import com.orthoseg.segments.SegmentMetrics;
import com.orthoseg.segments.store.RegionStore;
import com.orthoseg.support.RefusedRecords;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each doctor's region from the doctors topic: the reports group doctors by region, which is not
 * a feature. feature-service owns that topic's contract and its dead letters, so a record that cannot
 * be read here, or that PostgreSQL refuses ({@link RefusedRecords}), is counted and skipped rather
 * than dead-lettered a second time.
 */
@ApplicationScoped
public class RegionsConsumer {

    private final ObjectMapper mapper;
    private final RegionStore store;
    private final SegmentMetrics metrics;

    public RegionsConsumer(ObjectMapper mapper, RegionStore store, SegmentMetrics metrics) {
        this.mapper = mapper;
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming("profiles")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        Map<String, DoctorProfile> newest = new HashMap<>();
        int unreadable = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            DoctorProfile profile = read(record);
            if (profile == null) {
                unreadable++;
            } else {
                newest.merge(profile.doctorId(), profile, (old, now) -> now.updatedAt().isBefore(old.updatedAt()) ? old : now);
            }
        }
        int skipped = unreadable;
        // each refused profile counts 1 skipped, an applied batch 0
        return RefusedRecords.apply(List.copyOf(newest.values()), profiles -> store.upsert(profiles).replaceWith(0),
                        (profile, refusal) -> Uni.createFrom().item(1), Integer::sum)
                .invoke(refused -> metrics.profilesConsumed(records.count(), skipped + refused))
                .replaceWithVoid();
    }

    private DoctorProfile read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            DoctorProfile profile = mapper.readValue(record.value(), DoctorProfile.class);
            // as feature-service reads it: without updatedAt (only doctorId is required) the record's time stands in
            Instant updatedAt = profile.updatedAt() != null ? profile.updatedAt()
                    : record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
            boolean valid = profile.doctorId() != null && profile.doctorId().equals(record.key()) && updatedAt != null
                    && !updatedAt.isBefore(EventTimes.EARLIEST) && !updatedAt.isAfter(EventTimes.latestPossible(Instant.now()))
                    && (profile.region() == null || profile.region().indexOf('\0') < 0);
            return valid ? profile.withUpdatedAt(updatedAt) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
