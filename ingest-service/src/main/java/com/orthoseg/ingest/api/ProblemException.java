package com.orthoseg.ingest.api;

import com.orthoseg.ingest.EventKind;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** A request that cannot be served, answered as application/problem+json. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Integer retryAfterSeconds;

    private ProblemException(Problem problem, Integer retryAfterSeconds, Throwable cause) {
        super(problem.title() + ": " + problem.detail(), cause);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException invalidRecords(List<Problem.Error> errors, int badRecords) {
        return new ProblemException(new Problem("urn:orthoseg:problem:invalid-records", "Invalid records", 400,
                badRecords + " record(s) are invalid; nothing was published", errors), null, null);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(new Problem("urn:orthoseg:problem:bad-request", "Bad request", 400,
                detail, null), null, null);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(new Problem("urn:orthoseg:problem:too-large", "Request too large", 413,
                detail, null), null, null);
    }

    /** The record type named by a path segment, or 404. */
    public static EventKind kindOf(String path) {
        return EventKind.fromPath(path).orElseThrow(() -> new ProblemException(new Problem(
                "urn:orthoseg:problem:not-found", "Not found", 404,
                "no such record type: " + path + "; expected doctors, orders, complaints or instructions", null),
                null, null));
    }

    public static ProblemException kafkaUnavailable(int retryAfterSeconds, Throwable cause) {
        return new ProblemException(new Problem("urn:orthoseg:problem:kafka-unavailable", "Kafka unavailable", 503,
                "Kafka did not acknowledge the records in time; none of this request is reported accepted. "
                        + "Retrying is safe: the same records get the same event ids.", null),
                retryAfterSeconds, cause);
    }

    public Problem problem() {
        return problem;
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
