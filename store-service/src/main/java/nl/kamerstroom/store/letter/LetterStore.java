package nl.kamerstroom.store.letter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import nl.kamerstroom.events.LetterParsed;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.store.zaak.Zaak;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code letters.parsed} into the database, idempotently on the document id: the same parsed
 * result again changes nothing; a different result for the same document replaces the letter's
 * questions and answers in the same transaction.
 */
@ApplicationScoped
public class LetterStore {

    private static final Logger LOG = Logger.getLogger(LetterStore.class);

    @Inject
    ObjectMapper json;

    @Incoming("letters-parsed")
    @Blocking
    @Transactional
    public void store(LetterParsed event) {
        String parsedJson = toJson(event.letter());
        String resultHash = sha256(event.sha256() + "\n" + parsedJson);
        Letter letter = Letter.findByDocumentId(event.documentId()).orElse(null);
        if (letter != null && letter.resultHash.equals(resultHash)) {
            LOG.debugf("%s unchanged; nothing to store", event.documentId());
            return;
        }
        Instant now = Instant.now();
        if (letter == null) {
            letter = new Letter();
            letter.documentId = event.documentId();
            letter.storedAt = now;
        } else {
            letter.questions.clear();
            letter.answers.clear();
            // the orphaned rows must be gone before rows with the same (letter, position) come back
            letter.flush();
        }
        ParsedLetter parsed = event.letter();
        letter.sha256 = event.sha256();
        letter.resultHash = resultHash;
        letter.kind = parsed.kind();
        letter.zaakNumbers = List.copyOf(parsed.zaakNumbers());
        letter.zaak = parsed.primaryZaak() == null ? null : Zaak.findOrCreate(parsed.primaryZaak());
        letter.documentNumber = parsed.documentNumber();
        letter.ourReference = parsed.ourReference();
        letter.subject = parsed.subject();
        letter.submittedDate = parsed.submittedDate();
        letter.receivedDate = parsed.receivedDate();
        letter.letterDate = parsed.letterDate();
        letter.source = event.source();
        letter.sourceId = event.sourceId();
        letter.contentType = event.contentType();
        letter.fetchedAt = event.fetchedAt();
        letter.parsedAt = event.parsedAt();
        letter.parserVersion = event.parserVersion();
        letter.parsed = parsedJson;
        letter.updatedAt = now;
        int position = 0;
        for (ParsedLetter.Question q : parsed.questions()) {
            Question question = new Question();
            question.letter = letter;
            question.position = ++position;
            question.number = q.number();
            question.text = q.text();
            question.footnotes = List.copyOf(q.footnotes());
            letter.questions.add(question);
        }
        position = 0;
        for (ParsedLetter.Answer a : parsed.answers()) {
            Answer answer = new Answer();
            answer.letter = letter;
            answer.position = ++position;
            answer.questionNumbers = List.copyOf(a.questionNumbers());
            answer.text = a.text();
            answer.footnotes = List.copyOf(a.footnotes());
            letter.answers.add(answer);
        }
        letter.persist();
        LOG.infof("stored %s (%s, zaak %s, %d questions, %d answers)", letter.documentId, letter.kind,
                parsed.primaryZaak(), letter.questions.size(), letter.answers.size());
    }

    private String toJson(ParsedLetter letter) {
        try {
            return json.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the parsed letter", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
