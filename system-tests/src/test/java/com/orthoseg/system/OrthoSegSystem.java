package com.orthoseg.system;

import com.orthoseg.localstack.LocalStack;
import com.orthoseg.localstack.PackagedService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as an operator runs it: a real Kafka broker and PostgreSQL from local-stack, and
 * the three packaged services as processes (logs in target/system/). Retrains are left to the tests
 * (the schedule's check runs hourly here), so a test decides when the first versions are trained.
 */
final class OrthoSegSystem implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("orthoseg.root", "..")).toAbsolutePath().normalize();

    final LocalStack stack;
    final PackagedService ingest;
    final PackagedService features;
    final PackagedService segments;

    private OrthoSegSystem(LocalStack stack, PackagedService ingest, PackagedService features, PackagedService segments) {
        this.stack = stack;
        this.ingest = ingest;
        this.features = features;
        this.segments = segments;
    }

    static OrthoSegSystem start() {
        LocalStack stack = LocalStack.start(LocalStack.Settings.forTests(true, true));
        stack.createDatabase("features");
        stack.createDatabase("segments");
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("ORTHOSEG_SEGMENTS_CHECK_INTERVAL", "1h");
        Path logs = Path.of("target", "system").toAbsolutePath();
        OrthoSegSystem system = new OrthoSegSystem(stack,
                service("ingest-service", env, logs), service("feature-service", env, logs), service("segment-service", env, logs));
        for (PackagedService service : system.services()) {
            service.start();
        }
        for (PackagedService service : system.services()) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        return system;
    }

    private static PackagedService service(String name, Map<String, String> env, Path logs) {
        return new PackagedService(ROOT, name, env, List.of("-Xmx512m"), logs.resolve(name + ".log"));
    }

    List<PackagedService> services() {
        return List.of(ingest, features, segments);
    }

    /** A client holding a token with this role, as a CRM import, a support desk, an analyst or an admin would. */
    Http as(String role) {
        return new Http(stack.tokens().bearer(role));
    }

    String kafka() {
        return stack.kafkaBootstrapServers();
    }

    @Override
    public void close() {
        try {
            services().forEach(PackagedService::stop);
        } finally {
            stack.close();
        }
    }
}
