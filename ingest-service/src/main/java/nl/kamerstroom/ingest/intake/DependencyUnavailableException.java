package nl.kamerstroom.ingest.intake;

/**
 * Kafka or the ingest database is down or did not answer in time: nothing about the letter is wrong,
 * and the same letter offered again later is taken exactly once. Uploads answer 503 with
 * {@code Retry-After}; the watched folder leaves the file in its inbox and tries again.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
