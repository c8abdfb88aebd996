package com.orthoseg.support;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.Map;

/**
 * Not live while a partition of this instance has records waiting and no commit for
 * {@code orthoseg.consumer-lag.stall-timeout} (10 minutes, as long as SmallRye's throttled commit lets a
 * record wait): Kubernetes then restarts the instance. Up in a service without a measured channel.
 */
@Liveness
@Singleton
public class ConsumerProgressCheck implements HealthCheck {

    private final ConsumerProgress progress;
    private final ConsumerLag.Settings settings;

    public ConsumerProgressCheck(ConsumerProgress progress, ConsumerLag.Settings settings) {
        this.progress = progress;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> stalled = progress.stalled(settings.stallTimeout(), System.nanoTime());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka consumer progress")
                .status(stalled.isEmpty()).withData("channel", settings.channel().orElse("none"));
        stalled.forEach(response::withData);
        return response.build();
    }
}
