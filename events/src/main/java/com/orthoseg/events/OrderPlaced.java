package com.orthoseg.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An order.
 *
 * @param amount     nullable, at least 0
 * @param conditions "A" … "I" → Boolean or null, "J" → "Before", "After" or null; unknown keys kept
 */
public record OrderPlaced(
        String doctorId,
        String orderId,
        String orderNum,
        Instant placedAt,
        BigDecimal amount,
        Map<String, Object> conditions) {

    /** The conditions that are true, false or null, in the order the features list them. */
    public static final List<String> BOOLEAN_CONDITIONS = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I");
    /** What condition J may be besides null. */
    public static final Set<String> J_VALUES = Set.of("Before", "After");

    /**
     * {@code order:<orderId>:<content hash>}. The content makes a corrected order (same orderId, other
     * content) a new fact that replaces the old one. A placedAt the source gave is part of the content,
     * so an order whose date alone is corrected is a correction too; one filled in with the import time
     * is not, so a file without dates imported again keeps its ids (those of the contract's first version).
     */
    public UUID eventId(boolean placedAtGiven) {
        String amountText = amount == null ? null : amount.stripTrailingZeros().toPlainString();
        Map<String, Object> sorted = conditions == null ? null : new TreeMap<>(conditions);
        return EventIds.of("order:" + orderId + ":" + (placedAtGiven
                ? EventIds.contentHash(doctorId, orderNum, amountText, sorted, placedAt)
                : EventIds.contentHash(doctorId, orderNum, amountText, sorted)));
    }
}
