package com.orthoseg.features.messaging;

import com.orthoseg.support.KafkaConfigs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * orthoseg_features_consumer_lag: records on the input topics not yet committed by the consumer
 * group, refreshed every 10 s with an Admin client (the SmallRye consumer's own metrics are not
 * exported: quarkus-micrometer does not resolve at the Quarkus version used here).
 */
@ApplicationScoped
public class ConsumerLag {

    private static final long REFRESH_MS = 10_000;

    private final Admin admin;
    private final String group;
    private final String[] topics;
    private final AtomicLong lag = new AtomicLong(-1);

    public ConsumerLag(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
                       @ConfigProperty(name = "mp.messaging.incoming.events.group.id") String group,
                       @ConfigProperty(name = "mp.messaging.incoming.events.topics") String topics) {
        this.admin = Admin.create(KafkaConfigs.only(kafkaConfig, AdminClientConfig.configNames(), "feature-service-lag"));
        this.group = group;
        this.topics = topics.split(",");
        Gauge.builder("orthoseg.features.consumer.lag", lag, AtomicLong::get)
                .description("Input records not yet committed by feature-service (-1 until first measured)")
                .register(registry);
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(1_000, REFRESH_MS, id -> refresh());
    }

    private void refresh() {
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().whenComplete((committed, failure) -> {
            if (failure != null) {
                return;
            }
            admin.describeTopics(java.util.List.of(topics)).allTopicNames().whenComplete((descriptions, noTopics) -> {
                if (noTopics != null) {
                    return;
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                descriptions.forEach((topic, description) -> description.partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().whenComplete((ends, noOffsets) -> {
                    if (noOffsets != null) {
                        return;
                    }
                    long total = 0;
                    for (Map.Entry<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> end
                            : ends.entrySet()) {
                        OffsetAndMetadata done = committed.get(end.getKey());
                        total += end.getValue().offset() - (done == null ? 0 : done.offset());
                    }
                    lag.set(total);
                });
            });
        });
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
