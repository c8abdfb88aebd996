package com.orthoseg.support;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * orthoseg_consumer_lag{group}: records on a service's input topics not yet committed by its consumer
 * group, refreshed every 10 s with an Admin client (the SmallRye consumer's own metrics are not
 * exported: quarkus-micrometer does not resolve at the Quarkus version used here). The channel is named
 * by {@code orthoseg.consumer-lag.channel}; a service without it (ingest) measures nothing. Each
 * measurement also goes to {@link ConsumerProgress}.
 */
@ApplicationScoped
public class ConsumerLag {

    @ConfigMapping(prefix = "orthoseg.consumer-lag")
    public interface Settings {
        /** The incoming channel whose consumer group and topics are measured. */
        Optional<String> channel();

        /** How long a partition of this instance may hold waiting records without a commit ({@link ConsumerProgressCheck}). */
        @WithDefault("10m")
        Duration stallTimeout();
    }

    private static final long REFRESH_MS = 10_000;

    private final Admin admin;
    private final String group;
    private final List<String> topics;
    private final AtomicLong lag = new AtomicLong(-1);
    private final ConsumerProgress progress;

    public ConsumerLag(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
                       Settings settings, Config config, ConsumerProgress progress) {
        this.progress = progress;
        Optional<String> channel = settings.channel();
        String prefix = "mp.messaging.incoming." + channel.orElse("") + ".";
        this.group = channel.map(c -> config.getValue(prefix + "group.id", String.class)).orElse(null);
        this.topics = channel.map(c -> config.getOptionalValue(prefix + "topics", String.class)
                .orElseGet(() -> config.getValue(prefix + "topic", String.class))).map(t -> List.of(t.split(","))).orElse(List.of());
        this.admin = group == null ? null
                : Admin.create(KafkaConfigs.only(kafkaConfig, AdminClientConfig.configNames(), group + "-lag"));
        if (group != null) {
            Gauge.builder("orthoseg.consumer.lag", lag, AtomicLong::get).tag("group", group)
                    .description("Input records not yet committed by the consumer group (-1 until first measured)")
                    .register(registry);
        }
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (admin != null) {
            vertx.setPeriodic(1_000, REFRESH_MS, id -> refresh());
        }
    }

    private void refresh() {
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().whenComplete((committed, failure) -> {
            if (failure != null) {
                return;
            }
            admin.describeTopics(topics).allTopicNames().whenComplete((descriptions, noTopics) -> {
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
                    Map<TopicPartition, Long> endOffsets = new HashMap<>();
                    Map<TopicPartition, Long> committedOffsets = new HashMap<>();
                    long total = 0;
                    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
                        OffsetAndMetadata done = committed.get(end.getKey());
                        endOffsets.put(end.getKey(), end.getValue().offset());
                        if (done != null) {
                            committedOffsets.put(end.getKey(), done.offset());
                        }
                        total += end.getValue().offset() - (done == null ? 0 : done.offset());
                    }
                    lag.set(total);
                    progress.measured(committedOffsets, endOffsets, System.nanoTime());
                });
            });
        });
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            // bounded: pending calls to a broker that is gone would otherwise hold the shutdown for a minute
            admin.close(Duration.ofSeconds(2));
        }
    }
}
