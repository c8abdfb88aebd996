package com.orthoseg.ingest.publish;

import com.orthoseg.ingest.EventKind;
import com.orthoseg.ingest.validation.ValidEvent;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The records of one request or import on their way to Kafka. At most {@code maxInFlight} are
 * unacknowledged at a time, so an import of any size needs bounded memory; {@link #awaitAll()}
 * returns once every record is acknowledged, or throws if Kafka failed or did not answer in time.
 */
public final class PublishBatch {

    private final EventPublisher publisher;
    private final EventKind kind;
    private final int maxInFlight;
    private final Duration timeout;
    private final Semaphore inFlight;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public PublishBatch(EventPublisher publisher, EventKind kind, int maxInFlight, Duration timeout) {
        this.publisher = publisher;
        this.kind = kind;
        this.maxInFlight = maxInFlight;
        this.timeout = timeout;
        this.inFlight = new Semaphore(maxInFlight);
    }

    public void send(ValidEvent event) {
        failIfKafkaFailed();
        acquire(1, "waiting to send");
        publisher.publish(kind, event).whenComplete((ignored, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            inFlight.release();
        });
    }

    public void awaitAll() {
        acquire(maxInFlight, "waiting for acknowledgements");
        inFlight.release(maxInFlight);
        failIfKafkaFailed();
    }

    private void acquire(int permits, String what) {
        try {
            if (!inFlight.tryAcquire(permits, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new KafkaUnavailableException("Kafka did not acknowledge within " + timeout + " (" + what + ")", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while " + what, e);
        }
    }

    private void failIfKafkaFailed() {
        Throwable error = failure.get();
        if (error != null) {
            throw new KafkaUnavailableException("Kafka refused a record: " + error.getMessage(), error);
        }
    }
}
