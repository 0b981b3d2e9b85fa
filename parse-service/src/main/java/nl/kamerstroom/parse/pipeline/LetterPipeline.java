package nl.kamerstroom.parse.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.LetterFailed;
import nl.kamerstroom.events.LetterFetched;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.QuestionParsed;
import nl.kamerstroom.messaging.AcknowledgedSend;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.read.ReadException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code letters.fetched} in; {@code letters.parsed} plus one {@code questions.parsed} per
 * question out; a letter that cannot be parsed within the service's bounds to {@code letters.dlq}
 * with the reason.
 *
 * <p>Every record ends in exactly one of three ways. <b>Parsed</b> or <b>dead-lettered</b>: its
 * outputs were acknowledged by the broker, then the method returns and the offset may be committed.
 * A property of the letter (unreadable, too slow, events too large) dead-letters it; a broker that
 * is away is waited for ({@link UntilAcknowledged}), never a reason to dead-letter. <b>Neither</b>:
 * an {@link Error} (or the service stopping) escapes, the record is not acknowledged and the process
 * exits, so that it is read again after the restart instead of being lost or dead-lettered.
 */
@ApplicationScoped
public class LetterPipeline {

    private static final Logger LOG = Logger.getLogger(LetterPipeline.class);

    /** Exit status after an Error in the pipeline: the process restarts, the record is read again. */
    static final int EXIT_ERROR = 71;

    /** Room for the record's key, CloudEvents headers and framing on top of the serialised value. */
    static final int RECORD_OVERHEAD_BYTES = 16 * 1024;

    /** How one record ended. */
    public record Outcome(String documentId, boolean parsed, String reason) {
    }

    /** Where a parsed letter goes. */
    public enum Output {
        /** The live feed: {@code letters.parsed} and one {@code questions.parsed} per question. */
        LIVE,
        /**
         * An operator's re-parse: {@code letters.reparsed} only. No {@code questions.parsed}: those
         * events announce questions as they arrive, and a re-parse of the history would announce
         * every old question again to whoever follows them.
         */
        REPARSE
    }

    /** The reader's entry point; a seam so that tests can make a parse slow without a slow input. */
    @FunctionalInterface
    interface Reader {
        ParsedLetter read(byte[] content, String declaredType) throws ReadException;
    }

    // the parsed events go out as the JSON bytes the pipeline serialised once (to check their size
    // and to send them), not as objects the producer would serialise a second time
    @Inject
    @Channel("letters-parsed")
    Emitter<byte[]> parsed;

    @Inject
    @Channel("questions-parsed")
    Emitter<byte[]> questions;

    @Inject
    @Channel("letters-reparsed")
    Emitter<byte[]> reparsed;

    @Inject
    @Channel("letters-dlq")
    Emitter<LetterFailed> deadLetters;

    @Inject
    ParseWatchdog watchdog;

    @Inject
    ObjectMapper json;

    /** Recorded on every parsed letter, so that a re-parse by a better parser can be told apart. */
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String parserVersion;

    @ConfigProperty(name = "kamerstroom.parse.max-event-bytes")
    long maxEventBytes;

    @ConfigProperty(name = "kamerstroom.parse.max-parts-per-letter")
    int maxParts;

    @ConfigProperty(name = "kamerstroom.parse.send-retry.first-pause")
    Duration firstPause;

    @ConfigProperty(name = "kamerstroom.parse.send-retry.max-pause")
    Duration maxPause;

    /**
     * How long a letter's sends may still wait for the broker once the service is stopping: enough for
     * a broker that is there to acknowledge them, short enough that a broker that is away does not hold
     * up the exit (the letter then stays uncommitted and is parsed again after the restart).
     */
    @ConfigProperty(name = "kamerstroom.parse.send-retry.stop-grace")
    Duration stopGrace;

    /** When the service began to stop ({@link System#nanoTime()}), or null while it runs. */
    private volatile Long stoppingSince;

    @Inject
    LetterReader configuredReader;

    /** The configured reader, or a test's replacement. */
    private volatile Reader reader;

