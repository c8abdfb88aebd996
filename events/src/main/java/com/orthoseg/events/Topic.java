package com.orthoseg.events;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The Kafka topics of DESIGN.md. Every record is keyed by doctorId. */
public enum Topic {
    DOCTORS("doctors", "orthoseg.doctor.profile.v1", Cleanup.COMPACT, "doctor-profile.v1.json"),
    ORDERS("orders", "orthoseg.order.placed.v1", Cleanup.DELETE, "order-placed.v1.json"),
    COMPLAINTS("complaints", "orthoseg.complaint.filed.v1", Cleanup.DELETE, "complaint-filed.v1.json"),
    INSTRUCTIONS("instructions", "orthoseg.doctor.instructions.v1", Cleanup.COMPACT, "instructions-preference.v1.json"),
    DOCTOR_FEATURES("doctor-features", "orthoseg.doctor.features.v1", Cleanup.COMPACT, "doctor-features.v1.json"),
    SEGMENT_CHANGES("segment-changes", "orthoseg.segment.changed.v1", Cleanup.DELETE, "segment-changed.v1.json");

    public enum Cleanup { COMPACT, DELETE }

    /** Partitions of every topic unless configured otherwise. */
    public static final int DEFAULT_PARTITIONS = 12;

    private final String topicName;
    private final String ceType;
    private final Cleanup cleanup;
    private final String schemaFile;

    Topic(String topicName, String ceType, Cleanup cleanup, String schemaFile) {
        this.topicName = topicName;
        this.ceType = ceType;
        this.cleanup = cleanup;
        this.schemaFile = schemaFile;
    }

    public String topicName() {
        return topicName;
    }

    /** The CloudEvents {@code ce_type} of the records on this topic. */
    public String ceType() {
        return ceType;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    /** The classpath resource of the JSON Schema of this topic's record values, for consumers that validate against it. */
    public String schemaResource() {
        return "/schemas/" + schemaFile;
    }

    /** The dead-letter topic where the consumer of this topic puts records it cannot process. */
    public String deadLetterTopicName() {
        return topicName + ".dlq";
    }

    /** Every topic name, dead-letter topics included. */
    public static List<String> allTopicNames() {
        return Arrays.stream(values())
                .flatMap(t -> Stream.of(t.topicName(), t.deadLetterTopicName()))
                .toList();
    }
}
