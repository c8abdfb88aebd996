package com.orthoseg.localstack;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.restassured.RestAssured;

/**
 * Before each {@code @QuarkusTest} class of a module that has the local stack: RestAssured sends a real
 * dev token carrying every role, verified by the service like any other. The services' functional tests
 * are about what an endpoint does; who may call it is the subject of their {@code EndpointRolesTest}
 * ({@link EndpointAccess}). A test that sets its own {@code Authorization} header replaces this one.
 * Registered in {@code META-INF/services}; skipped when the module's tests run without the local stack.
 */
public final class RestAssuredTokens implements QuarkusTestBeforeClassCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        if (!LocalStackResource.running()) {
            return;
        }
        String bearer = LocalStackResource.stack().tokens().bearer(DevTokens.ROLES.toArray(String[]::new));
        RestAssured.replaceFiltersWith((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", bearer);
            }
            return context.next(request, response);
        });
    }
}
