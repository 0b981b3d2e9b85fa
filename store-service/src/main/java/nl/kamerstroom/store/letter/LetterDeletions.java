package nl.kamerstroom.store.letter;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import nl.kamerstroom.events.LetterDeleted;
import nl.kamerstroom.store.zaak.ZaakRecorder;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code letters.deleted}: the source withdrew a document. The letter stays, with its questions,
 * answers and versions, marked deleted; it no longer counts for its zaak's lifecycle. The deletion
 * is remembered even when the letter has not arrived yet, and a version fetched after it (the
 * document came back) outlives it. Redelivered deletions change nothing.
 */
@ApplicationScoped
public class LetterDeletions {

    private static final Logger LOG = Logger.getLogger(LetterDeletions.class);

    @Inject
    ZaakRecorder zaken;

    @Incoming("letters-deleted")
    @Blocking
    @Transactional
    public void delete(LetterDeleted event) {
        if (event == null || event.documentId() == null || event.deletedAt() == null) {
            // nothing to key it by: there is nothing this event could delete
            LOG.warnf("ignored an unreadable deletion event: %s", event);
            return;
        }
        LetterTombstone tombstone = LetterTombstone.findById(event.documentId());
        if (tombstone != null && !event.deletedAt().isAfter(tombstone.deletedAt)) {
            return; // this deletion or a later one is known
        }
        if (tombstone == null) {
            tombstone = new LetterTombstone();
            tombstone.documentId = event.documentId();
        }
        tombstone.deletedAt = event.deletedAt();
        tombstone.source = event.source();
        tombstone.sourceId = event.sourceId();
        tombstone.zaakNumbers = event.zaakNumbers();
        tombstone.receivedAt = Instant.now();
        tombstone.persist();

        Letter letter = Letter.findByDocumentId(event.documentId()).orElse(null);
        if (letter == null || !LetterTombstone.deletes(event.deletedAt(), letter.fetchedAt)) {
            LOG.infof("deletion of %s by %s remembered (%s)", event.documentId(), event.source(),
                    letter == null ? "not stored yet" : "the stored version is newer");
            return;
        }
        letter.deletedAt = event.deletedAt();
        letter.updatedAt = Instant.now();
        if (letter.zaak != null) {
            letter.flush();
            zaken.refresh(letter.zaak.number);
        }
        LOG.infof("%s deleted by %s; zaak %s re-derived", event.documentId(), event.source(),
                letter.zaak == null ? "-" : letter.zaak.number);
    }
}
