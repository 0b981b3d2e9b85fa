package nl.kamerstroom.store.letter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import nl.kamerstroom.events.LetterFailed;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.messaging.AcknowledgedSend;
import nl.kamerstroom.store.zaak.ZaakRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * {@code letters.parsed} into the database, a poll's worth of letters per transaction (one
 * transaction per letter costs ~5x in throughput). If the batch fails, each letter is retried on
 * its own and only the one that fails goes to {@code letters.dlq}: a bad letter never takes good
 * ones with it. Offsets are committed after the transaction, so a crash replays, never loses.
 */
@ApplicationScoped
public class LetterStore {

    private static final Logger LOG = Logger.getLogger(LetterStore.class);

    @Inject
    LetterWriter writer;

    @Inject
    ZaakRecorder zaken;

    @Inject
    Session session;

    @Inject
    @Channel("letters-dlq")
    Emitter<LetterFailed> deadLetters;

    @Incoming("letters-parsed")
    @Blocking
    public void store(ConsumerRecords<String, LetterParsed> records) {
        try {
            QuarkusTransaction.requiringNew().run(() -> writeAll(records));
        } catch (RuntimeException batchFailure) {
            LOG.warnf("batch of %d letters failed (%s); storing them one by one", records.count(), batchFailure);
            for (ConsumerRecord<String, LetterParsed> record : records) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> writeAll(java.util.List.of(record)));
                } catch (RuntimeException e) {
                    deadLetter(record, e);
                }
            }
        }
    }

    private void writeAll(Iterable<ConsumerRecord<String, LetterParsed>> records) {
        // lookups within the batch go through LetterWriter.Lookups, so queries need not flush first;
        // the inserts of the whole batch then go out in JDBC batches at the end
        session.setHibernateFlushMode(FlushMode.COMMIT);
        LetterWriter.Lookups lookups = new LetterWriter.Lookups();
        Set<String> documentIds = new LinkedHashSet<>();
        Set<String> zaakNumbers = new LinkedHashSet<>();
        for (ConsumerRecord<String, LetterParsed> record : records) {
            LetterParsed event = record.value();
            if (event != null && event.documentId() != null && event.letter() != null) {
                documentIds.add(event.documentId());
                if (event.letter().primaryZaak() != null) {
                    zaakNumbers.add(event.letter().primaryZaak());
                }
            }
        }
        lookups.prefetch(documentIds, zaakNumbers);
        Set<String> touched = new LinkedHashSet<>();
        java.util.List<Letter> writtenLetters = new java.util.ArrayList<>();
        int written = 0;
        for (ConsumerRecord<String, LetterParsed> record : records) {
            LetterParsed event = record.value();
            if (event == null || event.letter() == null || event.documentId() == null) {
                throw new UnreadableEventException(record);
            }
            Letter letter = writer.write(event, lookups);
            if (letter != null) {
                written++;
                writtenLetters.add(letter);
                if (letter.zaak != null) {
                    touched.add(letter.zaak.number);
                }
            }
        }
        // FlushMode.COMMIT: the query in refreshAll does not flush; the letters of this poll are passed in
        zaken.refreshAll(touched, writtenLetters);
        if (written > 0) {
            LOG.debugf("stored %d letters, %d zaken updated", written, touched.size());
        }
    }

    private void deadLetter(ConsumerRecord<String, LetterParsed> record, RuntimeException e) {
        LetterParsed event = record.value();
        String reason = e instanceof UnreadableEventException ? e.getMessage() : "the store could not write the letter: " + e;
        LetterFailed failed = new LetterFailed(event == null ? record.key() : event.documentId(),
                event == null ? null : event.sha256(), event == null ? null : event.source(),
                event == null ? null : event.contentType(), "store", reason, e.getClass().getSimpleName(),
                record.topic(), record.partition(), record.offset(), Instant.now());
        LOG.warnf("dead-lettered %s from %s-%d@%d: %s", failed.documentId(), record.topic(), record.partition(),
                record.offset(), reason);
        AcknowledgedSend.send(deadLetters, failed, failed.documentId() == null ? "unknown" : failed.documentId()).join();
    }

    /** A record whose value could not be read as a parsed letter. */
    static final class UnreadableEventException extends RuntimeException {
        UnreadableEventException(ConsumerRecord<String, LetterParsed> record) {
            super("the event at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " could not be read as a parsed letter");
        }
    }
}
