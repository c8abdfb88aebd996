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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a batch with refused records is cut down (a unit test of the splitting: the "database" is a
 * function that refuses any batch holding a poisoned record; FeatureStore's refusals are tested on
 * PostgreSQL by feature-service's DeadLetterTest).
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
    void failuresThatDoNotBlameTheDataAreLeftToTheCaller() {
        for (String state : List.of("08006", "40001", "40P01", "57P01", "53300", "42P01")) {
            attempts.clear();
            assertThatThrownBy(() -> apply(List.of(1, 2, 3), Set.of(2), refusal(state)).await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOf(DatabaseException.class);
            assertThat(attempts).as(state).containsExactly(List.of(1, 2, 3));
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
