package nl.kamerstroom.store.zaak;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * When a zaak's answer is due and whether it is late: the one place this rule lives.
 *
 * <p>The rule, and where it comes from:
 * <ul>
 * <li>Written questions are answered within <b>three weeks</b> of submission (Reglement van Orde
 *     van de Tweede Kamer, chapter "Het vragen van inlichtingen aan de regering"). The deadline is
 *     the submission date plus 21 calendar days; the answer is late from the day after.</li>
 * <li>A minister who cannot answer in time says so with reasons in a postponement notice
 *     (Document.Soort {@code Mededeling (uitstel antwoord)}). The Tweede Kamer's weekly list of late
 *     answers then counts the answer late only after <b>six weeks</b> from submission, so a
 *     postponement sets the deadline to submission plus 42 days. Further postponements do not move
 *     it again (the list knows no third term), and a postponement that arrives after the three weeks
 *     still extends it, but it is remembered as late ({@link Term#postponedInTime()}).</li>
 * <li>The first answer ends the term; a further answer (nader) does not change how late the first
 *     one was. A further answer without an earlier answer is the answer.</li>
 * <li>A withdrawal ends the term: a withdrawn zaak is never overdue, nor answered.</li>
 * <li>Without a known submission date there is no deadline and nothing is called late.</li>
 * <li>Days are Dutch calendar days ({@link #DUTCH_TIME}); "as of" a date means with only the
 *     letters that had arrived by the end of that day.</li>
 * </ul>
 * A pure function of the facts and a date, so that a figure "as of 1 October" and a replay into an
 * empty database give what was known then.
 */
public final class AnswerTerm {

    /** The days the rule counts in. */
    public static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");
    /** Three weeks from submission. */
    public static final int TERM_DAYS = 21;
    /** Six weeks from submission, once a postponement notice was sent. */
    public static final int EXTENDED_TERM_DAYS = 42;

    /** Where a zaak stands on a given day. */
    public enum Standing {
        /** No submission date known: no deadline, never late. */
        NO_TERM,
        /** Not answered, deadline not passed. */
        OPEN,
        /** Not answered, deadline passed. */
        OVERDUE,
        ANSWERED_IN_TIME,
        ANSWERED_LATE,
        WITHDRAWN
    }

    /**
     * What the rule needs to know of one zaak: the days on which things arrived. Lists may hold
     * {@code null}s and be in any order.
     */
    public record Facts(LocalDate submitted, Collection<LocalDate> postponements, Collection<LocalDate> answers,
            Collection<LocalDate> withdrawals) {

        public Facts {
            postponements = clean(postponements);
            answers = clean(answers);
            withdrawals = clean(withdrawals);
        }

        private static List<LocalDate> clean(Collection<LocalDate> days) {
            return days == null ? List.of()
                    : days.stream().filter(Objects::nonNull).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /**
     * @param deadline        the last day for the answer as known on the day asked; {@code null} without a submission date
     * @param postponed       whether a postponement notice had arrived
     * @param postponedInTime whether the first postponement arrived within the three weeks
     * @param standing        where the zaak stood that day
     * @param answered        the day the (first) answer arrived, if it had
     * @param replyDays       days from submission to answer, if both are known
     * @param daysLate        days past the deadline: of the answer when answered late, up to that day when overdue; else 0
     */
    public record Term(LocalDate deadline, boolean postponed, boolean postponedInTime, Standing standing,
            LocalDate answered, Integer replyDays, int daysLate) {

        public boolean late() {
            return standing == Standing.OVERDUE || standing == Standing.ANSWERED_LATE;
        }
    }

    private AnswerTerm() {
    }

    /** Today as the rule counts days. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(DUTCH_TIME));
    }

    /** Where the zaak stood at the end of {@code asOf}, knowing only what had arrived by then. */
    public static Term evaluate(Facts facts, LocalDate asOf) {
        LocalDate answered = firstOnOrBefore(facts.answers(), asOf);
        LocalDate withdrawn = firstOnOrBefore(facts.withdrawals(), asOf);
        // the deadline an answer is measured against is the one known on the day it came
        LocalDate decisive = answered != null ? answered : asOf;
        LocalDate firstPostponement = firstOnOrBefore(facts.postponements(), decisive);
        boolean postponed = firstPostponement != null;
        LocalDate submitted = facts.submitted();
        if (submitted == null) {
            Standing standing = withdrawn != null && (answered == null || withdrawn.isBefore(answered))
                    ? Standing.WITHDRAWN : Standing.NO_TERM;
            return new Term(null, postponed, false, standing, answered, null, 0);
        }
        LocalDate baseDeadline = submitted.plusDays(TERM_DAYS);
        LocalDate deadline = postponed ? submitted.plusDays(EXTENDED_TERM_DAYS) : baseDeadline;
        boolean postponedInTime = postponed && !firstPostponement.isAfter(baseDeadline);
        Integer replyDays = answered == null ? null : daysBetween(submitted, answered);

        if (withdrawn != null && (answered == null || withdrawn.isBefore(answered))) {
            return new Term(deadline, postponed, postponedInTime, Standing.WITHDRAWN, null, null, 0);
        }
        if (answered != null) {
            int late = daysBetween(deadline, answered);
            return new Term(deadline, postponed, postponedInTime,
                    late > 0 ? Standing.ANSWERED_LATE : Standing.ANSWERED_IN_TIME, answered, replyDays, late);
        }
        int overdueDays = daysBetween(deadline, asOf);
        return new Term(deadline, postponed, postponedInTime, overdueDays > 0 ? Standing.OVERDUE : Standing.OPEN,
                null, null, overdueDays);
    }

    /** The first day after the deadline with no answer: when a zaak becomes overdue, as things stand. */
    public static LocalDate firstOverdueDay(Term term) {
        return term.deadline() == null ? null : term.deadline().plusDays(1);
    }

    /** Whole days from one to the other, 0 if not after; bounded so that "as of the end of time" works. */
    private static int daysBetween(LocalDate from, LocalDate to) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, ChronoUnit.DAYS.between(from, to)));
    }

    private static LocalDate firstOnOrBefore(Collection<LocalDate> sortedDays, LocalDate day) {
        for (LocalDate d : sortedDays) {
            return d.isAfter(day) ? null : d;
        }
        return null;
    }
}
