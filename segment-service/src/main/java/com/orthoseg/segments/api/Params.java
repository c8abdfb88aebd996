package com.orthoseg.segments.api;

import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.events.TextLimits;
import com.orthoseg.support.ProblemException;

import java.util.Arrays;

/** Path and query parameters of the API, checked with an answer that says what is allowed. */
final class Params {

    static final int MAX_ID_LENGTH = TextLimits.MAX_ID_LENGTH;

    private Params() {
    }

    static Scheme scheme(String text) {
        return Arrays.stream(Scheme.values()).filter(s -> s.name().equals(text)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("no scheme '" + text + "': the schemes are clusters and rfm"));
    }

    static String id(String id, String what) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw ProblemException.badRequest("a " + what + " has 1 to " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }
}
