package com.orthoseg.support;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a batch with refused records is cut down and other failures retried (a unit test: the
 * "database" is a function that fails as told; refusals by PostgreSQL itself are tested by
 * feature-service's DeadLetterTest and segment-service's BadInputTest).
 */
class RefusedRecordsTest {

    private final List<List<Integer>> attempts = new ArrayList<>();
    private final List<Integer> applied = new ArrayList<>();
    private final List<Integer> refused = new ArrayList<>();

    private Uni<Integer> database(List<Integer> batch, Set<Integer> poisoned, DatabaseException failure) {
        attempts.add(List.copyOf(batch));
        if (batch.stream().anyMatch(poisoned::contains)) {
            return Uni.createFrom().failure(failure);
        }
        applied.addAll(batch);
        return Uni.createFrom().item(batch.size());
    }

    private Uni<Integer> apply(List<Integer> records, Set<Integer> poisoned, DatabaseException failure) {
        return RefusedRecords.apply(records, batch -> database(batch, poisoned, failure),
                (record, refusal) -> {
                    refused.add(record);
                    return Uni.createFrom().item(0);
                }, Integer::sum);
    }

    @Test
    void refusedRecordsStandAloneAndTheOthersAreAppliedInOrder() {
        List<Integer> records = IntStream.range(0, 10).boxed().toList();

        int count = apply(records, Set.of(3, 7), refusal("23514")).await().atMost(Duration.ofSeconds(5));

        assertThat(count).isEqualTo(8);
        assertThat(refused).containsExactly(3, 7);
        assertThat(applied).containsExactly(0, 1, 2, 4, 5, 6, 8, 9);
        assertThat(attempts).contains(List.of(3), List.of(7)).hasSizeLessThan(2 * records.size());
    }

    @Test
    void aBatchWithoutRefusalsIsAppliedOnce() {
        assertThat(apply(List.of(1, 2, 3), Set.of(), refusal("54000")).await().atMost(Duration.ofSeconds(5))).isEqualTo(3);
        assertThat(attempts).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void failuresThatDoNotBlameTheDataAreRetriedWholeNotSplit() {
        for (String state : List.of("08006", "40P01", "57P01")) {
            attempts.clear();
            applied.clear();
            List<Integer> batch = List.of(1, 2, 3);
            int[] failuresLeft = {2};
            int count = RefusedRecords.apply(batch, records -> {
                        attempts.add(List.copyOf(records));
                        if (failuresLeft[0]-- > 0) {
                            return Uni.createFrom().failure(refusal(state));
                        }
                        applied.addAll(records);
                        return Uni.createFrom().item(records.size());
                    }, (record, refusal) -> Uni.createFrom().item(0), Integer::sum)
                    .await().atMost(Duration.ofSeconds(10));

            assertThat(count).as(state).isEqualTo(3);
            assertThat(attempts).as(state).containsExactly(batch, batch, batch);
            assertThat(applied).as(state).isEqualTo(batch);
        }
        assertThat(refused).isEmpty();
    }

    @Test
    void aRefusalWrappedInAnotherFailureIsStillFound() {
        RuntimeException wrapped = new RuntimeException("rollback failed too", refusal("22001"));

        assertThat(RefusedRecords.isRefusal(wrapped)).isTrue();
        assertThat(RefusedRecords.isRefusal(new IllegalStateException("no cause"))).isFalse();
        assertThat(RefusedRecords.reason(refusal("22001"))).isEqualTo("PostgreSQL refused it: value too long (22001)");
    }

    private static DatabaseException refusal(String sqlState) {
        return new DatabaseException("value too long (" + sqlState + ")", 0, sqlState, null) {
        };
    }
}
