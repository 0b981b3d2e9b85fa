package nl.kamerstroom.ingest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.kamerstroom.events.LetterDeleted;
import nl.kamerstroom.messaging.AcknowledgedSend;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * A source deleted a document (a SyncFeed tombstone): publish {@code letters.deleted} once, if and
 * only if ingest published that document before, and mark the row deleted after Kafka acknowledged.
 * A tombstone for a document ingest never published (most of them: other document kinds) is no event.
 */
@ApplicationScoped
public class LetterDeletions {

    private static final Logger LOG = Logger.getLogger(LetterDeletions.class);

    @Inject
    @Channel("letters-deleted")
    Emitter<LetterDeleted> deletions;

    @Inject
    PublishedLetters topic;

    @ConfigProperty(name = "kamerstroom.ingest.publish-timeout", defaultValue = "30s")
    Duration publishTimeout;

    /** True when this call published a deletion. */
    public boolean delete(String source, String sourceId) {
        String documentId = LetterIntake.IntakeLedger.documentId(source, sourceId);
        Pending pending = pending(documentId, source, sourceId);
        if (pending == null) {
            return false;
        }
        LetterDeleted event = pending.event();
        if (pending.claimedBefore() != null
                && topic.containsDeletion(documentId, pending.claimedBefore().minus(Duration.ofMinutes(1)))) {
            // sent before a crash that came before the mark
            markDeleted(documentId, pending.claimedBefore());
            LOG.infof("the deletion of %s was published before a restart; marked, not sent again", documentId);
            return false;
        }
        try {
            AcknowledgedSend.send(deletions, event, documentId).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new LetterIntake.PublishFailedException("Kafka did not accept the deletion of " + documentId + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LetterIntake.PublishFailedException("Kafka did not acknowledge the deletion of " + documentId
                    + " within " + publishTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LetterIntake.PublishFailedException("interrupted while publishing a deletion", e);
        }
        markDeleted(documentId, event.deletedAt());
        LOG.infof("published deletion of %s (%s)", documentId, source);
        return true;
    }

    /** A deletion to send; {@code claimedBefore} is set when one may have been sent already. */
    record Pending(LetterDeleted event, Instant claimedBefore) {
    }

    @Transactional
    Pending pending(String documentId, String source, String sourceId) {
        IngestedLetter row = IngestedLetter.findByDocumentId(documentId).orElse(null);
        if (row == null || row.deletedAt != null || row.publishedAt == null) {
            return null;
        }
        Instant claimedBefore = row.deletionClaimedAt;
        row.deletionClaimedAt = Instant.now();
        List<String> zaken = row.zaakNumbers == null ? List.of() : Arrays.asList(row.zaakNumbers.split(","));
        return new Pending(new LetterDeleted(documentId, source, sourceId, zaken, row.deletionClaimedAt), claimedBefore);
    }

    @Transactional
    void markDeleted(String documentId, Instant at) {
        IngestedLetter.update("deletedAt = ?1 where documentId = ?2", at, documentId);
    }
}
