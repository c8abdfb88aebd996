package com.orthoseg.ingest;

import com.orthoseg.events.Topic;

import java.util.Arrays;
import java.util.Optional;

/** The four kinds of record that come in, each bound for the topic whose name is also its path segment. */
public enum EventKind {
    DOCTORS(Topic.DOCTORS),
    ORDERS(Topic.ORDERS),
    COMPLAINTS(Topic.COMPLAINTS),
    INSTRUCTIONS(Topic.INSTRUCTIONS);

    private final Topic topic;

    EventKind(Topic topic) {
        this.topic = topic;
    }

    /** The path segment of the API: the topic's name. */
    public String path() {
        return topic.topicName();
    }

    public Topic topic() {
        return topic;
    }

    public static Optional<EventKind> fromPath(String path) {
        return Arrays.stream(values()).filter(kind -> kind.path().equals(path)).findFirst();
    }
}
