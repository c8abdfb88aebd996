package com.orthoseg.ingest;

import com.orthoseg.events.Topic;

import java.util.Arrays;
import java.util.Optional;

/** The four kinds of record that come in, each named by its path segment and bound for one topic. */
public enum EventKind {
    DOCTORS("doctors", Topic.DOCTORS),
    ORDERS("orders", Topic.ORDERS),
    COMPLAINTS("complaints", Topic.COMPLAINTS),
    INSTRUCTIONS("instructions", Topic.INSTRUCTIONS);

    private final String path;
    private final Topic topic;

    EventKind(String path, Topic topic) {
        this.path = path;
        this.topic = topic;
    }

    public String path() {
        return path;
    }

    public Topic topic() {
        return topic;
    }

    public static Optional<EventKind> fromPath(String path) {
        return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
    }
}
