package nl.kamerstroom.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * On {@value EventTypes#TOPIC_ANSWERS_PUBLISHED}, keyed by zaak number, written by the store
 * through its transactional outbox only after what it announces is durably stored. The CloudEvents
 * type is {@link #type()}: {@link EventTypes#ANSWER_PUBLISHED}, {@link EventTypes#ANSWER_CHANGED},
 * {@link EventTypes#QUESTION_ASKED}, {@link EventTypes#ZAAK_POSTPONED}, {@link EventTypes#ZAAK_WITHDRAWN}, or one
 * of the time-driven {@link EventTypes#ZAAK_DEADLINE_APPROACHING}, {@link EventTypes#ZAAK_OVERDUE} and
 * {@link EventTypes#ZAAK_OVERDUE_ANSWERED}. A time-driven event's id is derived from (zaak, type,
 * deadline), so the same event announced again (after a replay into an empty database) has the same id.
 *
 * @param eventId         unique and stable: a receiver that sees it twice has seen it before
 * @param type            the CloudEvents type
 * @param zaakNumber      the zaak
 * @param documentId      the letter that caused the update
 * @param letterKind      that letter's kind
 * @param subject         the zaak's subject
 * @param letterDate      the letter's date
 * @param askers          who asked
 * @param addressees      whom the questions went to
 * @param answeredBy      who answered
 * @param questionNumbers for answers and questions: the printed numbers concerned
 * @param questionTexts   the texts of those questions, in the same order
 * @param text            the answer text (answer events), else {@code null}
 * @param previousText    for {@code answer.changed}: the text it replaced
 * @param occurredAt      when the store recorded it
 * @param deadline        for the time-driven events: the answer deadline concerned (last day for the answer)
 * @param daysLate        for {@code zaak.overdue.answered}: days the answer came after the deadline; else {@code null}
 */
public record ZaakUpdate(
        String eventId,
        String type,
        String zaakNumber,
        String documentId,
        LetterKind letterKind,
        String subject,
        LocalDate letterDate,
        List<ParsedLetter.Member> askers,
        List<String> addressees,
        List<String> answeredBy,
        List<String> questionNumbers,
        List<String> questionTexts,
        String text,
        String previousText,
        Instant occurredAt,
        LocalDate deadline,
        Integer daysLate) {

    /** An update a letter caused: no deadline or lateness of its own. */
    public ZaakUpdate(String eventId, String type, String zaakNumber, String documentId, LetterKind letterKind,
            String subject, LocalDate letterDate, List<ParsedLetter.Member> askers, List<String> addressees,
            List<String> answeredBy, List<String> questionNumbers, List<String> questionTexts, String text,
            String previousText, Instant occurredAt) {
        this(eventId, type, zaakNumber, documentId, letterKind, subject, letterDate, askers, addressees, answeredBy,
                questionNumbers, questionTexts, text, previousText, occurredAt, null, null);
    }
}
