package com.orthoseg.ingest.publish;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.UUID;

/**
 * The event ids already seen in one request or import, to count and skip exact repeats. Keeps 64
 * bits of each id in a primitive set (8 bytes an id instead of ~80 for a HashSet of UUIDs): a
 * 10-million-row import stays small, and a false "duplicate" needs a 64-bit collision (about one in
 * 10^6 for such an import).
 */
public final class SeenEventIds {

    private final LongOpenHashSet seen = new LongOpenHashSet();

    /** True the first time an id is offered. */
    public boolean firstTime(UUID eventId) {
        return seen.add(eventId.getMostSignificantBits() ^ eventId.getLeastSignificantBits());
    }
}
