package nl.kamerstroom.store.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.letter.Letter;
import nl.kamerstroom.store.letter.Question;

/**
 * {@code GET /api/zaken/{number}}: a zaak with its documents and its questions in printed order,
 * each with the answer that covers it. Derived from what is stored, never from arrival order.
 */
public record ZaakView(
        String number,
        String status,
        String subject,
        LocalDate submittedDate,
        LocalDate answeredDate,
        List<DocumentRef> documents,
        List<QuestionWithAnswer> questions) {

    public record DocumentRef(String documentId, LetterKind kind, LocalDate letterDate, String subject) {
    }

    public record QuestionWithAnswer(String number, String text, AnswerRef answer) {
    }

    public record AnswerRef(List<String> questionNumbers, String text, String documentId) {
    }

    static ZaakView of(String number, List<Letter> letters) {
        List<DocumentRef> documents = letters.stream()
                .map(l -> new DocumentRef(l.documentId, l.kind, l.letterDate, l.subject)).toList();
        Optional<Letter> answer = latest(letters, LetterKind.ANSWER);
        // the answer letter repeats the questions; without one, the questions letter has them
        Optional<Letter> withQuestions = letters.stream().filter(l -> !l.questions.isEmpty())
                .max(Comparator.comparing((Letter l) -> l.kind == LetterKind.ANSWER)
                        .thenComparing(l -> l.updatedAt));
        List<QuestionWithAnswer> questions = new ArrayList<>();
        withQuestions.ifPresent(source -> {
            for (Question q : source.questions) {
                AnswerRef ref = answer.flatMap(a -> a.answers.stream()
                                .filter(x -> x.questionNumbers.contains(q.number)).findFirst()
                                .map(x -> new AnswerRef(x.questionNumbers, x.text, a.documentId)))
                        .orElse(null);
                questions.add(new QuestionWithAnswer(q.number, q.text, ref));
            }
        });
        String subject = withQuestions.or(() -> letters.stream().findFirst()).map(l -> l.subject).orElse(null);
        LocalDate submitted = letters.stream().map(l -> l.submittedDate).filter(d -> d != null).min(LocalDate::compareTo)
                .orElse(null);
        LocalDate answered = answer.map(l -> l.letterDate != null ? l.letterDate : l.receivedDate).orElse(null);
        return new ZaakView(number, status(letters), subject, submitted, answered, documents, questions);
    }

    /** The first lifecycle step; the full lifecycle (postponement, deadline, overdue) comes with the store issue. */
    private static String status(List<Letter> letters) {
        if (has(letters, LetterKind.WITHDRAWAL)) {
            return "WITHDRAWN";
        }
        if (has(letters, LetterKind.FURTHER_ANSWER)) {
            return "FURTHER_ANSWERED";
        }
        if (has(letters, LetterKind.ANSWER)) {
            return "ANSWERED";
        }
        if (has(letters, LetterKind.POSTPONEMENT)) {
            return "POSTPONED";
        }
        return "ASKED";
    }

    private static boolean has(List<Letter> letters, LetterKind kind) {
        return letters.stream().anyMatch(l -> l.kind == kind);
    }

    private static Optional<Letter> latest(List<Letter> letters, LetterKind kind) {
        return letters.stream().filter(l -> l.kind == kind).max(Comparator.comparing(l -> l.updatedAt));
    }

}
