package com.orthoseg.segments;

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
    void supportLooksUpDoctorsAnalystsReadReportsAndAdminsRunModels() {
        EndpointAccess access = new EndpointAccess(base, LocalStackResource.stack().tokens());

        assertThat(access.operations()).extracting(Operation::toString, Operation::roles).containsExactlyInAnyOrder(
                tuple("GET /api/v1/doctors/{id}/segments", List.of("support")),
                tuple("GET /api/v1/doctors/{id}/segment-history", List.of("support")),
                tuple("GET /api/v1/segments", List.of("analyst", "support")),
                tuple("GET /api/v1/segments/{scheme}/{id}/doctors", List.of("analyst")),
                tuple("PATCH /api/v1/segments/{scheme}/{id}", List.of("admin")),
                tuple("GET /api/v1/models", List.of("admin")),
                tuple("GET /api/v1/models/{version}", List.of("admin")),
                tuple("POST /api/v1/models/{scheme}/retrain", List.of("admin")),
                tuple("GET /api/v1/models/{version}/preview", List.of("admin")),
                tuple("POST /api/v1/models/{version}/activate", List.of("admin")),
                tuple("POST /api/v1/models/{version}/discard", List.of("admin")),
                tuple("GET /api/v1/reports/segmentation", List.of("analyst")),
                tuple("GET /api/v1/reports/coverage", List.of("analyst")),
                tuple("GET /api/v1/reports/regions", List.of("analyst")),
                tuple("GET /api/v1/reports/purchases-vs-complaints", List.of("analyst")),
                tuple("GET /api/v1/reports/segments", List.of("analyst")),
                tuple("GET /api/v1/reports/segments/{scheme}", List.of("analyst")),
                tuple("GET /api/v1/reports/scatter", List.of("analyst")),
                tuple("GET /q/metrics", List.of()));
        assertThat(access.violations()).isEmpty();
    }
}
