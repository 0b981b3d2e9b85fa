package nl.kamerstroom.store.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.people.Person;
import nl.kamerstroom.store.zaak.Zaak;

/**
 * {@code GET /api/zaken/{number}}: a zaak with its lifecycle, documents and its questions in
 * printed order, each with the answer that covers it (a further answer where one was given).
 * {@code answeredBy} and {@code addressees} name offices; {@code answeredByOfficials} and
 * {@code addressedTo} name the persons in those offices where a letter or its source names them.
 *
 * <p>Read with two narrow queries ({@link #read}): the zaak's letters without their parsed JSON,
 * then in one round trip the primary letter's questions, askers and addressees and the answering
 * letters' answers and answerers. Loading the letters as entities read every letter's whole parsed
 * JSON and their collections one by one: 0.8 s per zaak page at 100k questions on a loaded machine.
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

    private static final ObjectMapper LISTS = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    public record MemberView(String name, String party) {
    }

    public record DocumentRef(String documentId, LetterKind kind, LocalDate letterDate, String subject,
            boolean deleted) {
    }

    public record QuestionWithAnswer(String number, String text, AnswerRef answer, AnswerRef furtherAnswer) {
    }

    public record AnswerRef(List<String> questionNumbers, String text, String documentId) {
    }

    /** One of the zaak's letters, with only the columns the zaak's views need. */
    public record StoredLetter(long id, String documentId, LetterKind kind, LocalDate letterDate, LocalDate receivedDate,
            String subject, boolean deleted, String supersededBy, Instant updatedAt) {
    }

    /** The zaak as the API shows it, and its letters (oldest first) for pages that show more of them. */
    public record Read(ZaakView view, List<StoredLetter> letters) {
    }

    /** The zaak with this number, or empty when no letter named it yet. */
    @SuppressWarnings("unchecked")
    public static Optional<Read> read(EntityManager em, String number, LocalDate today) {
        Zaak zaak = em.find(Zaak.class, number);
        if (zaak == null) {
            return Optional.empty();
        }
        List<StoredLetter> letters = ((List<Object[]>) em.createNativeQuery("SELECT l.id, l.document_id, l.kind,"
                        + " l.letter_date, l.received_date, l.subject, l.deleted_at IS NOT NULL, l.superseded_by, l.updated_at"
                        + " FROM letter l WHERE l.zaak_number = :n ORDER BY l.letter_date NULLS LAST, l.stored_at")
                .setParameter("n", number).getResultList()).stream()
                .map(r -> new StoredLetter(((Number) r[0]).longValue(), (String) r[1], LetterKind.valueOf((String) r[2]),
                        date(r[3]), date(r[4]), (String) r[5], (Boolean) r[6], (String) r[7], instant(r[8])))
                .toList();
        List<StoredLetter> live = letters.stream().filter(l -> !l.deleted()).toList();
        Optional<StoredLetter> answer = latest(live, LetterKind.ANSWER);
        Optional<StoredLetter> further = latest(live, LetterKind.FURTHER_ANSWER);
        Optional<StoredLetter> answerer = answer.or(() -> further);
        // the letter that stands for the zaak, as ZaakRecorder.primary chose it when the zaak's letters were written
        long primary = zaak.primaryLetterId == null ? -1 : zaak.primaryLetterId;
        long answerId = answer.map(StoredLetter::id).orElse(-1L);
        long furtherId = further.map(StoredLetter::id).orElse(-1L);
        List<Object[]> parts = em.createNativeQuery(
                        "SELECT 'q' AS part, q.position, q.number AS a, q.text AS b, 0 AS letter FROM question q"
                        + " WHERE q.letter_id = :primary"
                        + " UNION ALL SELECT CASE WHEN x.letter_id = :answer THEN 'A' ELSE 'F' END, x.position,"
                        + " CAST(x.question_numbers AS text), x.text, 0 FROM answer x WHERE x.letter_id IN (:answer, :further)"
                        + " UNION ALL SELECT 'm', la.position, m.name, m.party, 0 FROM letter_asker la"
                        + " JOIN member m ON m.id = la.member_id WHERE la.letter_id = :primary"
                        + " UNION ALL SELECT 'o', ad.position, o.title, NULL, 0 FROM letter_addressee ad"
                        + " JOIN office o ON o.id = ad.office_id WHERE ad.letter_id = :primary"
                        + " UNION ALL SELECT 'b', an.position, o.title, NULL, 0 FROM letter_answerer an"
                        + " JOIN office o ON o.id = an.office_id WHERE an.letter_id = :answerer"
                        // the persons: who answered (the answering letter), who was addressed (every live letter:
                        // the primary letter's own, else one whose source named them, the TK's)
                        + " UNION ALL SELECT CASE WHEN lo.relation = 'ANSWERED' THEN 'p' ELSE 'd' END, lo.position, lo.office,"
                        + " p.name, lo.letter_id FROM letter_official lo LEFT JOIN person p ON p.id = lo.person_id"
                        + " WHERE (lo.letter_id = :answerer AND lo.relation = 'ANSWERED')"
                        + " OR (lo.letter_id IN (:live) AND lo.relation = 'ADDRESSED')"
                        + " ORDER BY 1, 5, 2")
                .setParameter("primary", primary).setParameter("answer", answerId).setParameter("further", furtherId)
                .setParameter("answerer", answerer.map(StoredLetter::id).orElse(-1L))
                .setParameter("live", live.isEmpty() ? List.of(-1L) : live.stream().map(StoredLetter::id).toList())
                .getResultList();
        List<String[]> printed = new ArrayList<>();
        List<AnswerRef> answers = new ArrayList<>();
        List<AnswerRef> furtherAnswers = new ArrayList<>();
        List<MemberView> askers = new ArrayList<>();
        List<String> addressees = new ArrayList<>();
        List<String> answeredBy = new ArrayList<>();
        List<Person.InOffice> answeredByOfficials = new ArrayList<>();
        java.util.Map<Long, List<Person.InOffice>> addressedByLetter = new java.util.HashMap<>();
        for (Object[] p : parts) {
            String a = (String) p[2];
            String b = (String) p[3];
            switch ((String) p[0]) {
                case "q" -> printed.add(new String[] {a, b});
                case "A" -> answers.add(new AnswerRef(strings(a), b, answer.get().documentId()));
                case "F" -> furtherAnswers.add(new AnswerRef(strings(a), b, further.get().documentId()));
                case "m" -> askers.add(new MemberView(a, b == null || b.isEmpty() ? null : b));
                case "o" -> addressees.add(a);
                case "b" -> answeredBy.add(a);
                case "p" -> answeredByOfficials.add(new Person.InOffice(b, a));
                default -> addressedByLetter.computeIfAbsent(((Number) p[4]).longValue(), k -> new ArrayList<>())
                        .add(new Person.InOffice(b, a));
            }
        }
        List<QuestionWithAnswer> questions = printed.stream().map(q -> new QuestionWithAnswer(q[0], q[1],
                answerTo(answers, q[0]), answerTo(furtherAnswers, q[0]))).toList();
        List<DocumentRef> documents = letters.stream()
                .map(l -> new DocumentRef(l.documentId(), l.kind(), l.letterDate(), l.subject(), l.deleted())).toList();
        ZaakView view = new ZaakView(zaak.number, zaak.status.name(), zaak.subject, zaak.submittedDate, zaak.deadline,
                zaak.answeredDate, zaak.replyDays, zaak.postponed, zaak.state().overdueWithoutPostponement(today),
                askers, addressees, answeredBy, documents, questions, answeredByOfficials,
                addressedTo(primary, live, addressedByLetter));
        return Optional.of(new Read(view, letters));
    }

    /** The addressees as persons: the primary letter's own if it names one, else those of the first letter that does. */
    private static List<Person.InOffice> addressedTo(long primary, List<StoredLetter> live,
            java.util.Map<Long, List<Person.InOffice>> byLetter) {
        List<Person.InOffice> own = byLetter.getOrDefault(primary, List.of());
        if (own.stream().anyMatch(p -> p.name() != null)) {
            return own;
        }
        return live.stream().map(l -> byLetter.getOrDefault(l.id(), List.of()))
                .filter(list -> list.stream().anyMatch(p -> p.name() != null)).findFirst().orElse(own);
    }

    /** The first answer (in printed order) that covers this question number. */
    private static AnswerRef answerTo(List<AnswerRef> answers, String number) {
        return answers.stream().filter(a -> a.questionNumbers().contains(number)).findFirst().orElse(null);
    }

    private static Optional<StoredLetter> latest(List<StoredLetter> letters, LetterKind kind) {
        // of two copies of one document (TK PDF and KOOP XML) the XML's answers count
        return letters.stream().filter(l -> l.kind() == kind)
                .max(Comparator.comparing((StoredLetter l) -> l.supersededBy() == null).thenComparing(StoredLetter::updatedAt));
    }

    private static List<String> strings(String json) {
        try {
            return List.copyOf(LISTS.readValue(json, STRINGS));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an answer's question numbers are not a JSON list: " + json, e);
        }
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
