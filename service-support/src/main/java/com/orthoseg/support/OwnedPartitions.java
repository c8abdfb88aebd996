package com.orthoseg.support;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Tells {@link ConsumerProgress} which partitions of the measured channel this instance owns: the
 * rebalance listener that channel names ({@code consumer-rebalance-listener.name=owned-partitions}).
 * Present only where {@code orthoseg.consumer-lag.channel} names a channel; ingest-service consumes
 * nothing and does not carry the SmallRye Kafka connector this class needs.
 */
@ApplicationScoped
@Identifier("owned-partitions")
@UnlessBuildProperty(name = "orthoseg.consumer-lag.channel", stringValue = "", enableIfMissing = false)
public class OwnedPartitions implements KafkaConsumerRebalanceListener {

    private final ConsumerProgress progress;

    public OwnedPartitions(ConsumerProgress progress) {
        this.progress = progress;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.assigned(partitions, System.nanoTime());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.revoked(partitions);
    }
}
