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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Re-parsed letters ({@code letters.reparsed}) take the same path with lower priority: see
 * {@link #restore}.
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
    /**
     * The letter writers' advisory lock space (PostgreSQL's two-key form, which never meets the
     * one-key locks of the outbox relay and the webhook matcher).
     */
    private static final int WRITE_LOCKS = 0x6C657474; // "lett"

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

    /** How long a re-parse batch waits before it looks again whether the live consumer has work. */
    @ConfigProperty(name = "kamerstroom.store.reparse.yield", defaultValue = "5ms")
    Duration reparseYield;

    /** One writer at a time in this replica: the live consumer or the re-parse consumer. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Live batches waiting for {@link #writing}; while there are any, no re-parse batch starts. */
    private final AtomicInteger liveWaiting = new AtomicInteger();

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
        liveWaiting.incrementAndGet();
        writing.lock(); // at most one re-parse batch is ahead of it
        try {
            liveWaiting.decrementAndGet();
            storeAll(list(records));
        } finally {
            writing.unlock();
        }
    }

    /**
     * {@code letters.reparsed}: the same letters parsed again by a newer parser, through the same
     * write path (an unchanged result writes nothing and announces nothing; a changed one keeps the
     * old answer texts as versions and announces only the answers whose text changed). Live letters
     * go first: a re-parse batch starts only while the live consumer is not waiting to write, and
     * its batches are small ({@code max.poll.records} of the channel), so a live letter waits for at
     * most one of them.
     */
    @Incoming("letters-reparsed")
    @Blocking
    public void restore(ConsumerRecords<String, LetterParsed> records) {
        List<ConsumerRecord<String, LetterParsed>> all = list(records);
        while (true) {
            if (stopping) {
                throw new Backoff.Stopping("re-storing " + all.size() + " re-parsed letters");
            }
            try {
                if (liveWaiting.get() == 0 && writing.tryLock(reparseYield.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (liveWaiting.get() == 0) {
                        break;
                    }
                    writing.unlock(); // a live batch came in meanwhile: it goes first
                }
                Thread.sleep(reparseYield.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Backoff.Stopping("re-storing " + all.size() + " re-parsed letters");
            }
        }
        try {
            storeAll(all);
        } finally {
            writing.unlock();
        }
    }

    private static List<ConsumerRecord<String, LetterParsed>> list(ConsumerRecords<String, LetterParsed> records) {
        List<ConsumerRecord<String, LetterParsed>> all = new ArrayList<>();
        records.forEach(all::add);
        return all;
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
        lockAll(documentIds, zaakNumbers);
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

    /**
     * Transaction-scoped advisory locks on the poll's documents and zaken, taken in one fixed order
     * before anything is read: the live and the re-parse consumer (on this replica or another) may
     * hold letters of the same zaak at once, and a zaak's state is derived from all its letters, so
     * two writers of one zaak must take turns or the later commit would rest on a stale view. One
     * order for everyone means no deadlock; a hash collision only makes two writers take turns.
     */
    private void lockAll(Set<String> documentIds, Set<String> zaakNumbers) {
        int[] keys = java.util.stream.Stream.concat(documentIds.stream().map(d -> "letter:" + d),
                zaakNumbers.stream().map(z -> "zaak:" + z)).mapToInt(String::hashCode).distinct().sorted().toArray();
        if (keys.length == 0) {
            return;
        }
        // integers only, so they can stand in the statement as literals
        String array = java.util.Arrays.stream(keys).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",", "ARRAY[", "]::int[]"));
        session.createNativeQuery("SELECT count(pg_advisory_xact_lock(" + WRITE_LOCKS + ", k)) FROM (SELECT k FROM unnest("
                + array + ") AS k ORDER BY k) ordered", Long.class).getSingleResult();
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
