package com.orthoseg.features.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.EventTimes;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.events.TextLimits;
import com.orthoseg.events.Topic;
import com.orthoseg.support.ContractViolation;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static com.orthoseg.events.TextLimits.MAX_ID_LENGTH;
import static com.orthoseg.events.TextLimits.MAX_TEXT_LENGTH;
import static com.orthoseg.support.ContractViolation.eventId;
import static com.orthoseg.support.ContractViolation.require;
import static com.orthoseg.support.ContractViolation.requireType;

/**
 * Reads one record into its contract event (events/src/main/resources/schemas), or says why it
 * breaks the contract (for the DLQ): a required field missing, a value of the wrong type or out of
 * range, a text longer than {@link TextLimits} allows, a time that cannot be real. Unknown fields are
 * ignored (the schemas forbid them to producers; this reader tolerates them through a schema change),
 * and a time given as epoch seconds rather than ISO-8601 text is read as Jackson reads it.
 */
@ApplicationScoped
public class EventParser {

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1e15");
    private static final Map<String, Topic> INPUTS = Map.of(Topic.DOCTORS.topicName(), Topic.DOCTORS,
            Topic.ORDERS.topicName(), Topic.ORDERS, Topic.COMPLAINTS.topicName(), Topic.COMPLAINTS,
            Topic.INSTRUCTIONS.topicName(), Topic.INSTRUCTIONS);

    private final ObjectReader profiles;
    private final ObjectReader orders;
    /** Every field of complaints and instructions is required. */
    private final ObjectReader complaints;
    private final ObjectReader instructions;

    public EventParser(ObjectMapper mapper) {
        // no "1" for true, "2" or "" for a number, 2.5 for 2, 12 for a text: a value of the wrong type breaks the contract
        ObjectMapper strict = mapper.copy();
        for (LogicalType type : new LogicalType[]{LogicalType.Boolean, LogicalType.Integer, LogicalType.Float}) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        for (CoercionInputShape scalar : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
            strict.coercionConfigFor(LogicalType.Enum).setCoercion(scalar, CoercionAction.Fail);
        }
        ObjectReader reader = strict.reader().with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.profiles = reader.forType(DoctorProfile.class);
        this.orders = reader.forType(OrderPlaced.class);
        this.complaints = reader.forType(ComplaintFiled.class).with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        this.instructions = reader.forType(InstructionsPreference.class)
                .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    }

    public IncomingEvent parse(ConsumerRecord<String, byte[]> record) throws ContractViolation {
        UUID eventId = eventId(record);
        if (record.value() == null) {
            throw new ContractViolation("no value");
        }
        if (containsNulEscape(record.value())) {
            throw new ContractViolation("a text holds a NUL character, which PostgreSQL cannot store");
        }
        Topic topic = INPUTS.get(record.topic());
        require(topic != null, "not a topic of feature-service: " + record.topic());
        requireType(record, topic);
        String key = record.key();
        return switch (topic) {
            case DOCTORS -> {
                DoctorProfile p = read(record, profiles, "DoctorProfile");
                nonNegative(p.incidenceRate(), "incidenceRate");
                nonNegative(p.rRate(), "rRate");
                nonNegative(p.experience(), "experience");
                require(p.satisfaction() == null || (p.satisfaction() >= -100 && p.satisfaction() <= 100),
                        "satisfaction is outside -100 to 100");
                require(p.purchases() == null || p.purchases() >= 0, "purchases is negative");
                atMost(p.region(), MAX_TEXT_LENGTH, "region");
                // the contract makes only doctorId required; without updatedAt the record's own time stands in
                Instant updatedAt = p.updatedAt() != null ? p.updatedAt() : recordTime(record);
                possible(updatedAt, "updatedAt");
                yield new IncomingEvent(eventId, doctor(p.doctorId(), key), updatedAt, p.withUpdatedAt(updatedAt), record);
            }
            case ORDERS -> {
                OrderPlaced o = read(record, orders, "OrderPlaced");
                require(o.orderId() != null && !o.orderId().isBlank(), "orderId is missing");
                atMost(o.orderId(), MAX_ID_LENGTH, "orderId");
                atMost(o.orderNum(), MAX_ID_LENGTH, "orderNum");
                require(o.placedAt() != null, "placedAt is missing");
                require(o.amount() == null || o.amount().signum() >= 0, "amount is negative");
                require(o.conditions() != null, "conditions is missing");
                conditions(o.conditions());
                require(o.amount() == null || o.amount().compareTo(MAX_AMOUNT) <= 0, "amount is beyond any real order");
                possible(o.placedAt(), "placedAt");
                OrderPlaced stored = new OrderPlaced(o.doctorId(), o.orderId(), o.orderNum(), storedTime(o.placedAt()),
                        o.amount(), o.conditions());
                yield new IncomingEvent(eventId, doctor(o.doctorId(), key), stored.placedAt(), stored, record);
            }
            case COMPLAINTS -> {
                ComplaintFiled c = read(record, complaints, "ComplaintFiled");
                require(c.complaintId() != null && !c.complaintId().isBlank(), "complaintId is missing");
                require(c.complaintType() != null && !c.complaintType().isBlank(), "complaintType is missing");
                atMost(c.complaintId(), MAX_ID_LENGTH, "complaintId");
                atMost(c.complaintType(), MAX_TEXT_LENGTH, "complaintType");
                require(c.qty() >= 1, "qty must be at least 1");
                require(c.filedAt() != null, "filedAt is missing");
                possible(c.filedAt(), "filedAt");
                ComplaintFiled stored = new ComplaintFiled(c.doctorId(), c.complaintId(), c.complaintType(), c.qty(),
                        storedTime(c.filedAt()));
                yield new IncomingEvent(eventId, doctor(c.doctorId(), key), stored.filedAt(), stored, record);
            }
            case INSTRUCTIONS -> {
                InstructionsPreference i = read(record, instructions, "InstructionsPreference");
                require(i.updatedAt() != null, "updatedAt is missing");
                possible(i.updatedAt(), "updatedAt");
                yield new IncomingEvent(eventId, doctor(i.doctorId(), key), i.updatedAt(), i, record);
            }
            default -> throw new IllegalStateException("not an input topic: " + topic);
        };
    }

