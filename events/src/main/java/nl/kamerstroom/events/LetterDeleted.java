package nl.kamerstroom.events;

import java.time.Instant;
import java.util.List;

/**
 * {@value EventTypes#LETTER_DELETED} on {@value EventTypes#TOPIC_LETTERS_DELETED}, keyed by
 * document id: the source withdrew a document ingest published before (a Tweede Kamer SyncFeed
 * tombstone, {@code tk:verwijderd="true"}). Consumers that stored the document remove it.
 * Published at most once per deletion; a document that comes back later is published again as a
 * {@link LetterFetched}.
 *
 * @param documentId  the id the document was published under on {@code letters.fetched}
 * @param source      the source that deleted it, e.g. {@code tk}
 * @param sourceId    the source's own id for the document
 * @param zaakNumbers the zaak numbers the document was linked to when it was published
 * @param deletedAt   when ingest saw the deletion
 */
public record LetterDeleted(
        String documentId,
        String source,
        String sourceId,
        List<String> zaakNumbers,
        Instant deletedAt) {

    public LetterDeleted {
        zaakNumbers = zaakNumbers == null ? List.of() : List.copyOf(zaakNumbers);
    }
}
