package com.orthoseg.features.compute;

import com.orthoseg.events.OrderPlaced;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the features need of an order. The conditions are a bit set (bit i: the i-th of A…I is true;
 * bit 9: J is "After"), stored beside the full conditions so that a recomputation reads no JSON.
 */
public record OrderFact(Instant placedAt, BigDecimal amount, int conditionFlags) {

    static final int J_AFTER = 1 << 9;

    public static OrderFact of(OrderPlaced order) {
        return new OrderFact(order.placedAt(), order.amount(), flags(order));
    }

    public static int flags(OrderPlaced order) {
        int flags = 0;
        for (int i = 0; i < OrderPlaced.BOOLEAN_CONDITIONS.size(); i++) {
            if (Boolean.TRUE.equals(order.conditions().get(OrderPlaced.BOOLEAN_CONDITIONS.get(i)))) {
                flags |= 1 << i;
            }
        }
        return "After".equals(order.conditions().get("J")) ? flags | J_AFTER : flags;
    }

    boolean isTrue(int condition) {
        return (conditionFlags & (1 << condition)) != 0;
    }

    boolean isJAfter() {
        return (conditionFlags & J_AFTER) != 0;
    }
}
