package nl.kamerstroom.store.letter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.kamerstroom.store.Backoff;
import nl.kamerstroom.store.Failures;
import nl.kamerstroom.store.StoreHealth;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 *
 * <p>A failure of a dependency (the database is down, restarting or busy; the broker does not take
 * the dead letter) is never the letter's fault: the same letters are tried again, in order, with
 * a backoff ({@code kamerstroom.store.retry.*}) for as long as it takes, nothing is committed
 * meanwhile, and readiness reports DOWN ({@link StoreHealth}). Only what a retry cannot fix (an
 * unreadable event, data the database refuses) is dead-lettered with the reason.
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

    @Inject
    StoreHealth health;

    @ConfigProperty(name = "kamerstroom.store.retry.first", defaultValue = "1s")
    Duration retryFirst;

    @ConfigProperty(name = "kamerstroom.store.retry.max", defaultValue = "10s")
    Duration retryMax;

    private final Object stopSignal = new Object();
    private volatile boolean stopping;

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        synchronized (stopSignal) {
            stopSignal.notifyAll(); // a retry wait ends now: SIGTERM is not held up by an outage
        }
    }

    @Incoming("letters-parsed")
    @Blocking
    public void store(ConsumerRecords<String, LetterParsed> records) {
        List<ConsumerRecord<String, LetterParsed>> all = new ArrayList<>();
        records.forEach(all::add);
        storeAll(all);
    }

    /** Stores {@code records} in order, retrying what a dependency made fail; also the DLQ replay's way in. */
    public void storeAll(List<ConsumerRecord<String, LetterParsed>> records) {
        Backoff backoff = backoff();
        try {
            RuntimeException batchFailure = attempt(records, backoff, "storing " + records.size() + " letters");
            if (batchFailure == null) {
                return;
            }
            LOG.warnf("batch of %d letters failed (%s); storing them one by one", records.size(),
                    Failures.describe(batchFailure));
            for (ConsumerRecord<String, LetterParsed> record : records) {
                RuntimeException failure = attempt(List.of(record), backoff, "storing " + where(record));
                if (failure != null) {
                    deadLetter(record, failure, backoff);
                }
            }
        } finally {
            health.recovered();
        }
    }

    /**
     * One transaction over {@code records}, repeated while it fails for a transient reason: null once
     * it committed, or the permanent failure.
     */
    private RuntimeException attempt(List<ConsumerRecord<String, LetterParsed>> records, Backoff backoff, String what) {
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> writeAll(records));
                return null;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e) || stopping) {
                    if (stopping) {
                        throw new Backoff.Stopping(what);
                    }
                    return e;
                }
                waitFor(backoff, what, e);
            }
        }
    }

    private void waitFor(Backoff backoff, String what, RuntimeException e) {
        String reason = Failures.describe(e);
        health.waiting(what + ": " + reason);
        LOG.warnf("%s failed for a reason outside the letter (%s); retry %d in %s, nothing is committed meanwhile",
                what, reason, backoff.attempts() + 1, backoff.nextWait());
        backoff.await(what);
    }

    private Backoff backoff() {
        return new Backoff(retryFirst, retryMax, stopSignal, () -> stopping);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
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
        List<Letter> writtenLetters = new ArrayList<>();
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

    private void deadLetter(ConsumerRecord<String, LetterParsed> record, RuntimeException e, Backoff backoff) {
        LetterParsed event = record.value();
        String reason = e instanceof UnreadableEventException ? e.getMessage()
                : "the store could not write the letter: " + Failures.describe(e);
        LetterFailed failed = new LetterFailed(event == null ? record.key() : event.documentId(),
                event == null ? null : event.sha256(), event == null ? null : event.source(),
                event == null ? null : event.contentType(), "store", reason, e.getClass().getSimpleName(),
                record.topic(), record.partition(), record.offset(), Instant.now());
        LOG.warnf("dead-lettered %s from %s: %s", failed.documentId(), where(record), reason);
        while (true) {
            try {
                AcknowledgedSend.send(deadLetters, failed, failed.documentId() == null ? "unknown" : failed.documentId())
                        .join();
                return;
            } catch (RuntimeException sendFailure) {
                // the broker did not take it: the offset must not be committed past a letter nobody recorded
                if (stopping) {
                    throw new Backoff.Stopping("dead-lettering " + where(record));
                }
                waitFor(backoff, "dead-lettering " + where(record), sendFailure);
            }
        }
    }

    /** A record whose value could not be read as a parsed letter. */
    static final class UnreadableEventException extends RuntimeException {
        UnreadableEventException(ConsumerRecord<String, LetterParsed> record) {
            super("the event at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " could not be read as a parsed letter");
        }
    }
}
