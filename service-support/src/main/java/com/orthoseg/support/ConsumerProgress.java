package com.orthoseg.support;

import jakarta.inject.Singleton;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether this instance's consumer still moves: for each partition assigned to it, when the group's
 * committed offset last moved (or the partition was assigned). A partition with records waiting whose
 * offset has not moved for the stall timeout is stalled. A consumer can stop for good while the process
 * stays up (a thread of the Kafka client or of Vert.x lost to an OutOfMemoryError, as seen in
 * docs/benchmarks.md); {@link ConsumerProgressCheck} then reports the instance not live.
 *
 * <p>Fed by {@link ConsumerLag}'s measurements and by the channel's rebalance listener; its
 * methods take the time so that a unit test can drive it.
 */
@Singleton
public class ConsumerProgress {

    private record Seen(long committed, long sinceNanos, long waiting) {
    }

    private final Map<TopicPartition, Seen> assigned = new HashMap<>();

    public synchronized void assigned(Collection<TopicPartition> partitions, long nowNanos) {
        partitions.forEach(p -> assigned.put(p, new Seen(-1, nowNanos, 0)));
    }

    public synchronized void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(assigned::remove);
    }

    /** The group's committed offsets (none for a partition never committed) and the end offsets, as just measured. */
    public synchronized void measured(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends, long nowNanos) {
        assigned.replaceAll((partition, seen) -> {
            Long end = ends.get(partition);
            if (end == null) {
                return seen;
            }
            long offset = committed.getOrDefault(partition, 0L);
            boolean moved = seen.committed() >= 0 && offset != seen.committed();
            return new Seen(offset, moved ? nowNanos : seen.sinceNanos(), end - offset);
        });
    }

    /** Each assigned partition with records waiting and no commit for longer than the timeout: why. */
    public synchronized Map<String, String> stalled(Duration timeout, long nowNanos) {
        Map<String, String> stalled = new TreeMap<>();
        assigned.forEach((partition, seen) -> {
            long still = nowNanos - seen.sinceNanos();
            if (seen.waiting() > 0 && still > timeout.toNanos()) {
                stalled.put(partition.toString(), seen.waiting() + " records waiting, no commit for "
                        + Duration.ofNanos(still).toSeconds() + " s");
            }
        });
        return stalled;
    }
}
