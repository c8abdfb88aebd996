package com.orthoseg.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The local stack as a Quarkus test resource. Declared once per test module with
 * {@code @QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)}, it
 * starts once for the module's whole test run.
 *
 * <p>Init args: {@code postgres} ("true" to start PostgreSQL as well) and {@code database} (the
 * database to create and point the datasource at).
 */
public final class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStack stack;

    private boolean withPostgres;
    private String database;

    /** The running stack, for tests that stop and start the broker or the database. */
    public static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the local stack is not running");
        }
        return stack;
    }

    public static boolean running() {
        return stack != null;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        withPostgres = Boolean.parseBoolean(initArgs.getOrDefault("postgres", "false"));
        database = initArgs.getOrDefault("database", "orthoseg");
    }

    @Override
    public Map<String, String> start() {
        stack = LocalStack.start(LocalStack.Settings.forTests(true, withPostgres));
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        config.putAll(stack.tokens().serviceConfig());
        if (withPostgres) {
            stack.createDatabase(database);
            LocalStack.PostgresEndpoint db = stack.postgresEndpoint();
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
            config.put("quarkus.datasource.reactive.url", db.reactiveUrl(database));
        }
        return config;
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }
}
