package nl.kamerstroom.ingest.source;

import java.net.URI;

/** The source is unavailable for now (5xx, 429, timeout, connection refused): worth trying again later. */
public class RetryableSourceException extends SourceException {
    public RetryableSourceException(URI uri, String message, Throwable cause) {
        super(uri, message, cause);
    }
}
