package nl.kamerstroom.store.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kamerstroom.events.EventTypes;
import nl.kamerstroom.events.ParsedLetter;
import nl.kamerstroom.events.ZaakUpdate;
import nl.kamerstroom.store.Text;
import nl.kamerstroom.store.letter.Letter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    Outbox outbox;

    @ConfigProperty(name = "kamerstroom.outbox.max-event-bytes", defaultValue = "1000000")
    int maxEventBytes;

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
        event.payload = boundedPayload(event, letter, parsed, numbers, questionTexts, text, previous);
        outbox.append(event);
    }

    /**
     * The event as JSON, within {@code kamerstroom.outbox.max-event-bytes}: a letter that answers 40
     * questions together would otherwise make one event of all 40 question texts and the long answer
     * twice over (text and previousText), larger than Kafka takes. Such an event keeps every field,
     * with the long texts cut (halving the cut until it fits) and ending in a pointer to the zaak in
     * the API, where the full texts are. Characters XML and JSON readers refuse are removed first.
     */
    private String boundedPayload(OutboxEvent event, Letter letter, ParsedLetter parsed, List<String> numbers,
            List<String> questionTexts, String text, String previous) {
        String more = " … [ingekort; volledige tekst: /api/zaken/" + event.zaakNumber + "]";
        int cut = Integer.MAX_VALUE;
        while (true) {
            int limit = cut;
            ZaakUpdate update = new ZaakUpdate(event.eventId.toString(), event.type, event.zaakNumber,
                    letter.documentId, letter.kind, Text.clean(parsed.subject()), parsed.letterDate(), parsed.askers(),
                    parsed.addressees(), parsed.answeredBy(), numbers,
                    questionTexts.stream().map(t -> Text.truncate(Text.clean(t), limit, more)).toList(),
                    Text.truncate(Text.clean(text), limit, more), Text.truncate(Text.clean(previous), limit, more),
                    event.createdAt);
            String payload;
            try {
                payload = json.writeValueAsString(update);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise " + event.type, e);
            }
            if (payload.length() <= maxEventBytes / 4 || payload.getBytes(StandardCharsets.UTF_8).length <= maxEventBytes
                    || cut <= 256) {
                return payload; // past a cut of 256 characters only the metadata is left; the relay sets it aside
            }
            cut = cut == Integer.MAX_VALUE ? maxEventBytes / Math.max(1, 2 + questionTexts.size() * 2) : cut / 2;
        }
    }
}
