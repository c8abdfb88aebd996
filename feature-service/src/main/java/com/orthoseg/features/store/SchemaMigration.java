package com.orthoseg.features.store;

import com.orthoseg.support.DatabaseMigrations;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Migrates the features database first thing at start-up. */
@ApplicationScoped
public class SchemaMigration {

    void migrate(@Observes @Priority(1) StartupEvent event,
                 @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                 @ConfigProperty(name = "quarkus.datasource.username") String user,
                 @ConfigProperty(name = "quarkus.datasource.password") String password) {
        DatabaseMigrations.apply(url, user, password);
    }
}
