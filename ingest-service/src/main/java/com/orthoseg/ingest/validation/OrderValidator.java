package com.orthoseg.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.events.OrderPlaced;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

final class OrderValidator implements RecordValidator {

    private static final Set<String> FIELDS = Set.of("doctorId", "orderId", "orderNum", "placedAt", "amount", "conditions");
    /** Larger than any real order; bounds the work of storing and hashing a number. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    @Override
    public Validated validate(JsonNode record, Instant receivedAt) {
        Fields fields = new Fields(record, FIELDS);
        String doctorId = fields.requiredId("doctorId");
        String orderId = fields.requiredId("orderId");
        String orderNum = fields.optionalText("orderNum", Fields.MAX_ID_LENGTH);
        Instant placedAt = fields.optionalInstant("placedAt", receivedAt);
        BigDecimal amount = fields.optionalDecimal("amount", BigDecimal.ZERO, MAX_AMOUNT);
        Map<String, Object> conditions = conditions(fields);
        if (fields.hasErrors()) {
            return Validated.invalid(fields.errors());
        }
        Instant time = placedAt == null ? receivedAt : placedAt;
        OrderPlaced order = new OrderPlaced(doctorId, orderId, orderNum, time, amount, conditions);
        return Validated.valid(new ValidEvent(order.eventId(placedAt != null), doctorId, time, order));
    }

    /** A…I are booleans, J is "Before" or "After", each may be null; other keys are kept as given. */
    private static Map<String, Object> conditions(Fields fields) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        JsonNode node = fields.present("conditions");
        if (node == null) {
            return conditions;
        }
        if (!node.isObject()) {
            fields.error("conditions", "expected an object, got " + Fields.describe(node));
            return conditions;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String field = "conditions." + key;
            if (value.isNull()) {
                conditions.put(key, null);
            } else if (OrderPlaced.BOOLEAN_CONDITIONS.contains(key)) {
                if (value.isBoolean()) {
                    conditions.put(key, value.booleanValue());
                } else {
                    fields.error(field, "expected true, false or null, got " + Fields.describe(value));
                }
            } else if (key.equals("J")) {
                if (value.isTextual() && OrderPlaced.J_VALUES.contains(value.textValue())) {
                    conditions.put(key, value.textValue());
                } else {
                    fields.error(field, "expected \"Before\", \"After\" or null, got " + Fields.describe(value));
                }
            } else if (key.length() > 64 || Fields.unprintable(key) != null) {
                fields.error(field, "an unknown condition's name has at most 64 printable characters");
            } else if (value.isTextual() && (value.textValue().length() > Fields.MAX_TEXT_LENGTH || Fields.unprintable(value.textValue()) != null)) {
                fields.error(field, "an unknown condition's text has at most " + Fields.MAX_TEXT_LENGTH + " printable characters");
            } else if (value.isNumber() && !(value.isIntegralNumber() || Double.isFinite(value.doubleValue()))) {
                fields.error(field, "is too large a number");
            } else if (value.isValueNode()) {
                conditions.put(key, value.isTextual() ? value.textValue()
                        : value.isBoolean() ? value.booleanValue() : value.decimalValue());
            } else {
                fields.error(field, "an unknown condition must be a string, number, boolean or null");
            }
        }
        return conditions;
    }
}
