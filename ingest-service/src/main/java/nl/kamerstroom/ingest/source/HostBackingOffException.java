package nl.kamerstroom.ingest.source;

import java.net.URI;
import java.time.Instant;

/**
 * The host asked us (Retry-After) to stay away longer than a request is willing to wait: this poll
 * ends, a later one resumes from the same cursor once the time has passed.
 */
public class HostBackingOffException extends SourceException {
    public HostBackingOffException(URI uri, Instant until) {
        super(uri, "the host asked to wait until " + until, null);
    }
}
