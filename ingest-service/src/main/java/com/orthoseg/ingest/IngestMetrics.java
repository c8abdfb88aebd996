package com.orthoseg.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;

/** orthoseg_ingest_records_total{type, outcome}: accepted, rejected and duplicate records per event type. */
@ApplicationScoped
public class IngestMetrics {

    public enum Outcome { accepted, rejected, duplicate }

    private final Map<EventKind, Map<Outcome, Counter>> counters = new EnumMap<>(EventKind.class);

    public IngestMetrics(MeterRegistry registry) {
        for (EventKind kind : EventKind.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("orthoseg.ingest.records")
                        .description("Records received, by event type and outcome")
                        .tag("type", kind.topic().ceType())
                        .tag("outcome", outcome.name())
                        .register(registry));
            }
            counters.put(kind, byOutcome);
        }
    }

    public void count(EventKind kind, Outcome outcome, long records) {
        if (records > 0) {
            counters.get(kind).get(outcome).increment(records);
        }
    }
}
