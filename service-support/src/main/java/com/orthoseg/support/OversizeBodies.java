package com.orthoseg.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose Content-Length is over {@code quarkus.http.limits.max-body-size} before anything
 * reads it, with the problem+json every other error has (Quarkus' own check answers an empty 413; it
 * still stops chunked bodies that grow past the limit).
 */
@ApplicationScoped
public class OversizeBodies {

    private final long limit;
    private final String problem;

    public OversizeBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.problem = mapper.writeValueAsString(new Problem("about:blank", "Content Too Large", 413,
                "the request body is larger than the " + this.limit + " bytes accepted here", null));
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit) && Long.parseLong(length) > limit) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(problem);
            } else {
                context.next();
            }
        });
    }
}
