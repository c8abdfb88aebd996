package com.orthoseg.features.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.support.ContractViolation;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.orthoseg.support.ContractViolation.eventId;
import static com.orthoseg.support.ContractViolation.require;
import java.util.UUID;

/** Reads one record into its contract event, or says why it breaks the contract (for the DLQ). */
@ApplicationScoped
public class EventParser {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final java.math.BigDecimal MAX_AMOUNT = new java.math.BigDecimal("1e15");

    private final ObjectMapper mapper;

    public EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public IncomingEvent parse(ConsumerRecord<String, byte[]> record) throws ContractViolation {
        UUID eventId = eventId(record);
        if (record.value() == null) {
            throw new ContractViolation("no value");
        }
        if (containsNulEscape(record.value())) {
            throw new ContractViolation("a text holds a NUL character, which PostgreSQL cannot store");
        }
        String key = record.key();
        return switch (record.topic()) {
            case "doctors" -> {
                DoctorProfile p = read(record, DoctorProfile.class);
                require(p.updatedAt() != null, "updatedAt is missing");
                storable(p.updatedAt(), "updatedAt");
                yield new IncomingEvent(eventId, doctor(p.doctorId(), key), p.updatedAt(), p, record);
            }
            case "orders" -> {
                OrderPlaced o = read(record, OrderPlaced.class);
                require(o.orderId() != null && !o.orderId().isBlank(), "orderId is missing");
                require(o.placedAt() != null, "placedAt is missing");
                require(o.amount() == null || o.amount().signum() >= 0, "amount is negative");
                require(o.conditions() != null, "conditions is missing");
                require(o.amount() == null || o.amount().compareTo(MAX_AMOUNT) <= 0, "amount is beyond any real order");
                storable(o.placedAt(), "placedAt");
                OrderPlaced stored = new OrderPlaced(o.doctorId(), o.orderId(), o.orderNum(), storedTime(o.placedAt()),
                        o.amount(), o.conditions());
                yield new IncomingEvent(eventId, doctor(o.doctorId(), key), stored.placedAt(), stored, record);
            }
            case "complaints" -> {
                ComplaintFiled c = read(record, ComplaintFiled.class);
                require(c.complaintId() != null && !c.complaintId().isBlank(), "complaintId is missing");
                require(c.complaintType() != null && !c.complaintType().isBlank(), "complaintType is missing");
                require(c.qty() >= 1, "qty must be at least 1");
                require(c.filedAt() != null, "filedAt is missing");
                storable(c.filedAt(), "filedAt");
                ComplaintFiled stored = new ComplaintFiled(c.doctorId(), c.complaintId(), c.complaintType(), c.qty(),
                        storedTime(c.filedAt()));
                yield new IncomingEvent(eventId, doctor(c.doctorId(), key), stored.filedAt(), stored, record);
            }
            case "instructions" -> {
                InstructionsPreference i = read(record, InstructionsPreference.class);
                require(i.updatedAt() != null, "updatedAt is missing");
                storable(i.updatedAt(), "updatedAt");
                yield new IncomingEvent(eventId, doctor(i.doctorId(), key), i.updatedAt(), i, record);
            }
            default -> throw new ContractViolation("not a topic of feature-service: " + record.topic());
        };
    }

    /** Whether the JSON holds the escape of a NUL character; scans the bytes, no copy per event. */
    static boolean containsNulEscape(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0'
                    && json[i + 4] == '0' && json[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    private <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) throws ContractViolation {
        try {
            return mapper.readValue(record.value(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ContractViolation("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContractViolation("unreadable value: " + e.getMessage());
        }
    }

    private static String doctor(String doctorId, String key) throws ContractViolation {
        require(doctorId != null && !doctorId.isBlank(), "doctorId is missing");
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

    /** Within years 1 to 9999, which PostgreSQL stores and every client reads. */
    private static void storable(Instant time, String field) throws ContractViolation {
        require(!time.isBefore(EARLIEST) && time.isBefore(LATEST), field + " is outside the years 1 to 9999");
    }
}
