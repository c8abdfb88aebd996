package com.orthoseg.support;

import org.flywaydb.core.Flyway;

/**
 * Applies a service's Flyway migrations (classpath db/migration), never drop-and-create: a restart
 * keeps all state. Flyway's own API over JDBC, because quarkus-flyway does not resolve at the Quarkus
 * version used here; the JDBC URL is derived from the reactive one, so there is one setting.
 * A service calls it from a start-up observer that runs before anything reads the database.
 */
public final class DatabaseMigrations {

    private DatabaseMigrations() {
    }

    public static void apply(String reactiveUrl, String user, String password) {
        Flyway.configure()
                .dataSource(jdbcUrl(reactiveUrl), user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    static String jdbcUrl(String reactiveUrl) {
        String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length()) : reactiveUrl;
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }
}
