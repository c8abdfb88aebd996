package com.orthoseg.support;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Keeps one record that PostgreSQL refuses from holding up a consumer: retrying the batch would fail
 * the same way forever. A batch refused for its data is applied again in halves, in order, until
 * each refused record stands alone; that record goes to {@code refused} (dead-lettered or skipped),
 * and its neighbours are applied. Any other failure is retried ({@link Retries}).
 */
public final class RefusedRecords {

    private static final Logger LOG = Logger.getLogger(RefusedRecords.class);

    /**
     * SQLSTATE classes that blame the data, not the database's state: 22 data exception (a value the
     * column cannot take), 23 integrity constraint violation, 54 program limit exceeded (a key too
     * long for its index).
     */
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    private RefusedRecords() {
    }

    /**
     * Applies {@code records} through {@code apply} (called again for a retry or a split); answers the
     * results of the applied parts and of the refused records, combined.
     */
    public static <T, R> Uni<R> apply(List<T> records, Function<List<T>, Uni<R>> apply,
                                      BiFunction<T, DatabaseException, Uni<R>> refused, BinaryOperator<R> combine) {
        Uni<R> attempt = Retries.whileFailing(() -> apply.apply(records), e -> !isRefusal(e),
                "A batch of " + records.size() + " record(s)");
        return attempt.onFailure(RefusedRecords::isRefusal).recoverWithUni(e -> {
            // the SQLSTATE only: PostgreSQL's message can quote the record's content
            LOG.warnf("PostgreSQL refused %d record(s) for their data (SQLSTATE %s)%s", records.size(),
                    refusal(e).orElseThrow().getSqlState(), records.size() == 1 ? "" : "; applying them in halves");
            if (records.size() == 1) {
                return refused.apply(records.get(0), refusal(e).orElseThrow());
            }
            List<T> first = records.subList(0, records.size() / 2);
            List<T> second = records.subList(records.size() / 2, records.size());
            return apply(first, apply, refused, combine)
                    .flatMap(a -> apply(second, apply, refused, combine).map(b -> combine.apply(a, b)));
        });
    }

    /** Whether the failure is PostgreSQL refusing the data itself. */
    static boolean isRefusal(Throwable failure) {
        return refusal(failure).isPresent();
    }

    /** The reason given with a refused record, e.g. for its dead letter (the PostgreSQL client's message ends in the SQLSTATE). */
    public static String reason(DatabaseException refusal) {
        return "PostgreSQL refused it: " + refusal.getMessage();
    }

    private static Optional<DatabaseException> refusal(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DatabaseException db && db.getSqlState() != null && db.getSqlState().length() == 5
                    && DATA_CLASSES.contains(db.getSqlState().substring(0, 2))) {
                return Optional.of(db);
            }
        }
        return Optional.empty();
    }
}
