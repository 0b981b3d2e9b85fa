package nl.kamerstroom.store.zaak;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import nl.kamerstroom.events.LetterKind;

/**
 * A zaak's state, derived from the letters stored for it and never from the order they arrived
 * in: an answer that arrives before its questions gives the same state as the other way round.
 * A pure function, so that a replay of the whole topic gives the same state as the live run.
 */
public final class ZaakLifecycle {

    public enum Status { ASKED, POSTPONED, ANSWERED, FURTHER_ANSWERED, WITHDRAWN }

    /** What the lifecycle needs to know of one letter. {@code deleted} letters were removed at the source. */
    public record LetterFacts(LetterKind kind, LocalDate submittedDate, LocalDate letterDate, LocalDate receivedDate,
            boolean deleted) {

        /** The day the letter reached the Kamer: the received date where printed, else its own date. */
        LocalDate arrived() {
            return receivedDate != null ? receivedDate : letterDate;
        }
    }

    /**
     * @param status        where the zaak is now
     * @param submittedDate when the questions were submitted
     * @param deadline      the answer deadline by {@link AnswerTerm}: three weeks after submission, six after a postponement
     * @param answeredDate  when the (first) answer arrived
     * @param replyDays     days from submission to answer
     * @param postponed     whether a postponement notice was sent
     */
    public record State(Status status, LocalDate submittedDate, LocalDate deadline, LocalDate answeredDate,
            Integer replyDays, boolean postponed) {

        /** Open past its deadline with no postponement notice sent: the case the Kamer complains about. */
        public boolean overdueWithoutPostponement(LocalDate today) {
            return status == Status.ASKED && deadline != null && today.isAfter(deadline);
        }

        public boolean open() {
            return status == Status.ASKED || status == Status.POSTPONED;
        }
    }

    private ZaakLifecycle() {
    }

    public static State derive(Collection<LetterFacts> all) {
        var letters = all.stream().filter(l -> !l.deleted()).toList();
        LocalDate submitted = letters.stream().map(LetterFacts::submittedDate).filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .or(() -> first(letters, LetterKind.QUESTIONS))
                .orElse(null);
        Optional<LocalDate> answered = first(letters, LetterKind.ANSWER).or(() -> first(letters, LetterKind.FURTHER_ANSWER));
        boolean postponed = letters.stream().anyMatch(l -> l.kind() == LetterKind.POSTPONEMENT);
        // the deadline as things stand now, by the one rule (AnswerTerm)
        LocalDate deadline = AnswerTerm.evaluate(facts(submitted, letters), LocalDate.MAX).deadline();

        Status status;
        if (has(letters, LetterKind.WITHDRAWAL)) {
            status = Status.WITHDRAWN;
        } else if (has(letters, LetterKind.FURTHER_ANSWER)) {
            status = Status.FURTHER_ANSWERED;
        } else if (has(letters, LetterKind.ANSWER)) {
            status = Status.ANSWERED;
        } else if (postponed) {
            status = Status.POSTPONED;
        } else {
            status = Status.ASKED;
        }
        Integer replyDays = submitted != null && answered.isPresent()
                ? (int) ChronoUnit.DAYS.between(submitted, answered.get()) : null;
        return new State(status, submitted, deadline, answered.orElse(null), replyDays, postponed);
    }

    /** The facts {@link AnswerTerm} decides on, from a zaak's live letters. */
    public static AnswerTerm.Facts facts(LocalDate submitted, Collection<LetterFacts> letters) {
        return new AnswerTerm.Facts(submitted, arrivals(letters, LetterKind.POSTPONEMENT),
                letters.stream().filter(l -> l.kind() == LetterKind.ANSWER || l.kind() == LetterKind.FURTHER_ANSWER)
                        .map(LetterFacts::arrived).toList(),
                arrivals(letters, LetterKind.WITHDRAWAL));
    }

    private static java.util.List<LocalDate> arrivals(Collection<LetterFacts> letters, LetterKind kind) {
        return letters.stream().filter(l -> l.kind() == kind).map(LetterFacts::arrived).toList();
    }

    private static boolean has(Collection<LetterFacts> letters, LetterKind kind) {
        return letters.stream().anyMatch(l -> l.kind() == kind);
    }

    private static Optional<LocalDate> first(Collection<LetterFacts> letters, LetterKind kind) {
        return letters.stream().filter(l -> l.kind() == kind).map(LetterFacts::arrived).filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }
}
