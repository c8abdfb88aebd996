package com.orthoseg.features.store;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Applies the Flyway migrations (db/migration) at start-up, before anything reads the database; a
 * restart keeps all state. Flyway's own API over JDBC, because quarkus-flyway does not resolve at the
 * Quarkus version used here; the JDBC URL is derived from the reactive one, so there is one setting.
 */
@ApplicationScoped
public class Migrations {

    private final String reactiveUrl;
    private final String user;
    private final String password;

    public Migrations(@ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
                      @ConfigProperty(name = "quarkus.datasource.username") String user,
                      @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.reactiveUrl = reactiveUrl;
        this.user = user;
        this.password = password;
    }

    void migrate(@Observes @Priority(1) StartupEvent event) {
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
