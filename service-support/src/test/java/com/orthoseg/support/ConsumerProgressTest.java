package com.orthoseg.support;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When a partition of this instance counts as stalled: a unit test of {@link ConsumerProgress}, driven by hand. */
class ConsumerProgressTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final ConsumerProgress progress = new ConsumerProgress();

    @Test
    void recordsWaitingWithoutACommitForLongerThanTheTimeoutAreAStall() {
        progress.assigned(List.of(P0), 0);
        progress.measured(Map.of(P0, 100L), Map.of(P0, 150L), MINUTE);
        progress.measured(Map.of(P0, 100L), Map.of(P0, 170L), 9 * MINUTE);
        assertThat(progress.stalled(TIMEOUT, 9 * MINUTE)).isEmpty();

        progress.measured(Map.of(P0, 100L), Map.of(P0, 170L), 11 * MINUTE);

        assertThat(progress.stalled(TIMEOUT, 11 * MINUTE))
                .containsExactly(Map.entry("orders-0", "70 records waiting, no commit for 660 s"));
    }

    @Test
    void aCommitRestartsTheClock() {
        progress.assigned(List.of(P0), 0);
        progress.measured(Map.of(P0, 100L), Map.of(P0, 150L), MINUTE);
        progress.measured(Map.of(P0, 120L), Map.of(P0, 150L), 8 * MINUTE);

        progress.measured(Map.of(P0, 120L), Map.of(P0, 150L), 17 * MINUTE);

        assertThat(progress.stalled(TIMEOUT, 17 * MINUTE)).isEmpty();
        assertThat(progress.stalled(TIMEOUT, 19 * MINUTE)).containsOnlyKeys("orders-0");
    }

    @Test
    void anIdleConsumerWithNothingWaitingIsNotStalled() {
        progress.assigned(List.of(P0), 0);
        progress.measured(Map.of(P0, 150L), Map.of(P0, 150L), MINUTE);

        assertThat(progress.stalled(TIMEOUT, 60 * MINUTE)).isEmpty();
    }

    @Test
    void onlyPartitionsOfThisInstanceCount() {
        progress.assigned(List.of(P0, P1), 0);
        progress.revoked(List.of(P1));

        progress.measured(Map.of(P0, 10L, P1, 0L), Map.of(P0, 10L, P1, 500L), 30 * MINUTE);

        assertThat(progress.stalled(TIMEOUT, 30 * MINUTE)).isEmpty();
    }

    @Test
    void aPartitionJustAssignedIsGivenTheTimeoutFromItsAssignment() {
        progress.measured(Map.of(P0, 0L), Map.of(P0, 500L), 0);
        progress.assigned(List.of(P0), 20 * MINUTE);

        progress.measured(Map.of(P0, 0L), Map.of(P0, 500L), 25 * MINUTE);

        assertThat(progress.stalled(TIMEOUT, 25 * MINUTE)).isEmpty();
        assertThat(progress.stalled(TIMEOUT, 31 * MINUTE)).containsOnlyKeys("orders-0");
    }

    @Test
    void measurementsThatStopLeaveAStallVisible() {
        // the measuring timer is lost with the consumer: the last measurement stands, and time goes on
        progress.assigned(List.of(P0), 0);
        progress.measured(Map.of(P0, 100L), Map.of(P0, 400L), MINUTE);

        assertThat(progress.stalled(TIMEOUT, 12 * MINUTE)).containsOnlyKeys("orders-0");
    }

    @Test
    void aGroupThatNeverCommittedCountsEveryRecordAsWaiting() {
        progress.assigned(List.of(P0), 0);
        progress.measured(Map.of(), Map.of(P0, 42L), MINUTE);

        assertThat(progress.stalled(TIMEOUT, 11 * MINUTE))
                .containsExactly(Map.entry("orders-0", "42 records waiting, no commit for 660 s"));
    }
}
