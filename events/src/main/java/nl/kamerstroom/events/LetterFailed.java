package nl.kamerstroom.events;

import java.time.Instant;

/**
 * {@value EventTypes#LETTER_FAILED} on {@value EventTypes#TOPIC_LETTERS_DLQ}, keyed by document
 * id: a letter some stage could not handle, with a reference to the input and the reason. The
 * input itself stays on its own topic at {@code topic/partition/offset}, so nothing is lost and
 * an operator can replay it once the cause is fixed.
 *
 * @param documentId  the failed document's id, if it could be read
 * @param sha256      the failed content's hash, if it could be read
 * @param source      the source it came from, if known
 * @param contentType the declared media type, if known
 * @param stage       {@code parse} or {@code store}
 * @param reason      a sentence an operator can act on
 * @param errorType   the class of the failure, for grouping
 * @param topic       where the input record is
 * @param partition   its partition
 * @param offset      its offset
 * @param failedAt    when it failed
 */
public record LetterFailed(
        String documentId,
        String sha256,
        String source,
        String contentType,
        String stage,
        String reason,
        String errorType,
        String topic,
        int partition,
        long offset,
        Instant failedAt) {
}
