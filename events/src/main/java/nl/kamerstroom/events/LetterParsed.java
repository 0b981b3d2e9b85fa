package nl.kamerstroom.events;

import java.time.Instant;

/**
 * {@value EventTypes#LETTER_PARSED} on {@value EventTypes#TOPIC_LETTERS_PARSED}, keyed by the
 * primary zaak number, else the document id. The whole letter in one event: this event alone is
 * the unit of truth for the store, so a consumer never sees half a letter.
 *
 * @param documentId    the id from {@link LetterFetched#documentId()}
 * @param sha256        hash of the bytes that were parsed; a new hash for the same id is a new version
 * @param source        where the bytes came from
 * @param sourceId      the source's own id
 * @param contentType   the media type the bytes were parsed as
 * @param fetchedAt     when ingest received the bytes
 * @param parsedAt      when this parse ran
 * @param parserVersion version of the parser, so that re-parses can be told apart
 * @param metadata      what the source said, passed through unchanged
 * @param letter        what the parser read
 */
public record LetterParsed(
        String documentId,
        String sha256,
        String source,
        String sourceId,
        String contentType,
        Instant fetchedAt,
        Instant parsedAt,
        String parserVersion,
        SourceMetadata metadata,
        ParsedLetter letter) {

    /** Kafka key: all events of one zaak land in one partition, in order. */
    public String key() {
        String zaak = letter == null ? null : letter.primaryZaak();
        return zaak != null ? zaak : documentId;
    }
}
