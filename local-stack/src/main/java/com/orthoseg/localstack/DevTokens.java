package com.orthoseg.localstack;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The local run's token issuer: an RSA key pair kept in a directory (generated on first use) and
 * bearer JWTs signed with it, carrying the OrthoSeg roles in the {@code groups} claim that the
 * services' smallrye-jwt reads. The services only ever get the public key and the issuer; in a real
 * deployment both come from the identity provider (Keycloak or any OIDC issuer).
 *
 * <p>{@code DevTokens <key dir> <role>[,<role>…] [hours]} prints one token.
 */
public final class DevTokens {

    public static final String ISSUER = "https://orthoseg.local/dev";
    public static final List<String> ROLES = List.of("ingest", "support", "analyst", "admin");

    private final Path publicKeyFile;
    private final PrivateKey privateKey;

    private DevTokens(Path publicKeyFile, PrivateKey privateKey) {
        this.publicKeyFile = publicKeyFile;
        this.privateKey = privateKey;
    }

    /** The key pair in {@code dir}, generated there if it does not exist yet. */
    public static DevTokens in(Path dir) {
        Path publicKey = dir.resolve("public.pem");
        Path privateKey = dir.resolve("private.pem");
        try {
            if (!Files.exists(privateKey)) {
                generate(dir, publicKey, privateKey);
            }
            byte[] pkcs8 = pemBody(Files.readString(privateKey));
            return new DevTokens(publicKey, KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the dev key pair in " + dir, e);
        }
    }

    /**
     * The verification settings a service needs: the public key itself ({@code mp.jwt.verify.publickey},
     * base64 DER), which also replaces the throw-away key pair smallrye-jwt makes up in test mode (its location would not), and
     * {@code mp.jwt.verify.issuer}.
     */
    public Map<String, String> serviceConfig() {
        try {
            String base64 = Files.readString(publicKeyFile).replaceAll("-----[A-Z ]+-----|\\s", "");
            return Map.of("mp.jwt.verify.publickey", base64, "mp.jwt.verify.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token valid for an hour with the given roles. */
    public String token(String... roles) {
        return token(Duration.ofHours(1), List.of(roles));
    }

    public String token(Duration validFor, List<String> roles) {
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; the roles are " + ROLES);
            }
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("dev-" + String.join("-", roles));
        claims.setClaim("upn", "dev-" + String.join("-", roles));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(validFor.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", roles);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    /** {@code Authorization} header value. */
    public String bearer(String... roles) {
        return "Bearer " + token(roles);
    }

    private static void generate(Path dir, Path publicKey, Path privateKey) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path partial = dir.resolve("private.pem.partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.move(partial, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: DevTokens <key dir> <role>[,<role>...] [hours]; roles: " + String.join(", ", ROLES));
            System.exit(2);
        }
        try {
            Duration validFor = Duration.ofHours(args.length == 3 ? Long.parseLong(args[2]) : 8);
            System.out.println(in(Path.of(args[0])).token(validFor, List.of(args[1].split(","))));
        } catch (IllegalArgumentException e) {
            // an unknown role, or hours that are not a number
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
