package com.orthoseg.ingest.publish;

/** Kafka did not acknowledge every record of a request in time; none of them may be reported accepted. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
