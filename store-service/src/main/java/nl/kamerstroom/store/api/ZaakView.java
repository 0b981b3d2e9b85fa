package nl.kamerstroom.store.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.letter.Letter;
import nl.kamerstroom.store.letter.LetterOfficial;
import nl.kamerstroom.store.people.Person;
import nl.kamerstroom.store.letter.Question;
import nl.kamerstroom.store.zaak.Zaak;
import nl.kamerstroom.store.zaak.ZaakRecorder;

/**
 * {@code GET /api/zaken/{number}}: a zaak with its lifecycle, documents and its questions in
 * printed order, each with the answer that covers it (a further answer where one was given).
 * {@code answeredBy} and {@code addressees} name offices; {@code answeredByOfficials} and
 * {@code addressedTo} name the persons in those offices where a letter or its source names them.
 */
public record ZaakView(
        String number,
        String status,
        String subject,
        LocalDate submittedDate,
        LocalDate deadline,
        LocalDate answeredDate,
        Integer replyDays,
        boolean postponed,
        boolean overdueWithoutPostponement,
        List<MemberView> askers,
        List<String> addressees,
        List<String> answeredBy,
        List<DocumentRef> documents,
        List<QuestionWithAnswer> questions,
        List<Person.InOffice> answeredByOfficials,
        List<Person.InOffice> addressedTo) {

    public record MemberView(String name, String party) {
    }

    public record DocumentRef(String documentId, LetterKind kind, LocalDate letterDate, String subject,
            boolean deleted) {
    }

    public record QuestionWithAnswer(String number, String text, AnswerRef answer, AnswerRef furtherAnswer) {
    }

    public record AnswerRef(List<String> questionNumbers, String text, String documentId) {
    }

    public static ZaakView of(Zaak zaak, List<Letter> letters, LocalDate today) {
        List<DocumentRef> documents = letters.stream()
                .map(l -> new DocumentRef(l.documentId, l.kind, l.letterDate, l.subject, l.deletedAt != null)).toList();
        List<Letter> live = letters.stream().filter(l -> l.deletedAt == null).toList();
        Optional<Letter> answer = latest(live, LetterKind.ANSWER);
        Optional<Letter> further = latest(live, LetterKind.FURTHER_ANSWER);
        Optional<Letter> primary = ZaakRecorder.primary(letters);
        List<QuestionWithAnswer> questions = new ArrayList<>();
        primary.ifPresent(source -> {
            for (Question q : source.questions) {
                questions.add(new QuestionWithAnswer(q.number, q.text, answerTo(answer, q.number),
                        answerTo(further, q.number)));
            }
        });
        var state = zaak.state();
        return new ZaakView(zaak.number, zaak.status.name(), zaak.subject, zaak.submittedDate, zaak.deadline,
                zaak.answeredDate, zaak.replyDays, zaak.postponed, state.overdueWithoutPostponement(today),
                primary.map(l -> l.askers.stream().map(m -> new MemberView(m.name, m.party.isEmpty() ? null : m.party))
                        .toList()).orElse(List.of()),
                primary.map(l -> l.addressees.stream().map(o -> o.title).toList()).orElse(List.of()),
                answer.or(() -> further).map(l -> l.answeredBy.stream().map(o -> o.title).toList()).orElse(List.of()),
                documents, questions,
                answer.or(() -> further).map(l -> officials(l, LetterOfficial.ANSWERED)).orElse(List.of()),
                addressedTo(primary, live));
    }

    /** Who answered or was addressed, as the letter's officials: name (if known) and office. */
    private static List<Person.InOffice> officials(Letter letter, String relation) {
        return letter.officials.stream().filter(o -> o.relation.equals(relation))
                .map(o -> new Person.InOffice(o.person == null ? null : o.person.name, o.office)).toList();
    }

    /** The addressees as persons: from the primary letter, else from a letter whose source named them (the TK's). */
    private static List<Person.InOffice> addressedTo(Optional<Letter> primary, List<Letter> live) {
        List<Person.InOffice> own = primary.map(l -> officials(l, LetterOfficial.ADDRESSED)).orElse(List.of());
        if (own.stream().anyMatch(p -> p.name() != null)) {
            return own;
        }
        return live.stream().map(l -> officials(l, LetterOfficial.ADDRESSED))
                .filter(list -> list.stream().anyMatch(p -> p.name() != null)).findFirst().orElse(own);
    }

    private static AnswerRef answerTo(Optional<Letter> letter, String number) {
        return letter.flatMap(l -> l.answers.stream().filter(a -> a.questionNumbers.contains(number)).findFirst()
                .map(a -> new AnswerRef(a.questionNumbers, a.text, l.documentId))).orElse(null);
    }

    private static Optional<Letter> latest(List<Letter> letters, LetterKind kind) {
        // of two copies of one document (TK PDF and KOOP XML) the XML's answers count
        return letters.stream().filter(l -> l.kind == kind)
                .max(Comparator.comparing((Letter l) -> l.supersededBy == null).thenComparing(l -> l.updatedAt));
    }
}
