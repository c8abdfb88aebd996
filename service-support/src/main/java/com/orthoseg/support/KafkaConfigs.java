package com.orthoseg.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The part of Quarkus' {@code kafka.*} configuration that one kind of Kafka client knows. */
public final class KafkaConfigs {

    private KafkaConfigs() {
    }

    /**
     * @param names e.g. {@code ProducerConfig.configNames()}; other keys are left out, so the client
     *              does not warn about settings meant for another client
     */
    public static Map<String, Object> only(Map<String, Object> kafkaConfig, Set<String> names, String clientId) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (names.contains(key)) {
                config.put(key, value);
            }
        });
        config.put("client.id", clientId);
        return config;
    }
}