    /** Whether the JSON holds the escape of a NUL character; scans the bytes, no copy per event. */
    private static boolean containsNulEscape(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0'
                    && json[i + 4] == '0' && json[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    private static <T> T read(ConsumerRecord<String, byte[]> record, ObjectReader reader, String type)
            throws ContractViolation {
        try {
            return reader.readValue(record.value());
        } catch (InvalidDefinitionException e) {
            // the mapper cannot build the type at all (a native image missing its reflection data, say): a
            // fault of the service, which would otherwise dead-letter every record; failing the poll stops it
            throw new IllegalStateException("Cannot read " + type + " at all: " + e.getOriginalMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ContractViolation("not a valid " + type + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContractViolation("unreadable value: " + e.getMessage());
        }
    }

    private static String doctor(String doctorId, String key) throws ContractViolation {
        require(doctorId != null && !doctorId.isBlank(), "doctorId is missing");
        atMost(doctorId, MAX_ID_LENGTH, "doctorId");
        require(doctorId.equals(key), "the record key is not the doctorId");
        return doctorId;
    }

    /**
     * The time as PostgreSQL keeps it (microseconds), so that facts computed from an event and facts read
     * back from the database are the same (DoctorFactsCache).
     */
    private static Instant storedTime(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** Not before the year 1 (PostgreSQL stores it, every client reads it) and not in the future ({@link EventTimes}). */
    private static void possible(Instant time, String field) throws ContractViolation {
        require(!time.isBefore(EventTimes.EARLIEST), field + " is before the year 1");
        require(!time.isAfter(EventTimes.latestPossible(Instant.now())), field + " is more than a day in the future");
    }

    private static Instant recordTime(ConsumerRecord<String, byte[]> record) throws ContractViolation {
        require(record.timestamp() >= 0, "updatedAt is missing and the record has no timestamp");
        return Instant.ofEpochMilli(record.timestamp());
    }

    /** Within {@link TextLimits}, as ingest-service checks: PostgreSQL cannot index a longer id. */
    private static void atMost(String text, int maxLength, String field) throws ContractViolation {
        require(text == null || text.length() <= maxLength, field + " is longer than " + maxLength + " characters");
    }

    private static void nonNegative(Double value, String field) throws ContractViolation {
        require(value == null || (value >= 0 && Double.isFinite(value)), field + " is negative or not finite");
    }

    /** A to I are true, false or null, J is "Before", "After" or null; other keys are not read. */
    private static void conditions(Map<String, Object> conditions) throws ContractViolation {
        for (Map.Entry<String, Object> condition : conditions.entrySet()) {
            Object value = condition.getValue();
            if (value == null) {
                continue;
            }
            if (OrderPlaced.BOOLEAN_CONDITIONS.contains(condition.getKey())) {
                require(value instanceof Boolean, "conditions." + condition.getKey() + " is not true, false or null");
            } else if (condition.getKey().equals("J")) {
                require(OrderPlaced.J_VALUES.contains(value), "conditions.J is not \"Before\", \"After\" or null");
            }
        }
    }
}