    /**
     * Bytes of letters.fetched records being worked on at once, in KiB permits. The consumers run
     * concurrently, but a letter needs several times its size in memory while it is decoded, read and
     * parsed: ten 19 MB letters at once must be taken one after another, not together.
     */
    @ConfigProperty(name = "kamerstroom.parse.max-bytes-in-flight")
    long maxBytesInFlight;

    private java.util.concurrent.Semaphore inFlight;

    /** Live records being worked on now, and when the last one ended: a re-parse gives way to them. */
    private final java.util.concurrent.atomic.AtomicInteger liveInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long lastLiveEnded = System.nanoTime() - Duration.ofHours(1).toNanos();

    @jakarta.annotation.PostConstruct
    void useConfiguredReader() {
        reader = configuredReader::read;
        inFlight = new java.util.concurrent.Semaphore(budgetPermits(), true);
    }

    private int budgetPermits() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytesInFlight / 1024));
    }

    /**
     * SIGTERM: from now on waits for the broker end after {@link #stopGrace}. Observed before the
     * connectors are closed (they go when the beans are destroyed, after this event).
     */
    void stopping(@Observes ShutdownEvent event) {
        stoppingSince = System.nanoTime();
    }

    /** Whether a wait for the broker should give up: the service is stopping and the grace is over. */
    boolean givingUp() {
        Long since = stoppingSince;
        return since != null && System.nanoTime() - since >= stopGrace.toNanos();
    }

    @Incoming("letters-fetched")
    @Blocking
    public void onLetter(ConsumerRecord<String, byte[]> record) {
        int permits = permits(record);
        liveInFlight.incrementAndGet();
        inFlight.acquireUninterruptibly(permits);
        try {
            process(record, Output.LIVE);
        } catch (ServiceStopping e) {
            // not acknowledged, so not committed: whoever reads the partition next parses the letter again
            LOG.infof("stopping: %s-%d@%d is left uncommitted and is parsed again after the restart (%s)",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            // not acknowledged: the connector's failure strategy (fail) stops the channel and the
            // process exits, so that the record is read again after the restart, never skipped
            LOG.errorf(e, "could not finish %s-%d@%d; exiting so that the service restarts and reads it again",
                    record.topic(), record.partition(), record.offset());
            Quarkus.asyncExit(EXIT_ERROR);
            throw e;
        } finally {
            inFlight.release(permits);
            lastLiveEnded = System.nanoTime();
            liveInFlight.decrementAndGet();
        }
    }

    /** A record's share of the budget: a record larger than the whole budget takes all of it and is worked on alone. */
    private int permits(ConsumerRecord<String, byte[]> record) {
        return (int) Math.min(budgetPermits(), Math.max(1, (record.value() == null ? 0 : record.value().length) / 1024));
    }

    /**
     * Whether a live record is being worked on, or one ended less than {@code gap} ago: in a backlog
     * the next live record follows within a millisecond or two, so a re-parse that waits for a gap
     * never slips in between them.
     */
    public boolean liveBusy(Duration gap) {
        return liveInFlight.get() > 0 || System.nanoTime() - lastLiveEnded < gap.toNanos();
    }

    /**
     * Re-parses one record into {@code letters.reparsed} within the same memory budget as the live
     * consumers, or answers {@code null} at once when the budget is taken: a re-parse never queues for
     * it (the semaphore is fair, so a re-parse waiting in it would hold up the live records behind it).
     */
    public Outcome reparseIfBudget(ConsumerRecord<String, byte[]> record) {
        int permits = permits(record);
        if (!inFlight.tryAcquire(permits)) {
            return null;
        }
        try {
            return process(record, Output.REPARSE);
        } finally {
            inFlight.release(permits);
        }
    }

    /** Parses one {@code letters.fetched} record and publishes the result or the dead letter. */
    public Outcome process(ConsumerRecord<String, byte[]> record) {
        return process(record, Output.LIVE);
    }

    /** As {@link #process(ConsumerRecord)}, to the live topics or to {@code letters.reparsed}. */
    public Outcome process(ConsumerRecord<String, byte[]> record, Output output) {
        LetterFetched letter = fetched(record);
        if (letter == null || letter.content() == null) {
            return deadLetter(record, null, "the event could not be read as a " + LetterFetched.class.getSimpleName(),
                    "DeserializationFailure");
        }
        LOG.debugf("parsing %s from %s-%d@%d", letter.documentId(), record.topic(), record.partition(), record.offset());
        ParsedLetter result;
        try {
            Reader read = reader;
            result = watchdog.parse(() -> read.read(letter.content(), letter.contentType()));
        } catch (ReadException e) {
            return deadLetter(record, letter, e.getMessage(), e.unsupported() ? "UnsupportedFormat" : "UnreadableContent");
        } catch (ParseWatchdog.TookTooLong e) {
            return deadLetter(record, letter, e.getMessage(), "TookTooLong");
        } catch (ServiceStopping e) {
            throw e; // the record stays unacknowledged
        } catch (RuntimeException e) {
            LOG.errorf(e, "parser failed on %s", letter.documentId());
            return deadLetter(record, letter, "the parser failed: " + e, e.getClass().getSimpleName());
        }
        int parts = result.questions().size() + result.answers().size();
        if (parts > maxParts) {
            // no set of written questions comes near this (the longest known have ~60 questions); what
            // does is broken or hostile input, and every part becomes a row and an event downstream
            return deadLetter(record, letter, "the letter has " + result.questions().size() + " questions and "
                    + result.answers().size() + " answers, more than the limit of " + maxParts
                    + " together (kamerstroom.parse.max-parts-per-letter)", "TooManyParts");
        }
        result = CarriableText.clean(result);
        if (letter.metadata() != null) {
            result = result.withSourceZaken(letter.metadata().zaakNumbers());
        }
        LetterParsed event = new LetterParsed(letter.documentId(), letter.sha256(), letter.source(),
                letter.sourceId(), letter.contentType(), letter.fetchedAt(), Instant.now(), parserVersion,
                letter.metadata(), result);
        List<QuestionParsed> perQuestion = output == Output.LIVE ? QuestionParsed.of(event) : List.of();
        String topic = output == Output.LIVE ? EventTypes.TOPIC_LETTERS_PARSED : EventTypes.TOPIC_LETTERS_REPARSED;
        // each event is serialised once: these bytes are checked against the size limit and then sent
        List<byte[]> values = new java.util.ArrayList<>(1 + perQuestion.size());
        String tooLarge = serialise(topic + " event", event, values);
        for (int i = 0; tooLarge == null && i < perQuestion.size(); i++) {
            tooLarge = serialise(EventTypes.TOPIC_QUESTIONS_PARSED + " event of question " + perQuestion.get(i).number(),
                    perQuestion.get(i), values);
        }
        if (tooLarge != null) {
            return deadLetter(record, letter, tooLarge, "EventTooLarge");
        }
        try {
            // letters.reparsed is keyed as letters.parsed (the primary zaak, else the document id), so that
            // a consumer that updates a zaak from both topics sees one zaak's letters on one partition.
            // The letter's events go out together and are awaited together: one acknowledgement wait
            // per letter, not one per question (a 20-question letter waited 21 round trips)
            String key = event.key();
            Emitter<byte[]> to = output == Output.LIVE ? parsed : reparsed;
            List<String> what = new java.util.ArrayList<>(values.size());
            List<java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>>> sends =
                    new java.util.ArrayList<>(values.size());
            what.add(topic + " for " + letter.documentId());
            byte[] letterValue = values.get(0);
            Object letterId = cloudEventId(EventIds.of(topic, event, 0));
            sends.add(() -> AcknowledgedSend.send(to, letterValue, key, letterId));
            for (int i = 0; i < perQuestion.size(); i++) {
                QuestionParsed question = perQuestion.get(i);
                what.add(EventTypes.TOPIC_QUESTIONS_PARSED + " for " + letter.documentId() + " question " + question.number());
                byte[] value = values.get(i + 1);
                Object id = cloudEventId(EventIds.of(EventTypes.TOPIC_QUESTIONS_PARSED, event, question.position()));
                sends.add(() -> AcknowledgedSend.send(questions, value, key, id));
            }
            // the letter and its first question first: a producer's first record to a topic waits for the
            // topic's metadata (and is retried by the connector if that times out), which let question 2
            // overtake question 1; once one record is through, the producer keeps the order
            LOG.debugf("sending %d events of %s", sends.size(), letter.documentId());
            int first = Math.min(2, sends.size());
            UntilAcknowledged.sendAll(what.subList(0, first), sends.subList(0, first), firstPause, maxPause, this::givingUp);
            UntilAcknowledged.sendAll(what.subList(first, what.size()), sends.subList(first, sends.size()), firstPause,
                    maxPause, this::givingUp);
        } catch (UntilAcknowledged.Refused e) {
            return deadLetter(record, letter, e.getMessage(), "EventRefused");
        }
        // a re-parse of the history would write a line for each of ~86,000 letters: its progress is in GET /api/admin/reparse
        LOG.logf(output == Output.LIVE ? Logger.Level.INFO : Logger.Level.DEBUG, "%s %s: %s, %d questions, %d answers%s",
                output == Output.LIVE ? "parsed" : "re-parsed", letter.documentId(), result.kind(),
                result.questions().size(), result.answers().size(),
                result.warnings().isEmpty() ? "" : ", warnings " + result.warnings());
        return new Outcome(letter.documentId(), true, null);
    }

    /** For tests: parse with this reader instead of {@link LetterReader}; {@code null} restores it. */
    void readWith(Reader replacement) {
        reader = replacement == null ? configuredReader::read : replacement;
    }

    private LetterFetched fetched(ConsumerRecord<String, byte[]> record) {
        // read here rather than in a Kafka deserializer, so that an unreadable event is dead-lettered
        // with a reason like every other failure instead of taking the connector's failure path
        try {
            return record.value() == null ? null : json.readValue(record.value(), LetterFetched.class);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Serialises one event into {@code values}, or answers why it cannot be published. Checked before
     * sending, against the producers' {@code max.request.size}, so that a letter too large is
     * dead-lettered at once rather than refused by the producer, retried, or left to block the letters
     * behind it.
     */
    private String serialise(String what, Object event, List<byte[]> values) {
        byte[] value;
        try {
            value = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            return "the " + what + " could not be serialised: " + e.getOriginalMessage();
        }
        long limit = maxEventBytes - RECORD_OVERHEAD_BYTES;
        if (value.length > limit) {
            return String.format("the %s would be %,d bytes, more than the %,d bytes an event may "
                    + "have (kamerstroom.parse.max-event-bytes)", what, value.length, limit);
        }
        values.add(value);
        return null;
    }

    /** The channel's CloudEvents type and source stay those configured; only the id is the event's own. */
    private static Object cloudEventId(String id) {
        return io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata.builder().withId(id).build();
    }

    private Outcome deadLetter(ConsumerRecord<String, byte[]> record, LetterFetched letter, String reason,
            String errorType) {
        LetterFailed failed = new LetterFailed(
                letter == null ? record.key() : letter.documentId(),
                letter == null ? null : letter.sha256(),
                letter == null ? null : letter.source(),
                letter == null ? null : letter.contentType(),
                "parse", reason, errorType, record.topic(), record.partition(), record.offset(), Instant.now());
        LOG.warnf("dead-lettered %s from %s-%d@%d: %s", failed.documentId(), record.topic(), record.partition(),
                record.offset(), reason);
        String key = failed.documentId() == null ? "unknown" : failed.documentId();
        try {
            UntilAcknowledged.send(EventTypes.TOPIC_LETTERS_DLQ + " for " + key,
                    () -> AcknowledgedSend.send(deadLetters, failed, key), firstPause, maxPause, this::givingUp);
        } catch (UntilAcknowledged.Refused e) {
            throw new IllegalStateException("the dead letter itself was refused", e);
        }
        return new Outcome(failed.documentId(), false, reason);
    }
}
