package com.orthoseg.segments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** What segment-service counts, scraped at /q/metrics. */
@ApplicationScoped
public class SegmentMetrics {

    private final Counter consumed;
    private final Counter deadLettered;
    private final Counter changes;
    private final Counter profiles;
    private final Counter profilesSkipped;

    public SegmentMetrics(MeterRegistry registry) {
        this.consumed = Counter.builder("orthoseg.segments.features.consumed").description("doctor-features records consumed")
                .register(registry);
        this.deadLettered = Counter.builder("orthoseg.segments.features.dead.lettered")
                .description("doctor-features records sent to doctor-features.dlq").register(registry);
        this.changes = Counter.builder("orthoseg.segments.changes").description("SegmentChanged records written to the outbox")
                .register(registry);
        this.profiles = Counter.builder("orthoseg.segments.profiles.consumed")
                .description("doctors records consumed for the doctors' regions").register(registry);
        this.profilesSkipped = Counter.builder("orthoseg.segments.profiles.skipped")
                .description("doctors records that could not be read or stored (feature-service dead-letters them)").register(registry);
    }

    public void profilesConsumed(int records, int skipped) {
        profiles.increment(records);
        profilesSkipped.increment(skipped);
    }

    public void consumed(int records, int deadLetters, int segmentChanges) {
        consumed.increment(records);
        deadLettered.increment(deadLetters);
        changes.increment(segmentChanges);
    }
}
