package nl.kamerstroom.ingest.source;

/**
 * A publication source ingest follows continuously. Each implementation keeps its own cursor(s) in
 * {@link CursorStore}, hands documents to {@code LetterIntake}, and is enabled and configured on
 * its own ({@code kamerstroom.sources.<name>.*}). A poll reads what is new since the cursor, and
 * returns normally even when the source is down: the outage is logged and counted, the cursor stays.
 */
public interface Source {

    /** Short name, used as the event's {@code source}, in metrics and in configuration. */
    String name();

    boolean enabled();

    /** Reads what is new since the cursor; never throws for a source failure. */
    void poll();
}
