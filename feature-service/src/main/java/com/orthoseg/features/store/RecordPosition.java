package com.orthoseg.features.store;

/** Where a Kafka record sits in its topic (the topic follows from the event: one per kind). */
public record RecordPosition(int partition, long offset) {
}
