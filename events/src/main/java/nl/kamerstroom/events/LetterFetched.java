package nl.kamerstroom.events;

import java.time.Instant;

/**
 * {@value EventTypes#LETTER_FETCHED} on {@value EventTypes#TOPIC_LETTERS_FETCHED}, keyed by
 * document id: one document's bytes as a source delivered them. The bytes travel inline
 * (base64 in JSON) so that the topic can be replayed to re-parse everything.
 *
 * @param documentId  stable id of the document across re-deliveries: the source's id where it
 *                    has one, else derived from the content hash
 * @param source      {@code upload}, {@code folder}, {@code tk}, {@code koop}
 * @param sourceId    the source's own id for the document, if any
 * @param fileName    original file name, if known
 * @param contentType declared media type, e.g. {@code application/pdf}
 * @param sha256      hex SHA-256 of {@code content}
 * @param size        byte length of {@code content}
 * @param content     the document's bytes
 * @param fetchedAt   when ingest received it
 * @param metadata    what the source said about it
 */
public record LetterFetched(
        String documentId,
        String source,
        String sourceId,
        String fileName,
        String contentType,
        String sha256,
        long size,
        byte[] content,
        Instant fetchedAt,
        SourceMetadata metadata) {

    public LetterFetched {
        metadata = metadata == null ? SourceMetadata.none() : metadata;
    }
}
