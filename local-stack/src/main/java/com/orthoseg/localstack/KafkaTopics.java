package com.orthoseg.localstack;

import com.orthoseg.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Creates the topics of DESIGN.md. Time retention is set explicitly: the broker default (7 days)
 * would delete at once any replayed record whose timestamp is older than that.
 */
public final class KafkaTopics {

    /** Dead letters are kept 30 days from when they were written to the DLQ. */
    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private KafkaTopics() {
    }

    /**
     * Creates every missing topic (existing topics are left as they are) and waits until every
     * partition has a leader: a producer that starts before then may strand a batch until its
     * delivery time-out (seen here with Kafka 4.1 right after the broker started).
     */
    public static void create(Admin admin, int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new NewTopic(topic.topicName(), partitions, (short) 1).configs(configOf(topic)));
            topics.add(new NewTopic(topic.deadLetterTopicName(), partitions, (short) 1).configs(Map.of(
                    "cleanup.policy", "delete",
                    "retention.ms", Long.toString(DEAD_LETTER_RETENTION.toMillis()),
                    // retention counts from arrival in the DLQ, not from the original record's time
                    "message.timestamp.type", "LogAppendTime")));
        }
        admin.createTopics(topics).values().forEach((name, result) -> {
            try {
                result.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            }
        });
        awaitLeaders(admin);
    }

    private static void awaitLeaders(Admin admin) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (true) {
                boolean allLed = admin.describeTopics(Topic.allTopicNames()).allTopicNames().get().values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (allLed) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic partitions still without a leader after 60 s");
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for partition leaders", e);
        }
    }

    static Map<String, String> configOf(Topic topic) {
        return switch (topic.cleanup()) {
            case COMPACT -> Map.of("cleanup.policy", "compact");
            // "long retention": facts are kept until an operator decides otherwise
            case DELETE -> Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
        };
    }
}
