package nl.kamerstroom.ingest.source.tk;

import java.time.Instant;
import org.w3c.dom.Element;

/**
 * One Atom entry of the SyncFeed: an entity's current state, or its tombstone.
 *
 * @param entityId      the entity's GUID (the entry's {@code title})
 * @param updated       the entry's {@code updated}
 * @param nextSkiptoken the skiptoken of the entry's {@code link rel="next"}: where to resume right after it
 * @param enclosure     the entry's {@code link rel="enclosure"} href (the file), if any
 * @param entity        the entity element inside {@code content}, e.g. {@code <document>}
 * @param deleted       {@code tk:verwijderd="true"}
 */
public record SyncFeedEntry(String entityId, Instant updated, String nextSkiptoken, String enclosure, Element entity,
        boolean deleted) {
}
