package com.orthoseg.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** What an operator reads and sets with kafka-consumer-groups: log-end and committed offsets, and a reset to the earliest. */
public final class ConsumerOffsets implements AutoCloseable {

    private final Admin admin;

    public ConsumerOffsets(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The log-end offset of every partition of the topics. */
    public Map<TopicPartition, Long> ends(Collection<String> topics) {
        return offsets(topics, OffsetSpec.latest());
    }

    /** The sum of the log-end offsets of the topic's partitions: it grows with every record written. */
    public long written(String topic) {
        return ends(List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The group's committed offsets in the topics (partitions without a commit are left out). */
    public Map<TopicPartition, Long> committed(String group, Collection<String> topics) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        get(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()).forEach((partition, offset) -> {
            if (offset != null && topics.contains(partition.topic())) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    /** Records of the topics not yet committed by the group (a partition without a commit counts from 0). */
    public long lag(String group, Collection<String> topics) {
        Map<TopicPartition, Long> committed = committed(group, topics);
        return ends(topics).entrySet().stream()
                .mapToLong(end -> end.getValue() - committed.getOrDefault(end.getKey(), 0L)).sum();
    }

    /** True once the group has committed the end of every partition of the topics. */
    public boolean caughtUp(String group, Collection<String> topics) {
        Map<TopicPartition, Long> ends = ends(topics);
        Map<TopicPartition, Long> committed = committed(group, topics);
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || end.getValue().equals(committed.get(end.getKey())));
    }

    /** Moves the group back to the earliest offset of every partition; fails while the group has members. */
    public void resetToEarliest(String group, Collection<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> earliest = new HashMap<>();
        offsets(topics, OffsetSpec.earliest()).forEach((partition, offset) -> earliest.put(partition, new OffsetAndMetadata(offset)));
        get(() -> admin.alterConsumerGroupOffsets(group, earliest).all().get());
    }

    private Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription topic : get(() -> admin.describeTopics(topics).allTopicNames().get()).values()) {
            topic.partitions().forEach(p -> request.put(new TopicPartition(topic.name(), p.partition()), spec));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(() -> admin.listOffsets(request).all().get()).forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private interface Call<T> {
        T call() throws InterruptedException, ExecutionException;
    }

    private static <T> T get(Call<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
