package com.orthoseg.events;

/**
 * How long the texts of an event may be: ingest-service refuses longer ones at the door, its consumers
 * dead-letter them, and the APIs that look a doctor up refuse longer ids. An id is indexed by PostgreSQL
 * (a B-tree entry holds about 2,700 bytes) and a text becomes part of a feature's name
 * ({@code complaintsByType.<type>}).
 */
public final class TextLimits {

    /** doctorId, orderId, complaintId, orderNum. */
    public static final int MAX_ID_LENGTH = 128;
    /** region, complaintType and the other free texts. */
    public static final int MAX_TEXT_LENGTH = 1_000;

    private TextLimits() {
    }
}
