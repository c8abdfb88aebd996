package com.orthoseg.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.events.EventTimes;
import com.orthoseg.events.TextLimits;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one JSON record, collecting an error for every field that is missing, of the
 * wrong type or out of range, so a client learns everything wrong with a record at once.
 */
final class Fields {

    static final int MAX_ID_LENGTH = TextLimits.MAX_ID_LENGTH;
    static final int MAX_TEXT_LENGTH = TextLimits.MAX_TEXT_LENGTH;

    private final JsonNode node;
    private final List<FieldError> errors = new ArrayList<>();

    Fields(JsonNode node, Set<String> knownFields) {
        this.node = node;
        if (!node.isObject()) {
            errors.add(new FieldError("", "expected a JSON object, got " + describe(node)));
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                errors.add(new FieldError(name, "unknown field; expected one of " + knownFields));
            }
        }
    }

    List<FieldError> errors() {
        return errors;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    String requiredId(String name) {
        String id = requiredText(name, MAX_ID_LENGTH);
        if (id != null && id.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
            error(name, "an id holds no tab or line break");
            return null;
        }
        return id;
    }

    String requiredText(String name) {
        return requiredText(name, MAX_TEXT_LENGTH);
    }

    private String requiredText(String name, int maxLength) {
        String value = optionalText(name, maxLength);
        if (value == null && !hasErrorFor(name)) {
            error(name, "is required");
        } else if (value != null && value.isBlank()) {
            error(name, "must not be blank");
            return null;
        }
        return value;
    }

    String optionalText(String name) {
        return optionalText(name, MAX_TEXT_LENGTH);
    }

    String optionalText(String name, int maxLength) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error(name, "expected a string, got " + describe(value));
            return null;
        }
        if (value.textValue().length() > maxLength) {
            error(name, "longer than " + maxLength + " characters");
            return null;
        }
        String unprintable = unprintable(value.textValue());
        if (unprintable != null) {
            error(name, unprintable);
            return null;
        }
        return value.textValue();
    }

    /**
     * Why a string cannot be stored as given, or null: a control character other than tab and line
     * breaks (PostgreSQL's text refuses NUL outright), or half of a surrogate pair (not encodable as UTF-8).
     */
    static String unprintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return String.format("holds the control character U+%04X at position %d", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds an unpaired surrogate at position " + i + " (not valid Unicode)";
            }
        }
        return null;
    }

    Double optionalNumber(String name, double min, double max) {
        BigDecimal value = optionalDecimal(name, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        return value == null ? null : value.doubleValue();
    }

    BigDecimal optionalDecimal(String name, BigDecimal min, BigDecimal max) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            error(name, "expected a number, got " + describe(value));
            return null;
        }
        if (value.isDouble() && !Double.isFinite(value.doubleValue())) {
            error(name, "is too large a number");
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (min != null && number.compareTo(min) < 0) {
            error(name, "must be at least " + min.stripTrailingZeros().toPlainString() + ", got " + shown(number));
            return null;
        }
        if (max != null && number.compareTo(max) > 0) {
            error(name, "must be at most " + max.stripTrailingZeros().toPlainString() + ", got " + shown(number));
            return null;
        }
        return number;
    }

    Integer optionalInteger(String name, int min) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(name, "expected a whole number, got " + describe(value));
            return null;
        }
        if (value.intValue() < min) {
            error(name, "must be at least " + min + ", got " + value.intValue());
            return null;
        }
        return value.intValue();
    }

    Integer requiredInteger(String name, int min) {
        Integer value = optionalInteger(name, min);
        if (value == null && !hasErrorFor(name)) {
            error(name, "is required");
        }
        return value;
    }

    Boolean requiredBoolean(String name) {
        JsonNode value = present(name);
        if (value == null) {
            error(name, "is required");
            return null;
        }
        if (!value.isBoolean()) {
            error(name, "expected true or false, got " + describe(value));
            return null;
        }
        return value.booleanValue();
    }

    /**
     * An ISO-8601 instant ({@code 2026-03-01T10:00:00Z}, any offset) or date (midnight UTC), from the year 1
     * to a day after {@code receivedAt} ({@link EventTimes}).
     */
    Instant optionalInstant(String name, Instant receivedAt) {
        String text = optionalText(name, 64);
        if (text == null) {
            return null;
        }
        Optional<Instant> instant = parseInstant(text);
        if (instant.isEmpty()) {
            error(name, "expected an ISO-8601 date or instant such as 2026-03-01 or 2026-03-01T10:00:00Z, got \""
                    + text + "\"");
            return null;
        }
        if (instant.get().isBefore(EventTimes.EARLIEST)) {
            error(name, "is before the year 1");
            return null;
        }
        if (instant.get().isAfter(EventTimes.latestPossible(receivedAt))) {
            error(name, "is more than a day in the future: " + text);
            return null;
        }
        return instant.get();
    }

    <E> E optionalEnum(String name, Function<String, Optional<E>> parse, String allowed) {
        String text = optionalText(name, 64);
        if (text == null) {
            return null;
        }
        Optional<E> value = parse.apply(text);
        if (value.isEmpty()) {
            error(name, "expected one of " + allowed + ", got \"" + text + "\"");
        }
        return value.orElse(null);
    }

    /** The field's node if present and not null. */
    JsonNode present(String name) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** Plain digits for ordinary numbers; 1E+999999999 would be a billion digits. */
    private static String shown(BigDecimal number) {
        return Math.abs(number.scale()) > 30 || number.precision() > 30 ? number.toString() : number.toPlainString();
    }

    static Optional<Instant> parseInstant(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.length() == 10) {
                return Optional.of(LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue();
            return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "an array" : "an object";
        }
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private boolean hasErrorFor(String name) {
        return errors.stream().anyMatch(e -> e.field().equals(name));
    }
}
