package nl.kamerstroom.events;

import java.time.LocalDate;
import java.util.List;

/**
 * The structure the parser reads out of one letter; also what {@code POST /api/parse} answers.
 * Question numbers are the printed ones ("7", "2a"), never positions.
 *
 * <p>{@link #answeredBy()} names offices only ("Minister van Justitie en Veiligheid"), as it always
 * has; {@link #answeredByOfficials()} (added 2026-12, empty in older events) names the persons who
 * answered with the office each held, in the same order where both are known. A consumer that wants
 * the person reads the second and falls back to the first.
 */
public record ParsedLetter(
        LetterKind kind,
        String documentNumber,
        List<String> zaakNumbers,
        String ourReference,
        String subject,
        LocalDate submittedDate,
        LocalDate receivedDate,
        LocalDate letterDate,
        List<Member> askers,
        List<String> addressees,
        List<String> answeredBy,
        List<Question> questions,
        List<Answer> answers,
        List<Footnote> footnotes,
        List<String> warnings,
        List<String> reviewReasons,
        List<Official> answeredByOfficials) {

    /**
     * A letter without {@link #answeredByOfficials()}: what parsers before 2026-12 wrote, and still
     * the form for letters whose answering persons are not known.
     */
    public ParsedLetter(LetterKind kind, String documentNumber, List<String> zaakNumbers, String ourReference,
            String subject, LocalDate submittedDate, LocalDate receivedDate, LocalDate letterDate, List<Member> askers,
            List<String> addressees, List<String> answeredBy, List<Question> questions, List<Answer> answers,
            List<Footnote> footnotes, List<String> warnings, List<String> reviewReasons) {
        this(kind, documentNumber, zaakNumbers, ourReference, subject, submittedDate, receivedDate, letterDate, askers,
                addressees, answeredBy, questions, answers, footnotes, warnings, reviewReasons, List.of());
    }

    public ParsedLetter {
        zaakNumbers = copy(zaakNumbers);
        askers = copy(askers);
        addressees = copy(addressees);
        answeredBy = copy(answeredBy);
        questions = copy(questions);
        answers = copy(answers);
        footnotes = copy(footnotes);
        warnings = copy(warnings);
        reviewReasons = copy(reviewReasons);
        answeredByOfficials = copy(answeredByOfficials);
    }

    /**
     * Whether a person should look at this letter: the parser had to infer structure, left text
     * uncovered or met a heading it could not read. {@link #reviewReasons()} says why; warnings
     * that do not put the structure in doubt (a date taken from "uw brief van") are not reasons.
     */
    public boolean needsReview() {
        return !reviewReasons.isEmpty();
    }

    /** The zaak this letter belongs to first; {@code null} when it names none. */
    public String primaryZaak() {
        return zaakNumbers.isEmpty() ? null : zaakNumbers.get(0);
    }

    /**
     * This letter with the zaak numbers its source linked it to added after the ones printed in
     * it. The Aanhangsel and many KOOP documents print no zaak number; the Tweede Kamer's own link
     * is what ties them to the zaak their questions belong to, so that one zaak is stored once.
     */
    public ParsedLetter withSourceZaken(List<String> sourceZaken) {
        if (sourceZaken == null || zaakNumbers.containsAll(sourceZaken)) {
            return this;
        }
        List<String> merged = new java.util.ArrayList<>(zaakNumbers);
        sourceZaken.stream().filter(z -> z != null && !merged.contains(z)).forEach(merged::add);
        return new ParsedLetter(kind, documentNumber, merged, ourReference, subject, submittedDate, receivedDate,
                letterDate, askers, addressees, answeredBy, questions, answers, footnotes, warnings, reviewReasons,
                answeredByOfficials);
    }

    /** The answer that covers the question with this printed number, if any. */
    public Answer answerTo(String questionNumber) {
        return answers.stream().filter(a -> a.questionNumbers().contains(questionNumber)).findFirst().orElse(null);
    }

    /** A member of parliament who asked: surname as printed, party as printed. */
    public record Member(String name, String party) {
    }

    /** One question with its printed number and the footnote numbers it cites. */
    public record Question(String number, String text, List<String> footnotes) {
        public Question {
            footnotes = copy(footnotes);
        }
    }

    /** One answer, covering one or more questions ("Antwoord op vragen 7 en 8"). */
    public record Answer(List<String> questionNumbers, String text, List<String> footnotes) {
        public Answer {
            questionNumbers = copy(questionNumbers);
            footnotes = copy(footnotes);
        }
    }

    /** A footnote's text and the first URL in it. */
    public record Footnote(String number, String text, String url) {
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
