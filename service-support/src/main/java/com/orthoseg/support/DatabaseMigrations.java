package com.orthoseg.support;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Applies a service's Flyway migrations (classpath db/migration) first thing at start-up, before
 * anything reads the database; never drop-and-create: a restart keeps all state. Present in the
 * services with a PostgreSQL datasource. Flyway's own API over JDBC, because quarkus-flyway does not
 * resolve at the Quarkus version used here; the JDBC URL is derived from the reactive one, so there
 * is one setting.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class DatabaseMigrations {

    void migrate(@Observes @Priority(1) StartupEvent event,
                 @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                 @ConfigProperty(name = "quarkus.datasource.username") String user,
                 @ConfigProperty(name = "quarkus.datasource.password") String password) {
        Flyway.configure()
                .dataSource(jdbcUrl(url), user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    static String jdbcUrl(String reactiveUrl) {
        String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length()) : reactiveUrl;
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }
}
