package com.orthoseg.support;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Prometheus metrics at /q/metrics. The quarkus-micrometer extension does not resolve at the Quarkus
 * version used here, so the registry is Micrometer's own, with the JVM binders added by hand.
 */
@Path("/q/metrics")
@PermitAll
public class PrometheusMetrics {

    private final PrometheusMeterRegistry registry;

    public PrometheusMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GET
    @jakarta.ws.rs.Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return registry.scrape();
    }

    static final class Registry {

        @jakarta.enterprise.inject.Produces
        @Singleton
        PrometheusMeterRegistry prometheusMeterRegistry() {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            return registry;
        }
    }
}
