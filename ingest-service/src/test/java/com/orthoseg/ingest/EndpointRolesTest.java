package com.orthoseg.ingest;

import com.orthoseg.localstack.EndpointAccess;
import com.orthoseg.localstack.EndpointAccess.Operation;
import com.orthoseg.localstack.LocalStackResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Who may call what: every endpoint of the OpenAPI document, with no token, bad tokens, wrong and right roles. */
@QuarkusTest
class EndpointRolesTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void onlyTheIngestRoleWritesEvents() {
        EndpointAccess access = new EndpointAccess(base, LocalStackResource.stack().tokens());

        assertThat(access.operations()).extracting(Operation::toString, Operation::roles).containsExactlyInAnyOrder(
                tuple("POST /api/v1/{kind}", List.of("ingest")),
                tuple("POST /api/v1/imports/{kind}", List.of("ingest")),
                tuple("GET /q/metrics", List.of()));
        assertThat(access.violations()).isEmpty();
    }
}
