package com.orthoseg.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Event ids are name-based UUIDs (version 5) of a natural key, so the same fact sent twice gets the
 * same id and downstream effects happen once.
 */
public final class EventIds {

    /** The namespace of every OrthoSeg event id: the v5 UUID of "orthoseg.com" in the DNS namespace. */
    public static final UUID NAMESPACE =
            Generators.nameBasedGenerator(NameBasedGenerator.NAMESPACE_DNS).generate("orthoseg.com");

    private static final NameBasedGenerator GENERATOR = Generators.nameBasedGenerator(NAMESPACE);

    private EventIds() {
    }

    /** The event id of a natural key such as {@code order:DGEJFDC:<content hash>}. */
    public static UUID of(String naturalKey) {
        return GENERATOR.generate(naturalKey);
    }

    /**
     * A hash of a fact's content: equal parts give equal hashes. Each part is written with its length,
     * so ("ab", "c") and ("a", "bc") differ, and null differs from the text "null".
     */
    public static String contentHash(Object... parts) {
        StringBuilder canonical = new StringBuilder();
        for (Object part : parts) {
            if (part == null) {
                canonical.append("-1:");
            } else {
                String text = part.toString();
                canonical.append(text.length()).append(':').append(text);
            }
            canonical.append(';');
        }
        return HexFormat.of().formatHex(sha256(canonical.toString()), 0, 16);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
