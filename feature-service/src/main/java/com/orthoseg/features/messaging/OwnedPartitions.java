package com.orthoseg.features.messaging;

import com.orthoseg.support.ConsumerProgress;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/** Tells {@link ConsumerProgress} which partitions of the measured channel this instance owns (its rebalance listener). */
@ApplicationScoped
@Identifier("owned-partitions")
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
