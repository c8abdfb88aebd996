package com.orthoseg.ingest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "orthoseg.ingest")
public interface IngestConfig {

    /** Largest body of a JSON or NDJSON request. */
    MemorySize maxRequestSize();

    /** Most records in one JSON or NDJSON request. */
    int maxRecordsPerRequest();

    /**
     * Largest CSV file of one import; the file is streamed, never held in memory. Applied as
     * {@code quarkus.http.limits.max-body-size} (application.properties), mapped here so that a bad value stops start-up.
     */
    MemorySize maxImportSize();

    /** Longest CSV record (a line, or several inside quotes), in characters. */
    int maxCsvRecordLength();

    /** Most columns in a CSV header. */
    int maxCsvColumns();

    /** How long a request waits for Kafka to acknowledge its records before answering 503. */
    Duration publishTimeout();

    /** Records of one import sent to Kafka and not yet acknowledged, at most. */
    int maxInFlight();

    /** Rejected CSV lines listed in an import summary; all of them are counted. */
    int maxListedRejections();
}
