package com.orthoseg.segments;

import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** A real Kafka broker and a real PostgreSQL for every test of this module, started once for the whole run. */
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "postgres", value = "true"),
        @ResourceArg(name = "database", value = "segments")})
public final class LocalStackForTests {

    private LocalStackForTests() {
    }
}
