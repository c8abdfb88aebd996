package com.orthoseg.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * For tests: walks every operation of a running service's OpenAPI document and checks who gets in.
 * An operation outside {@code /q/} must declare roles (the security requirement smallrye-openapi
 * derives from {@code @RolesAllowed}); without a token, with an invalid one or with a token signed by
 * another key it answers 401 problem+json; with every other role 403; with each declared role neither
 * 401, 403 nor a 5xx. {@code /q/} operations (metrics) answer without a token.
 */
public final class EndpointAccess {

    /** One operation of the OpenAPI document and the roles it declares. */
    public record Operation(String method, String path, List<String> roles, String contentType) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final DevTokens tokens;
    private final DevTokens stranger;

    /** @param tokens the issuer whose public key the service trusts */
    public EndpointAccess(URI base, DevTokens tokens) {
        this.base = base;
        this.tokens = tokens;
        // the same issuer name and roles with a key pair of its own: a signature the service cannot verify
        Path strangerKeys = Directories.createTemp("orthoseg-stranger-");
        try {
            this.stranger = DevTokens.in(strangerKeys);
        } finally {
            Directories.deleteRecursively(strangerKeys);
        }
    }

    public List<Operation> operations() {
        JsonNode document;
        try {
            document = JSON.readTree(send("GET", "/q/openapi?format=json", null, null, null).body());
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                List<String> roles = new ArrayList<>();
                method.getValue().path("security").forEach(requirement ->
                        requirement.forEach(scopes -> scopes.forEach(role -> roles.add(role.asText()))));
                Iterator<String> mediaTypes = method.getValue().path("requestBody").path("content").fieldNames();
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), roles,
                        mediaTypes.hasNext() ? mediaTypes.next() : null));
            }
        }
        return operations;
    }

    /** What is wrong, one line per finding; empty when every operation admits exactly its roles. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        for (Operation operation : operations()) {
            if (operation.path().startsWith("/q/")) {
                expect(violations, operation, "no token", null, status -> status < 400, "to answer without a token");
                continue;
            }
            if (operation.roles().isEmpty()) {
                violations.add(operation + ": declares no role (@RolesAllowed)");
                continue;
            }
            for (String unknown : operation.roles()) {
                if (!DevTokens.ROLES.contains(unknown)) {
                    violations.add(operation + ": declares an unknown role '" + unknown + "'");
                }
            }
            expectUnauthorized(violations, operation, "no token", null);
            expectUnauthorized(violations, operation, "a malformed token", "Bearer not-a-jwt");
            expectUnauthorized(violations, operation, "a token signed by another key",
                    "Bearer " + stranger.token(operation.roles().toArray(String[]::new)));
            expectUnauthorized(violations, operation, "an expired token",
                    "Bearer " + tokens.token(Duration.ofMinutes(-5), operation.roles()));
            List<String> others = DevTokens.ROLES.stream().filter(role -> !operation.roles().contains(role)).toList();
            if (!others.isEmpty()) {
                expect(violations, operation, "roles " + others, "Bearer " + tokens.token(Duration.ofMinutes(5), others),
                        status -> status == 403, "403");
            }
            for (String role : operation.roles()) {
                expect(violations, operation, "role " + role, tokens.bearer(role),
                        status -> status != 401 && status != 403 && status < 500, "neither 401, 403 nor 5xx");
            }
        }
        return violations;
    }

    private void expectUnauthorized(List<String> violations, Operation operation, String what, String authorization) {
        HttpResponse<String> response = request(operation, authorization);
        if (response.statusCode() != 401
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            violations.add(operation + " with " + what + ": expected 401 problem+json, got " + response.statusCode()
                    + " " + response.headers().firstValue("Content-Type").orElse(""));
        }
    }

    private void expect(List<String> violations, Operation operation, String what, String authorization,
                        IntPredicate expected, String expectation) {
        int status = request(operation, authorization).statusCode();
        if (!expected.test(status)) {
            violations.add(operation + " with " + what + ": expected " + expectation + ", got " + status);
        }
    }

    /** Path parameters become "x0"; a body, when the operation takes one, is empty JSON or empty text. */
    private HttpResponse<String> request(Operation operation, String authorization) {
        String path = operation.path().replaceAll("\\{[^}]+}", "x0");
        String body = operation.contentType() == null ? null : operation.contentType().contains("json") ? "{}" : "";
        return send(operation.method(), path, body == null ? null : operation.contentType(), body, authorization);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
