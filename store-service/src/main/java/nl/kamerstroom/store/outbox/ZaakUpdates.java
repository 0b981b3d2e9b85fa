package nl.kamerstroom.store.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.letter.Letter;

/**
 * Decides which {@link ZaakUpdate}s a stored letter causes and writes them to the outbox in the
 * caller's transaction. Only what changed is announced: a redelivered letter announces nothing, a
 * changed answer announces the change with the text it replaced.
 */
@ApplicationScoped
public class ZaakUpdates {

    @Inject
    ObjectMapper json;

    @Inject
    Event<OutboxEvent.Written> written;

    /**
     * @param letter     the letter as just written
     * @param parsed     what it was written from
     * @param isNew      whether the letter did not exist before
     * @param oldAnswers the letter's answers before this write: question numbers to text
     */
    public void record(Letter letter, ParsedLetter parsed, boolean isNew, Map<List<String>, String> oldAnswers) {
        if (letter.zaak == null) {
            return; // nothing to key it by, nobody can follow it
        }
        switch (letter.kind) {
            case QUESTIONS -> {
                if (isNew) {
                    add(letter, parsed, EventTypes.QUESTION_ASKED, parsed.questions().stream().map(ParsedLetter.Question::number).toList(),
                            null, null);
                }
            }
            case ANSWER, FURTHER_ANSWER -> {
                for (ParsedLetter.Answer answer : parsed.answers()) {
                    String previous = oldAnswers.get(answer.questionNumbers());
                    if (previous == null) {
                        add(letter, parsed, EventTypes.ANSWER_PUBLISHED, answer.questionNumbers(), answer.text(), null);
                    } else if (!previous.equals(answer.text())) {
                        add(letter, parsed, EventTypes.ANSWER_CHANGED, answer.questionNumbers(), answer.text(), previous);
                    }
                }
            }
            case POSTPONEMENT -> {
                if (isNew) {
                    add(letter, parsed, EventTypes.ZAAK_POSTPONED, List.of(), null, null);
                }
            }
            case WITHDRAWAL -> {
                if (isNew) {
                    add(letter, parsed, EventTypes.ZAAK_WITHDRAWN, List.of(), null, null);
                }
            }
            default -> {
                // OTHER documents are stored, not announced
            }
        }
    }

    private void add(Letter letter, ParsedLetter parsed, String type, List<String> numbers, String text, String previous) {
        List<String> questionTexts = numbers.stream().map(n -> parsed.questions().stream()
                .filter(q -> q.number().equals(n)).map(ParsedLetter.Question::text).findFirst().orElse("")).toList();
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.type = type;
        event.zaakNumber = letter.zaak.number;
        event.createdAt = Instant.now();
        ZaakUpdate update = new ZaakUpdate(event.eventId.toString(), type, event.zaakNumber, letter.documentId,
                letter.kind, parsed.subject(), parsed.letterDate(), parsed.askers(), parsed.addressees(),
                parsed.answeredBy(), numbers, questionTexts, text, previous, event.createdAt);
        try {
            event.payload = json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type, e);
        }
        event.persist();
        written.fire(OutboxEvent.Written.INSTANCE);
    }
}
