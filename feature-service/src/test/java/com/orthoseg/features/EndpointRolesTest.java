package com.orthoseg.features;

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
    void supportReadsFeaturesAndAnalystsTheDataQuality() {
        EndpointAccess access = new EndpointAccess(base, LocalStackResource.stack().tokens());

        assertThat(access.operations()).extracting(Operation::toString, Operation::roles).containsExactlyInAnyOrder(
                tuple("GET /api/v1/doctors/{id}/features", List.of("support")),
                tuple("GET /api/v1/data-quality", List.of("analyst")),
                tuple("GET /api/v1/data-quality/doctors", List.of("analyst")),
                tuple("GET /q/metrics", List.of()));
        assertThat(access.violations()).isEmpty();
    }
}
