package com.orthoseg.ingest.api;

import com.orthoseg.ingest.EventKind;
import com.orthoseg.ingest.publish.KafkaUnavailableException;
import com.orthoseg.support.Problem;
import com.orthoseg.support.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The problems only ingestion has. */
public class IngestProblems {

    private static final Logger LOG = Logger.getLogger(IngestProblems.class);
    static final int RETRY_AFTER_SECONDS = 10;

    /** The record type named by a path segment, or 404. */
    static EventKind kindOf(String path) {
        return EventKind.fromPath(path).orElseThrow(() -> ProblemException.notFound(
                "no such record type: " + path + "; expected doctors, orders, complaints or instructions"));
    }

    static ProblemException invalidRecords(List<Problem.Error> errors, int badRecords) {
        return ProblemException.invalid(badRecords + " record(s) are invalid; nothing was published", errors);
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailableException e) {
        LOG.warnf("Answering 503: %s", e.getMessage());
        return ProblemException.unavailable("Kafka did not acknowledge the records in time; none of this request is "
                + "reported accepted. Retrying is safe: the same records get the same event ids.",
                RETRY_AFTER_SECONDS, e).toResponse();
    }
}
