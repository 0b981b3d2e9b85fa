package nl.kamerstroom.ingest.source;

import java.net.URI;

/** A request to a source failed; the message names the URL. */
public class SourceException extends RuntimeException {

    private final URI uri;

    public SourceException(URI uri, String message, Throwable cause) {
        super(message + " (" + uri + ")", cause);
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }
}
