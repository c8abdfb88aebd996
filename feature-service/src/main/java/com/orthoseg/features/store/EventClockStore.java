package com.orthoseg.features.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

import static com.orthoseg.features.store.SqlValues.instant;
import static com.orthoseg.features.store.SqlValues.utc;

/** {@code event_clock}: the newest event time seen, which the event-time clock reads. */
@ApplicationScoped
public class EventClockStore {

    /** The newest event time seen, or null before any. */
    public Uni<Instant> read(SqlConnection conn) {
        return conn.query("SELECT newest_event FROM event_clock WHERE id = 1").execute().map(EventClockStore::firstInstant);
    }

    /** Moves the event-time clock forward to {@code newest} (never back) and answers the newest event time. */
    public Uni<Instant> advance(SqlConnection conn, Instant newest) {
        return conn.preparedQuery("UPDATE event_clock SET newest_event = GREATEST(newest_event, $1) WHERE id = 1 "
                        + "RETURNING newest_event")
                .execute(Tuple.of(utc(newest)))
                .map(EventClockStore::firstInstant);
    }

    private static Instant firstInstant(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? instant(rows.iterator().next(), 0) : null;
    }
}
