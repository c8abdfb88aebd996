package com.orthoseg.ingest;

import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;

/** A real Kafka broker for every test of this module, started once for the whole run. */
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false)
public final class LocalStackForTests {

    private LocalStackForTests() {
    }
}
