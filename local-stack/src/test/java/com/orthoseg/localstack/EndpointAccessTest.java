package com.orthoseg.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The access walk must be able to fail: a small JDK HTTP server (no Quarkus) with one correct
 * operation, one that declares no role and one that lets a wrong role in.
 */
class EndpointAccessTest {

    private static final String OPENAPI = """
            {"paths": {
              "/api/reports": {"get": {"security": [{"SecurityScheme": ["analyst"]}]}},
              "/api/models/{version}/activate": {"post": {"security": [{"SecurityScheme": ["admin"]}],
                 "requestBody": {"content": {"application/json": {}}}}},
              "/api/forgotten": {"get": {}},
              "/q/metrics": {"get": {}}
            }}""";
    /** What each path really admits; /api/models… wrongly lets support in. */
    private static final Map<String, List<String>> ADMITS = Map.of(
            "/api/reports", List.of("analyst"),
            "/api/models/x0/activate", List.of("admin", "support"),
            "/api/forgotten", List.of("support"));

    private Path keys;
    private DevTokens tokens;
    private PublicKey publicKey;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        keys = Directories.createTemp("orthoseg-access-test-");
        tokens = DevTokens.in(keys);
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(tokens.publicKeyFile()).replaceAll("-----[A-Z ]+-----", ""));
        publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        Directories.deleteRecursively(keys);
    }

    @Test
    void reportsTheEndpointWithoutRolesAndTheOneThatAdmitsAWrongRole() {
        EndpointAccess access = new EndpointAccess(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), tokens);

        assertThat(access.violations()).containsExactlyInAnyOrder(
                "GET /api/forgotten: declares no role (@RolesAllowed)",
                "POST /api/models/{version}/activate with roles [ingest, support, analyst]: expected 403, got 200");
    }

    @Test
    void devTokensKeepTheirKeyPairAndRefuseUnknownRoles() throws Exception {
        String token = DevTokens.in(keys).token("support", "analyst");

        JwtClaims claims = verify(token);
        assertThat(claims.getIssuer()).isEqualTo(DevTokens.ISSUER);
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("support", "analyst");
        assertThatThrownBy(() -> tokens.token("root")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown role 'root'");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status;
        String body = "";
        if (path.equals("/q/openapi")) {
            status = 200;
            body = OPENAPI;
        } else if (path.equals("/q/metrics")) {
            status = 200;
        } else {
            status = statusFor(path, exchange.getRequestHeaders().getFirst("Authorization"));
        }
        exchange.getResponseHeaders().add("Content-Type", status == 401 ? "application/problem+json" : "application/json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int statusFor(String path, String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return 401;
        }
        try {
            List<String> roles = verify(authorization.substring(7)).getStringListClaimValue("groups");
            return roles.stream().anyMatch(ADMITS.get(path)::contains) ? 200 : 403;
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return 401;
        }
    }

    private JwtClaims verify(String token) throws InvalidJwtException {
        return new JwtConsumerBuilder().setVerificationKey(publicKey).setExpectedIssuer(DevTokens.ISSUER)
                .setRequireExpirationTime()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build().processToClaims(token);
    }
}
