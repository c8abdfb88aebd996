package com.orthoseg.support;

import com.orthoseg.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Why a consumed record breaks its topic's contract; the reason goes to the dead-letter topic with it. */
public final class ContractViolation extends Exception {

    public ContractViolation(String reason) {
        super(reason);
    }

    public static void require(boolean condition, String reason) throws ContractViolation {
        if (!condition) {
            throw new ContractViolation(reason);
        }
    }

    /** The record's CloudEvents type is its topic's: another kind of event of the same shape is not taken for this one. */
    public static void requireType(ConsumerRecord<String, byte[]> record, Topic topic) throws ContractViolation {
        Header header = record.headers().lastHeader("ce_type");
        require(header != null && header.value() != null, "no ce_type header");
        String type = new String(header.value(), StandardCharsets.UTF_8);
        require(type.equals(topic.ceType()), "ce_type is not " + topic.ceType() + " but "
                + (type.length() > 64 ? type.substring(0, 64) + "…" : type));
    }

    /** The record's event id: its ce_id header, which must be a UUID. */
    public static UUID eventId(ConsumerRecord<String, byte[]> record) throws ContractViolation {
        Header header = record.headers().lastHeader("ce_id");
        require(header != null, "no ce_id header");
        try {
            return UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ContractViolation("ce_id is not a UUID");
        }
    }
}
