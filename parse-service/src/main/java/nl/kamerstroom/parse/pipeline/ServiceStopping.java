package nl.kamerstroom.parse.pipeline;

/**
 * A wait (for a parse, for the broker) was interrupted because the service is stopping. The record
 * being handled stays unacknowledged, so that the next owner of its partition reads it again.
 */
public final class ServiceStopping extends RuntimeException {

    /** The service began to stop while {@code what}; waiting longer would hold up its exit. */
    ServiceStopping(String what) {
        super("stopped " + what + " (the service is stopping); the letter is read again after the restart");
    }

    ServiceStopping(String what, InterruptedException cause) {
        super("interrupted while " + what + " (the service is stopping)", cause);
    }

    /** A parse that failed because the service stopped under it: {@code cause} says nothing about the letter. */
    ServiceStopping(String what, Throwable cause) {
        super(what + " failed while the service was stopping (" + cause + "); the letter is read again after the restart",
                cause);
    }
}
