package com.orthoseg.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
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

    /**
     * {@code order:<orderId>:<content hash>}. The content makes a corrected order (same orderId, other
     * content) a new fact that replaces the old one. placedAt is left out: a file without dates gets
     * the import time, and importing it again must give the same ids.
     */
    public UUID eventId() {
        return EventIds.of("order:" + orderId + ":" + EventIds.contentHash(
                doctorId, orderNum, amount == null ? null : amount.stripTrailingZeros().toPlainString(),
                conditions == null ? null : new TreeMap<>(conditions)));
    }
}
