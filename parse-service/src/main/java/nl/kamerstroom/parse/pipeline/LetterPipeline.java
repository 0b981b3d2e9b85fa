package nl.kamerstroom.parse.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * question out; anything that cannot be parsed to {@code letters.dlq} with the reason. The input
 * offset is committed only after every output was acknowledged, so a crash re-parses rather than
 * loses; the store is idempotent on the result.
 */
@ApplicationScoped
public class LetterPipeline {

    private static final Logger LOG = Logger.getLogger(LetterPipeline.class);

    @Inject
    @Channel("letters-parsed")
    Emitter<LetterParsed> parsed;

    @Inject
    @Channel("questions-parsed")
    Emitter<QuestionParsed> questions;

    @Inject
    @Channel("letters-dlq")
    Emitter<LetterFailed> deadLetters;

    /** Recorded on every parsed letter, so that a re-parse by a better parser can be told apart. */
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String parserVersion;

    @Inject
    ObjectMapper json;

    private final LetterReader reader = new LetterReader();

    @Incoming("letters-fetched")
    @Blocking
    public void onLetter(ConsumerRecord<String, byte[]> record) {
        // read here rather than in a Kafka deserializer, so that an unreadable event is dead-lettered
        // with a reason like every other failure instead of taking the connector's failure path
        LetterFetched letter;
        try {
            letter = record.value() == null ? null : json.readValue(record.value(), LetterFetched.class);
        } catch (IOException e) {
            letter = null;
        }
        if (letter == null || letter.content() == null) {
            deadLetter(record, null, "the event could not be read as a " + LetterFetched.class.getSimpleName(),
                    "DeserializationFailure");
            return;
        }
        ParsedLetter result;
        try {
            result = reader.read(letter.content(), letter.contentType());
        } catch (ReadException e) {
            deadLetter(record, letter, e.getMessage(), e.unsupported() ? "UnsupportedFormat" : "UnreadableContent");
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "parser failed on %s", letter.documentId());
            deadLetter(record, letter, "the parser failed: " + e, e.getClass().getSimpleName());
            return;
        }
        if (letter.metadata() != null) {
            result = result.withSourceZaken(letter.metadata().zaakNumbers());
        }
        LetterParsed event = new LetterParsed(letter.documentId(), letter.sha256(), letter.source(),
                letter.sourceId(), letter.contentType(), letter.fetchedAt(), Instant.now(), parserVersion,
                letter.metadata(), result);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        acks.add(AcknowledgedSend.send(parsed, event, event.key()));
        for (QuestionParsed question : QuestionParsed.of(event)) {
            acks.add(AcknowledgedSend.send(questions, question, event.key()));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        LOG.infof("parsed %s: %s, %d questions, %d answers%s", letter.documentId(), result.kind(),
                result.questions().size(), result.answers().size(),
                result.warnings().isEmpty() ? "" : ", warnings " + result.warnings());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, LetterFetched letter, String reason,
            String errorType) {
        LetterFailed failed = new LetterFailed(
                letter == null ? record.key() : letter.documentId(),
                letter == null ? null : letter.sha256(),
                letter == null ? null : letter.source(),
                letter == null ? null : letter.contentType(),
                "parse", reason, errorType, record.topic(), record.partition(), record.offset(), Instant.now());
        LOG.warnf("dead-lettered %s from %s-%d@%d: %s", failed.documentId(), record.topic(), record.partition(),
                record.offset(), reason);
        AcknowledgedSend.send(deadLetters, failed, failed.documentId() == null ? "unknown" : failed.documentId()).join();
    }
}
