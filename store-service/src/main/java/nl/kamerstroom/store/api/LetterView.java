package nl.kamerstroom.store.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.letter.AnswerVersion;
import nl.kamerstroom.store.letter.Letter;

/** {@code GET /api/letters/{documentId}}: one letter as stored. */
public record LetterView(
        String documentId,
        LetterKind kind,
        String zaakNumber,
        List<String> zaakNumbers,
        String documentNumber,
        String ourReference,
        String subject,
        LocalDate submittedDate,
        LocalDate receivedDate,
        LocalDate letterDate,
        String source,
        String sourceId,
        String sha256,
        Instant storedAt,
        Instant updatedAt,
        // set when the source deleted the document: kept for history, it no longer counts for its zaak
        Instant deletedAt,
        String parserVersion,
        // whether a person should check the parse, and why (the parser's reasons, then a disagreement
        // with another source's copy of the same document)
        boolean needsReview,
        List<String> reviewReasons,
        // the XML letter of the same document whose structure counts for the zaak instead of this one's
        String supersededBy,
        List<QuestionView> questions,
        List<AnswerView> answers,
        List<AnswerVersionView> answerVersions) {

    /** An answer text this letter had before a changed version of the document replaced it. */
    public record AnswerVersionView(List<String> questionNumbers, String text, String sha256, Instant supersededAt) {
    }

    public record QuestionView(String number, String text, List<String> footnotes) {
    }

    public record AnswerView(List<String> questionNumbers, String text, List<String> footnotes) {
    }

    static LetterView of(Letter l) {
        return new LetterView(l.documentId, l.kind, l.zaak == null ? null : l.zaak.number, l.zaakNumbers,
                l.documentNumber, l.ourReference, l.subject, l.submittedDate, l.receivedDate, l.letterDate, l.source,
                l.sourceId, l.sha256, l.storedAt, l.updatedAt, l.deletedAt, l.parserVersion, l.needsReview,
                l.allReviewReasons(), l.supersededBy,
                l.questions.stream().map(q -> new QuestionView(q.number, q.text, q.footnotes)).toList(),
                l.answers.stream().map(a -> new AnswerView(a.questionNumbers, a.text, a.footnotes)).toList(),
                AnswerVersion.<AnswerVersion>list("letter = ?1 order by supersededAt, id", l).stream()
                        .map(v -> new AnswerVersionView(v.questionNumbers, v.text, v.sha256, v.supersededAt)).toList());
    }
}
