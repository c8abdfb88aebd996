package com.orthoseg.support;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** A request that cannot be served, answered as application/problem+json by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Integer retryAfterSeconds;

    public ProblemException(Problem problem, Integer retryAfterSeconds, Throwable cause) {
        super(problem.title() + ": " + problem.detail(), cause);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException invalid(String detail, List<Problem.Error> errors) {
        return new ProblemException(new Problem("urn:orthoseg:problem:invalid", "Invalid request", 400, detail, errors),
                null, null);
    }

    /** A streamed import that stopped at a broken part, after publishing {@code accepted} records. */
    public static ProblemException importStopped(String detail, long accepted) {
        return new ProblemException(new Problem("urn:orthoseg:problem:bad-request", "Bad request", 400, detail, null, accepted),
                null, null);
    }

    public static ProblemException notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    public static ProblemException tooLarge(String detail) {
        return of(413, "too-large", "Request too large", detail);
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds, Throwable cause) {
        return new ProblemException(new Problem("urn:orthoseg:problem:unavailable", "Service unavailable", 503,
                detail, null), retryAfterSeconds, cause);
    }

    private static ProblemException of(int status, String type, String title, String detail) {
        return new ProblemException(new Problem("urn:orthoseg:problem:" + type, title, status, detail, null), null, null);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }
}
